/**
 * PETRARCH/TABARI verb dictionaries (`CAMEO.2.0.txt`), read into plain typed records.
 *
 *   &CURRENCY                          synset: `+` member lines follow (words joined by `_` or blanks);
 *   +DOLLAR                            regular plurals are added unless the member or the label ends
 *   +CASH_                             with `_`; a member may name another synset (`+&MONEY`): nested
 *   +&COINS                            synsets are expanded, a cycle is reported and cut
 *
 *   --- GRANT [070] ---                verb block: a name and header code(s) (`[---]`: no event; old
 *   GIVE {GAVE GIVEN GIVING} [071]     dictionaries may put two codes); then verb lines: the verb, its
 *   CONTRIBUTE                         irregular forms in {…} (otherwise regular -S/-ED/-ING forms are
 *   +CALL_OFF                          made) and an optional own code; `+` marks the verb in a
 *   RE_+ARREST                         multi-word verb; a hyphenated verb is a multi-word one
 *   - $ * &CURRENCY (TO +) [0711]      pattern: elements before `*` (the verb) and after it, then a code
 *
 *   ~ a (b . ATTACK) SAY = a b 112     transformation, kept as a raw record
 *
 * Pattern elements: plain words (`_` joins consecutive words), `&SYNSET`, `$` source, `+` target,
 * `^` skip a noun phrase, `%` compound actor, `{… HEAD}` noun phrase, `(PREP …)` prepositional phrase.
 * Codes are opaque strings (`075A`, `---`, `080!`); a paired code `[042:043]` (or `[:173]`) is kept
 * whole in `code` and split in `codes`. Comments: `#`, `<!-- -->` and the old `;`.
 */
import { contentLines, type DictionaryProblem, type SourceRef } from './source.js';
import { parsePhrase, pluralOf } from './words.js';

export type PatternElement =
  /** One word, or `_`-joined words that must be consecutive. */
  | { readonly kind: 'word'; readonly words: readonly string[] }
  | { readonly kind: 'synset'; readonly name: string }
  | { readonly kind: 'source' }
  | { readonly kind: 'target' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'compound' }
  /** `{…}`: a noun phrase whose last word element is its head. */
  | { readonly kind: 'noun'; readonly elements: readonly PatternElement[] }
  /** `(…)`: a prepositional phrase, the preposition then what it governs. */
  | { readonly kind: 'prep'; readonly preposition: PatternElement; readonly elements: readonly PatternElement[] };

export interface VerbPattern {
  /** `file:line`. */
  readonly id: string;
  readonly raw: string;
  /** The code as written inside the brackets (`042:043`, `075A`, `---`). */
  readonly code: string;
  /** The code's parts: one, or the two halves of a paired code (either may be ''). */
  readonly codes: readonly string[];
  readonly before: readonly PatternElement[];
  readonly after: readonly PatternElement[];
  /** The pattern carries a `%` compound marker. */
  readonly compound: boolean;
  /** Index of its verb block in `VerbDictionary.blocks`. */
  readonly block: number;
  readonly source: SourceRef;
}

export interface VerbEntry {
  /** The verb word of the base form, normalised (`ASK` for `+ASK_FOR`). */
  readonly lemma: string;
  /** The base phrase as normalised words (`ASK FOR`), with the verb at `verbAt`. */
  readonly words: readonly string[];
  readonly verbAt: number;
  /** Every form of the verb word, the base included (`ASK ASKS ASKED ASKING`). */
  readonly forms: readonly string[];
  /** Its own code, when the line gives one; otherwise the block's. */
  readonly code?: string;
  readonly block: number;
  readonly source: SourceRef;
}

export interface VerbBlock {
  readonly name: string;
  /** Header code(s), opaque; `---` when the header gives none. */
  readonly codes: readonly string[];
  readonly verbs: VerbEntry[];
  readonly patterns: VerbPattern[];
  readonly source: SourceRef;
}

export interface Synset {
  /** Label without `&` or a trailing `_`. */
  readonly name: string;
  /** Member phrases, nested synsets expanded, plurals added, as normalised words. */
  readonly members: readonly (readonly string[])[];
  readonly source: SourceRef;
}

export interface Transformation {
  readonly raw: string;
  readonly source: SourceRef;
}

