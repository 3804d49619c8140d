import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@wa/source` export
// condition, so tests never need a build first.
const resolveSource = { resolve: { conditions: ['@wa/source'] } };

/**
 * whatsapp-web.js fires promises nobody awaits (re-inject after a navigation, the pairing-code
 * refresh loop); when a test closes the browser mid-flight they reject with a puppeteer
 * "Target closed". The gateway process keeps running through these (its unhandledRejection
 * handler logs them); the real-browser tests tolerate exactly these and nothing else.
 */
function isLibraryFireAndForget(error: unknown): boolean {
  const text = JSON.stringify(error) ?? '';
  const name = (error as { name?: string }).name ?? '';
  return (
    /^(TargetCloseError|ProtocolError)$/.test(name) &&
    /Target closed|Session closed|Execution context was destroyed|detached Frame/.test(text) &&
    text.includes('whatsapp-web.js/src/')
  );
}

export default defineConfig({
  ssr: resolveSource,
  test: {
    onUnhandledError: (error) => {
      if (!isLibraryFireAndForget(error)) return;
      console.warn(`tolerated a fire-and-forget rejection inside whatsapp-web.js: ${(error as Error).message}`);
      return false;
    },
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
