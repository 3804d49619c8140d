import type { DriverEvents } from '../../driver/index.js';
import type { TypedEmitter } from '../../events/typed-emitter.js';
import type { SandboxWorld } from './sandbox-world.js';

/** What the sandbox driver lends its helpers: the world, its emitter, and its cancellable timers. */
export interface SandboxContext {
  readonly world: SandboxWorld;
  readonly emit: TypedEmitter<DriverEvents>['emit'];
  /** Runs `action` after `ms` unless the driver stops first. */
  later(ms: number, action: () => void): void;
  /** A message from `chatId` arrives (used for the contacts' echo). */
  receive(chatId: string, body: string): void;
}
