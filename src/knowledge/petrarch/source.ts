/**
 * Reading dictionary files: decoding, comment removal and line numbering shared by every format.
 *
 * Comments follow PETRARCH: a line starting with `#` (after blanks) is skipped, and so is everything
 * after a `#` elsewhere on a line; `<!-- … -->` comments may sit inside a line or span several lines.
 * The verb reader also cuts at `;`, the comment mark of old KEDS/TABARI dictionaries.
 */
import { readFileSync } from 'node:fs';

/** A malformed line (or an unreadable file, line 0), reported and skipped. */
export interface DictionaryProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Where an entry was read. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

/** A non-blank line with its comments removed. */
export interface DictionaryLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly text: string;
}

/** Text lines of a dictionary, comments removed, blank lines dropped. */
export function contentLines(text: string, options: { semicolonComments?: boolean } = {}): DictionaryLine[] {
  const out: DictionaryLine[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let inComment = false;
  for (let n = 0; n < lines.length; n++) {
    let s = lines[n];
    if (inComment) {
      const end = s.indexOf('-->');
      if (end < 0) continue;
      s = s.slice(end + 3);
      inComment = false;
    }
    // inline and opening XML comments
    for (let open = s.indexOf('<!--'); open >= 0; open = s.indexOf('<!--')) {
      const end = s.indexOf('-->', open + 4);
      if (end < 0) {
        s = s.slice(0, open);
        inComment = true;
        break;
      }
      s = s.slice(0, open) + ' ' + s.slice(end + 3);
    }
    const hash = s.indexOf('#');
    if (hash >= 0) s = s.slice(0, hash);
    if (options.semicolonComments) {
      const semi = s.indexOf(';');
      if (semi >= 0) s = s.slice(0, semi);
    }
    if (s.trim() === '') continue;
    out.push({ line: n + 1, text: s.replace(/\s+$/, '') });
  }
  return out;
}

/** The text of a dictionary file, or a problem when it is missing, unreadable or binary. */
export function readDictionaryFile(file: string): { text?: string; problems: DictionaryProblem[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `file could not be read (${code ?? String(error)})`;
    return { problems: [{ file, line: 0, message }] };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { problems: [{ file, line: 0, message: 'file looks binary (NUL bytes), not a dictionary' }] };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), problems: [] };
  } catch {
    // Old TABARI dictionaries are Latin-1; read them as such and say so once.
    const text = new TextDecoder('latin1').decode(bytes);
    const firstBad = firstInvalidUtf8Line(bytes);
    return { text, problems: [{ file, line: firstBad, message: 'not valid UTF-8; read as Latin-1' }] };
  }
}

function firstInvalidUtf8Line(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 0;
}

/** The bracketed groups `[…]` on a line and what precedes the first one; `unclosed` when a `[` has no `]`. */
export function bracketGroups(text: string): { before: string; groups: string[]; after: string; unclosed: boolean } {
  const open = text.indexOf('[');
  if (open < 0) return { before: text, groups: [], after: '', unclosed: false };
  const groups: string[] = [];
  let i = open;
  let after = '';
  while (i < text.length) {
    const o = text.indexOf('[', i);
    if (o < 0) {
      after += text.slice(i);
      break;
    }
    after += text.slice(i, o);
    const c = text.indexOf(']', o + 1);
    if (c < 0) return { before: text.slice(0, open), groups, after, unclosed: true };
    groups.push(text.slice(o + 1, c));
    i = c + 1;
  }
  return { before: text.slice(0, open), groups, after: after.trim(), unclosed: false };
}
