/**
 * Sentence and token layers from text. A line break ends a sentence (so a headline line is its own
 * sentence) unless the next line starts in lower case and the line does not end a sentence, which
 * keeps hard-wrapped paragraphs together. Inside a line, a sentence ends after . ! ? … (and any closing
 * quotes or brackets) when the next token can start a sentence; abbreviations decide by their kind.
 */
import type { SegmentLexicon } from './lexicon.js';
import { normalizeToken, tokenizeChunk } from './tokenize.js';

export interface RawToken {
  start: number;
  end: number;
  text: string;
}

export interface Segmentation {
  sentences: Array<{ start: number; end: number; tokenStart: number; tokenEnd: number }>;
  tokens: Array<RawToken & { norm: string; spaceAfter: boolean; sentence: number }>;
}

/** Whitespace test on a code unit (NaN past the end is not space). */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const TERMINAL = new Set(['.', '!', '?', '...', '…', '?!', '!?']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '}', '»']);

/** Tokenises `text[from, to)` into raw tokens with absolute offsets. */
export function tokenizeRange(text: string, from: number, to: number, lexicon: SegmentLexicon): RawToken[] {
  const out: RawToken[] = [];
  // Whitespace-free chunks, as /\S+/gu finds them from `from` (isSpace is exactly JavaScript's \s); a chunk
  // starting before `to` is cut there.
  for (let start = from; ; ) {
    while (start < text.length && isSpace(text.charCodeAt(start))) start++;
    if (start >= text.length || start >= to) break;
    let end = start + 1;
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
    let offset = start;
    const word = text.slice(start, Math.min(end, to));
    start = end;
    for (const piece of tokenizeChunk(word, lexicon)) {
      out.push({ start: offset, end: offset + piece.length, text: piece });
      offset += piece.length;
    }
  }
  return out;
}

function startsLower(token: RawToken | undefined): boolean {
  return token !== undefined && /^\p{Ll}/u.test(token.text);
}

function canStartSentence(token: RawToken): boolean {
  return /^[\p{Lu}\p{N}"“‘'(\[«¿¡*-]/u.test(token.text) || /^\p{Extended_Pictographic}/u.test(token.text);
}

/** Whether a sentence ends after `tokens[i]` (already known to be followed by `next` on the same line). */
function endsSentence(tokens: RawToken[], i: number, next: RawToken, lexicon: SegmentLexicon): boolean {
  if (CLOSERS.has(next.text)) return false; // wait for the closer
  let j = i;
  while (j > 0 && CLOSERS.has(tokens[j].text)) j--;
  const last = tokens[j].text;
  if (TERMINAL.has(last)) return canStartSentence(next) && !(last === '.' && startsLower(next));
  if (j !== i && !TERMINAL.has(last) && !last.endsWith('.')) return false;
  if (!last.endsWith('.') || last.length < 2) return false;
  const kind = lexicon.abbreviations.get(last);
  if (kind === 'title' || kind === 'inner') return false;
  if (kind === 'month') return !/^\d/.test(next.text) && lexicon.sentenceStarters.has(next.text);
  if (kind === 'final' || /^(?:\p{L}\.){2,}$/u.test(last)) return lexicon.sentenceStarters.has(next.text);
  return false; // single initials (J.) and anything else with a kept period
}

/** Ends the sentence whose tokens are `pending` (if any): its tokens and its span go into `result`, `pending` is emptied. */
function flushSentence(text: string, pending: RawToken[], result: Segmentation): void {
  if (pending.length === 0) return;
  const sentence = result.sentences.length;
  const tokenStart = result.tokens.length;
  for (const t of pending) {
    result.tokens.push({ start: t.start, end: t.end, text: t.text, norm: normalizeToken(t.text), spaceAfter: isSpace(text.charCodeAt(t.end)), sentence });
  }
  result.sentences.push({ start: pending[0].start, end: pending[pending.length - 1].end, tokenStart, tokenEnd: result.tokens.length });
  pending.length = 0;
}

/** Splits `text[from, to)` into sentences and tokens. `from` may skip a dateline. */
export function segment(text: string, from: number, lexicon: SegmentLexicon): Segmentation {
  const result: Segmentation = { sentences: [], tokens: [] };
  // Lines (paragraphs) first.
  const lines: Array<{ start: number; end: number }> = [];
  const lineBreak = /\r\n|\n|\r|\u2028|\u2029/g;
  let lineStart = from;
  for (let m = lineBreak.exec(text); m; m = lineBreak.exec(text)) {
    if (m.index < from) continue;
    lines.push({ start: lineStart, end: m.index });
    lineStart = m.index + m[0].length;
  }
  lines.push({ start: lineStart, end: text.length });

  // The tokens of the sentence being built; flushSentence moves them into the result. A module-level function and
  // loops rather than closures made per call: those lose their optimised code at every full garbage collection.
  const pending: RawToken[] = [];

  const lineTokens: RawToken[][] = [];
  for (const line of lines) lineTokens.push(tokenizeRange(text, line.start, line.end, lexicon));
  for (let l = 0; l < lineTokens.length; l++) {
    const tokens = lineTokens[l];
    for (let i = 0; i < tokens.length; i++) {
      pending.push(tokens[i]);
      const next = tokens[i + 1];
      if (next && endsSentence(tokens, i, next, lexicon)) flushSentence(text, pending, result);
    }
    if (tokens.length === 0) {
      flushSentence(text, pending, result); // blank line: always a boundary
      continue;
    }
    // End of a non-empty line: a boundary unless the text is hard-wrapped mid-sentence.
    let n = l + 1;
    while (n < lineTokens.length && lineTokens[n].length === 0) n++;
    const nextFirst = n === l + 1 ? lineTokens[n]?.[0] : undefined;
    let k = tokens.length - 1;
    while (k > 0 && CLOSERS.has(tokens[k].text)) k--;
    const endsWithTerminal = TERMINAL.has(tokens[k].text);
    if (endsWithTerminal || !startsLower(nextFirst)) flushSentence(text, pending, result);
  }
  flushSentence(text, pending, result);
  return result;
}
