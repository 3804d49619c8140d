import { GatewayError } from '@wa/core';
import { describe, expect, it } from 'vitest';
import type { SqliteMessageStore } from '../src/index.js';
import { ALICE, BOB, GROUP, ME, message, openStore } from './support.js';

async function bodies(store: SqliteMessageStore, text: string, filters: Record<string, unknown> = {}): Promise<string[]> {
  const page = await store.search({ text, limit: 100, ...filters });
  return page.hits.map((hit) => hit.message.body).sort();
}

async function seeded(): Promise<SqliteMessageStore> {
  const store = openStore();
  await store.upsertMessages([
    message({ body: 'Meet at the Café Lumière at noon' }),
    message({ body: 'the cafe was closed' }),
    message({ body: 'Coffee tomorrow? The usual place' }),
    message({ body: 'Reunião amanhã às 9h, não esqueça' }),
    message({ body: 'world peace and wordplay' }),
    message({ body: 'a brave new world' }),
    message({ body: 'send the e-mail at 12:30 please' }),
    message({ body: "don't forget the NEAR field test" }),
    message({ body: 'AND OR NOT are just words here' }),
    message({ body: 'price is (roughly) 10-20 dollars: cheap' }),
  ]);
  return store;
}

describe('search syntax', () => {
  it('requires every word, in any order, ignoring case', async () => {
    const store = await seeded();
    expect(await bodies(store, 'THE CLOSED')).toEqual(['the cafe was closed']);
    expect(await bodies(store, 'closed the')).toEqual(['the cafe was closed']);
    expect(await bodies(store, 'closed coffee')).toEqual([]);
  });

  it('folds diacritics both ways: "cafe" finds "Café", "reuniao" finds "Reunião"', async () => {
    const store = await seeded();
    expect(await bodies(store, 'cafe')).toEqual(['Meet at the Café Lumière at noon', 'the cafe was closed']);
    expect(await bodies(store, 'café')).toEqual(['Meet at the Café Lumière at noon', 'the cafe was closed']);
    expect(await bodies(store, 'reuniao amanha nao')).toEqual(['Reunião amanhã às 9h, não esqueça']);
    expect(await bodies(store, 'LUMIERE')).toEqual(['Meet at the Café Lumière at noon']);
  });

  it('matches "quoted phrases" only as adjacent words', async () => {
    const store = await seeded();
    expect(await bodies(store, '"the cafe"')).toEqual(['Meet at the Café Lumière at noon', 'the cafe was closed']);
    expect(await bodies(store, '"cafe the"')).toEqual([]);
    expect(await bodies(store, '"brave new world"')).toEqual(['a brave new world']);
    expect(await bodies(store, '"new brave"')).toEqual([]);
  });

  it('matches prefix terms with a trailing star, in a phrase too', async () => {
    const store = await seeded();
    expect(await bodies(store, 'wor*')).toEqual(['AND OR NOT are just words here', 'a brave new world', 'world peace and wordplay']);
    expect(await bodies(store, 'world')).toEqual(['a brave new world', 'world peace and wordplay']);
    expect(await bodies(store, '"new wor"*')).toEqual(['a brave new world']);
    expect(await bodies(store, 'lumi*')).toEqual(['Meet at the Café Lumière at noon']);
    const { hits } = await store.search({ text: 'wor*', limit: 10 });
    expect(hits.map((hit) => hit.snippet).sort()).toEqual(['AND OR NOT are just [words] here', '[world] peace and [wordplay]', 'a brave new [world]']);
  });

  it('treats operators, parentheses, colons and dashes as plain text', async () => {
    const store = await seeded();
    expect(await bodies(store, 'NEAR field')).toEqual(["don't forget the NEAR field test"]);
    expect(await bodies(store, 'AND OR NOT')).toEqual(['AND OR NOT are just words here']);
    expect(await bodies(store, '(roughly)')).toEqual(['price is (roughly) 10-20 dollars: cheap']);
    expect(await bodies(store, 'dollars: cheap')).toEqual(['price is (roughly) 10-20 dollars: cheap']);
    expect(await bodies(store, 'body:cheap')).toEqual([]);
    expect(await bodies(store, '-world')).toEqual(['a brave new world', 'world peace and wordplay']);
    expect(await bodies(store, 'NEAR(field test)')).toEqual(["don't forget the NEAR field test"]);
    expect(await bodies(store, 'world OR coffee')).toEqual([]);
    expect(await bodies(store, 'world NOT peace')).toEqual([]);
    expect(await bodies(store, '^world')).toEqual(['a brave new world', 'world peace and wordplay']);
  });

  it('reads a term with punctuation inside as the phrase it was indexed as', async () => {
    const store = await seeded();
    expect(await bodies(store, 'e-mail')).toEqual(['send the e-mail at 12:30 please']);
    expect(await bodies(store, '12:30')).toEqual(['send the e-mail at 12:30 please']);
    expect(await bodies(store, "don't")).toEqual(["don't forget the NEAR field test"]);
    expect(await bodies(store, '10-20')).toEqual(['price is (roughly) 10-20 dollars: cheap']);
  });

  it('drops an unbalanced quote and keeps the words', async () => {
    const store = await seeded();
    expect(await bodies(store, '"brave new')).toEqual(['a brave new world']);
    expect(await bodies(store, '"the cafe" "closed')).toEqual(['the cafe was closed']);
  });

  it('answers invalid_input for empty text and for text with nothing to search', async () => {
    const store = await seeded();
    for (const text of ['', '   ', '*', '"', '""', '-', '( )', ':', '😂 👍']) {
      const attempt = store.search({ text, limit: 10 });
      await expect(attempt, JSON.stringify(text)).rejects.toBeInstanceOf(GatewayError);
      await expect(attempt, JSON.stringify(text)).rejects.toMatchObject({ code: 'invalid_input' });
    }
    expect(await bodies(store, 'NEAR(')).toEqual(["don't forget the NEAR field test"]);
    expect(await bodies(store, 'world *')).toEqual(['a brave new world', 'world peace and wordplay']);
  });

  it('answers invalid_input for a limit outside 1 to 1000', async () => {
    const store = await seeded();
    for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
      await expect(store.search({ text: 'world', limit })).rejects.toMatchObject({ code: 'invalid_input' });
    }
  });

  it('wraps matches in brackets in a snippet of about a dozen words', async () => {
    const store = openStore();
    const long = `${'filler '.repeat(30)}the quick brown fox jumps over the lazy dog ${'padding '.repeat(30)}`.trim();
    await store.upsertMessages([message({ body: long }), message({ body: 'Café au lait' })]);
    const [fox] = (await store.search({ text: 'fox', limit: 5 })).hits;
    expect(fox!.snippet).toContain('[fox]');
    expect(fox!.snippet.split(/\s+/).length).toBeLessThanOrEqual(13);
    expect(fox!.snippet).toMatch(/^….*…$/);
    const [cafe] = (await store.search({ text: 'cafe', limit: 5 })).hits;
    expect(cafe!.snippet).toBe('[Café] au lait');
    const [phrase] = (await store.search({ text: '"lazy dog"', limit: 5 })).hits;
    expect(phrase!.snippet).toContain('[lazy dog]');
  });

  it('makes each snippet from its own message', async () => {
    const store = openStore();
    await store.upsertMessages([message({ body: 'a long message where the fox appears once among many words' }), message({ body: 'fox, fox and fox' })]);
    const { hits } = await store.search({ text: 'fox', limit: 5 });
    expect(hits.map((hit) => [hit.message.body, hit.snippet])).toEqual([
      ['fox, fox and fox', '[fox], [fox] and [fox]'],
      ['a long message where the fox appears once among many words', 'a long message where the [fox] appears once among many words'],
    ]);
  });

  it('ranks by bm25: more occurrences in a shorter message first', async () => {
    const store = openStore();
    await store.upsertMessages([
      message({ body: 'pizza' + ' and other things'.repeat(10) }),
      message({ body: 'pizza pizza pizza tonight' }),
      message({ body: 'maybe pizza later, or not, we will see what happens' }),
    ]);
    const { hits } = await store.search({ text: 'pizza', limit: 10 });
    expect(hits[0]!.message.body).toBe('pizza pizza pizza tonight');
    expect(hits.map((hit) => hit.rank)).toEqual([...hits.map((hit) => hit.rank)].sort((a, b) => a - b));
    expect(hits[0]!.rank).toBeLessThan(0);
  });

  it('returns the stored message with its chat, edit and revoke state', async () => {
    const store = openStore();
    const original = message({ chatId: GROUP, body: 'group news', fromMe: false, author: BOB });
    await store.upsertMessages([original]);
    await store.markRevoked(original.id, 1_800_000_000);
    const [hit] = (await store.search({ text: 'news', limit: 1 })).hits;
    expect(hit!.message).toEqual({ ...original, editedAt: null, revokedAt: 1_800_000_000 });
  });
});

