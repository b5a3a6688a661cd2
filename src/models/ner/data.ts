/**
 * Training and evaluation data for the entity tagger (used at training/evaluation time only, never at run
 * time): UNER IOB2 files, and GUM CoNLL-U whose MISC `Entity=` annotations are converted to PER/ORG/LOC IOB2.
 *
 * GUM conversion. GUM marks every mention (named or not) with a bracketed entity type and identity. A mention
 * of type person / organization / place whose syntactic head is a proper noun becomes a named span:
 *  - person: the head plus its `flat` name parts and proper-noun `compound` modifiers that are not titles
 *    ("U.S. President Donald Trump's" → "Donald Trump"); plural proper nouns (NNPS: "Muslims") and
 *    demonyms are skipped;
 *  - organization / place: the run of capitalised words (with "of", "the", "de", "for", "and", "&", "-"
 *    between capitalised words) around the head, inside the mention ("the Daughters of the American
 *    Revolution" → "Daughters of the American Revolution"); a leading "the"/"The" is dropped.
 * Overlapping candidates are resolved longest first, like UNER's flat, outermost-name annotation.
 */

import { readConllu, type ConlluWord } from '../conllu.js';

export interface NerSentence {
  words: string[];
  tags: string[];
  /** UD part-of-speech tags when the source has them. */
  upos?: string[];
  /** Document id when the source has one. */
  doc?: string;
}

/** Reads a UNER-style IOB2 file: index, token, tag[, …] per line; `#` comments; blank lines between sentences. */
export function readIob2(text: string): NerSentence[] {
  const out: NerSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let doc: string | undefined;
  const flush = (): void => {
    if (words.length > 0) out.push({ words, tags, doc });
    words = [];
    tags = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) {
      const m = /^# newdoc id = (.*)$/.exec(line);
      if (m) doc = m[1].trim();
      continue;
    }
    const cols = line.split('\t');
    if (cols.length < 3) continue;
    words.push(cols[1]);
    const tag = cols[2].trim();
    tags.push(/^[BI]-(PER|ORG|LOC)$/.test(tag) ? tag : 'O');
  }
  flush();
  return fixIob(out);
}

const WNUT_MAP: Record<string, string> = { person: 'PER', location: 'LOC', corporation: 'ORG', group: 'ORG' };

/**
 * Reads WNUT-17 (token TAB tag, blank lines between tweets). person → PER, location → LOC, corporation and
 * group → ORG; product and creative-work → O (UNER has no such types).
 */
export function readWnut(text: string): NerSentence[] {
  const out: NerSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const cols = line.split('\t');
    if (line.trim() === '' || cols.length < 2) {
      if (words.length > 0) out.push({ words, tags });
      words = [];
      tags = [];
      continue;
    }
    words.push(cols[0]);
    const m = /^([BI])-(.+)$/.exec(cols[1].trim());
    const type = m ? WNUT_MAP[m[2]] : undefined;
    tags.push(m && type ? `${m[1]}-${type}` : 'O');
  }
  if (words.length > 0) out.push({ words, tags });
  return fixIob(out);
}

/** Makes gold tags well formed (an I-X after O or another type becomes B-X). */
function fixIob(sentences: NerSentence[]): NerSentence[] {
  for (const s of sentences) {
    let prev = 'O';
    for (let i = 0; i < s.tags.length; i++) {
      const t = s.tags[i];
      if (t.startsWith('I-') && (prev === 'O' || prev.slice(2) !== t.slice(2))) s.tags[i] = 'B-' + t.slice(2);
      prev = s.tags[i];
    }
  }
  return sentences;
}

interface Mention {
  eid: string;
  type: string;
  /** Word indices (0-based, inclusive). */
  start: number;
  end: number;
}

const TYPE_MAP: Record<string, string> = { person: 'PER', organization: 'ORG', place: 'LOC' };
const CONNECTORS = new Set(['of', 'the', 'de', 'del', 'la', 'for', 'and', '&', '-', 'du', 'von', 'van', 'der', 'on']);
const CAP = /^[\p{Lu}\p{N}]/u;

/** Parses the mentions of one sentence from the MISC column's `Entity=` values. */
function sentenceMentions(words: ConlluWord[]): Mention[] {
  const open = new Map<string, Mention[]>();
  const done: Mention[] = [];
  words.forEach((w, i) => {
    const m = /(?:^|\|)Entity=([^|]*)/.exec(w.misc);
    if (!m) return;
    const v = m[1];
    let p = 0;
    while (p < v.length) {
      if (v[p] === '(') {
        let q = p + 1;
        while (q < v.length && v[q] !== '(' && v[q] !== ')') q++;
        const attrs = v.slice(p + 1, q).split('-');
        const mention: Mention = { eid: attrs[0], type: attrs[1] ?? '', start: i, end: i };
        if (v[q] === ')') {
          done.push(mention);
          q++;
        } else {
          const stack = open.get(mention.eid) ?? [];
          stack.push(mention);
          open.set(mention.eid, stack);
        }
        p = q;
      } else {
        let q = p;
        while (q < v.length && v[q] !== ')' && v[q] !== '(') q++;
        if (v[q] === ')') {
          const eid = v.slice(p, q);
          const stack = open.get(eid);
          const mention = stack?.pop();
          if (mention) {
            mention.end = i;
            done.push(mention);
          }
          q++;
        }
        p = q;
      }
    }
  });
  return done;
}

