import { join } from 'node:path';
import { fakeChromiumArgs } from '../../../../packages/core/test/fake-web/install-fake-web.js';

/**
 * The settings that point a gateway at the fake WhatsApp Web page installed in
 * `<authDir>/web-cache`, in Debian's Chromium, with every host name resolving to nothing.
 */
export function fakePageEnv(authDir: string): Record<string, string> {
  return {
    WHATSAPP_AUTH_DIR: authDir,
    WHATSAPP_WEB_VERSION: 'fake',
    WHATSAPP_WEB_CACHE_DIR: join(authDir, 'web-cache'),
    WHATSAPP_CHROME_EXECUTABLE: '/usr/bin/chromium',
    WHATSAPP_HEADLESS: 'true',
    WHATSAPP_CHROME_ARGS: JSON.stringify(fakeChromiumArgs.filter((arg) => arg.startsWith('--host-resolver-rules'))),
  };
}
