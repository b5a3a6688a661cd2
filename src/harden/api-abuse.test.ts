/**
 * Abuse of the HTTP API (issue #11), against a real `herodotus serve` process on localhost over a real
 * database file: missing and wrong keys, oversized and malformed bodies, a body that never finishes,
 * injection strings in every query parameter, path tricks, 1,000 concurrent requests. Every answer must
 * have the right status, the security headers, no stack trace, and nothing a rejected request sent may
 * reach the database (a logical dump before and after is compared).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const bin = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const examples = fileURLToPath(new URL('../../src/link/fixtures/', import.meta.url));
const KEY = 'abuse-test-key-7c1e';
const MAX_BODY = 20_000;
const REQUEST_TIMEOUT_MS = 2_000;

let dir: string;
let db: string;
let server: ChildProcess;
let port: number;
let before_: string;
let serverLog = '';
let documentId: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Every answer seen, to check the security headers on all of them. */
const seen: Array<{ what: string; answer: Answer }> = [];

/** A raw HTTP request (no URL normalisation: the path is sent exactly as given). */
function call(method: string, path: string, options: { body?: string | Buffer; headers?: Record<string, string>; chunked?: boolean; port?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.body !== undefined && !options.chunked) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest({ host: '127.0.0.1', port: options.port ?? port, method, path, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const answer = { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') };
        seen.push({ what: `${method} ${path}`, answer });
        resolve(answer);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

/** A logical dump of every table, hashed: equal before and after means no stored data changed. */
function dump(): string {
  const conn = new Database(db, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = (conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    for (const table of tables) {
      const rows = (conn.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      rows.sort();
      hash.update(`${table}\n${rows.join('\n')}\n`);
    }
    return hash.digest('hex');
  } finally {
    conn.close();
  }
}

function assertNoLeak(a: Answer, what: string): void {
  assert.doesNotMatch(a.text, /\n\s+at |node_modules|SqliteError|SQLITE_/, `${what}: no stack trace or SQL error text`);
  assert.doesNotMatch(a.text, /root:x:0:0/, `${what}: no file content`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-abuse-'));
  db = join(dir, 'abuse.db');
  const ingest = spawnSync(process.execPath, [bin, 'ingest', examples, '--db', db, '-q'], { encoding: 'utf8' });
  assert.equal(ingest.status, 0, ingest.stderr);
  const conn = new Database(db, { readonly: true });
  documentId = (conn.prepare('SELECT id FROM documents ORDER BY id LIMIT 1').get() as { id: string }).id;
  conn.close();
  before_ = dump();
  ({ child: server, port } = await startServer([]));
  server.stdout!.on('data', (c: Buffer) => (serverLog += c.toString('utf8')));
});

/** Starts `herodotus serve` on a free port over the test database (the key, a 20 kB body limit, and `extra`). */
async function startServer(extra: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0', '--api-key', KEY, '--max-body', String(MAX_BODY), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      const m = /serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  return { child, port };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

after(async () => {
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
});

test('POST /documents without the key, or with a wrong one in any form: 401, before the body is read', async () => {
  const body = JSON.stringify({ text: 'Mexico closed the border on Friday.' });
  const cases: Array<[string, Record<string, string>]> = [
    ['no key', { 'content-type': 'application/json' }],
    ['wrong bearer', { 'content-type': 'application/json', authorization: 'Bearer wrong' }],
    ['key in another case', { 'content-type': 'application/json', authorization: `Bearer ${KEY.toUpperCase()}` }],
    ['key with a suffix', { 'content-type': 'application/json', authorization: `Bearer ${KEY}x` }],
    ['key prefix only', { 'content-type': 'application/json', authorization: `Bearer ${KEY.slice(0, -1)}` }],
    ['empty bearer', { 'content-type': 'application/json', authorization: 'Bearer ' }],
    ['basic auth', { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}` }],
    ['wrong x-api-key', { 'content-type': 'application/json', 'x-api-key': 'nope' }],
    ['a 6 kB key', { 'content-type': 'application/json', 'x-api-key': 'k'.repeat(6000) }],
    ['SQL as the key', { 'content-type': 'application/json', 'x-api-key': "' OR '1'='1" }],
  ];
  for (const [what, headers] of cases) {
    const a = await call('POST', '/documents', { body, headers });
    assert.equal(a.status, 401, `${what}: ${a.text}`);
    assert.equal(a.headers['www-authenticate'], 'Bearer', what);
    assertNoLeak(a, what);
  }
  // Without the key a too-large body is still a 401: the key is checked first.
  const big = await call('POST', '/documents', { body: JSON.stringify({ text: 'x'.repeat(MAX_BODY * 2) }), headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 401);
});

test('oversized bodies: 413 whether the length is declared, chunked, or a lie', async () => {
  const big = JSON.stringify({ text: 'Mexico closed the border. '.repeat(2000) });
  assert.ok(big.length > MAX_BODY);
  const declared = await call('POST', '/documents', { body: big, headers: auth });
  assert.equal(declared.status, 413, declared.text);
  const chunked = await call('POST', '/documents', { body: big, headers: auth, chunked: true });
  assert.equal(chunked.status, 413, chunked.text);
  // A Content-Length of a terabyte with a small body: refused on the header, without waiting for the bytes.
  const lie = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST /documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n{"text":"a"}`);
    });
    let got = '';
    socket.on('data', (c: Buffer) => {
      got += c.toString('utf8');
      if (got.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 5_000);
  });
  assert.match(lie, /^HTTP\/1\.1 413 /);
  for (const a of [declared, chunked]) assert.match(a.text, /"error":"payload-too-large"/);
});

test('malformed bodies: 400 for broken JSON, 415 for other types; never a 500', async () => {
  const broken = ['{', '{"text": }', '[1,2', '{"text":"a"', 'nul', '{"text":"a"}}', '\u0000{"text":"a"}', '{"text":"a","__proto__":{"polluted":1}}', '{"text":"a","constructor":{"prototype":{"polluted":1}}}', '['.repeat(5000) + ']'.repeat(5000)];
  for (const body of broken) {
    const a = await call('POST', '/documents', { body, headers: auth });
    assert.equal(a.status, 400, `${JSON.stringify(body.slice(0, 40))}: ${a.status} ${a.text}`);
    assertNoLeak(a, body.slice(0, 20));
  }
  const notObjects = ['null', '"text"', '42', '[]', '{}', '{"text":""}', '{"text":5}', '{"text":"a","extra":1}', '{"text":"a","published":"2024-02-30"}', '{"text":"a","id":"bad\\u0000id"}'];
  for (const body of notObjects) {
    const a = await call('POST', '/documents', { body, headers: auth });
    assert.equal(a.status, 400, `${body}: ${a.status} ${a.text}`);
  }
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html']) {
    const a = await call('POST', '/documents', { body: '{"text":"a"}', headers: { authorization: `Bearer ${KEY}`, 'content-type': type } });
    assert.equal(a.status, 415, `${type}: ${a.text}`);
  }
  const noType = await call('POST', '/documents', { body: '{"text":"a"}', headers: { authorization: `Bearer ${KEY}` } });
  assert.ok([400, 415].includes(noType.status), `no content type: ${noType.status}`);
});

/** Sends `head` and then `trickle` one byte at a time, slowly, never finishing; returns what came back and when. */
function slowClient(port: number, head: string, trickle: string, everyMs: number): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && i < trickle.length) socket.write(trickle[i++]);
    }, everyMs);
    const give_up = setTimeout(() => socket.destroy(), 20_000);
    socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(give_up);
      resolve({ answer, ms: Date.now() - started });
    });
    socket.on('error', reject);
  });
}

