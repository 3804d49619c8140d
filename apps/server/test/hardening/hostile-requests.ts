import { hostileMcpCases } from './hostile-mcp.js';
import { hostileMediaCases } from './hostile-media.js';
import { hostileRawCases } from './hostile-raw.js';
import type { WireRequest } from './wire.js';

/** One malformed or hostile request and what is special about judging its answer. */
export interface HostileCase {
  /** Unique and readable: the route and what is wrong with the request. */
  name: string;
  request: WireRequest;
  /** Spec-mode MCP: the runner puts its live MCP session id (or one it saw deleted) into mcp-session-id. */
  withSession?: true | 'stale';
  /** A path-traversal attempt: a success must not carry a file from outside the docs assets. */
  mustNotLeak?: boolean;
  /** Broken HTTP framing: a REST-shaped 400 is the right answer even on /mcp. */
  framing?: boolean;
  /** Why closing the connection without an answer is right for this request (else it is a failure). */
  answerless?: string;
}

/** mulberry32: a tiny seeded generator, so the generated suite is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export const JSON_TYPE = { 'content-type': 'application/json' };

/** Values of every JSON type (and edge numbers) to put where a field expects something else. */
export const WRONG_VALUES: ReadonlyArray<[string, unknown]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['zero', 0],
  ['negative', -1],
  ['float', 1.5],
  ['huge number', 1e308],
  ['unsafe integer', 2 ** 53 + 1],
  ['empty array', []],
  ['array of string', ['15551234567']],
  ['empty object', {}],
  ['object', { value: '15551234567' }],
  ['empty string', ''],
  ['blank string', '   '],
  ['word', 'abc'],
  ['numeric string', '42'],
];

/** Unicode that trips up naive code: lone surrogates (as JSON escapes), bidi and zero-width marks, NUL, emoji. */
export const UNICODE_TEXTS: ReadonlyArray<[string, string]> = [
  ['lone high surrogate', '\\ud800'],
  ['lone low surrogate', '\\udfff'],
  ['reversed surrogate pair', '\\udc00\\ud800'],
  ['RTL override', '\\u202e gnirts desrever'],
  ['RTL mark', 'abc\\u200fdef'],
  ['zero-width space and joiner', 'a\\u200bb\\u200dc'],
  ['BOM inside', '\\ufeffhello'],
  ['NUL', 'a\\u0000b'],
  ['control characters', '\\u0001\\u0007\\u001b[31m'],
  ['emoji with ZWJ', '👩‍👩‍👧‍👦🏳️‍🌈'],
  ['combining marks', 'Z̷̢̛͓a̸̛͙l̴͉̾g̵̱̓o̸̪͑'],
  ['noncharacters', '\\uffff\\ufffe'],
  ['line separators', 'a\\u2028b\\u2029c'],
  ['html', '<script>alert(1)</script>'],
];

/** Bodies of the wrong JSON type altogether. */
export const WRONG_BODIES: readonly string[] = ['null', '[]', '[{}]', '0', '-1', '1e999', '"text"', 'true', 'false', '""', '{}', '[[[]]]'];

export const BROKEN_JSON: readonly string[] = [
  '{',
  '}',
  '{"a":}',
  "{'phone_number':'15551234567'}",
  '{"phone_number":"15551234567",}',
  '{phone_number:"15551234567"}',
  'NaN',
  'undefined',
  '{"a":1}garbage',
  '{"a":1}{"b":2}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":"unterminated}',
  '/* comment */ {}',
  '{"a":01}',
  '{"a":-}',
  '\u0000',
  '{"a":"line\nbreak"}',
];

export const BODY_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'text/json',
  'application/jsonp',
  'application/json-patch+json',
  'application/vnd.api+json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json;charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json , text/plain',
  'application/x-json',
  '*/*',
  'text/html',
];

interface BodyRoute {
  path: string;
  base: Record<string, unknown>;
  strings: ReadonlyArray<[field: string, max: number]>;
}

