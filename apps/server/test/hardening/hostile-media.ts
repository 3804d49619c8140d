import { JSON_TYPE, WRONG_VALUES, type HostileCase } from './hostile-requests.js';

const PATH = '/api/send-media';
const BASE = { chat_id: '15550100001@c.us', media: { data_base64: 'aGVsbG8=', mimetype: 'text/plain' }, caption: 'hi' };

const postTo = (path: string, name: string, body: string | Buffer, headers: Record<string, string> = JSON_TYPE): HostileCase => ({
  name: `POST ${path} ${name}`,
  request: { method: 'POST', path, headers, body },
});
const post = (name: string, body: string | Buffer, headers?: Record<string, string>) => postTo(PATH, name, body, headers);

/** URLs that reach the gateway's own machine or network in disguise: all must be refused before any connection. */
const INTERNAL_URLS = [
  'http://127.0.0.1:8790/api/status',
  'http://localhost/',
  'http://[::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://127.1/',
  'http://0/',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.1/',
  'http://192.168.0.1/',
  'http://[fd00::1]/',
  'http://user:pass@127.0.0.1/',
  'https://127.0.0.1:1/',
];
const BAD_URLS = ['file:///etc/passwd', 'ftp://example.com/a', 'gopher://127.0.0.1:25/', 'data:text/plain,hi', 'javascript:alert(1)', '//example.com/a', 'not a url', 'http://', 'http://[::1'];
const BAD_BASE64 = ['not base64!', '====', 'a', 'aGVsbG8=aGVsbG8=', 'data:image/png;base64,***', '\u0000\u0001', 'aGVs bG8=\n'.repeat(3), '%%%%'];

function multipart(parts: Array<{ name: string; value: string | Buffer; filename?: string; type?: string }>, boundary = 'hostile'): Buffer {
  const chunks = parts.map(({ name, value, filename, type }) => {
    const disposition = `Content-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`;
    const header = `--${boundary}\r\n${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
    return Buffer.concat([Buffer.from(header), Buffer.isBuffer(value) ? value : Buffer.from(value), Buffer.from('\r\n')]);
  });
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}
const FORM = { 'content-type': 'multipart/form-data; boundary=hostile' };
const FILE = { name: 'file', value: 'hello', filename: 'a.txt', type: 'text/plain' };

/** The media routes: JSON and multipart uploads, URL policy bypass attempts, and media downloads. */
export function hostileMediaCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const field of ['media', 'caption', 'send_as', 'reply_to_message_id', 'chat_id']) {
    for (const [label, value] of WRONG_VALUES) cases.push(post(`${field} is ${label}`, JSON.stringify({ ...BASE, [field]: value })));
  }
  for (const [label, value] of WRONG_VALUES) {
    cases.push(post(`media.url is ${label}`, JSON.stringify({ ...BASE, media: { url: value } })));
    cases.push(post(`media.data_base64 is ${label}`, JSON.stringify({ ...BASE, media: { data_base64: value } })));
  }
  for (const url of INTERNAL_URLS) cases.push(post(`internal URL ${url}`, JSON.stringify({ ...BASE, media: { url } })));
  for (const url of BAD_URLS) cases.push(post(`bad URL ${JSON.stringify(url)}`, JSON.stringify({ ...BASE, media: { url } })));
  for (const data of BAD_BASE64) cases.push(post(`bad base64 ${JSON.stringify(data).slice(0, 30)}`, JSON.stringify({ ...BASE, media: { data_base64: data } })));
  cases.push(post('both url and data', JSON.stringify({ ...BASE, media: { url: 'https://example.com/a.png', data_base64: 'aGk=' } })));
  cases.push(post('an empty media object', JSON.stringify({ ...BASE, media: {} })));
  cases.push(post('a media mimetype of 300 characters', JSON.stringify({ ...BASE, media: { data_base64: 'aGk=', mimetype: `text/${'x'.repeat(300)}` } })));
  cases.push(post('a media mimetype with a header break', JSON.stringify({ ...BASE, media: { data_base64: 'aGk=', mimetype: 'text/plain\r\nx-evil: 1' } })));
  cases.push(post('a filename with a path', JSON.stringify({ ...BASE, media: { data_base64: 'aGk=', filename: '../../etc/passwd' } })));
  cases.push(post('a caption of 4097 characters', JSON.stringify({ ...BASE, caption: 'c'.repeat(4097) })));
  cases.push(post('a 2 MiB base64 file', JSON.stringify({ ...BASE, media: { data_base64: Buffer.alloc(1536 * 1024, 1).toString('base64') } })));

  cases.push(post('multipart without a boundary', multipart([FILE]), { 'content-type': 'multipart/form-data' }));
  cases.push(post('multipart with the wrong boundary', multipart([FILE], 'other'), FORM));
  cases.push(post('multipart cut short', multipart([{ name: 'chat_id', value: '15550100001@c.us' }, FILE]).subarray(0, 60), FORM));
  cases.push(post('multipart without a file', multipart([{ name: 'chat_id', value: '15550100001@c.us' }]), FORM));
  cases.push(post('multipart with two files', multipart([{ name: 'chat_id', value: '15550100001@c.us' }, FILE, FILE]), FORM));
  cases.push(post('multipart with the file in another field', multipart([{ name: 'chat_id', value: '15550100001@c.us' }, { ...FILE, name: 'upload' }]), FORM));
  cases.push(post('multipart with an empty file', multipart([{ name: 'chat_id', value: '15550100001@c.us' }, { ...FILE, value: '' }]), FORM));
  cases.push(post('multipart with a __proto__ field', multipart([{ name: '__proto__', value: 'x' }, FILE]), FORM));
  cases.push(post('multipart with a media text field', multipart([{ name: 'media', value: '{"url":"http://127.0.0.1/"}' }, { name: 'chat_id', value: '15550100001@c.us' }]), FORM));
  cases.push(post('multipart with 50 fields', multipart([...Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, value: 'x' })), FILE]), FORM));
  cases.push(post('multipart with a 100 KiB field', multipart([{ name: 'caption', value: 'c'.repeat(100 * 1024) }, FILE]), FORM));
  cases.push(post('multipart with a bad phone number', multipart([{ name: 'phone_number', value: '12' }, FILE]), FORM));
  cases.push(post('multipart with junk bytes', Buffer.from([0x2d, 0x2d, 0xff, 0xfe, 0x00, 0x0d, 0x0a]), FORM));

  const get = (name: string, path: string): HostileCase => ({ name: `GET ${name}`, request: { method: 'GET', path, headers: {} } });
  for (const id of ['', 'x', 'a'.repeat(257), '%00', '%zz', '..%2F..%2Fetc%2Fpasswd', 'true_15550100001@c.us_%F0%9F%98%80', '__proto__']) {
    cases.push(get(`/api/media with message_id ${JSON.stringify(id).slice(0, 24)}`, `/api/media?message_id=${id}`));
    cases.push(postTo('/api/media/download', `with message_id ${JSON.stringify(id).slice(0, 24)}`, JSON.stringify({ message_id: id })));
  }
  cases.push(get('/api/media without a message id', '/api/media'));
  cases.push(get('/api/media/list without a chat', '/api/media/list'));
  cases.push(get('/api/media/list with limit 0', '/api/media/list?chat_id=15550100001@c.us&limit=0'));
  return cases;
}
