/**
 * PETRARCH issue dictionaries (`Phoenix.IssueCoding.txt`): phrases that tag a sentence with issue codes.
 *
 *   <ISSUE CATEGORY="EDUCATION" TYPE="ALL">     section; its category is kept with each phrase
 *   n:teacher [TEACHERS]                       n: the word and its regular plural
 *   education v:reform [EDUCATION_REFORM]      v: the word and its -S, -ED, -ING forms
 *   pre+n:school [EARLY_CHILDHOOD_EDUCATION]   +: written with a blank or a hyphen ("pre school", "pre-school")
 *   ~a head start                              exclusion: found in the sentence, no issue is coded for it
 *   ~~Armenian genocide                        exclusion for the whole story
 *   </ISSUE>
 *
 * Issue phrases are matched as whole words (PETRARCH has no stems here), case-insensitively.
 */
import { bracketGroups, contentLines, type DictionaryProblem, type SourceRef } from './source.js';
import { normalizer, parsePhrase, PhraseIndex, pluralOf } from './words.js';

export type IssueKind = 'issue' | 'exclude-sentence' | 'exclude-story';

export interface IssueEntry {
  readonly kind: IssueKind;
  /** The issue code; '' for exclusions. */
  readonly code: string;
  readonly category?: string;
  /** The phrase as written. */
  readonly phrase: string;
  readonly words: readonly (readonly string[])[];
  readonly source: SourceRef;
}

export interface IssueMatch {
  readonly kind: IssueKind;
  readonly code: string;
  readonly category?: string;
  readonly at: number;
  readonly length: number;
  readonly entry: IssueEntry;
}

/** The regular verb forms PETRARCH generates for `v:`. */
function verbForms(root: string): string[] {
  if (root.endsWith('E')) return [root, root + 'S', root + 'D', root.slice(0, -1) + 'ING'];
  return [root, root + 'S', root + 'ED', root + 'ING'];
}

/** Expands `n:`, `v:` and `+` into plain phrases (blank-separated words, upper case). */
export function expandIssuePhrase(phrase: string): string[] {
  let forms = [phrase.toUpperCase().trim()];
  for (let guard = 0; guard < 16; guard++) {
    const next: string[] = [];
    let changed = false;
    for (const f of forms) {
      const m = /(^|[\s+-])([NV]):(\S*?)(?=$|[\s+])/.exec(f);
      if (m) {
        const start = m.index + m[1].length;
        const end = start + 2 + m[3].length;
        const words = m[2] === 'N' ? [m[3], pluralOf(m[3])] : verbForms(m[3]);
        for (const w of words) next.push(f.slice(0, start) + w + f.slice(end));
        changed = true;
      } else if (f.includes('+')) {
        next.push(f.replace('+', ' '), f.replace('+', '-'));
        changed = true;
      } else next.push(f);
    }
    forms = next;
    if (!changed) break;
  }
  return [...new Set(forms)];
}

export function parseIssues(text: string, file: string): { entries: IssueEntry[]; problems: DictionaryProblem[] } {
  const entries: IssueEntry[] = [];
  const problems: DictionaryProblem[] = [];
  let category: string | undefined;
  for (const { line, text: raw } of contentLines(text)) {
    const t = raw.trim();
    if (/^<ISSUE\b/i.test(t)) {
      const m = /CATEGORY\s*=\s*"([^"]*)"/i.exec(t);
      if (!m || !t.endsWith('>')) problems.push({ file, line, message: 'malformed <ISSUE …> tag; line skipped' });
      category = m?.[1];
      continue;
    }
    if (/^<\/ISSUE>$/i.test(t)) {
      category = undefined;
      continue;
    }
    if (t.startsWith('<')) {
      problems.push({ file, line, message: `unknown tag "${t}"; line skipped` });
      continue;
    }
    let kind: IssueKind = 'issue';
    let code = '';
    let phrase: string;
    if (t.startsWith('~')) {
      kind = t.startsWith('~~') ? 'exclude-story' : 'exclude-sentence';
      phrase = t.replace(/^~~?/, '').trim();
      if (phrase.includes('[')) {
        problems.push({ file, line, message: 'an exclusion phrase takes no code; line skipped' });
        continue;
      }
    } else {
      const { before, groups, after, unclosed } = bracketGroups(t);
      if (groups.length === 0 && !unclosed) {
        problems.push({ file, line, message: 'issue phrase has no [CODE] (PETRARCH ignores such lines); line skipped' });
        continue;
      }
      if (unclosed || groups.length !== 1 || after !== '' || groups[0].trim() === '' || /\s/.test(groups[0].trim())) {
        problems.push({ file, line, message: 'expected "phrase [CODE]"; line skipped' });
        continue;
      }
      code = groups[0].trim();
      phrase = before.trim();
    }
    const words: string[][] = [];
    for (const form of expandIssuePhrase(phrase)) {
      const parsed = parsePhrase(form);
      for (const v of parsed.variants) if (!words.some((w) => w.join(' ') === v.join(' '))) words.push(v);
    }
    if (words.length === 0) {
      problems.push({ file, line, message: `no words in issue phrase "${phrase}"; line skipped` });
      continue;
    }
    entries.push({ kind, code, ...(category !== undefined ? { category } : {}), phrase, words, source: { file, line } });
  }
  return { entries, problems };
}

export class IssueDictionary {
  readonly entries: readonly IssueEntry[];
  private readonly index = new PhraseIndex<IssueEntry>();

  constructor(entries: readonly IssueEntry[]) {
    this.entries = entries;
    for (const entry of entries) for (const words of entry.words) this.index.add(words, true, entry);
  }

  get phraseCount(): number {
    return this.index.size;
  }

  /** Every issue and exclusion phrase in the tokens, left to right (the longest at each start). */
  find(words: readonly string[]): IssueMatch[] {
    const norm = normalizer(words);
    const out: IssueMatch[] = [];
    for (let at = 0; at < words.length; at++) {
      const m = this.index.match(words, at, norm);
      if (!m) continue;
      const e = m.phrase.value;
      out.push({ kind: e.kind, code: e.code, ...(e.category !== undefined ? { category: e.category } : {}), at, length: m.length, entry: e });
    }
    return out;
  }

  /**
   * Issue codes of a sentence with the number of phrases behind each, as PETRARCH writes them
   * (`NUCLEAR_WEAPONS 1`). As in PETRARCH, any exclusion phrase cancels all issues of the sentence.
   */
  codes(words: readonly string[]): { code: string; count: number }[] {
    const found = this.find(words);
    if (found.some((m) => m.kind !== 'issue')) return [];
    const counts = new Map<string, number>();
    for (const m of found) counts.set(m.code, (counts.get(m.code) ?? 0) + 1);
    return [...counts].map(([code, count]) => ({ code, count }));
  }
}
