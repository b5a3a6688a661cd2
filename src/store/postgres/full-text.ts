/**
 * Full-text search over evidence sentences in PostgreSQL, matching what SQLite's FTS5 index does with
 * `unicode61 remove_diacritics 2`: words are runs of letters and digits, lowercased, diacritics removed
 * ("Bárcena" and "Barcena" are one word). The words are made here, not by a PostgreSQL text-search
 * configuration, so both stores split and fold text alike: a mention stores a `tsvector` literal of its
 * words with their positions, and a search in FTS5 syntax (words, "phrases", prefix*, AND, OR, NOT,
 * parentheses, implicit AND) becomes a `tsquery` literal. FTS5's NEAR groups and `^` are not supported.
 */
import { StoreError } from '../store.js';

/** Lowercased text without diacritics (NFD, combining marks removed). */
export function foldText(text: string): string {
  return text.normalize('NFD').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** PostgreSQL refuses lexemes of 2 KiB or more; such "words" (pasted data) are left out of the index. */
const MAX_LEXEME_BYTES = 2046;
/** Positions above this are stored as this (PostgreSQL's limit). */
const MAX_POSITION = 16383;

/** The folded words of a text, in order. */
export function wordsOf(text: string): string[] {
  return (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => Buffer.byteLength(w) <= MAX_LEXEME_BYTES);
}

const quote = (word: string): string => `'${word.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

/** The `tsvector` literal of a text: each word with its positions (1-based). */
export function tsvectorLiteral(text: string): string {
  const positions = new Map<string, number[]>();
  wordsOf(text).forEach((w, i) => {
    const list = positions.get(w) ?? [];
    list.push(Math.min(i + 1, MAX_POSITION));
    positions.set(w, list);
  });
  return [...positions].map(([w, ps]) => `${quote(w)}:${[...new Set(ps)].join(',')}`).join(' ');
}

/** A parsed search: a boolean tree over phrases; `nothing` matches no sentence (a phrase without words). */
type Query = { kind: 'phrase'; words: string[]; prefix: boolean } | { kind: 'and' | 'or' | 'not'; left: Query; right: Query } | { kind: 'nothing' };

interface Token {
  kind: 'word' | 'string' | 'and' | 'or' | 'not' | 'open' | 'close' | 'star' | 'plus' | 'colon' | 'other';
  text: string;
}

const BAREWORD = /[\p{L}\p{N}_\u001a]|[^\x00-\x7f]/u;

function lex(search: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < search.length) {
    const c = search[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= search.length) throw new StoreError('BAD_QUERY', `invalid full-text search "${search}": unterminated string`);
        if (search[i] === '"') {
          if (search[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += search[i++];
      }
      tokens.push({ kind: 'string', text });
    } else if (BAREWORD.test(c)) {
      let text = '';
      while (i < search.length && BAREWORD.test(search[i])) text += search[i++];
      const kind = text === 'AND' ? 'and' : text === 'OR' ? 'or' : text === 'NOT' ? 'not' : 'word';
      tokens.push({ kind, text });
    } else {
      const kind = c === '(' ? 'open' : c === ')' ? 'close' : c === '*' ? 'star' : c === '+' ? 'plus' : c === ':' ? 'colon' : 'other';
      tokens.push({ kind, text: c });
      i++;
    }
  }
  return tokens;
}

/** Parses FTS5 query syntax (precedence NOT, then AND and juxtaposition, then OR). */
function parse(search: string): Query {
  const tokens = lex(search);
  let at = 0;
  const fail = (why: string): never => {
    throw new StoreError('BAD_QUERY', `invalid full-text search "${search}": ${why}`);
  };
  const near = (): string => (at < tokens.length ? `fts5: syntax error near "${tokens[at].text}"` : 'fts5: syntax error near ""');
  const peek = (): Token | undefined => tokens[at];

  const phrase = (): Query => {
    const words: string[] = [];
    let prefix = false;
    for (;;) {
      const t = peek();
      if (!t || (t.kind !== 'word' && t.kind !== 'string')) return fail(near());
      at++;
      if (peek()?.kind === 'colon') {
        // A column filter: the index has one column, `evidence`.
        if (t.kind !== 'word' || t.text.toLowerCase() !== 'evidence') return fail(`no such column: ${t.text}`);
        at++;
        return primary();
      }
      if (t.text === 'NEAR' && peek()?.kind === 'open') return fail('NEAR groups are not supported by the PostgreSQL store');
      words.push(...wordsOf(t.text));
      if (peek()?.kind === 'star') {
        at++;
        prefix = true;
        break;
      }
      if (peek()?.kind !== 'plus') break;
      at++;
    }
    return words.length === 0 ? { kind: 'nothing' } : { kind: 'phrase', words, prefix };
  };

  const primary = (): Query => {
    const t = peek();
    if (t?.kind === 'open') {
      at++;
      const inner = or();
      if (peek()?.kind !== 'close') return fail(near());
      at++;
      return inner;
    }
    if (t?.kind === 'other' && t.text === '^') return fail('^ (first word) is not supported by the PostgreSQL store');
    return phrase();
  };

  const not = (): Query => {
    let left = primary();
    while (peek()?.kind === 'not') {
      at++;
      left = { kind: 'not', left, right: primary() };
    }
    return left;
  };

  const and = (): Query => {
    let left = not();
    for (;;) {
      const t = peek();
      if (t?.kind === 'and') at++;
      else if (!t || (t.kind !== 'word' && t.kind !== 'string' && t.kind !== 'open')) return left;
      left = { kind: 'and', left, right: not() };
    }
  };

  const or = (): Query => {
    let left = and();
    while (peek()?.kind === 'or') {
      at++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  if (tokens.length === 0) return fail('fts5: syntax error near ""');
  const query = or();
  if (at < tokens.length) return fail(near());
  return query;
}

/** Removes phrases that match nothing: `a AND nothing` is nothing, `a OR nothing` is a, `a NOT nothing` is a. */
function simplify(q: Query): Query {
  if (q.kind === 'phrase' || q.kind === 'nothing') return q;
  const left = simplify(q.left);
  const right = simplify(q.right);
  if (q.kind === 'and') return left.kind === 'nothing' || right.kind === 'nothing' ? { kind: 'nothing' } : { kind: 'and', left, right };
  if (q.kind === 'or') return left.kind === 'nothing' ? right : right.kind === 'nothing' ? left : { kind: 'or', left, right };
  return left.kind === 'nothing' ? left : right.kind === 'nothing' ? left : { kind: 'not', left, right };
}

function render(q: Query): string {
  switch (q.kind) {
    case 'phrase':
      return `(${q.words.map((w, i) => quote(w) + (q.prefix && i === q.words.length - 1 ? ':*' : '')).join(' <-> ')})`;
    case 'and':
      return `(${render(q.left)} & ${render(q.right)})`;
    case 'or':
      return `(${render(q.left)} | ${render(q.right)})`;
    case 'not':
      return `(${render(q.left)} & !${render(q.right)})`;
    default:
      throw new Error('render: nothing has no tsquery');
  }
}

/**
 * The `tsquery` literal of an FTS5-syntax search, or null when it can match nothing (a phrase of
 * punctuation only). A malformed search is a BAD_QUERY StoreError naming what is wrong.
 */
export function searchToTsquery(search: string): string | null {
  const query = simplify(parse(search));
  return query.kind === 'nothing' ? null : render(query);
}