/** The POST routes with a JSON body, each with a valid body and its length-limited string fields. */
export const BODY_ROUTES: readonly BodyRoute[] = [
  { path: '/api/pairing-code', base: { phone_number: '15551234567' }, strings: [['phone_number', 32]] },
  { path: '/api/send', base: { phone_number: '15551234567', message: 'hello' }, strings: [['phone_number', 32], ['message', 65_536]] },
  { path: '/api/messages', base: { phone_number: '15550100002', limit: 5 }, strings: [['phone_number', 32]] },
];
const NO_INPUT_POSTS = ['/api/auth/start', '/api/logout'];
const ALL_POSTS = [...BODY_ROUTES.map((route) => route.path), ...NO_INPUT_POSTS];
const GET_ROUTES = ['/', '/health', '/livez', '/api/status', '/api/chats', '/api/messages', '/qr', '/qr.png', '/api/qr', '/openapi.json', '/docs'];

/** A readable, bounded label for a path in case names. */
const shortPath = (path: string) => (path.length > 48 ? `${path.slice(0, 40)}…(${path.length})` : path);
const post = (name: string, path: string, body: string | Buffer | undefined, headers: Record<string, string> = JSON_TYPE): HostileCase => ({
  name: `POST ${shortPath(path)} ${name}`,
  request: { method: 'POST', path, headers, ...(body === undefined ? {} : { body }) },
});
const get = (name: string, path: string, headers: Record<string, string> = {}): HostileCase => ({ name: `GET ${shortPath(path)} ${name}`, request: { method: 'GET', path, headers } });

/** `text` of exactly `length` characters that still reads as a valid phone number (15 digits, then spaces). */
const paddedPhone = (length: number) => '155512345670000'.slice(0, Math.min(15, length)).padEnd(length, ' ');
const longValue = (field: string, length: number) => (field === 'phone_number' ? paddedPhone(length) : 'x'.repeat(length));

