// Installs the fake WhatsApp Web page (page/fake.html and the script fragments it includes) into a
// whatsapp-web.js local web-version cache, so a real Client started with
//   webVersion: 'fake', webVersionCache: { type: 'local', path: cacheDir, strict: true }
// loads it instead of https://web.whatsapp.com/. The page's knobs are documented at its top.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAKE_WEB_VERSION = 'fake' as const;

/** Where the page's shell (fake.html) and its script fragments live. */
export const FAKE_PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

// The fragments share one closure (the page's IIFE): plain script text pasted in place, not modules.
const INCLUDE = /^[ \t]*\/\/@include ([\w-]+\.js)[ \t]*$/gm;

/** The self-contained page: fake.html with each `//@include <name>.js` line replaced by that file. */
export async function buildFakePage(): Promise<string> {
  const shell = await readFile(join(FAKE_PAGE_DIR, 'fake.html'), 'utf8');
  const names = Array.from(shell.matchAll(INCLUDE), (m) => m[1] as string);
  const fragments = new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(FAKE_PAGE_DIR, name), 'utf8')] as const)));
  return shell.replace(INCLUDE, (_, name: string) => `${(fragments.get(name) as string).trimEnd()}\n`);
}

/** The account the fake phone links, and the chats it has. Must match fake.html. */
export const FAKE_ACCOUNT = {
  wid: '15550001111@c.us',
  /** Digits for pairing codes (`pairWithPhoneNumber`, `requestPairingCode`). */
  phoneNumber: '15550001111',
  pushname: 'Fake Account',
  platform: 'android',
  chats: {
    /** 1:1, five messages (three loaded, two older ones behind WAWebChatLoadMessages). */
    alice: '15550002222@c.us',
    /** 1:1, three messages, one unread. */
    bob: '15550003333@c.us',
    /** Group "Fake Group": the account (super admin), Alice (admin), Bob; three messages. */
    group: '120363000000000001@g.us',
  },
  /** Chat order right after linking, most recent first. */
  initialChatOrder: ['120363000000000001@g.us', '15550003333@c.us', '15550002222@c.us'],
  /** On WhatsApp but not in the chat list. */
  newContact: '15550004444@c.us',
  /** Not on WhatsApp (the page's default `unregisteredNumbers`). */
  unregisteredNumber: '15550009999',
} as const;

/**
 * Chromium arguments for the fake: no sandbox (containers run as root), no GPU, no /dev/shm, and
 * every host name resolves to nothing except 127.0.0.1, so nothing can leave the machine.
 */
export const fakeChromiumArgs: string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Writes the assembled page to `<cacheDir>/fake.html`; pass the returned `webVersion` to the Client. */
export async function installFakeWeb(cacheDir: string): Promise<{ webVersion: typeof FAKE_WEB_VERSION }> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(join(cacheDir, `${FAKE_WEB_VERSION}.html`), await buildFakePage());
  return { webVersion: FAKE_WEB_VERSION };
}

/**
 * The settings that point a client at the fake page installed in `<authDir>/web-cache`, in
 * Debian's Chromium, with every host name resolving to nothing.
 */
export function fakePageEnv(authDir: string): Record<string, string> {
  return {
    WHATSAPP_AUTH_DIR: authDir,
    WHATSAPP_WEB_VERSION: FAKE_WEB_VERSION,
    WHATSAPP_WEB_CACHE_DIR: join(authDir, 'web-cache'),
    WHATSAPP_CHROME_EXECUTABLE: '/usr/bin/chromium',
    WHATSAPP_HEADLESS: 'true',
    WHATSAPP_CHROME_ARGS: JSON.stringify(fakeChromiumArgs.filter((arg) => arg.startsWith('--host-resolver-rules'))),
  };
}
