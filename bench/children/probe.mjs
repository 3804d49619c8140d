// Preloaded into each benchmarked server process (`node --import <this file> ...`). It answers the
// benchmark's questions over the IPC channel: CPU time and memory of this process (so CPU is
// measured per server, not per machine), a forced GC when run with --expose-gc, and which
// browser-driver modules are loaded. Without an IPC channel (plain `node main.js`) it does nothing.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** CommonJS module cache: whatsapp-web.js (CommonJS) and its puppeteer land here when loaded. */
const moduleCache = require('node:module')._cache ?? {};
const DRIVER_MODULES = /[\\/]node_modules[\\/](whatsapp-web\.js|puppeteer|puppeteer-core)[\\/]/;

function snapshot() {
  return { cpu: process.cpuUsage(), memory: process.memoryUsage(), gcAvailable: typeof globalThis.gc === 'function' };
}

async function collectGarbage() {
  if (typeof globalThis.gc !== 'function') return;
  // Two full collections with a turn of the event loop between them: finalizers and weak
  // references freed by the first are collected by the second.
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || message.bench !== true) return;
    const answer = async () => {
      if (message.op === 'gc') await collectGarbage();
      const reply = { bench: true, id: message.id, ...snapshot() };
      if (message.op === 'modules') reply.driverModules = Object.keys(moduleCache).filter((path) => DRIVER_MODULES.test(path));
      process.send?.(reply);
    };
    void answer();
  });
  // The channel must not keep the server alive on its own: the server decides when to exit.
  process.channel?.unref();
}