function bodyRouteCases(random: Random): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const { path, base, strings } of BODY_ROUTES) {
    const fields = [...Object.keys(base), ...(path === '/api/pairing-code' ? [] : ['chat_id'])];
    for (const field of fields) {
      for (const [label, value] of WRONG_VALUES) cases.push(post(`${field} is ${label}`, path, JSON.stringify({ ...base, [field]: value })));
      const { [field]: _dropped, ...rest } = base;
      cases.push(post(`without ${field}`, path, JSON.stringify(rest)));
    }
    cases.push(post('both phone_number and chat_id', path, JSON.stringify({ ...base, chat_id: '15550100002@c.us' })));
    cases.push(post('extra field', path, JSON.stringify({ ...base, extra: 1 })));
    cases.push(post('extra empty-named field', path, JSON.stringify({ ...base, '': 'x' })));
    cases.push(post('extra 2000-character field name', path, JSON.stringify({ ...base, ['k'.repeat(2000)]: 1 })));
    cases.push(post('500 extra fields', path, JSON.stringify({ ...base, ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i])) })));
    cases.push(post('extra ok and error fields', path, JSON.stringify({ ...base, ok: false, error: { code: 'x' } })));
    for (const [field, max] of strings) {
      for (const length of [max - 1, max, max + 1, max * 4]) cases.push(post(`${field} of ${length} characters`, path, JSON.stringify({ ...base, [field]: longValue(field, length) })));
    }
    for (const length of [127, 128, 129, 4096]) cases.push(post(`chat_id of ${length} characters`, path, JSON.stringify({ ...base, phone_number: undefined, chat_id: `${'1'.repeat(length - 5)}@g.us` })));
    cases.push(post('a body just under 1 MiB', path, JSON.stringify({ ...base, pad: 'p'.repeat(1024 * 1024 - 200) })));
    cases.push(post('a body over 1 MiB', path, JSON.stringify({ ...base, pad: 'p'.repeat(1024 * 1024 + 10) })));
    cases.push(post('a 3 MiB body', path, Buffer.alloc(3 * 1024 * 1024, 0x20)));
    for (const text of BROKEN_JSON) cases.push(post(`broken JSON ${JSON.stringify(text)}`, path, text));
    const valid = JSON.stringify(base);
    for (let i = 0; i < 5; i += 1) {
      const cut = 1 + Math.floor(random() * (valid.length - 2));
      cases.push(post(`truncated JSON at ${cut}`, path, valid.slice(0, cut)));
    }
    cases.push(post('10000 nested arrays', path, '['.repeat(10_000) + ']'.repeat(10_000)));
    cases.push(post('5000 nested objects', path, '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)));
    cases.push(post('a field of 5000 nested arrays', path, `{"phone_number":${'['.repeat(5000)}${']'.repeat(5000)},"message":"x"}`));
    cases.push(post('a field of 2000 nested objects', path, `{"phone_number":"15551234567","message":${'{"m":'.repeat(2000)}"x"${'}'.repeat(2000)}}`));
    cases.push(post('duplicate keys, a bad one last', path, `${valid.slice(0, -1)},"phone_number":{"a":1}}`));
    cases.push(post('duplicate keys, a good one last', path, `{"phone_number":[1],${valid.slice(1)}`));
    cases.push(post('__proto__ key', path, `{"__proto__":{"polluted":"yes"},${valid.slice(1)}`));
    cases.push(post('constructor.prototype key', path, `{"constructor":{"prototype":{"polluted":"yes"}},${valid.slice(1)}`));
    cases.push(post('nested __proto__ key', path, `{"phone_number":{"__proto__":{"polluted":"yes"}},"message":"x"}`));
    cases.push(post('__proto__ as a string value', path, JSON.stringify({ ...base, __proto__field: '__proto__', extra: { constructor: 'prototype' } })));
    cases.push(post('escaped __proto__ key', path, `{"\\u005f_proto__":{"polluted":"yes"},${valid.slice(1)}`));
    for (const type of BODY_CONTENT_TYPES) cases.push(post(`as ${type}`, path, valid, { 'content-type': type }));
    cases.push(post('with a body and no content type', path, valid, {}));
    cases.push(post('with an empty content type', path, valid, { 'content-type': '' }));
    cases.push(post('as a form field', path, 'phone_number=15551234567&message=hi', { 'content-type': 'application/x-www-form-urlencoded' }));
    cases.push(post('as multipart', path, '--xyz\r\nContent-Disposition: form-data; name="phone_number"\r\n\r\n15551234567\r\n--xyz--\r\n', { 'content-type': 'multipart/form-data; boundary=xyz' }));
    cases.push(post('invalid UTF-8 bytes', path, Buffer.concat([Buffer.from('{"phone_number":"1555'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('1234567","message":"\x80"}')])));
    cases.push(post('UTF-16 body', path, Buffer.from(`\ufeff${valid}`, 'utf16le')));
    cases.push(post('a leading BOM', path, `\ufeff${valid}`));
  }
  return cases;
}

function unicodeCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [label, text] of UNICODE_TEXTS) {
    cases.push(post(`message with ${label}`, '/api/send', `{"phone_number":"15551234567","message":"${text}"}`));
    cases.push(post(`phone_number with ${label}`, '/api/send', `{"phone_number":"+1 555${text}1234567","message":"hi"}`));
    cases.push(post(`chat_id with ${label}`, '/api/messages', `{"chat_id":"1555${text}0100002@c.us"}`));
    cases.push(post(`pairing phone_number with ${label}`, '/api/pairing-code', `{"phone_number":"${text}15551234567"}`));
    cases.push(get(`phone_number with ${label}`, `/api/messages?phone_number=${encodeURIComponent(JSON.parse(`"${text}"`.replace(/\\ud[89a-f][0-9a-f]{2}/gi, '\\ufffd')) as string)}15550100002`));
  }
  cases.push(get('a lone surrogate percent-encoded in the query', '/api/messages?phone_number=%ED%A0%8015550100002'));
  cases.push(get('an overlong UTF-8 slash in the query', '/api/messages?chat_id=%C0%AF15550100002@c.us'));
  return cases;
}

