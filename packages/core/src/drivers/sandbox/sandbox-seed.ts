import { SANDBOX_CONTACTS } from './sandbox-directory.js';
import { solidColorPng } from './sandbox-png.js';
import type { NewSandboxMessage, SandboxWorld } from './sandbox-world.js';

/**
 * The conversations a fresh sandbox account has, from an hour ago: Bob, then the team group, then
 * Alice (most recent, two unread: a photo and a greeting), so every listing has a stable order.
 */
export function seedSandboxWorld(world: SandboxWorld): void {
  const start = world.nowSeconds() - 3600;
  const seed = (chatId: string, offset: number, messages: NewSandboxMessage[], unreadCount = 0): void => {
    messages.forEach((message, index) => world.addMessage(chatId, { ...message, timestamp: start + offset + index * 60 }));
    world.setUnreadCount(chatId, unreadCount);
  };
  seed(SANDBOX_CONTACTS.bob, 0, [
    { fromMe: false, body: 'Are we still on for Friday?' },
    { fromMe: true, body: 'Yes, 7pm.' },
  ]);
  seed(SANDBOX_CONTACTS.team, 600, [
    { fromMe: false, body: 'Welcome to the sandbox group.', author: SANDBOX_CONTACTS.alice },
    { fromMe: false, body: 'Messages here are in memory only.', author: SANDBOX_CONTACTS.bob },
  ]);
  seed(
    SANDBOX_CONTACTS.alice,
    1200,
    [
      {
        fromMe: false,
        type: 'image',
        body: 'The sandbox at sunset',
        media: { data: solidColorPng(8, 8, [255, 140, 0]), mimetype: 'image/png', filename: null },
      },
      { fromMe: false, body: 'Hi! This is the sandbox. Send me anything and I echo it back.' },
    ],
    2,
  );
}