describe('search filters', () => {
  async function filtered(): Promise<SqliteMessageStore> {
    const store = openStore();
    await store.upsertMessages([
      message({ chatId: ALICE, body: 'report alice in', timestamp: 1000 }),
      message({ chatId: ALICE, fromMe: true, body: 'report alice out', timestamp: 2000 }),
      message({ chatId: BOB, body: 'report bob in', timestamp: 3000 }),
      message({ chatId: GROUP, author: BOB, body: 'report group bob', timestamp: 4000 }),
      message({ chatId: GROUP, author: ALICE, body: 'report group alice', timestamp: 5000, type: 'image', hasMedia: true }),
      message({ chatId: GROUP, fromMe: true, body: 'report group me', timestamp: 6000 }),
    ]);
    return store;
  }

  it('by chat', async () => {
    const store = await filtered();
    expect(await bodies(store, 'report', { chatId: ALICE })).toEqual(['report alice in', 'report alice out']);
    expect(await bodies(store, 'report', { chatId: GROUP })).toEqual(['report group alice', 'report group bob', 'report group me']);
    expect(await bodies(store, 'report', { chatId: 'nobody@c.us' })).toEqual([]);
  });

  it('by sender: the author in groups, the sender otherwise', async () => {
    const store = await filtered();
    expect(await bodies(store, 'report', { sender: BOB })).toEqual(['report bob in', 'report group bob']);
    expect(await bodies(store, 'report', { sender: ME })).toEqual(['report alice out', 'report group me']);
    expect(await bodies(store, 'report', { sender: ALICE })).toEqual(['report alice in', 'report group alice']);
  });

  it('by direction, with snippets from either side', async () => {
    const store = await filtered();
    expect(await bodies(store, 'report', { direction: 'out' })).toEqual(['report alice out', 'report group me']);
    const { hits } = await store.search({ text: 'report', limit: 10, chatId: ALICE });
    expect(hits.map((hit) => hit.snippet).sort()).toEqual(['[report] alice in', '[report] alice out']);
    expect(await bodies(store, 'report', { direction: 'in' })).toHaveLength(4);
    await expect(store.search({ text: 'report', limit: 5, direction: 'sideways' as 'in' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('by date range, both ends inclusive', async () => {
    const store = await filtered();
    expect(await bodies(store, 'report', { since: 2000, until: 4000 })).toEqual(['report alice out', 'report bob in', 'report group bob']);
    expect(await bodies(store, 'report', { since: 5000 })).toEqual(['report group alice', 'report group me']);
    expect(await bodies(store, 'report', { until: 1999 })).toEqual(['report alice in']);
    expect(await bodies(store, 'report', { since: 4000, until: 3000 })).toEqual([]);
    await expect(store.search({ text: 'report', limit: 5, since: Number.NaN })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('by type', async () => {
    const store = await filtered();
    expect(await bodies(store, 'report', { type: 'image' })).toEqual(['report group alice']);
    expect(await bodies(store, 'report', { type: 'chat' })).toHaveLength(5);
  });

  it('follows a message whose direction or sender a later report corrects', async () => {
    const store = openStore();
    const original = message({ chatId: GROUP, author: BOB, body: 'who said this' });
    await store.upsertMessages([original]);
    await store.upsertMessages([{ ...original, fromMe: true, author: ME }]);
    expect(await bodies(store, 'who', { direction: 'out', sender: ME })).toEqual(['who said this']);
    expect(await bodies(store, 'who', { direction: 'in' })).toEqual([]);
    expect(await bodies(store, 'who', { sender: BOB })).toEqual([]);
  });

  it('with every filter at once', async () => {
    const store = await filtered();
    expect(await bodies(store, 'report group', { chatId: GROUP, sender: ALICE, direction: 'in', since: 5000, until: 5000, type: 'image' })).toEqual([
      'report group alice',
    ]);
  });
});
