/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 LE/BE with BOM; invalid UTF-8 bytes are
 * replaced with U+FFFD and reported; binary content is refused.
 */
import { diagnostic, type Diagnostic } from '../../core/diagnostics.js';

export type Decoded = { ok: true; text: string; diagnostics: Diagnostic[] } | { ok: false; code: 'INPUT_BINARY' | 'INPUT_EMPTY'; message: string };

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** Heuristic: NUL bytes, or many control characters, mean binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / n > 0.1;
}

export function decodeBytes(bytes: Uint8Array, stage = 'ingest'): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), []);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), []);
  }
  if (looksBinary(bytes)) return { ok: false, code: 'INPUT_BINARY', message: 'binary content (NUL or control bytes), not text' };
  try {
    return finish(utf8Strict.decode(bytes), []);
  } catch {
    const text = utf8Lenient.decode(bytes);
    let bad = 0;
    for (const ch of text) if (ch === '\uFFFD') bad++;
    const at = firstInvalidUtf8(bytes);
    return finish(text, [diagnostic('INPUT_INVALID_UTF8', stage, `${bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD (first at byte ${at})`)]);
  }
}

function finish(text: string, diagnostics: Diagnostic[]): Decoded {
  if (text.trim() === '') return { ok: false, code: 'INPUT_EMPTY', message: 'empty document (no text)' };
  return { ok: true, text, diagnostics };
}
