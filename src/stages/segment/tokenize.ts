/**
 * Tokenisation in the manner of Universal Dependencies English (EWT/GUM): punctuation split off,
 * clitics `'s`, `n't`, `'re`, `'ll`… separated, hyphenated and slashed compounds split, abbreviations
 * (Gen., U.S., p.m.) and numbers (300,000; 5.25) kept whole. Works on one whitespace-free chunk at a
 * time and returns pieces whose concatenation is the chunk, so offsets are exact by construction.
 */
import type { SegmentLexicon } from './lexicon.js';

const LEADING = new Set(['"', "'", '“', '‘', '«', '‹', '(', '[', '{', '¿', '¡', '*', '$', '€', '£', '¥', '#', '—', '–', '„']);
const TRAILING = new Set([',', ';', ':', '!', '?', '"', '”', '’', "'", '»', '›', ')', ']', '}', '*', '%', '—', '–']);
/** Letters and digits only, or a lowercase word with inner hyphen-free apostrophe-free content. */
const PLAIN_WORD = /^[A-Za-z\u00C0-\u024F]+$|^\d+$/;
const URL = /^(?:https?:\/\/|www\.)\S+$/i;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const HANDLE = /^[@#][\p{L}\p{N}_]+$/u;
const NUMBER = /^[+-]?\d[\d,.:]*\d$|^\d$/;
const INITIALS = /^(?:\p{L}\.){2,}$/u;
const INITIAL = /^\p{Lu}\.$/u;
const CLITIC = /^(.+?)(n['’]t|['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M))$/;
const PICTOGRAPH = /(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic}|\ufe0f|[\u{1f3fb}-\u{1f3ff}])*)/u;
/** Hyphenated words EWT keeps whole. */
const KEEP_HYPHEN = /^(?:e-mail|e-mails|x-ray|x-rays|t-shirt|t-shirts|u-turn|o-ring|a-list|k-pop|co-op|re-election|pre-war)$/i;

/** Splits one whitespace-free chunk into tokens. */
export function tokenizeChunk(chunk: string, lexicon: SegmentLexicon): string[] {
  if (PLAIN_WORD.test(chunk)) return [chunk]; // fast path: most chunks are plain words
  // Emoji and other pictographs are always tokens of their own; never split inside a surrogate pair.
  if (PICTOGRAPH.test(chunk)) {
    const out: string[] = [];
    for (const part of chunk.split(PICTOGRAPH)) {
      if (part === '') continue;
      if (PICTOGRAPH.test(part) && part.match(PICTOGRAPH)?.[0] === part) out.push(part);
      else out.push(...tokenizeChunk(part, lexicon));
    }
    return out;
  }
  if (URL.test(chunk) || EMAIL.test(chunk) || HANDLE.test(chunk)) return peelUrl(chunk);

  const head: string[] = [];
  const tail: string[] = [];
  let core = chunk;
  // Leading punctuation, one character at a time ('90s keeps its apostrophe).
  while (core.length > 1 && LEADING.has(core[0]) && !/^['’]\d0s$/.test(core)) {
    head.push(core[0]);
    core = core.slice(1);
  }
  // Trailing punctuation and periods.
  for (;;) {
    if (core.length <= 1) break;
    if (core.endsWith('...') && core.length > 3) {
      tail.unshift('...');
      core = core.slice(0, -3);
      continue;
    }
    if (core.endsWith('…')) {
      tail.unshift('…');
      core = core.slice(0, -1);
      continue;
    }
    const last = core[core.length - 1];
    if (last === '-' && !/[\p{L}\p{N}]/u.test(core[core.length - 2])) {
      tail.unshift('-');
      core = core.slice(0, -1);
      continue;
    }
    if ((last === "'" || last === '’') && /s$/i.test(core.slice(0, -1)) && !isClosingQuote(chunk)) {
      // plural possessive: states' → states + '
      tail.unshift(last);
      core = core.slice(0, -1);
      continue;
    }
    if (TRAILING.has(last)) {
      tail.unshift(last);
      core = core.slice(0, -1);
      continue;
    }
    if (last === '.') {
      if (keepsPeriod(core, lexicon)) break;
      tail.unshift('.');
      core = core.slice(0, -1);
      continue;
    }
    break;
  }
  return [...head, ...splitCore(core, lexicon), ...tail];
}

function isClosingQuote(chunk: string): boolean {
  // A chunk that opened with a single quote closes with one: 'yes' → ' yes '
  return chunk.startsWith("'") || chunk.startsWith('‘');
}

function peelUrl(chunk: string): string[] {
  const m = /^(.*?)([.,;:!?)"”’']*)$/.exec(chunk);
  if (!m || m[1] === '') return [chunk];
  return [m[1], ...m[2].split('')];
}

function keepsPeriod(core: string, lexicon: SegmentLexicon): boolean {
  return lexicon.abbreviations.has(core) || INITIALS.test(core) || INITIAL.test(core);
}

/** Splits inside a chunk whose outer punctuation is gone: clitics, hyphens, slashes, dashes, currency. */
function splitCore(core: string, lexicon: SegmentLexicon): string[] {
  if (core === '') return [];
  if (NUMBER.test(core) || keepsPeriod(core, lexicon) || core.length === 1) return [core];
  // Clitics: don't → do n't; can't → ca n't; Mexico's → Mexico 's
  const clitic = CLITIC.exec(core);
  if (clitic && clitic[1].length > 0 && /\p{L}$/u.test(clitic[1])) {
    return [...splitCore(clitic[1], lexicon), clitic[2]];
  }
  // Em/en dashes and double hyphens between words.
  const dash = /^(.+?)(—|–|--)(.+)$/.exec(core);
  if (dash) return [...splitCore(dash[1], lexicon), dash[2], ...splitCore(dash[3], lexicon)];
  // Hyphenated compounds: center-north → center - north; keep e-mail, X-ray; keep numeric ranges whole only if they look like phone numbers.
  if (core.includes('-') && !KEEP_HYPHEN.test(core)) {
    const i = core.indexOf('-');
    const left = core.slice(0, i);
    const right = core.slice(i + 1);
    if (left.length > 1 && right.length > 0 && /[\p{L}\p{N}]$/u.test(left) && /^[\p{L}\p{N}]/u.test(right)) {
      return [...splitCore(left, lexicon), '-', ...splitCore(right, lexicon)];
    }
  }
  // Slashes between words (and/or), not in numbers (1/2, 24/7).
  const slash = /^(\p{L}[\p{L}.]*)\/(\p{L}.*)$/u.exec(core);
  if (slash) return [...splitCore(slash[1], lexicon), '/', ...splitCore(slash[2], lexicon)];
  // Currency or percent glued to a number inside the core ($3.2m → $ 3.2m is handled by LEADING).
  const percent = /^(.+\d)(%)$/.exec(core);
  if (percent) return [percent[1], '%'];
  return [core];
}

/** Model-facing normal form: typographic quotes and apostrophes folded to ASCII. The text is untouched. */
const TYPOGRAPHIC = /[“”„«»‘’‚‹›…]/;

export function normalizeToken(token: string): string {
  if (!TYPOGRAPHIC.test(token)) return token; // most tokens: nothing to fold
  return token
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’‚‹›]/g, "'")
    .replace(/…/g, '...');
}