export interface VerbDictionary {
  readonly synsets: ReadonlyMap<string, Synset>;
  readonly blocks: readonly VerbBlock[];
  readonly transformations: readonly Transformation[];
  /** Verb word (any form, normalised) → the verb entries having it. */
  readonly byForm: ReadonlyMap<string, readonly VerbEntry[]>;
}

/** Regular verb forms (base, -S, -ED, -ING) of a normalised verb word. */
export function regularVerbForms(v: string): string[] {
  const s = /(S|X|Z|CH|SH)$/.test(v) ? v + 'ES' : /[^AEIOU]Y$/.test(v) ? v.slice(0, -1) + 'IES' : v + 'S';
  const ed = v.endsWith('E') ? v + 'D' : /[^AEIOU]Y$/.test(v) ? v.slice(0, -1) + 'IED' : v + 'ED';
  const ing = /[^EYO]E$/.test(v) ? v.slice(0, -1) + 'ING' : v + 'ING';
  return [v, s, ed, ing];
}

interface RawSynset {
  name: string;
  plural: boolean;
  members: { text: string; line: number }[];
  source: SourceRef;
}

interface RawPattern {
  raw: string;
  code: string;
  before: string[];
  after: string[];
  block: number;
  source: SourceRef;
}

/**
 * Accumulates verb files (synsets are shared across them and may be defined after use), then resolves
 * synsets and patterns in `finish()`.
 */
export class VerbDictionaryBuilder {
  private readonly rawSynsets = new Map<string, RawSynset>();
  private readonly blocks: { name: string; codes: string[]; verbs: VerbEntry[]; patterns: VerbPattern[]; source: SourceRef }[] = [];
  private readonly rawPatterns: RawPattern[] = [];
  private readonly transformations: Transformation[] = [];
  readonly problems: DictionaryProblem[] = [];

  add(text: string, file: string): void {
    let state: 'none' | 'synset' | 'block' = 'none';
    let synset: RawSynset | undefined;
    let block = -1;
    const problem = (line: number, message: string): void => {
      this.problems.push({ file, line, message });
    };
    for (const { line, text: raw } of contentLines(text, { semicolonComments: true })) {
      const t = raw.trim();
      const source = { file, line };
      if (t.startsWith('&')) {
        const m = /^&([^\s&]+)\s*$/.exec(t);
        if (!m) {
          problem(line, `malformed synset label "${t}"; synset skipped`);
          state = 'synset';
          synset = undefined;
          continue;
        }
        const name = m[1].replace(/_+$/, '').toUpperCase();
        if (this.rawSynsets.has(name)) problem(line, `synset &${name} defined again; the new members are added`);
        synset = this.rawSynsets.get(name) ?? { name, plural: !m[1].endsWith('_'), members: [], source };
        this.rawSynsets.set(name, synset);
        state = 'synset';
        continue;
      }
      if (t.startsWith('+') && state === 'synset') {
        if (synset) synset.members.push({ text: t.slice(1).trim(), line });
        continue;
      }
      if (t.startsWith('---')) {
        const header = parseHeader(t);
        if (typeof header === 'string') {
          problem(line, `${header}; block skipped`);
          state = 'none';
          block = -1;
          continue;
        }
        block = this.blocks.length;
        this.blocks.push({ name: header.name, codes: header.codes, verbs: [], patterns: [], source });
        state = 'block';
        continue;
      }
      if (t.startsWith('~')) {
        this.transformations.push({ raw: t, source });
        continue;
      }
      if (t.startsWith('-')) {
        if (block < 0) {
          problem(line, 'pattern outside a verb block; line skipped');
          continue;
        }
        const p = splitPattern(t);
        if (typeof p === 'string') problem(line, `${p}; pattern skipped`);
        else this.rawPatterns.push({ ...p, raw: t, block, source });
        continue;
      }
      if (block < 0) {
        problem(line, state === 'synset' && !synset ? 'line inside a malformed synset; skipped' : 'verb line outside a verb block; line skipped');
        continue;
      }
      state = 'block';
      const entry = parseVerbLine(t, block, source);
      if (typeof entry === 'string') problem(line, `${entry}; line skipped`);
      else this.blocks[block].verbs.push(entry);
    }
  }

