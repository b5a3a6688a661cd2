/**
 * PETRARCH discard lists (`Phoenix.discards.txt`): phrases that mark a sentence, or a whole story, as
 * not worth coding (sports, entertainment, history).
 *
 *   ACADEMY AWARD          sentence discard
 *   +CHAMPIONS LEAGUE      story discard (leading `+`, blanks after it allowed)
 *   GROUP A_               trailing `_`: the last word must be whole; otherwise it is a stem
 *
 * Words are separated by blanks or `_` and matched case-insensitively through `normalizeWord`.
 */
import { contentLines, type DictionaryProblem, type SourceRef } from './source.js';
import { normalizer, parsePhrase, PhraseIndex } from './words.js';

export type DiscardKind = 'sentence' | 'story';

export interface DiscardEntry {
  readonly kind: DiscardKind;
  /** The phrase as written (without the `+`). */
  readonly phrase: string;
  readonly words: readonly (readonly string[])[];
  readonly exact: boolean;
  readonly source: SourceRef;
}

export interface DiscardMatch {
  readonly kind: DiscardKind;
  readonly phrase: string;
  /** Token index where the phrase starts. */
  readonly at: number;
  readonly length: number;
  readonly entry: DiscardEntry;
}

export function parseDiscards(text: string, file: string): { entries: DiscardEntry[]; problems: DictionaryProblem[] } {
  const entries: DiscardEntry[] = [];
  const problems: DictionaryProblem[] = [];
  for (const { line, text: raw } of contentLines(text)) {
    const t = raw.trim();
    const story = t.startsWith('+');
    const phrase = (story ? t.slice(1) : t).trim();
    if (/[[\]{}]/.test(phrase)) {
      problems.push({ file, line, message: `discard "${phrase}" contains a code or brace; line skipped` });
      continue;
    }
    const parsed = parsePhrase(phrase);
    if (parsed.variants.length === 0) {
      problems.push({ file, line, message: `no words in discard "${phrase}"; line skipped` });
      continue;
    }
    entries.push({ kind: story ? 'story' : 'sentence', phrase: phrase.replace(/_+$/, ''), words: parsed.variants, exact: parsed.exact, source: { file, line } });
  }
  return { entries, problems };
}

export class DiscardList {
  readonly entries: readonly DiscardEntry[];
  private readonly index = new PhraseIndex<DiscardEntry>();

  constructor(entries: readonly DiscardEntry[]) {
    this.entries = entries;
    for (const entry of entries) for (const words of entry.words) this.index.add(words, entry.exact, entry);
  }

  /** Every discard phrase found in the tokens, left to right (the longest at each start). */
  matchAll(words: readonly string[]): DiscardMatch[] {
    const norm = normalizer(words);
    const out: DiscardMatch[] = [];
    for (let at = 0; at < words.length; at++) {
      const m = this.index.match(words, at, norm);
      if (m) out.push({ kind: m.phrase.value.kind, phrase: m.phrase.value.phrase, at, length: m.length, entry: m.phrase.value });
    }
    return out;
  }

  /**
   * The discard that applies to these tokens: the first story discard if there is one (it discards the
   * sentence too), else the first sentence discard.
   */
  match(words: readonly string[]): DiscardMatch | undefined {
    const all = this.matchAll(words);
    return all.find((m) => m.kind === 'story') ?? all[0];
  }
}