/** Options for the GUM conversion. */
export interface GumOptions {
  /** Lowercase title words stripped from person names ("president", "secretary", …). */
  titles: ReadonlySet<string>;
  /** Lowercase demonyms never made into PER spans ("mexican", "muslims", …). */
  demonyms: ReadonlySet<string>;
  /** Keep only documents whose id passes this test. */
  docFilter?: (docId: string) => boolean;
}

/** Converts GUM CoNLL-U (with Entity= annotations) to PER/ORG/LOC IOB2 sentences. */
export function readGumNer(text: string, options: GumOptions): NerSentence[] {
  const out: NerSentence[] = [];
  let doc = '';
  for (const sent of readConllu(text)) {
    for (const c of sent.comments) {
      const m = /^# newdoc id = (.*)$/.exec(c);
      if (m) doc = m[1].trim();
    }
    if (options.docFilter && !options.docFilter(doc)) continue;
    const words = sent.words;
    const n = words.length;
    const idToIndex = new Map<number, number>();
    words.forEach((w, i) => idToIndex.set(w.id, i));
    const headIdx = words.map((w) => (w.head > 0 ? (idToIndex.get(w.head) ?? -1) : -1));
    const candidates: Array<{ type: string; start: number; end: number }> = [];
    for (const m of sentenceMentions(words)) {
      const type = TYPE_MAP[m.type];
      if (!type) continue;
      let head = -1;
      for (let i = m.start; i <= m.end; i++) {
        const h = headIdx[i];
        if (h < m.start || h > m.end) {
          head = i;
          break;
        }
      }
      if (head < 0 || words[head].upos !== 'PROPN') continue;
      let start: number;
      let end: number;
      if (type === 'PER') {
        if (words[head].xpos === 'NNPS' || options.demonyms.has(words[head].form.toLowerCase())) continue;
        if (options.titles.has(words[head].form.toLowerCase())) continue;
        const inName = new Set<number>([head]);
        let grew = true;
        while (grew) {
          grew = false;
          for (let i = m.start; i <= m.end; i++) {
            if (inName.has(i) || !inName.has(headIdx[i])) continue;
            const rel = words[i].deprel;
            const ok =
              rel.startsWith('flat') ||
              (rel === 'compound' && words[i].upos === 'PROPN' && !options.titles.has(words[i].form.toLowerCase()) && CAP.test(words[i].form));
            if (ok) {
              inName.add(i);
              grew = true;
            }
          }
        }
        start = Math.min(...inName);
        end = Math.max(...inName);
        // The span must be contiguous capitalised words (hyphens allowed), otherwise keep the head alone.
        let contiguous = true;
        for (let i = start; i <= end; i++) if (!inName.has(i) && words[i].form !== '-') contiguous = false;
        if (!contiguous) start = end = head;
        // Drop leading titles that slipped in as compounds.
        while (start < end && options.titles.has(words[start].form.toLowerCase())) start++;
      } else {
        start = head;
        end = head;
        for (;;) {
          if (start - 1 >= m.start && CAP.test(words[start - 1].form) && words[start - 1].upos !== 'DET') {
            start--;
            continue;
          }
          if (start - 2 >= m.start && CONNECTORS.has(words[start - 1].form.toLowerCase()) && CAP.test(words[start - 2].form)) {
            start -= 2;
            continue;
          }
          if (start - 3 >= m.start && words[start - 1].form.toLowerCase() === 'the' && CONNECTORS.has(words[start - 2].form.toLowerCase()) && CAP.test(words[start - 3].form)) {
            start -= 3;
            continue;
          }
          break;
        }
        for (;;) {
          if (end + 1 <= m.end && CAP.test(words[end + 1].form)) {
            end++;
            continue;
          }
          if (end + 2 <= m.end && CONNECTORS.has(words[end + 1].form.toLowerCase()) && CAP.test(words[end + 2].form)) {
            end += 2;
            continue;
          }
          if (end + 3 <= m.end && CONNECTORS.has(words[end + 1].form.toLowerCase()) && words[end + 2].form.toLowerCase() === 'the' && CAP.test(words[end + 3].form)) {
            end += 3;
            continue;
          }
          break;
        }
        while (start < end && words[start].form.toLowerCase() === 'the') start++;
      }
      if (!CAP.test(words[start].form) && type === 'PER') continue;
      candidates.push({ type, start, end });
    }
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const tags = new Array<string>(n).fill('O');
    for (const c of candidates) {
      let free = true;
      for (let i = c.start; i <= c.end; i++) if (tags[i] !== 'O') free = false;
      if (!free) continue;
      for (let i = c.start; i <= c.end; i++) tags[i] = (i === c.start ? 'B-' : 'I-') + c.type;
    }
    out.push({ words: words.map((w) => w.form), tags, upos: words.map((w) => w.upos), doc });
  }
  return out;
}

/** Reads a hand-written word list: one entry per line, `#` comment lines and blank lines skipped. */
export function readWordList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
