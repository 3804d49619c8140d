import { vi } from 'vitest';
import type { DriverEvents } from '../src/driver/index.js';
import { createSandboxDriverFactory, SandboxWorld, type SandboxDriver } from '../src/drivers/sandbox/index.js';

type Recorded = { [E in keyof DriverEvents]: { event: E; args: Parameters<DriverEvents[E]> } }[keyof DriverEvents];

export interface LinkedSandbox {
  world: SandboxWorld;
  driver: SandboxDriver;
  /** Every event the driver emitted since linking, in order. */
  events: Recorded[];
  /** The first argument of every recorded `event`. */
  payloads<E extends keyof DriverEvents>(event: E): Array<Parameters<DriverEvents[E]>[0]>;
}

/** A sandbox driver that is linked and ready, on fake timers so delivery and echo run on demand. */
export async function linkedSandbox(echoDelayMs = 300): Promise<LinkedSandbox> {
  vi.useFakeTimers();
  const world = new SandboxWorld();
  const factory = createSandboxDriverFactory({ linkDelayMs: 60_000, echoDelayMs }, world);
  const driver = (await factory.create()) as SandboxDriver;
  await driver.start();
  driver.linkNow();
  const events: Recorded[] = [];
  const names: Array<keyof DriverEvents> = ['message', 'message_sent', 'message_ack', 'message_revoked', 'message_edited', 'message_reaction', 'chat_unread'];
  for (const event of names) driver.on(event, (...args: unknown[]) => events.push({ event, args } as Recorded));
  return {
    world,
    driver,
    events,
    payloads: <E extends keyof DriverEvents>(event: E) =>
      events.filter((recorded) => recorded.event === event).map((recorded) => recorded.args[0] as Parameters<DriverEvents[E]>[0]),
  };
}
