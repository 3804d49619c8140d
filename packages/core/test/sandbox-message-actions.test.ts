import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_ACCOUNT, SANDBOX_CONTACTS } from '../src/drivers/sandbox/index.js';
import { linkedSandbox, type LinkedSandbox } from './sandbox-linked-driver.js';

const { alice, bob, team } = SANDBOX_CONTACTS;
const me = SANDBOX_ACCOUNT.wid;
const UNKNOWN_MESSAGE = 'false_15550100001@c.us_NOPE';

describe('sandbox driver: actions on messages and chats', () => {
  let sandbox: LinkedSandbox;
  const messagesOf = (chatId: string) => sandbox.driver.readMessages(chatId, 50);
  const lastOf = async (chatId: string) => (await messagesOf(chatId)).at(-1)!;

  afterEach(async () => {
    await sandbox.driver.stop();
    vi.useRealTimers();
  });

  it('sets, changes and clears its own reaction and reports each like WhatsApp does', async () => {
    sandbox = await linkedSandbox();
    const greeting = await lastOf(alice);
    await sandbox.driver.react(greeting.id, '👍');
    await sandbox.driver.react(greeting.id, '❤️');
    expect(sandbox.world.reactionsOn(greeting.id)).toEqual({ [me]: '❤️' });
    await sandbox.driver.react(greeting.id, '');
    expect(sandbox.world.reactionsOn(greeting.id)).toEqual({});
    expect(sandbox.payloads('message_reaction').map(({ messageId, chatId, senderId, reaction }) => ({ messageId, chatId, senderId, reaction }))).toEqual(
      ['👍', '❤️', ''].map((reaction) => ({ messageId: greeting.id, chatId: alice, senderId: me, reaction })),
    );
  });

  it('refuses reactions to unknown messages and to messages deleted for everyone', async () => {
    sandbox = await linkedSandbox();
    await expect(sandbox.driver.react(UNKNOWN_MESSAGE, '👍')).rejects.toMatchObject({ code: 'message_not_found' });
    const mine = await lastOf(bob);
    await sandbox.driver.deleteMessage(mine.id, true);
    await expect(sandbox.driver.react(mine.id, '👍')).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('records and reports a reaction from someone else (test knob)', async () => {
    sandbox = await linkedSandbox();
    const mine = await lastOf(bob);
    sandbox.driver.receiveReaction(mine.id, bob, bob, '😂');
    expect(sandbox.world.reactionsOn(mine.id)).toEqual({ [bob]: '😂' });
    expect(sandbox.payloads('message_reaction')).toEqual([expect.objectContaining({ messageId: mine.id, chatId: bob, senderId: bob, reaction: '😂' })]);
  });

  it('edits its own text message and reports the previous text', async () => {
    sandbox = await linkedSandbox();
    const mine = await lastOf(bob);
    const edited = await sandbox.driver.editMessage(mine.id, 'Yes, 8pm.');
    expect(edited).toEqual({ ...mine, body: 'Yes, 8pm.' });
    expect(await lastOf(bob)).toEqual(edited);
    expect(sandbox.payloads('message_edited')).toEqual([{ message: edited, previousBody: 'Yes, 7pm.' }]);
  });

  it('refuses to edit messages of others, its own media, and unknown messages', async () => {
    sandbox = await linkedSandbox();
    const theirs = await lastOf(alice);
    await expect(sandbox.driver.editMessage(theirs.id, 'changed')).rejects.toMatchObject({ code: 'not_allowed' });
    const photo = await sandbox.driver.sendMedia(bob, { data: Buffer.from('img'), mimetype: 'image/png', filename: null }, { caption: 'old' });
    await expect(sandbox.driver.editMessage(photo.id, 'new')).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(sandbox.driver.editMessage(UNKNOWN_MESSAGE, 'new')).rejects.toMatchObject({ code: 'message_not_found' });
    expect(sandbox.payloads('message_edited')).toEqual([]);
    expect((await lastOf(alice)).body).toBe(theirs.body);
  });

  it('deletes its own message for everyone, leaving a revoked placeholder without content', async () => {
    sandbox = await linkedSandbox();
    const photo = await sandbox.driver.sendMedia(bob, { data: Buffer.from('img'), mimetype: 'image/png', filename: null }, { caption: 'oops' });
    await sandbox.driver.deleteMessage(photo.id, true);
    expect(await sandbox.driver.getMessage(photo.id)).toMatchObject({ id: photo.id, type: 'revoked', body: '', hasMedia: false, media: null });
    expect((await lastOf(bob)).id).toBe(photo.id);
    expect(await sandbox.driver.downloadMedia(photo.id)).toBeNull();
    expect(sandbox.payloads('message_revoked')).toEqual([{ messageId: photo.id, chatId: bob }]);
    await expect(sandbox.driver.deleteMessage(photo.id, true)).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('refuses to delete messages of others for everyone, and unknown messages', async () => {
    sandbox = await linkedSandbox();
    const theirs = await lastOf(alice);
    await expect(sandbox.driver.deleteMessage(theirs.id, true)).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(sandbox.driver.deleteMessage(UNKNOWN_MESSAGE, false)).rejects.toMatchObject({ code: 'message_not_found' });
    expect(await sandbox.driver.getMessage(theirs.id)).toEqual(theirs);
  });

  it('deletes any message for this account only, silently removing it from the chat', async () => {
    sandbox = await linkedSandbox();
    const [photo, greeting] = await messagesOf(alice);
    await sandbox.driver.deleteMessage(photo!.id, false);
    expect(await messagesOf(alice)).toEqual([greeting]);
    expect(await sandbox.driver.getMessage(photo!.id)).toBeNull();
    await expect(sandbox.driver.downloadMedia(photo!.id)).rejects.toMatchObject({ code: 'message_not_found' });
    expect(sandbox.events).toEqual([]);
  });

  it('counts incoming messages as unread and reports each change of the counter', async () => {
    sandbox = await linkedSandbox();
    sandbox.driver.receive(bob, 'one');
    sandbox.driver.receive(team, 'two', alice);
    sandbox.driver.receive(bob, 'three');
    expect(sandbox.payloads('chat_unread')).toEqual([
      { chatId: bob, unreadCount: 1 },
      { chatId: team, unreadCount: 1 },
      { chatId: bob, unreadCount: 2 },
    ]);
    expect(await lastOf(team)).toMatchObject({ body: 'two', author: alice });
    expect((await sandbox.driver.getChat(bob))?.unreadCount).toBe(2);
  });

  it('marks a chat read once, and refuses an unknown chat', async () => {
    sandbox = await linkedSandbox();
    expect((await sandbox.driver.getChat(alice))?.unreadCount).toBe(2);
    await sandbox.driver.markRead(alice);
    await sandbox.driver.markRead(alice);
    expect((await sandbox.driver.getChat(alice))?.unreadCount).toBe(0);
    expect(sandbox.payloads('chat_unread')).toEqual([{ chatId: alice, unreadCount: 0 }]);
    await expect(sandbox.driver.markRead('19990000000@c.us')).rejects.toMatchObject({ code: 'chat_not_found' });
  });

  it('records the last presence shown in a chat, and refuses an unknown chat', async () => {
    sandbox = await linkedSandbox();
    expect(sandbox.world.presenceIn(team)).toBeNull();
    await sandbox.driver.setPresence(team, 'typing');
    await sandbox.driver.setPresence(team, 'paused');
    expect(sandbox.world.presenceIn(team)).toBe('paused');
    await expect(sandbox.driver.setPresence('120363999999999999@g.us', 'recording')).rejects.toMatchObject({ code: 'chat_not_found' });
  });
});
