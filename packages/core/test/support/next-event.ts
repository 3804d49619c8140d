import type { TypedEmitter, EventMap } from '../../src/events/typed-emitter.js';

/** Resolves with the arguments of the next `event` matching `accept`, or rejects after `timeoutMs`. */
export function nextEvent<Events extends EventMap, E extends keyof Events & string>(
  emitter: TypedEmitter<Events>,
  event: E,
  accept: (...args: Parameters<Events[E]>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<Events[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = ((...args: Parameters<Events[E]>) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      off();
      resolve(args);
    }) as Events[E];
    const off = emitter.on(event, listener);
  });
}
