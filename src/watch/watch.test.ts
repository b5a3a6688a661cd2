/** `herodotus watch` end to end: the CLI against feed and article servers on 127.0.0.1, real databases in temp dirs. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../store/open.js';

const bin = fileURLToPath(new URL('../cli/main.js', import.meta.url));
type Line = { event: string; [key: string]: unknown };

function runCli(args: string[], onLine?: (line: Line, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; lines: Line[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Line[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, i)) as Line;
        buffer = buffer.slice(i + 1);
        lines.push(line);
        onLine?.(line, child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, lines, stderr }));
  });
}

const servers: Server[] = [];
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const STORIES: Record<string, string> = {
  a1: 'Mexico and Guatemala signed a border agreement in Mexico City on Monday, officials said. The agreement covers migration, trade and the joint patrols that both governments announced last year.',
  a2: 'Police arrested dozens of protesters in Santiago on Tuesday after clashes near the presidential palace. The interior minister said the demonstrators had attacked officers with stones.',
  a3: 'The United Nations urged Sudan and South Sudan to resume talks on the disputed region of Abyei. The envoy said both sides had agreed to meet again in Addis Ababa next week.',
  a4: 'Brazil expelled two Venezuelan diplomats on Wednesday, the foreign ministry in Brasília said. The decision followed weeks of tension over the border region and the arrest of a Brazilian journalist.',
  a5: 'Kenya and Ethiopia signed a water-sharing agreement in Nairobi on Thursday. The two presidents praised the accord and promised to expand cooperation on the Omo river basin.',
};

function articleHtml(key: string): string {
  const sentences = STORIES[key.replace('-copy', '')];
  return `<!doctype html><html><head><title>Story ${key}</title></head><body><nav>Home | World</nav><article><h1>Story ${key.replace('-copy', '')}</h1>
<p>${sentences}</p><p>${sentences.split('. ').reverse().join('. ')}</p></article><footer>© News</footer></body></html>`;
}

function rss(base: string, keys: string[]): string {
  const items = keys
    .map((k, i) => `<item><title>Item ${k}</title><link>${base}/${k}</link><guid>${base}/${k}</guid><pubDate>Mon, 1${i} Mar 2024 10:00:00 GMT</pubDate><description>Summary ${k}</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test News</title><link>${base}/</link>${items}</channel></rss>`;
}

// — The news site: feeds with ETags, articles, a robots.txt, redirects, an oversize page. —
const hits = new Map<string, number>();
const agents = new Set<string>();
let rssKeys = ['a1', 'a2', 'private/p1', 'big', 'r3', 'loop6'];
let rssTag = '"v1"';
const site = await listen((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  hits.set(path, (hits.get(path) ?? 0) + 1);
  agents.add(String(req.headers['user-agent']));
  if (path === '/robots.txt') return void res.end('User-agent: *\nDisallow: /private/\n');
  if (path === '/rss.xml') {
    if (req.headers['if-none-match'] === rssTag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: rssTag });
    return void res.end(rss(site, rssKeys));
  }
  if (path === '/rss2.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(site, ['a2']));
  if (path === '/atom.xml') {
    const modified = 'Mon, 11 Mar 2024 10:00:00 GMT';
    if (req.headers['if-modified-since'] === modified) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': modified });
    return void res.end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><id>urn:a4</id><title>Item a4</title><link href="${site}/a4"/><updated>2024-03-11T09:00:00Z</updated></entry>
<entry><id>urn:a1-copy</id><title>Item a1 copy</title><link href="${site}/a1-copy"/><updated>2024-03-11T08:00:00Z</updated></entry></feed>`);
  }
  const hop = /^\/(r|loop)(\d+)$/.exec(path);
  if (hop) {
    const n = Number(hop[2]);
    res.writeHead(302, { location: n === 1 ? '/a3' : `/${hop[1]}${n - 1}` });
    return void res.end();
  }
  if (path === '/big') {
    res.writeHead(200, { 'content-type': 'text/html' }); // no content-length: the stream must be cut
    res.write('<!doctype html><html><body><article>');
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ > 100 || res.destroyed) return void (clearInterval(timer), res.end());
      res.write(`<p>${'padding words '.repeat(1000)}</p>`);
    }, 2);
    return;
  }
  const key = path.slice(1);
  if (STORIES[key.replace('-copy', '')]) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(key));
  res.writeHead(404).end('not found');
});
// A feed that fails with 500, and one that never answers.
const broken = await listen((req, res) => {
  hits.set(`broken${req.url}`, (hits.get(`broken${req.url}`) ?? 0) + 1);
  if (req.url === '/robots.txt') return void res.writeHead(404).end();
  res.writeHead(500).end('oops');
});
const hanging = await listen((req, res) => {
  if (req.url === '/robots.txt') return void res.writeHead(404).end();
  // never answers
});

const dir = mkdtempSync(join(tmpdir(), 'herodotus-watch-'));
const db = join(dir, 'watch.db');
const common = ['watch', '--db', db, '--once', '--delay', '20ms', '--timeout', '1s', '--retries', '1', '--backoff', '100ms', '--max-page-bytes', '200kB'];
const feeds = ['--feed', `${site}/rss.xml`, '--feed', `${site}/atom.xml`, '--feed', `${broken}/feed.xml`, '--feed', `${hanging}/feed.xml`];
const count = (lines: Line[], event: string, pred: (l: Line) => boolean = () => true): number => lines.filter((l) => l.event === event && pred(l)).length;
const docCount = (): number => {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  } finally {
    raw.close();
  }
};

test('first poll: new items fetched and stored once; robots, oversize, redirects, 500 and timeout reported without blocking the others', async () => {
  const r = await runCli([...common, ...feeds]);
  assert.equal(r.code, 0, r.stderr);
  const stop = r.lines.find((l) => l.event === 'stop')!;
  console.log('run 1:', JSON.stringify(stop));
  // a1 and a1-copy (two feeds, same text) are polled at once: whichever comes first is stored, the other is a duplicate.
  const stored = r.lines.filter((l) => l.event === 'stored').map((l) => new URL(l.url as string).pathname).sort();
  assert.deepEqual(stored.filter((p) => !p.startsWith('/a1')), ['/a2', '/a4', '/r3'], 'r3 is stored under its feed link, read after three redirects');
  assert.equal(stored.filter((p) => p.startsWith('/a1')).length, 1);
  assert.equal(count(r.lines, 'duplicate', (l) => String(l.url).includes('/a1')), 1, 'a1-copy has the content of a1');
  assert.equal(hits.get('/private/p1'), undefined, 'the disallowed page is never requested');
  assert.equal(count(r.lines, 'skipped', (l) => l.kind === 'disallowed'), 1);
  assert.equal(count(r.lines, 'error', (l) => l.kind === 'too-large'), 1);
  assert.equal(count(r.lines, 'error', (l) => l.kind === 'too-many-redirects'), 1);
  assert.equal(hits.get('/r1'), 1, 'three redirects followed to /a3');
  assert.equal(count(r.lines, 'error', (l) => l.feed === `${broken}/feed.xml` && l.status === 500), 1);
  assert.equal(hits.get('broken/feed.xml'), 2, 'the 500 feed is retried once with backoff');
  assert.equal(count(r.lines, 'error', (l) => l.feed === `${hanging}/feed.xml` && l.kind === 'timeout'), 1);
  assert.equal(count(r.lines, 'retry'), 2);
  assert.ok([...agents].every((a) => /^Herodotus\/\d+\.\d+\.\d+ \(\+/.test(a)), [...agents].join(' | '));
  assert.equal(stop.stored, 4);
  assert.equal(docCount(), 4);
});

test('second poll on the same database: 304s, nothing fetched again, nothing stored twice', async () => {
  const before = new Map(hits);
  const r = await runCli([...common, ...feeds]);
  assert.equal(r.code, 0, r.stderr);
  console.log('run 2:', JSON.stringify(r.lines.find((l) => l.event === 'stop')));
  assert.equal(count(r.lines, 'poll', (l) => l.status === 304), 2, 'RSS (ETag) and Atom (Last-Modified) not modified');
  for (const page of ['/a1', '/a2', '/r1', '/a3', '/a4', '/a1-copy', '/big', '/loop1']) assert.equal(hits.get(page), before.get(page), `${page} not fetched again`);
  assert.equal(count(r.lines, 'stored'), 0);
  assert.equal(docCount(), 4);
});

test('restart after the feed changed: only the new item is fetched; a known URL from another feed is not fetched; feedStatus', async () => {
  rssKeys = ['a5', ...rssKeys];
  rssTag = '"v2"';
  const before = new Map(hits);
  const r = await runCli([...common, '--feed', `${site}/rss.xml`, '--feed', `${site}/rss2.xml`]);
  assert.equal(r.code, 0, r.stderr);
  console.log('run 3:', JSON.stringify(r.lines.find((l) => l.event === 'stop')));
  assert.deepEqual(r.lines.filter((l) => l.event === 'stored').map((l) => new URL(l.url as string).pathname), ['/a5']);
  assert.equal(hits.get('/a2'), before.get('/a2'), 'a2 (stored) not fetched for the second feed');
  assert.equal(count(r.lines, 'duplicate', (l) => l.url === `${site}/a2`), 1);
  for (const page of ['/a1', '/r1', '/big', '/loop1']) assert.equal(hits.get(page), before.get(page), `${page} not fetched again`);
  assert.equal(docCount(), 5);
  const store = await openStore(db, { readonly: true });
  const status = await store.feedStatus();
  await store.close();
  const main = status.find((f) => f.url === `${site}/rss.xml`)!;
  assert.equal(main.etag, '"v2"');
  assert.equal(main.itemsSeen, 7);
  // a1 is stored, or a duplicate of a1-copy (see the first test).
  assert.equal(main.itemsStored + (main.items.duplicate ?? 0), 4);
  assert.equal(main.items.stored, main.itemsStored);
  assert.deepEqual([main.items.disallowed, main.items['too-large'], main.items.failed], [1, 1, 1]);
  const failing = status.find((f) => f.url === `${broken}/feed.xml`)!;
  assert.equal(failing.errors, 2);
  assert.equal(failing.consecutiveErrors, 2);
  assert.match(failing.lastError ?? '', /500/);
});

test('folder: a dropped file is coded once, also across restarts; unchanged files are not read again', async () => {
  const inbox = mkdtempSync(join(tmpdir(), 'herodotus-inbox-'));
  const folderDb = join(inbox, '..', `${inbox.split('/').pop()}.db`);
  const past = new Date(Date.now() - 60_000);
  const drop = (name: string, text: string): void => {
    writeFileSync(join(inbox, name), text);
    utimesSync(join(inbox, name), past, past);
  };
  drop('one.txt', STORIES.a1);
  drop('two.html', articleHtml('a2'));
  const args = ['watch', '--db', folderDb, '--dir', inbox, '--once'];
  const first = await runCli(args);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(count(first.lines, 'stored'), 2);
  const second = await runCli(args);
  assert.equal(count(second.lines, 'file'), 0, 'nothing read again');
  assert.equal(second.lines.find((l) => l.event === 'stop')?.filesUnchanged, 2);
  drop('three.txt', STORIES.a3);
  drop('copy-of-one.txt', STORIES.a1);
  const third = await runCli(args);
  console.log('folder runs:', [first, second, third].map((r) => JSON.stringify(r.lines.find((l) => l.event === 'stop'))).join('\n'));
  assert.equal(count(third.lines, 'file'), 2);
  assert.equal(count(third.lines, 'stored'), 1);
  assert.equal(count(third.lines, 'duplicate'), 1);
  const fresh = new Date(); // a file still being written waits for the next scan
  writeFileSync(join(inbox, 'new.txt'), STORIES.a4);
  utimesSync(join(inbox, 'new.txt'), fresh, fresh);
  const fourth = await runCli([...args, '--settle', '1h']);
  assert.equal(count(fourth.lines, 'file'), 0);
});

test('SIGTERM during a run: the current document is finished, the database closed, exit 0', async () => {
  const keys = Array.from({ length: 40 }, (_, i) => `s${i}`);
  const slow = await listen((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(slow, keys));
    const i = Number(path.slice(2));
    const story = Object.values(STORIES)[i % 5];
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article><h1>Story ${i}</h1><p>Report ${i}. ${story}</p><p>${story}</p></article></body></html>`), 100);
  });
  const termDb = join(dir, 'term.db');
  let sent = false;
  const started = Date.now();
  const r = await runCli(['watch', '--db', termDb, '--feed', `${slow}/feed.xml`, '--every', '1h', '--delay', '0'], (line, child) => {
    if (line.event === 'stored' && !sent) {
      sent = true;
      child.kill('SIGTERM');
    }
  });
  assert.ok(sent, 'a document was stored before the signal');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Date.now() - started < 30_000);
  assert.equal(count(r.lines, 'stopping'), 1);
  assert.equal(r.lines.at(-1)?.event, 'stop');
  const stored = count(r.lines, 'stored');
  assert.ok(stored >= 1 && stored < keys.length, `${stored} stored before stopping`);
  const raw = new Database(termDb);
  assert.equal((raw.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  assert.equal((raw.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n, stored);
  raw.close();
});

test('a page that fails (503) is reported and tried again on the next poll; --feeds FILE', async () => {
  let failures = 1;
  const flaky = await listen((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(flaky, ['a5']));
    if (failures-- > 0) return void res.writeHead(503).end('busy');
    res.writeHead(200, { 'content-type': 'text/html' }).end(articleHtml('a5'));
  });
  const list = join(dir, 'feeds.txt');
  writeFileSync(list, `# feeds\n${flaky}/feed.xml\n\n`);
  const flakyDb = join(dir, 'flaky.db');
  const args = ['watch', '--db', flakyDb, '--feeds', list, '--once', '--delay', '0', '--retries', '0'];
  const first = await runCli(args);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(count(first.lines, 'error', (l) => l.status === 503 && l.willRetry === true), 1);
  assert.equal(count(first.lines, 'stored'), 0);
  const second = await runCli(args);
  assert.equal(count(second.lines, 'stored'), 1, 'stored on the next poll');
  const third = await runCli(args);
  assert.equal(count(third.lines, 'item'), 0, 'and not fetched again after that');
});

test('a page in ISO-8859-1 (Content-Type charset) is decoded with its charset', async () => {
  const latin = await listen((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (path === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(latin, ['bogota']));
    const story = 'Colombia and Venezuela reopened the border crossing near Cúcuta on Monday, the foreign ministry in Bogotá said. Trucks carrying food and medicine crossed the bridge for the first time in years.';
    res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }).end(Buffer.from(`<html><body><article><h1>Border</h1><p>${story}</p><p>${story}</p></article></body></html>`, 'latin1'));
  });
  const latinDb = join(dir, 'latin.db');
  const r = await runCli(['watch', '--db', latinDb, '--feed', `${latin}/feed.xml`, '--once', '--delay', '0']);
  assert.equal(count(r.lines, 'stored'), 1, r.stderr);
  const raw = new Database(latinDb, { readonly: true });
  const text = (raw.prepare('SELECT text FROM documents').get() as { text: string }).text;
  raw.close();
  assert.match(text, /Bogotá/);
  assert.ok(!text.includes('\uFFFD'));
});
