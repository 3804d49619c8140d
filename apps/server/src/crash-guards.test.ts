import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { installCrashGuards, isBrowserLayerError } from './crash-guards.js';

describe('crash guards', () => {
  it('recognises failures of the browser layer by their stack or their puppeteer error names', () => {
    const fromLibrary = new Error('boom');
    fromLibrary.stack = 'Error: boom\n    at Client.inject (/app/node_modules/.pnpm/whatsapp-web.js@1.34.7/node_modules/whatsapp-web.js/src/Client.js:281:15)';
    expect(isBrowserLayerError(fromLibrary)).toBe(true);
    const targetClosed = new Error('Protocol error (Runtime.callFunctionOn): Target closed');
    targetClosed.name = 'TargetCloseError';
    expect(isBrowserLayerError(targetClosed)).toBe(true);
    expect(isBrowserLayerError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
  });

  it('keeps running after a browser-layer exception and exits after any other', () => {
    const before = { rejection: process.listenerCount('unhandledRejection'), exception: process.listenerCount('uncaughtException') };
    const exit = vi.fn();
    installCrashGuards(pino({ level: 'silent' }), exit);
    const exceptionListeners = process.listeners('uncaughtException');
    const guard = exceptionListeners.at(-1) as (error: Error) => void;
    try {
      const closed = new Error('Session closed. Most likely the page has been closed.');
      guard(closed);
      expect(exit).not.toHaveBeenCalled();
      guard(new RangeError('our own bug'));
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      process.removeListener('uncaughtException', guard);
      const rejection = process.listeners('unhandledRejection').at(-1) as (reason: unknown) => void;
      process.removeListener('unhandledRejection', rejection);
    }
    expect(process.listenerCount('uncaughtException')).toBe(before.exception);
    expect(process.listenerCount('unhandledRejection')).toBe(before.rejection);
  });
});