test('a body that never finishes, or headers that never end, are cut off with a 408 by the request timeouts', async () => {
  // A server of its own with short limits (the defaults are 30 s for a request, 10 s for its headers).
  const { child, port } = await startServer(['--request-timeout', `${REQUEST_TIMEOUT_MS}ms`, '--headers-timeout', '1s']);
  try {
    await slowRequests(port);
  } finally {
    await stopServer(child);
  }
});

async function slowRequests(port: number): Promise<void> {
  const slowBody = slowClient(port, `POST /documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"text":"`, 'a'.repeat(4000), 200);
  const slowHeaders = slowClient(port, 'GET /events HTTP/1.1\r\nHost: x\r\n', 'X-Slow: ' + 'a'.repeat(4000), 200);
  const [body, headers] = await Promise.all([slowBody, slowHeaders]);
  assert.match(body.answer, /^HTTP\/1\.1 408 /, `slow body: ${JSON.stringify(body.answer)}`);
  assert.ok(body.ms < REQUEST_TIMEOUT_MS + 3_000, `slow body cut off after ${body.ms} ms`);
  assert.match(headers.answer, /^HTTP\/1\.1 408 /, `slow headers: ${JSON.stringify(headers.answer)}`);
  assert.ok(headers.ms < 1_000 + 3_000, `slow headers cut off after ${headers.ms} ms`);
  // The server still answers.
  assert.equal((await call('GET', '/events?limit=1', { port })).status, 200);
}

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE documents; --",
  '" OR 1=1 --',
  '1) UNION SELECT id, text FROM documents --',
  '%',
  '_',
  '*',
  'NEAR(a b)',
  '"unbalanced',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '\u0000',
  '\u202e\ufeff',
  'x'.repeat(5000),
];