  finish(): VerbDictionary {
    const synsets = new Map<string, Synset>();
    const expanding = new Set<string>();
    const expand = (name: string): Synset | undefined => {
      const done = synsets.get(name);
      if (done) return done;
      const raw = this.rawSynsets.get(name);
      if (!raw) return undefined;
      expanding.add(name);
      const members: string[][] = [];
      const seen = new Set<string>();
      const add = (words: readonly string[]): void => {
        const key = words.join(' ');
        if (seen.has(key)) return;
        seen.add(key);
        members.push([...words]);
      };
      for (const m of raw.members) {
        if (m.text.startsWith('&')) {
          const inner = m.text.slice(1).replace(/_+$/, '').toUpperCase();
          if (expanding.has(inner)) {
            this.problems.push({ file: raw.source.file, line: m.line, message: `synset &${inner} contains itself (cycle through &${name}); member skipped` });
            continue;
          }
          const nested = expand(inner);
          if (!nested) {
            this.problems.push({ file: raw.source.file, line: m.line, message: `synset &${inner} is not defined; member skipped` });
            continue;
          }
          for (const w of nested.members) add(w);
          continue;
        }
        if (/[$+%^*{}()[\]]/.test(m.text)) {
          this.problems.push({ file: raw.source.file, line: m.line, message: `synset member "${m.text}" contains a pattern marker; member skipped` });
          continue;
        }
        const parsed = parsePhrase(m.text);
        if (parsed.variants.length === 0) {
          this.problems.push({ file: raw.source.file, line: m.line, message: 'empty synset member; skipped' });
          continue;
        }
        for (const v of parsed.variants) {
          add(v);
          if (raw.plural && !m.text.endsWith('_')) add([...v.slice(0, -1), pluralOf(v[v.length - 1])]);
        }
      }
      expanding.delete(name);
      const synset: Synset = { name, members, source: raw.source };
      synsets.set(name, synset);
      return synset;
    };
    for (const name of this.rawSynsets.keys()) expand(name);

    for (const rp of this.rawPatterns) {
      try {
        const before = parseElements(rp.before, synsets);
        const after = parseElements(rp.after, synsets);
        const compound = rp.before.includes('%') || rp.after.includes('%');
        const codes = rp.code.includes(':') ? rp.code.split(':') : [rp.code];
        const id = `${rp.source.file}:${rp.source.line}`;
        this.blocks[rp.block].patterns.push({ id, raw: rp.raw, code: rp.code, codes, before, after, compound, block: rp.block, source: rp.source });
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        this.problems.push({ file: rp.source.file, line: rp.source.line, message: `${error.message}; pattern skipped` });
      }
    }

    const byForm = new Map<string, VerbEntry[]>();
    for (const b of this.blocks) {
      for (const v of b.verbs) {
        for (const f of new Set([v.lemma, ...v.forms])) {
          const list = byForm.get(f);
          if (list) list.push(v);
          else byForm.set(f, [v]);
        }
      }
    }
    // problems found while resolving come last; report them in file and line order
    const fileOrder = new Map<string, number>();
    for (const p of this.problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
    this.problems.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line);
    return { synsets, blocks: this.blocks, transformations: this.transformations, byForm };
  }
}

/** Parses one verb file on its own. */
export function parseVerbs(text: string, file: string): { dictionary: VerbDictionary; problems: DictionaryProblem[] } {
  const builder = new VerbDictionaryBuilder();
  builder.add(text, file);
  const dictionary = builder.finish();
  return { dictionary, problems: builder.problems };
}

/** Counts for reports. */
export function verbStats(d: VerbDictionary): { blocks: number; verbs: number; forms: number; patterns: number; synsets: number; synsetMembers: number; transformations: number } {
  let verbs = 0;
  let patterns = 0;
  let synsetMembers = 0;
  for (const b of d.blocks) {
    verbs += b.verbs.length;
    patterns += b.patterns.length;
  }
  for (const s of d.synsets.values()) synsetMembers += s.members.length;
  return { blocks: d.blocks.length, verbs, forms: d.byForm.size, patterns, synsets: d.synsets.size, synsetMembers, transformations: d.transformations.length };
}

class PatternError extends Error {}

