import { EventEmitter } from 'node:events';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node's EventEmitter takes any listener.
type Listener = (...args: any[]) => void;
export type EventMap = { [event: string]: Listener };

/**
 * A thin typed facade over Node's EventEmitter. Listener exceptions are contained and reported
 * through `onListenerError` so one faulty subscriber (a transport) cannot break the emitter's owner.
 */
export class TypedEmitter<Events extends EventMap> {
  readonly #emitter = new EventEmitter();
  #onListenerError: (error: unknown, event: string) => void = () => {};

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  setListenerErrorHandler(handler: (error: unknown, event: string) => void): void {
    this.#onListenerError = handler;
  }

  on<E extends keyof Events & string>(event: E, listener: Events[E]): () => void {
    this.#emitter.on(event, listener as Listener);
    return () => this.off(event, listener);
  }

  once<E extends keyof Events & string>(event: E, listener: Events[E]): () => void {
    this.#emitter.once(event, listener as Listener);
    return () => this.off(event, listener);
  }

  off<E extends keyof Events & string>(event: E, listener: Events[E]): void {
    this.#emitter.off(event, listener as Listener);
  }

  emit<E extends keyof Events & string>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of this.#emitter.listeners(event)) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
  }

  removeAllListeners(): void {
    this.#emitter.removeAllListeners();
  }
}