/** GET with one query parameter set to a hostile value: 200 (free text, no match) or 400 naming the parameter; never 500. */
async function probe(path: string, param: string, value: string, extra = ''): Promise<Answer> {
  const a = await call('GET', `${path}?${extra}${param}=${encodeURIComponent(value)}`);
  const what = `${path} ${param}=${JSON.stringify(value.slice(0, 30))}`;
  assert.ok(a.status === 200 || a.status === 400, `${what}: ${a.status} ${a.text.slice(0, 200)}`);
  if (a.status === 400) {
    const json = JSON.parse(a.text) as { error: string; field?: string };
    assert.ok(json.field === undefined || json.field === param || json.field === 'querystring', `${what}: names ${json.field}`);
  }
  if (path !== '/export') assert.match(String(a.headers['content-type']), /^application\/json/, what);
  assertNoLeak(a, what);
  return a;
}

test('SQL and script strings in every query parameter of GET /events, /actors, /stats/series, /export: 200 or 400, never 500', async () => {
  const filters = ['from', 'to', 'country', 'actor', 'cameo', 'quadClass', 'plover', 'context', 'place', 'search', 'minMentions'];
  const statuses = new Map<number, number>();
  const count = (a: Answer): void => void statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  for (const value of INJECTIONS) {
    for (const param of [...filters, 'asOf', 'limit']) count(await probe('/events', param, value));
    count(await probe('/actors', 'name', value));
    for (const param of [...filters, 'interval', 'group']) count(await probe('/stats/series', param, value));
    count(await probe('/export', 'format', value));
    count(await probe('/export', 'asOf', value, 'format=csv&'));
  }
  // Free-text filters take anything and simply match nothing.
  const actor = await probe('/events', 'actor', "'; DROP TABLE documents; --");
  assert.equal(actor.status, 200);
  assert.equal((JSON.parse(actor.text) as { count: number }).count, 0);
  // Unknown and repeated parameters.
  assert.equal((await call('GET', '/events?sql=1')).status, 400);
  const repeated = await call('GET', '/events?country=MEX&country=USA');
  assert.ok([200, 400].includes(repeated.status), `repeated: ${repeated.status}`);
  assert.ok(!statuses.has(500));
  assert.ok((statuses.get(400) ?? 0) > 0 && (statuses.get(200) ?? 0) > 0);
});