function parseHeader(t: string): { name: string; codes: string[] } | string {
  // `--- NAME [code] [code] ---` (the closing dashes, and anything after them, are optional)
  const body = t.replace(/^-{3,}/, '').trim();
  const m = /^(\S+)\s*(.*)$/.exec(body);
  if (!m || m[1].includes('[')) return `malformed verb block header "${t}"`;
  const codes: string[] = [];
  let rest = m[2];
  while (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return `"[" without "]" in verb block header "${t}"`;
    const group = rest.slice(1, close).trim().split(/\s+/).filter((c) => c !== '');
    if (group.length === 0) return `empty code in verb block header "${t}"`;
    codes.push(...group);
    rest = rest.slice(close + 1).trim();
  }
  if (rest !== '' && !rest.startsWith('---')) return `unexpected text "${rest}" in verb block header`;
  return { name: m[1].toUpperCase(), codes: codes.length > 0 ? codes : ['---'] };
}

function parseVerbLine(t: string, block: number, source: SourceRef): VerbEntry | string {
  let rest = t;
  let code: string | undefined;
  const codeMatch = /\[([^\]]*)\]\s*$/.exec(rest);
  if (codeMatch) {
    code = codeMatch[1].trim();
    if (code === '' || /\s/.test(code)) return `malformed verb code "[${codeMatch[1]}]"`;
    rest = rest.slice(0, codeMatch.index);
  }
  if (/[[\]]/.test(rest)) return 'misplaced "[" or "]" on a verb line';
  let irregular: string[] | undefined;
  const brace = rest.indexOf('{');
  if (brace >= 0) {
    const close = rest.indexOf('}', brace);
    if (close < 0 || rest.slice(close + 1).trim() !== '') return '"{" without "}" (or text after it) on a verb line';
    irregular = rest.slice(brace + 1, close).trim().split(/[\s,]+/).filter((x) => x !== ''); // some lines separate forms with commas
    rest = rest.slice(0, brace);
  } else if (rest.includes('}')) return '"}" without "{" on a verb line';
  const base = rest.trim();
  if (base === '' || /\s/.test(base)) return `expected one verb (words joined by "_") but found "${base}"`;
  const phrase = verbPhrase(base);
  if (typeof phrase === 'string') return phrase;
  const forms = new Set<string>([phrase.words[phrase.verbAt]]);
  if (irregular) {
    for (const form of irregular) {
      const f = verbPhrase(form);
      if (typeof f === 'string') return `irregular form "${form}": ${f}`;
      forms.add(f.words[f.verbAt]);
    }
  } else {
    for (const f of regularVerbForms(phrase.words[phrase.verbAt])) forms.add(f);
  }
  return { lemma: phrase.words[phrase.verbAt], words: phrase.words, verbAt: phrase.verbAt, forms: [...forms], ...(code !== undefined ? { code } : {}), block, source };
}

/** `+ASK_FOR` → ASK FOR (verb 0); `RE_+ARREST` → RE ARREST (verb 1); `RE-OPEN` → RE OPEN (verb 1). */
function verbPhrase(text: string): { words: string[]; verbAt: number } | string {
  const parts = text.split('_').filter((p) => p !== '');
  const marked = parts.findIndex((p) => p.startsWith('+'));
  if (parts.filter((p) => p.includes('+')).length > 1 || parts.some((p) => p.slice(1).includes('+'))) return `more than one "+" in verb "${text}"`;
  const words: string[] = [];
  let verbAt = -1;
  parts.forEach((p, i) => {
    const pieces = parsePhrase(p.replace(/^\+/, '')).variants[0] ?? [];
    // the verb of a hyphenated word (RE-OPEN) is its last piece, the one our tokenizer tags as the verb
    if (i === marked || (marked < 0 && i === 0)) verbAt = words.length + pieces.length - 1;
    words.push(...pieces);
  });
  if (words.length === 0 || verbAt < 0) return `no words in verb "${text}"`;
  return { words, verbAt };
}

