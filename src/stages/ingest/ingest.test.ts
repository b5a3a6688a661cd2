import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBytes } from './decode.js';
import { readInputs } from './inputs.js';
import { readJsonl } from './jsonl.js';
import { extractArticle } from './html.js';
import { readFeed } from './feed.js';
import type { IngestItem } from './types.js';

async function collect(gen: AsyncGenerator<IngestItem>): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

test('decoding: UTF-8, UTF-16 with BOM, invalid bytes repaired, binary and empty refused', () => {
  const plain = decodeBytes(Buffer.from('Bárcena said.', 'utf8'));
  assert.ok(plain.ok && plain.text === 'Bárcena said.');
  const le = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kyiv, Ukraine', 'utf16le')]));
  assert.ok(le.ok && le.text === 'Kyiv, Ukraine');
  const bad = decodeBytes(Buffer.from([0x41, 0x20, 0xff, 0x42, 0x20, 0x43, 0x2e]));
  assert.ok(bad.ok);
  assert.equal(bad.text, 'A \uFFFDB C.');
  assert.equal(bad.diagnostics[0].code, 'INPUT_INVALID_UTF8');
  assert.match(bad.diagnostics[0].message, /first at byte 2/);
  const binary = decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  assert.ok(!binary.ok && binary.code === 'INPUT_BINARY');
  const empty = decodeBytes(Buffer.from('  \n\t '));
  assert.ok(!empty.ok && empty.code === 'INPUT_EMPTY');
});

test('JSONL: good records kept with metadata, bad lines reported with their line numbers', async () => {
  const lines = [
    '{"id":"a","text":"Blinken met Bárcena.","published":"2024-01-12","url":"https://example.org/a"}',
    '{"id":"b", "text": ',
    '',
    '{"id":"c"}',
    '[1,2,3]',
    '{"id":"d","text":"   "}',
    `{"id":"e","text":"${'x'.repeat(300)}"}`,
    '{"id":7,"text":"Second good one."}',
  ].join('\n');
  const items = await collect(readJsonl([Buffer.from(lines)], 'feed.jsonl', 200));
  const docs = items.filter((i) => i.kind === 'document');
  const skips = items.filter((i) => i.kind === 'skipped');
  assert.equal(docs.length, 2);
  assert.deepEqual(docs[0].kind === 'document' && docs[0].meta, { id: 'a', published: '2024-01-12', url: 'https://example.org/a' });
  assert.equal(docs[1].kind === 'document' && docs[1].meta.id, '7');
  assert.deepEqual(
    skips.map((s) => (s.kind === 'skipped' ? `${s.origin} ${s.code}` : '')),
    ['feed.jsonl:2 JSONL_MALFORMED', 'feed.jsonl:4 JSONL_INVALID_RECORD', 'feed.jsonl:5 JSONL_INVALID_RECORD', 'feed.jsonl:6 INPUT_EMPTY', 'feed.jsonl:7 INPUT_TOO_LARGE'],
  );
});

test('JSONL: a line split across stream chunks is reassembled', async () => {
  const record = Buffer.from('{"id":"x","text":"Mexico City, the capital."}\n{"id":"y","text":"Second."}');
  const chunks = [record.subarray(0, 7), record.subarray(7, 30), record.subarray(30)];
  const items = await collect(readJsonl(chunks, 'split.jsonl', 1000));
  assert.deepEqual(items.map((i) => (i.kind === 'document' ? i.text : i.message)), ['Mexico City, the capital.', 'Second.']);
});