const QUERY_VALUES = ['', 'abc', '1.5', '-1', '0', '101', '1e2', '0x10', '%205%20', '%00', '%zz', '%', 'null', 'true', '[]', '{}', '9'.repeat(400), 'Infinity'];

function queryCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const routes: Array<[string, string[], string]> = [
    ['/api/chats', ['limit'], 'limit=5'],
    ['/api/messages', ['phone_number', 'chat_id', 'limit'], 'phone_number=15550100002&limit=5'],
  ];
  for (const [path, params, valid] of routes) {
    for (const param of params) for (const value of QUERY_VALUES) cases.push(get(`${param}=${value.slice(0, 12)}`, `${path}?${param}=${value}`));
    cases.push(get('without parameters', path));
    cases.push(get('repeated limit', `${path}?${valid}&limit=1&limit=2`));
    cases.push(get('repeated phone_number', `${path}?${valid}&phone_number=15550100001`));
    cases.push(get('array-style key', `${path}?${valid}&limit[]=1`));
    cases.push(get('object-style key', `${path}?${valid}&limit[a]=1`));
    cases.push(get('__proto__ in the query', `${path}?${valid}&__proto__[polluted]=yes`));
    cases.push(get('__proto__ as a plain key', `${path}?__proto__=yes&${valid}`));
    cases.push(get('constructor.prototype in the query', `${path}?${valid}&constructor[prototype][polluted]=yes`));
    cases.push(get('hasOwnProperty in the query', `${path}?hasOwnProperty=1&toString=2&${valid}`));
    cases.push(get('an unknown parameter', `${path}?${valid}&extra=1`));
    cases.push(get('a parameter without value', `${path}?limit&phone_number`));
    cases.push(get('only separators', `${path}?&&&=&=`));
    cases.push(get('a query of 8000 characters', `${path}?${valid}&pad=${'q'.repeat(8000)}`));
    cases.push(get('a query of 20000 characters', `${path}?${valid}&pad=${'q'.repeat(20_000)}`));
    cases.push(get('2000 parameters', `${path}?${Array.from({ length: 2000 }, (_, i) => `p${i}=${i}`).join('&')}`));
    cases.push(get('a JSON body on a GET', path, JSON_TYPE));
  }
  return cases;
}

function pathCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const route of GET_ROUTES) {
    const bare = route.slice(1);
    const variants: Array<[string, string]> = [
      ['trailing slash', `${route}/`],
      ['upper case', route.toUpperCase()],
      ['double leading slash', `/${route}`],
      ['dot segment', `/.${route}`],
      ['dot-dot segment', `/api/..${route}`],
      ['percent-encoded dot-dot', `/api/%2e%2e${route}`],
      ['percent-encoded first letter', `/%${(bare.charCodeAt(0) || 0x61).toString(16)}${bare.slice(1)}`],
      ['semicolon parameter', `${route};x=1`],
      ['percent-encoded NUL', `${route}%00`],
      ['percent-encoded slash', `${route}%2F`],
      ['a fragment', `${route}#frag`],
      ['a question mark only', `${route}?`],
    ];
    for (const [label, path] of variants) cases.push(get(label, path));
  }
  for (const route of ALL_POSTS) {
    for (const [label, path] of [['trailing slash', `${route}/`], ['upper case', route.toUpperCase()], ['double slash', `/${route}`], ['dot-dot', `/api/x/..${route.slice(4)}`]]) {
      cases.push(post(label ?? '', path ?? '', '{}'));
    }
    for (const method of ['PUT', 'PATCH', 'DELETE']) cases.push({ name: `${method} ${route}`, request: { method, path: route, headers: JSON_TYPE, body: '{}' } });
    cases.push({ name: `GET ${route}`, request: { method: 'GET', path: route } });
    cases.push({ name: `HEAD ${route}`, request: { method: 'HEAD', path: route } });
  }
  for (const path of ['/api/status', '/qr', '/']) cases.push({ name: `POST ${path} with JSON`, request: { method: 'POST', path, headers: JSON_TYPE, body: '{}' } });
  for (const length of [2000, 7000, 20_000]) cases.push(get(`a path of ${length} characters`, `/api/status/${'a'.repeat(length)}`));
  cases.push(get('a path of 5000 slashes', '/'.repeat(5000)));
  cases.push(get('a path of 1000 dot-dot segments', `${'/..'.repeat(1000)}/api/status`));
  const traversals = [
    '/docs/static/../../../package.json',
    '/docs/static/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/docs/static/..%2f..%2f..%2fpackage.json',
    '/docs/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/docs/static/....//....//....//package.json',
    '/docs/static/%252e%252e/%252e%252e/package.json',
    '/docs/static/..\\..\\..\\package.json',
    '/docs/..%2f..%2f..%2ftsconfig.json',
    '/docs/static/index.html/../../../../tsconfig.json',
  ];
  for (const path of traversals) cases.push({ ...get('path traversal', path), mustNotLeak: true });
  return cases;
}

function noInputCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const path of NO_INPUT_POSTS) {
    for (const body of WRONG_BODIES) cases.push(post(`body ${body}`, path, body));
    for (const body of BROKEN_JSON.slice(0, 8)) cases.push(post(`broken JSON ${JSON.stringify(body)}`, path, body));
    for (const type of BODY_CONTENT_TYPES.slice(0, 6)) cases.push(post(`as ${type}`, path, '{}', { 'content-type': type }));
    cases.push(post('no body and no content type', path, undefined, {}));
    cases.push(post('empty JSON body', path, ''));
    cases.push(post('extra fields', path, '{"force":true,"__proto__":{"polluted":"yes"}}'));
    cases.push(post('a body over 1 MiB', path, `{"pad":"${'p'.repeat(1024 * 1024 + 10)}"}`));
  }
  for (const { path } of BODY_ROUTES) for (const body of WRONG_BODIES) cases.push(post(`body ${body}`, path, body));
  return cases;
}

/** Seeded fuzzing: a valid body with one field replaced by random junk, sent with a random JSON-ish content type. */
function fuzzCases(random: Random, count: number): HostileCase[] {
  const junk = (): string => {
    const length = Math.floor(random() * 40);
    let text = '';
    for (let i = 0; i < length; i += 1) {
      const roll = random();
      const code = roll < 0.3 ? Math.floor(random() * 0x20) : roll < 0.5 ? 0xd800 + Math.floor(random() * 0x800) : roll < 0.8 ? 0x20 + Math.floor(random() * 0x5f) : Math.floor(random() * 0x10000);
      text += `\\u${code.toString(16).padStart(4, '0')}`;
    }
    return text;
  };
  const types = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/json;charset=ascii'];
  return Array.from({ length: count }, (_, i) => {
    const route = pick(random, BODY_ROUTES);
    const field = pick(random, [...Object.keys(route.base), 'chat_id', 'junk']);
    const body = JSON.stringify({ ...route.base, [field]: '@@' }).replace('"@@"', `"${junk()}"`);
    return post(`fuzz #${i} (${field})`, route.path, body, { 'content-type': pick(random, types) });
  });
}

/** The whole generated suite: REST, MCP and raw-socket cases, the same on every run. */
export function generateHostileCases(seed = 20_260_101): HostileCase[] {
  const random = seededRandom(seed);
  const cases = [
    ...bodyRouteCases(random),
    ...unicodeCases(),
    ...queryCases(),
    ...pathCases(),
    ...noInputCases(),
    ...fuzzCases(random, 80),
    ...hostileMediaCases(),
    ...hostileMcpCases(random),
    ...hostileRawCases(),
  ];
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`two generated cases are named ${c.name}`);
    names.add(c.name);
  }
  return cases;
}
