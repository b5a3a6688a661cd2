import type { IngestItem, RawMeta } from './types.js';
import { skipped } from './types.js';
import { readLines } from './lines.js';
import { decodeBytes } from './decode.js';

const STRING_FIELDS = ['id', 'published', 'url', 'source', 'title', 'byline'] as const;

/** JSONL: one `{ id, text, published, url?, source?, title? }` per line; bad lines are skipped with their line number. */
export async function* readJsonl(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, origin: string, maxBytes: number): AsyncGenerator<IngestItem> {
  for await (const line of readLines(source, maxBytes)) {
    const where = `${origin}:${line.lineNo}`;
    if (line.oversize) {
      yield skipped(where, 'INPUT_TOO_LARGE', `line of ${line.length} bytes exceeds --max-doc-bytes (${maxBytes})`);
      continue;
    }
    if (line.bytes.toString('utf8').trim() === '') continue;
    const decoded = decodeBytes(line.bytes);
    if (!decoded.ok) {
      yield skipped(where, decoded.code === 'INPUT_EMPTY' ? 'INPUT_EMPTY' : 'JSONL_MALFORMED', decoded.message);
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(decoded.text);
    } catch (error) {
      yield skipped(where, 'JSONL_MALFORMED', `not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      yield skipped(where, 'JSONL_INVALID_RECORD', 'expected a JSON object with a "text" field');
      continue;
    }
    const obj = record as Record<string, unknown>;
    if (typeof obj.text !== 'string') {
      yield skipped(where, 'JSONL_INVALID_RECORD', 'missing or non-string "text" field');
      continue;
    }
    if (obj.text.trim() === '') {
      yield skipped(where, 'INPUT_EMPTY', 'empty "text" field');
      continue;
    }
    const meta: RawMeta = {};
    for (const field of STRING_FIELDS) {
      const value = obj[field];
      if (typeof value === 'string' && value !== '') meta[field] = value;
      else if (typeof value === 'number' && field === 'id') meta.id = String(value);
    }
    yield { kind: 'document', text: obj.text, meta, origin: where, diagnostics: decoded.diagnostics };
  }
}