/** Splits `- before * after [CODE]` into raw element tokens and the code. */
function splitPattern(t: string): { before: string[]; after: string[]; code: string } | string {
  const m = /\[([^\]]*)\]\s*$/.exec(t);
  if (!m) return 'pattern has no [code] at its end';
  const code = m[1].trim();
  if (code === '' || /\s/.test(code)) return `malformed pattern code "[${m[1]}]"`;
  const body = t.slice(1, m.index);
  if (/[[\]]/.test(body)) return 'misplaced "[" or "]" in pattern';
  const stars = body.split('*').length - 1;
  if (stars !== 1) return stars === 0 ? 'pattern has no "*" (verb position)' : 'pattern has more than one "*"';
  const [before, after] = body.split('*').map((s) => tokensOf(s));
  return { before, after, code };
}

function tokensOf(s: string): string[] {
  return s
    .replace(/([{}()])/g, ' $1 ')
    .split(/\s+/)
    .filter((x) => x !== '')
    .flatMap((x) => (/^[$+^%][^\s$+^%]/.test(x) ? [x[0], x.slice(1)] : [x]));
}

function parseElements(tokens: readonly string[], synsets: ReadonlyMap<string, Synset>): PatternElement[] {
  let i = 0;
  const seq = (closer?: string): PatternElement[] => {
    const out: PatternElement[] = [];
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t === closer) return out;
      if (t === '}' || t === ')') throw new PatternError(`unbalanced "${t}"`);
      if (t === '{') {
        const elements = seq('}');
        if (elements.length === 0) throw new PatternError('empty noun phrase {}');
        out.push({ kind: 'noun', elements });
      } else if (t === '(') {
        const elements = seq(')');
        const [preposition, ...rest] = elements;
        if (!preposition || (preposition.kind !== 'word' && preposition.kind !== 'synset')) throw new PatternError('a prepositional phrase must start with its preposition');
        out.push({ kind: 'prep', preposition, elements: rest });
      } else out.push(...glued(t));
    }
    if (closer) throw new PatternError(`missing "${closer}"`);
    return out;
  };
  const marker = (c: string): PatternElement | undefined =>
    c === '$' ? { kind: 'source' } : c === '+' ? { kind: 'target' } : c === '^' ? { kind: 'skip' } : c === '%' ? { kind: 'compound' } : undefined;
  /**
   * One blank-separated token: a marker, a synset, a word, or (older dictionaries) several glued with
   * `_` (`TO_+`, `_BY_$`, `FIGHTER_&AIRCRAFT`, `&SECURITY_ZONE`) or directly (`POR+`). Plain words glued
   * by `_` stay one consecutive `word` element; glued markers and synsets become separate elements
   * (their adjacency is relaxed to order).
   */
  const glued = (t: string): PatternElement[] => {
    const single = t.length === 1 ? marker(t) : undefined;
    if (single) return [single];
    // pieces: split on `_`, then peel markers and `&` boundaries off each part
    const pieces: string[] = [];
    for (const part of t.split('_')) {
      if (part === '') continue;
      for (const m of part.match(/[$+^%]|&[^$+^%&]*|[^$+^%&]+/g) ?? []) pieces.push(m);
    }
    const out: PatternElement[] = [];
    let words: string[] = [];
    const flush = (): void => {
      if (words.length > 0) out.push({ kind: 'word', words });
      words = [];
    };
    for (let j = 0; j < pieces.length; j++) {
      const p = pieces[j];
      const m = marker(p);
      if (m) {
        flush();
        out.push(m);
        continue;
      }
      if (p.startsWith('&')) {
        flush();
        // the name runs over the `_`-joined pieces up to the next marker or synset, as PETRARCH reads
        // it (`&FIGHT_OF_WORDS`); a name that is not defined is not guessed at (`&FIGHT_CRIM`)
        let used = 0;
        while (j + used + 1 < pieces.length && !/^[$+^%&]/.test(pieces[j + used + 1])) used++;
        const name = [p.slice(1), ...pieces.slice(j + 1, j + used + 1)].join('_').replace(/_+$/, '').toUpperCase();
        if (!synsets.has(name)) throw new PatternError(`synset &${name} is not defined`);
        out.push({ kind: 'synset', name });
        j += used;
        continue;
      }
      if (p === '*') throw new PatternError('unexpected "*"');
      const w = parsePhrase(p).variants[0] ?? [];
      if (w.length === 0) throw new PatternError(`"${p}" is not a word`);
      words.push(...w);
    }
    flush();
    if (out.length === 0) throw new PatternError(`"${t}" is not a word`);
    return out;
  };
  return seq();
}