test('HTML: article text, title, byline and published time extracted; scripts and navigation dropped', () => {
  const html = `<!doctype html><html lang="en"><head><title>Talks resume | Example News</title>
    <meta property="article:published_time" content="2024-01-12T18:30:00Z"><link rel="canonical" href="https://news.example/talks">
    <script>var tracking = "do not include";</script></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Talks resume</h1><p class="byline">By Jane Reporter</p>
    <p>US Secretary of State Antony Blinken met Mexican Foreign Minister Alicia Bárcena in Washington on Friday to discuss migration across the shared border.</p>
    <p>The two delegations agreed to meet again in early February, officials said, with a focus on fentanyl trafficking and border controls.</p></article>
    <footer>© Example News</footer></body></html>`;
  const article = extractArticle(html);
  assert.ok(article.ok);
  assert.match(article.text, /Antony Blinken met Mexican Foreign Minister Alicia Bárcena/);
  assert.match(article.text, /\nThe two delegations agreed/);
  assert.doesNotMatch(article.text, /tracking|Home|World/);
  assert.equal(article.meta.published, '2024-01-12T18:30:00Z');
  assert.equal(article.meta.url, 'https://news.example/talks');
  assert.ok(article.meta.title?.startsWith('Talks resume'));
});

test('RSS 2.0 and Atom: one document per item with link, title and date; empty items reported', () => {
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>Blinken meets Bárcena</title><link>https://wire.example/1</link><pubDate>Fri, 12 Jan 2024 20:00:00 GMT</pubDate>
      <description>&lt;p&gt;The two ministers met in Washington.&lt;/p&gt;</description></item>
    <item><link>https://wire.example/2</link></item></channel></rss>`;
  const items = readFeed(rss, 'wire.rss');
  assert.equal(items.length, 2);
  const [first, second] = items;
  assert.ok(first.kind === 'document');
  assert.equal(first.meta.url, 'https://wire.example/1');
  assert.equal(first.meta.published, '2024-01-12T20:00:00Z');
  assert.equal(first.meta.source, 'Wire');
  assert.equal(first.text, 'Blinken meets Bárcena\nThe two ministers met in Washington.');
  assert.ok(second.kind === 'skipped' && second.origin === 'wire.rss#2' && second.code === 'FEED_ITEM_EMPTY');

  const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
    <entry><title>Talks in Mexico City</title><link rel="alternate" href="https://atom.example/a"/><id>urn:a</id>
      <published>2023-12-27T10:00:00Z</published><summary>Both governments met in Mexico City.</summary></entry></feed>`;
  const [entry] = readFeed(atom, 'wire.atom');
  assert.ok(entry.kind === 'document');
  assert.equal(entry.meta.url, 'https://atom.example/a');
  assert.equal(entry.meta.id, 'urn:a');
  assert.equal(entry.meta.published, '2023-12-27T10:00:00Z');
  assert.match(entry.text, /Both governments met in Mexico City\./);

  const broken = readFeed('<rss><channel><item><title>x</title></channel>', 'broken.rss');
  assert.equal(broken[0].kind, 'skipped');
});

test('directories: recursive and sorted; binary, empty, oversize and missing inputs become skipped items', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-ingest-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'b.txt'), 'Second story about Guatemala.');
  writeFileSync(join(dir, 'sub', 'a.txt'), 'First story about Mexico.');
  writeFileSync(join(dir, 'sub', 'a.meta.json'), JSON.stringify({ published: '2024-01-13', source: 'EFE' }));
  writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'big.txt'), 'word '.repeat(100));
  const items = await collect(readInputs([dir, join(dir, 'missing.txt')], { maxDocBytes: 300 }));
  const summary = items.map((i) => (i.kind === 'document' ? `doc ${i.meta.id}` : `skip ${i.code}`));
  assert.deepEqual(summary, ['doc b', 'skip INPUT_TOO_LARGE', 'skip INPUT_EMPTY', 'skip INPUT_BINARY', 'doc sub/a', 'skip INPUT_NOT_FOUND']);
  const a = items.find((i) => i.kind === 'document' && i.meta.id === 'sub/a');
  assert.ok(a && a.kind === 'document' && a.meta.published === '2024-01-13' && a.meta.source === 'EFE');
});
