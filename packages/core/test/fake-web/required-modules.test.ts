// The contract between the fake page and the installed whatsapp-web.js, checked without a browser.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFakePage, FAKE_PAGE_DIR } from './install-fake-web.js';
import { checkModuleContract } from './required-modules.js';

describe('fake WhatsApp Web page contract', () => {
  it('provides every module the installed library requires, except the documented NOT_COVERED ones', async () => {
    const report = await checkModuleContract();
    // The scanner must see all three spellings, or an empty diff would mean nothing.
    expect(report.required).toEqual(expect.arrayContaining([
      'WAWebCollections', // window.require('WAWebCollections')
      'WAWebNonMessageDataRequestPlaceholderMessageResendUtils', // multi-line with trailing comma
      'WAWebBackendJobsCommon', // injectToFunction({ module: ... })
    ]));
    expect(report.provided).toEqual(expect.arrayContaining(['WAWebSocketModel', 'WAWebPrepRawMedia', 'WAWebAddonReactionTableMode']));
    expect(report.libraryVersion, 'the page is written against this exact release').toBe('1.34.7');

    const where = Object.entries(report.missingWhere).map(([name, at]) => `${name} (${at.join(', ')})`);
    expect(report.missing, `library modules neither provided by the page nor in NOT_COVERED: ${where.join('; ')}`).toEqual([]);
    expect(report.staleNotCovered, 'NOT_COVERED names the library no longer uses').toEqual([]);
    expect(report.unusedProvided, 'modules the page defines that the library no longer uses').toEqual([]);
    expect(report.contradictory, 'modules both provided and listed as NOT_COVERED').toEqual([]);
  });

  it('assembles into one self-contained page that pastes every fragment once, sections in order', async () => {
    const page = await buildFakePage();
    expect(page).not.toMatch(/^\s*\/\/@include/m);
    expect(page).not.toMatch(/<script[^>]+src=|<link /);
    for (const name of (await readdir(FAKE_PAGE_DIR)).filter((file) => file.endsWith('.js'))) {
      const fragment = (await readFile(join(FAKE_PAGE_DIR, name), 'utf8')).trimEnd();
      expect(page.split(fragment).length - 1, `${name} pasted once`).toBe(1);
    }
    const sections = Array.from(page.matchAll(/^ {2}\/\/ (\d+)\. /gm), (m) => Number(m[1]));
    expect(sections).toEqual(sections.map((_, i) => i + 1));
  });
});