test('path tricks in document ids and export names: 404 or 400, never a file', async () => {
  const ids = [
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '..%252F..%252Fetc%252Fpasswd',
    '%2e%2e/%2e%2e/etc/passwd',
    '..%5c..%5cwindows%5cwin.ini',
    '%00',
    'x%00.json',
    encodeURIComponent("' OR '1'='1"),
    encodeURIComponent('<script>alert(1)</script>'),
    '%ff%fe',
    '%',
  ];
  for (const id of ids) {
    const a = await call('GET', `/documents/${id}`);
    assert.ok([400, 404].includes(a.status), `/documents/${id}: ${a.status} ${a.text.slice(0, 200)}`);
    assert.match(String(a.headers['content-type']), /^application\/json/);
    assertNoLeak(a, id);
  }
  for (const path of ['/../../etc/passwd', '/documents/../../../etc/passwd', '/export/../../etc/passwd', '//etc/passwd', '/export?format=../../etc/passwd', '/export?format=csv%00', '/events/..%2F..%2Fetc%2Fpasswd']) {
    const a = await call('GET', path);
    assert.ok([400, 404].includes(a.status), `${path}: ${a.status}`);
    assertNoLeak(a, path);
  }
  // An export's file name is fixed by the format, whatever the request says.
  const a = await call('GET', '/export?format=csv');
  assert.equal(a.status, 200);
  assert.match(String(a.headers['content-disposition']), /^attachment; filename="herodotus-[a-z.-]+"$/);
  // The real document is still found.
  assert.equal((await call('GET', `/documents/${encodeURIComponent(documentId)}`)).status, 200);
});

test('1,000 concurrent GET /events: every one answered 200, the server stays up', async () => {
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => call('GET', `/events?limit=${1 + (i % 50)}`)));
  const statuses = new Map<number, number>();
  for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  assert.deepEqual([...statuses], [[200, 1000]], `statuses: ${JSON.stringify([...statuses])} in ${Date.now() - started} ms`);
  assert.equal(server.exitCode, null, 'server still running');
  assert.equal((await call('GET', '/openapi.json')).status, 200);
});

test('every answer had nosniff and a CSP that forbids scripts (inline ones too); no rejected request changed stored data', async (t) => {
  const statuses = new Map<number, number>();
  for (const { answer } of seen) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  t.diagnostic(`${seen.length} answers: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${n}×${s}`).join(', ')}`);
  assert.ok(seen.length > 200, `${seen.length} answers`);
  for (const { what, answer } of seen) {
    assert.equal(answer.headers['x-content-type-options'], 'nosniff', what);
    const csp = String(answer.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/, what);
    assert.match(csp, /script-src 'none'/, what);
    assert.doesNotMatch(csp, /unsafe-inline/, what);
  }
  assert.equal(server.exitCode, null, 'server still running');
  assert.equal(dump(), before_, 'the database is unchanged');
  assert.doesNotMatch(serverLog, /"status":5\d\d/, 'no 500 in the request log');
  // And the server still stores a proper request.
  const ok = await call('POST', '/documents', { body: JSON.stringify({ text: 'Panama closed the Darién route to migrants on Friday.', published: '2024-03-01' }), headers: auth });
  assert.equal(ok.status, 201, ok.text);
  assert.notEqual(dump(), before_);
  // Invalid UTF-8 inside the JSON string: repaired (U+FFFD) like any decoded text, never a 500.
  const invalidUtf8 = await call('POST', '/documents', { body: Buffer.concat([Buffer.from('{"text":"Talks ended '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('."}')]), headers: auth });
  assert.ok([201, 400].includes(invalidUtf8.status), `invalid UTF-8: ${invalidUtf8.status} ${invalidUtf8.text}`);
});
