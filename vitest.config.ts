import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@wa/source` export
// condition, so tests never need a build first.
const resolveSource = { resolve: { conditions: ['@wa/source'] } };

export default defineConfig({
  ssr: resolveSource,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.chromium.test.ts'],
        },
      },
      {
        // Real Chromium: each file starts browsers (~0.7 GB, 1.5-2.5 s each), so run them one at a time.
        extends: true,
        test: {
          name: 'chromium',
          include: ['packages/*/test/**/*.chromium.test.ts', 'apps/*/test/**/*.chromium.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
