/**
 * Inputs → documents: files, directories (recursive, sorted), and stdin (`-`), in text, JSONL, HTML
 * or RSS/Atom. Everything is streamed or size-checked first, so a huge input never sits in memory
 * whole; every unusable item becomes a `Skipped` record instead of an exception.
 */
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { decodeBytes } from './decode.js';
import { readFeed } from './feed.js';
import { extractArticle } from './html.js';
import { readJsonl } from './jsonl.js';
import type { IngestItem, IngestOptions, InputFormat, RawMeta } from './types.js';
import { skipped } from './types.js';

const EXTENSIONS: Record<string, InputFormat> = {
  '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.rss': 'rss', '.atom': 'rss', '.xml': 'rss', '.txt': 'text', '.text': 'text',
};
const SIDECAR = '.meta.json';

/** Guesses a format from a file name and its first bytes. */
export function guessFormat(name: string, head: Uint8Array): InputFormat {
  const byExt = EXTENSIONS[extname(name).toLowerCase()];
  if (byExt && byExt !== 'rss') return byExt;
  const start = Buffer.from(head.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (start.startsWith('<?xml') || start.startsWith('<rss') || start.startsWith('<feed') || start.startsWith('<rdf')) {
    if (/<(rss|feed|rdf:rdf)\b/.test(start) || byExt === 'rss') return 'rss';
  }
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
  if (byExt) return byExt;
  if (start.startsWith('{') && start.includes('"text"')) return 'jsonl';
  return 'text';
}

/** Files under a directory, recursively, sorted; hidden entries and metadata sidecars left out. */
function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) yield* walk(path);
    else if (stat.isFile() && !name.endsWith(SIDECAR)) yield path;
  }
}

/**
 * Counts the files `readInputs` will open, for progress reporting (0 for stdin). `codableBytes` leaves out the
 * files that will be skipped as larger than `maxDocBytes` (a JSONL file is read line by line, so it always
 * counts): what decides whether a run is worth worker threads.
 */
export function countInputs(paths: readonly string[], options: { maxDocBytes?: number; input?: string } = {}): { files: number; bytes: number; codableBytes: number } {
  let files = 0;
  let bytes = 0;
  let codableBytes = 0;
  for (const path of paths) {
    if (path === '-' || !existsSync(path)) continue;
    const stat = statSync(path);
    const list = stat.isDirectory() ? [...walk(path)] : [path];
    for (const file of list) {
      files++;
      const size = statSync(file).size;
      bytes += size;
      const lines = options.input === 'jsonl' || /\.(jsonl|ndjson)$/i.test(file);
      if (options.maxDocBytes === undefined || size <= options.maxDocBytes || lines) codableBytes += size;
    }
  }
  return { files, bytes, codableBytes };
}

function readSidecar(path: string): RawMeta {
  const sidecar = path.replace(/\.[^./]+$/, '') + SIDECAR;
  if (!existsSync(sidecar)) return {};
  try {
    const data = JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, unknown>;
    const meta: RawMeta = {};
    for (const key of ['id', 'published', 'source', 'url', 'title', 'byline'] as const) {
      if (typeof data[key] === 'string') meta[key] = data[key] as string;
    }
    return meta;
  } catch {
    return {};
  }
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(512);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

export interface ProgressHook {
  /** Called after each file is fully read, with its size. */
  fileDone?(bytes: number): void;
}

/** Reads every input and yields documents and skipped items in a stable order. */
export async function* readInputs(paths: readonly string[], options: IngestOptions, hook: ProgressHook = {}): AsyncGenerator<IngestItem> {
  for (const path of paths) {
    if (path === '-') {
      yield* readStdin(options);
      continue;
    }
    if (!existsSync(path)) {
      yield skipped(path, 'INPUT_NOT_FOUND', 'no such file or directory');
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      yield skipped(path, 'INPUT_UNREADABLE', (error as Error).message);
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of walk(path)) {
        yield* readFile(file, relative(path, file), options);
        hook.fileDone?.(statSync(file).size);
      }
    } else {
      yield* readFile(path, basename(path), options);
      hook.fileDone?.(stat.size);
    }
  }
}

function idFromName(name: string): string {
  return name.replace(/\.[^./]+$/, '').split(/[\\/]/).join('/');
}

async function* readFile(path: string, name: string, options: IngestOptions): AsyncGenerator<IngestItem> {
  let size: number;
  let head: Buffer;
  try {
    size = statSync(path).size;
    head = readHead(path);
  } catch (error) {
    yield skipped(path, 'INPUT_UNREADABLE', (error as Error).message);
    return;
  }
  const format = options.input ?? guessFormat(path, head);
  if (format === 'jsonl') {
    yield* readJsonl(createReadStream(path), path, options.maxDocBytes);
    return;
  }
  if (size === 0) {
    yield skipped(path, 'INPUT_EMPTY', 'empty file');
    return;
  }
  if (size > options.maxDocBytes) {
    yield skipped(path, 'INPUT_TOO_LARGE', `${size} bytes exceeds --max-doc-bytes (${options.maxDocBytes}); skipped`);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    yield skipped(path, 'INPUT_UNREADABLE', (error as Error).message);
    return;
  }
  yield* fromBytes(bytes, format, path, { id: idFromName(name), ...readSidecar(path) });
}

function* fromBytes(bytes: Buffer, format: InputFormat, origin: string, base: RawMeta): Generator<IngestItem> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    yield skipped(origin, decoded.code, decoded.message);
    return;
  }
  if (format === 'html') {
    const article = extractArticle(decoded.text);
    if (!article.ok) {
      yield skipped(origin, 'HTML_NO_ARTICLE', article.message);
      return;
    }
    yield { kind: 'document', text: article.text, meta: { ...base, ...article.meta }, origin, diagnostics: decoded.diagnostics };
    return;
  }
  if (format === 'rss') {
    for (const item of readFeed(decoded.text, origin)) {
      if (item.kind === 'document') item.diagnostics.push(...decoded.diagnostics);
      yield item;
    }
    return;
  }
  yield { kind: 'document', text: decoded.text, meta: base, origin, diagnostics: decoded.diagnostics };
}

async function* readStdin(options: IngestOptions): AsyncGenerator<IngestItem> {
  const iterator = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    yield skipped('-', 'INPUT_EMPTY', 'standard input was empty');
    return;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield first.value as Buffer;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const format = options.input ?? guessFormat('-', first.value as Buffer);
  if (format === 'jsonl') {
    yield* readJsonl(rest(), '-', options.maxDocBytes);
    return;
  }
  const parts: Buffer[] = [];
  let length = 0;
  let over = false;
  for await (const chunk of rest()) {
    length += chunk.length;
    if (length > options.maxDocBytes) over = true;
    if (!over) parts.push(chunk);
  }
  if (over) {
    yield skipped('-', 'INPUT_TOO_LARGE', `standard input of ${length} bytes exceeds --max-doc-bytes (${options.maxDocBytes}); skipped`);
    return;
  }
  yield* fromBytes(Buffer.concat(parts, length), format, '-', { id: 'stdin' });
}
