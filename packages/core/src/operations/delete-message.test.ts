import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/index.js';
import type { GroupInfo } from '../driver/index.js';
import { SANDBOX_ACCOUNT, SANDBOX_CONTACTS, createSandboxDriverFactory, type SandboxDriver } from '../drivers/sandbox/index.js';
import { EventLog } from '../events/index.js';
import { Session } from '../session/index.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { deleteMessageOperation } from './delete-message.js';
import type { OperationContext } from './operation.js';
import { runOperation } from './run-operation.js';

const { alice, team } = SANDBOX_CONTACTS;

describe('delete_message for everyone on someone else\'s group message', () => {
  let context: OperationContext;
  let driver: SandboxDriver;
  let theirs: string;
  let deleted: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    const factory = createSandboxDriverFactory({ linkDelayMs: 0 });
    factory.world.linked = true;
    const session = new Session({ factory, logger: silentLogger(), timeouts: { startMs: 2000, callMs: 1000, readyWaitMs: 2000, shutdownMs: 1000 } });
    context = { session, config: loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-delete' }), logger: silentLogger(), events: new EventLog({ capacity: 10 }) };
    await session.waitUntilReady();
    driver = factory.current!;
    theirs = factory.world.readMessages(team, 5).find((message) => !message.fromMe)!.id;
    // Stands in for WhatsApp accepting the revoke, so only the operation's own check can refuse.
    deleted = vi.fn(async () => undefined);
    driver.deleteMessage = deleted as SandboxDriver['deleteMessage'];
  });

  const withParticipants = (participants: GroupInfo['participants']) => {
    driver.getGroup = async (chatId) => ({ id: chatId, name: 'Team', description: null, owner: null, createdAt: null, participants });
  };

  it('refuses before asking WhatsApp when this account is a plain participant', async () => {
    withParticipants([{ id: SANDBOX_ACCOUNT.wid, isAdmin: false, isSuperAdmin: false }, { id: alice, isAdmin: true, isSuperAdmin: true }]);
    await expect(runOperation(deleteMessageOperation, context, { message_id: theirs, for_everyone: true })).rejects.toMatchObject({ code: 'not_allowed', message: /group admins/ });
    expect(deleted).not.toHaveBeenCalled();
  });

  it('lets an admin revoke it', async () => {
    withParticipants([{ id: SANDBOX_ACCOUNT.wid, isAdmin: true, isSuperAdmin: false }]);
    expect(await runOperation(deleteMessageOperation, context, { message_id: theirs, for_everyone: true })).toEqual({ ok: true, message_id: theirs, chat_id: team, for_everyone: true });
    expect(deleted).toHaveBeenCalledWith(theirs, true);
  });

  it('leaves the decision to WhatsApp when the account is not listed under its phone id', async () => {
    withParticipants([{ id: '201234567890123@lid', isAdmin: true, isSuperAdmin: true }]);
    await runOperation(deleteMessageOperation, context, { message_id: theirs, for_everyone: true });
    expect(deleted).toHaveBeenCalledWith(theirs, true);
  });

  it('always deletes for this account only when asked to', async () => {
    withParticipants([{ id: SANDBOX_ACCOUNT.wid, isAdmin: false, isSuperAdmin: false }]);
    expect(await runOperation(deleteMessageOperation, context, { message_id: theirs })).toMatchObject({ for_everyone: false });
    expect(deleted).toHaveBeenCalledWith(theirs, false);
  });
});
