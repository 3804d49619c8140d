import { Compile } from 'typebox/compile';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/index.js';
import { SANDBOX_CONTACTS, createSandboxDriverFactory, type SandboxDriverFactory } from '../drivers/sandbox/index.js';
import { GatewayError } from '../errors.js';
import { EventLog, recordSessionEvents } from '../events/index.js';
import { Session } from '../session/index.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { OPERATIONS, runOperation, type Operation, type OperationContext } from './index.js';

const byName = (name: string): Operation => {
  const operation = OPERATIONS.find((op) => op.name === name);
  if (!operation) throw new Error(`no operation ${name}`);
  return operation;
};

/** Runs an operation and checks its result against the operation's own output schema. */
async function run(context: OperationContext, name: string, input: unknown = {}): Promise<any> {
  const operation = byName(name);
  const result = await runOperation(operation, context, input);
  const validator = Compile(operation.output);
  expect(validator.Check(result), `${name} output: ${JSON.stringify([...validator.Errors(result)][0])}`).toBe(true);
  return result;
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('operations against the sandbox', () => {
  let factory: SandboxDriverFactory;
  let context: OperationContext;

  beforeEach(() => {
    const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-ops' });
    factory = createSandboxDriverFactory({ linkDelayMs: 20, echoDelayMs: 10 });
    const session = new Session({ factory, logger: silentLogger(), timeouts: { startMs: 2000, callMs: 1000, readyWaitMs: 2000, shutdownMs: 1000 } });
    const events = new EventLog({ capacity: 100 });
    recordSessionEvents(session, events);
    context = { session, config, logger: silentLogger(), events };
  });

  const link = async () => {
    factory.world.linked = true;
    await context.session.waitUntilReady();
  };

  it('the catalog starts with the seven operations of the contract, each input an object that refuses extra fields', () => {
    expect(OPERATIONS.slice(0, 7).map((op) => `whatsapp_${op.name}`)).toEqual([
      'whatsapp_status',
      'whatsapp_start_auth',
      'whatsapp_pairing_code',
      'whatsapp_send_message',
      'whatsapp_list_chats',
      'whatsapp_read_messages',
      'whatsapp_logout',
    ]);
    for (const op of OPERATIONS) {
      expect(op.input).toMatchObject({ type: 'object', additionalProperties: false });
      expect(op.summary.length).toBeGreaterThan(10);
      expect(op.description.length).toBeGreaterThan(40);
    }
    expect(byName('logout').hints.destructive).toBe(true);
    expect(byName('send_message').hints).toMatchObject({ readOnly: false, openWorld: true });
    expect(byName('status').hints.readOnly).toBe(true);
  });

  it('every documented example is valid against its own schemas', () => {
    for (const op of OPERATIONS) {
      const input = Compile(op.input);
      const output = Compile(op.output);
      expect(input.Check(op.example.input), `${op.name} example input`).toBe(true);
      expect(output.Check(op.example.output), `${op.name} example output: ${JSON.stringify([...output.Errors(op.example.output)][0])}`).toBe(true);
    }
  });

  it('status reports the contract fields and never starts the client', async () => {
    const create = factory.create;
    let created = 0;
    factory.create = () => {
      created += 1;
      return create();
    };
    const status = await run(context, 'status');
    expect(status).toMatchObject({
      state: 'stopped',
      ready: false,
      authenticated: false,
      auth_dir: '/tmp/wa-ops',
      has_qr: false,
      last_error: null,
      account: null,
      driver: 'sandbox',
    });
    expect(created).toBe(0);
  });

  it('start_auth starts once and reports a QR', async () => {
    const first = await run(context, 'start_auth');
    expect(first).toMatchObject({ state: 'qr', has_qr: true });
    const second = await run(context, 'start_auth');
    expect(second.state).toBe('qr');
    expect(second.has_qr).toBe(true);
  });

  it('converts scalars the way clients send them: a numeric phone number, a string limit', async () => {
    await link();
    const sent = await run(context, 'send_message', { phone_number: 15550100001, message: 'numeric number' });
    expect(sent.chat_id).toBe('15550100001@c.us');
    const read = await run(context, 'read_messages', { phone_number: '15550100001', limit: '2' });
    expect(read.count).toBe(2);
  });

  it('send_message sends text and returns the contract result', async () => {
    await link();
    const result = await run(context, 'send_message', { phone_number: '+1 555 010 0001', message: 'hello' });
    expect(result).toMatchObject({ ok: true, to: '15550100001', chat_id: '15550100001@c.us' });
    expect(result.message_id).toMatch(/^true_15550100001@c\.us_/);
    expect(new Date(result.timestamp).toISOString()).toBe(result.timestamp);
  });

  it('send_message accepts chat_id, including groups', async () => {
    await link();
    const result = await run(context, 'send_message', { chat_id: SANDBOX_CONTACTS.team, message: 'hi team' });
    expect(result).toMatchObject({ chat_id: SANDBOX_CONTACTS.team, to: '120363000000000001' });
    const unknownGroup = await failure(run(context, 'send_message', { chat_id: '999999999999@g.us', message: 'x' }));
    expect(unknownGroup.code).toBe('chat_not_found');
  });

  it('list_chats is most recent first and honours limit', async () => {
    await link();
    await run(context, 'send_message', { phone_number: '15550100002', message: 'latest' });
    const result = await run(context, 'list_chats', { limit: 2 });
    expect(result.count).toBe(2);
    expect(result.chats[0]).toMatchObject({ id: SANDBOX_CONTACTS.bob, is_group: false, last_message: { body: 'latest', from_me: true } });
    const all = await run(context, 'list_chats');
    const stamps = all.chats.map((c: { timestamp: number }) => c.timestamp);
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
  });

  it('read_messages returns the chat and its messages oldest first', async () => {
    await link();
    await run(context, 'send_message', { phone_number: '15550100001', message: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const result = await run(context, 'read_messages', { phone_number: '15550100001', limit: 3 });
    expect(result.chat.id).toBe('15550100001@c.us');
    expect(result.messages.map((m: { body: string }) => m.body)).toEqual([
      'Hi! This is the sandbox. Send me anything and I echo it back.',
      'ping',
      'Echo: ping',
    ]);
    expect(result.count).toBe(3);
  });

  it('read_messages on an unknown chat is chat_not_found', async () => {
    await link();
    expect((await failure(run(context, 'read_messages', { phone_number: '15559999999' }))).code).toBe('chat_not_found');
  });

  it('validates input before any browser work', async () => {
    let created = 0;
    const create = factory.create;
    factory.create = () => {
      created += 1;
      return create();
    };
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['send_message', {}, 'invalid_input', /message is required/],
      ['send_message', { phone_number: '15551234567' }, 'invalid_input', /message is required/],
      ['send_message', { phone_number: '15551234567', message: '' }, 'invalid_input', /message/],
      ['send_message', { phone_number: { digits: '15551234567' }, message: 'x' }, 'invalid_input', /phone_number must be string/],
      ['send_message', { phone_number: '123', message: 'x' }, 'invalid_phone_number', /8 to 15 digits/],
      ['send_message', { message: 'x' }, 'invalid_input', /phone_number \(or chat_id\) is required/],
      ['send_message', { phone_number: '15551234567', chat_id: '15551234567@c.us', message: 'x' }, 'invalid_input', /not both/],
      ['send_message', { chat_id: 'nobody', message: 'x' }, 'invalid_chat_id', /WhatsApp chat id/],
      ['send_message', { phone_number: '15551234567', message: 'x', extra: 1 }, 'invalid_input', /extra is not an accepted field/],
      ['list_chats', { limit: 0 }, 'invalid_input', /limit must be >= 1/],
      ['list_chats', { limit: 101 }, 'invalid_input', /limit must be <= 100/],
      ['list_chats', { limit: 2.5 }, 'invalid_input', /limit must be integer/],
      ['read_messages', { phone_number: '15551234567', limit: 'five' }, 'invalid_input', /limit/],
      ['pairing_code', {}, 'invalid_input', /phone_number is required/],
      ['status', [], 'invalid_input', /must be object/],
    ];
    for (const [name, input, code, message] of cases) {
      const error = await failure(run(context, name, input));
      expect(error.code, `${name} ${JSON.stringify(input)}`).toBe(code);
      expect(error.message, `${name} ${JSON.stringify(input)}`).toMatch(message);
    }
    expect(created).toBe(0);
  });

  it('send fails with session_not_linked while a QR waits for the phone', async () => {
    factory = createSandboxDriverFactory({ linkDelayMs: 60_000 });
    context = { ...context, session: new Session({ factory, logger: silentLogger(), timeouts: { startMs: 2000, callMs: 1000, readyWaitMs: 2000, shutdownMs: 1000 } }) };
    const error = await failure(run(context, 'send_message', { phone_number: '15550100001', message: 'x' }));
    expect(error).toMatchObject({ code: 'session_not_linked', kind: 'not_ready', retryAfterSeconds: 5 });
  });

  it('pairing_code returns a code and instructions, then already_authenticated once linked', async () => {
    const result = await run(context, 'pairing_code', { phone_number: '+1 555 123 4567' });
    expect(result).toMatchObject({ already_authenticated: false, phone_number: '15551234567', code: expect.stringMatching(/^[A-Z0-9]{8}$/) });
    expect(result.instructions).toMatch(/Linked devices/);
    await vi.waitFor(() => expect(context.session.state).toBe('ready'));
    const again = await run(context, 'pairing_code', { phone_number: '15551234567' });
    expect(again).toMatchObject({ already_authenticated: true, code: null, status: { state: 'ready' } });
  });

  it('logout returns ok and ends stopped', async () => {
    await link();
    expect(await run(context, 'logout')).toEqual({ ok: true });
    expect((await run(context, 'status')).state).toBe('stopped');
  });
});
