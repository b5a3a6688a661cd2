/**
 * GUM coreference data for the coreference eval. The GUM CoNLL coreference files
 * (`# begin document NAME`, then `index<TAB>word<TAB>brackets` with brackets such as `(person-2`,
 * `person-2)`, `(abstract-1(event-3)`; an optional `-Wikipedia_identity` follows the entity number) carry
 * no sentence breaks, so sentences come from the UD GUM CoNLL-U when it has the document (same words,
 * checked) and from sentence-final punctuation otherwise. Our own tagger and parser then annotate the
 * gold words, and every gold mention becomes a candidate mention with its head (from our parse), kind
 * (from the head's part of speech) and type (from the GUM entity type).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency, EntityType, PosTag, Sentence, Token } from '../core/layers.js';
import { readConllu } from '../models/conllu.js';
import { normalizeToken } from '../stages/segment/tokenize.js';
import { mentionKind, spanHead, type CandidateMention, type CorefView } from './coref.js';

export interface GoldSpan {
  /** Word range [from, to) in the document. */
  from: number;
  to: number;
  /** Entity number: mentions with the same number corefer. */
  entity: string;
  /** GUM entity type: person, organization, place, abstract, event, object, time, substance, animal, plant. */
  etype: string;
}

export interface GoldCorefDoc {
  name: string;
  words: string[];
  spans: GoldSpan[];
  /** Brackets that could not be paired (should be 0). */
  unpaired: number;
}

const OPEN = /^\(([a-z]+)-(\d+)(?:-[^()]*)?/;
const CLOSE = /^([a-z]+)-(\d+)(?:-[^()]*)?\)/;

/** Parses the GUM coreference CoNLL format (several documents per file allowed). */
export function readCorefConll(text: string): GoldCorefDoc[] {
  const docs: GoldCorefDoc[] = [];
  let doc: GoldCorefDoc | null = null;
  let open = new Map<string, Array<{ from: number; etype: string }>>();
  const finish = (): void => {
    if (!doc) return;
    for (const stack of open.values()) doc.unpaired += stack.length;
    doc.spans.sort((a, b) => a.from - b.from || b.to - a.to);
    docs.push(doc);
    doc = null;
  };
  for (const line of text.split(/\r?\n/)) {
    const begin = /^#\s*begin document\s+\(?([^);\s]+)/.exec(line);
    if (begin) {
      finish();
      doc = { name: begin[1], words: [], spans: [], unpaired: 0 };
      open = new Map();
      continue;
    }
    if (line.startsWith('#')) {
      if (/^#\s*end document/.test(line)) finish();
      continue;
    }
    if (line.trim() === '' || !doc) continue;
    const current: GoldCorefDoc = doc;
    const cols = line.split('\t');
    const index = current.words.length;
    current.words.push(cols[1] ?? '');
    let rest = (cols[2] ?? '_').trim();
    if (rest === '_' || rest === '') continue;
    while (rest.length > 0) {
      const o = OPEN.exec(rest);
      if (o) {
        rest = rest.slice(o[0].length);
        if (rest.startsWith(')')) {
          current.spans.push({ from: index, to: index + 1, entity: o[2], etype: o[1] });
          rest = rest.slice(1);
        } else {
          const stack = open.get(o[2]) ?? [];
          stack.push({ from: index, etype: o[1] });
          open.set(o[2], stack);
        }
        continue;
      }
      const c = CLOSE.exec(rest);
      if (c) {
        rest = rest.slice(c[0].length);
        const opened = open.get(c[2])?.pop();
        if (opened) current.spans.push({ from: opened.from, to: index + 1, entity: c[2], etype: opened.etype });
        else current.unpaired++;
        continue;
      }
      current.unpaired++; // unexpected text: skip one character
      rest = rest.slice(1);
    }
  }
  finish();
  return docs;
}

export interface UdDocument {
  words: string[];
  /** Whether a space follows each word (SpaceAfter=No on the word or on its multiword token). */
  spaceAfter: boolean[];
  /** Word count of each sentence, in order. */
  sentenceLengths: number[];
}

/** Words, spacing and sentence lengths of each `# newdoc id = …` document of a CoNLL-U file. */
export function readUdDocuments(text: string): Map<string, UdDocument> {
  const docs = new Map<string, UdDocument>();
  let doc: UdDocument | null = null;
  const noSpace = (misc: string | undefined): boolean => /(^|\|)SpaceAfter=No(\||$)/.test(misc ?? '');
  for (const sentence of readConllu(text)) {
    for (const c of sentence.comments) {
      const newdoc = /^#\s*newdoc id\s*=\s*(\S+)/.exec(c);
      if (newdoc) {
        doc = { words: [], spaceAfter: [], sentenceLengths: [] };
        docs.set(newdoc[1], doc);
      }
    }
    if (!doc || sentence.words.length === 0) continue;
    // Multiword tokens (`2-3 don't`): no space inside; the token's SpaceAfter goes to its last word.
    const tokenEnd = new Map<number, boolean>();
    const inside = new Set<number>();
    for (const line of sentence.lines) {
      const cols = line.split('\t');
      const range = /^(\d+)-(\d+)$/.exec(cols[0]);
      if (!range) continue;
      for (let id = Number(range[1]); id < Number(range[2]); id++) inside.add(id);
      tokenEnd.set(Number(range[2]), !noSpace(cols[9]));
    }
    for (const w of sentence.words) {
      doc.words.push(w.form);
      doc.spaceAfter.push(inside.has(w.id) ? false : (tokenEnd.get(w.id) ?? true) && !noSpace(w.misc));
    }
    doc.sentenceLengths.push(sentence.words.length);
  }
  return docs;
}

const FINAL = new Set(['.', '!', '?', '...', '…']);
const CLOSING = new Set(['"', "'", '”', '’', ')', ']', "''"]);

/**
 * Sentence lengths from sentence-final punctuation (. ! ? …, with closing quotes and brackets kept in the
 * sentence); a sentence is also closed after `maxLength` words so that the parser never sees a runaway.
 */
export function punctuationSentences(words: readonly string[], maxLength = 80): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < words.length; i++) {
    let end = -1;
    if (FINAL.has(words[i])) {
      end = i + 1;
      while (end < words.length && CLOSING.has(words[end])) end++;
    } else if (i + 1 - start >= maxLength) {
      end = i + 1;
    }
    if (end > 0) {
      lengths.push(end - start);
      start = end;
      i = end - 1;
    }
  }
  if (start < words.length) lengths.push(words.length - start);
  return lengths;
}

/** What the document builder needs from the models (satisfied by the project's Tagger and Parser). */
export interface WordTagger {
  tag(words: readonly string[]): { upos: string[]; xpos: string[]; lemma: string[] };
}
export interface WordParser {
  parse(words: readonly string[], upos: readonly string[], xpos: readonly string[]): { head: number[]; deprel: string[] };
}

const PROV = { stage: 'eval', version: 'gum-coref' } as const;

/** A CorefView over the gold words: text joined from the words, our tags and parse per sentence. */
export function buildView(words: readonly string[], spaceAfter: readonly boolean[] | null, sentenceLengths: readonly number[], tagger: WordTagger, parser: WordParser): CorefView {
  const total = sentenceLengths.reduce((s, n) => s + n, 0);
  if (total !== words.length) throw new Error(`sentence lengths cover ${total} words, the document has ${words.length}`);
  let text = '';
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const pos: PosTag[] = [];
  const deps: Dependency[] = [];
  let w = 0;
  sentenceLengths.forEach((length, s) => {
    const tokenStart = w;
    const sentenceStart = text.length;
    for (let i = 0; i < length; i++, w++) {
      const start = text.length;
      text += words[w];
      const space = spaceAfter ? spaceAfter[w] : true;
      tokens.push({ start, end: text.length, text: words[w], norm: normalizeToken(words[w]), spaceAfter: space, sentence: s });
      if (space && w < words.length - 1) text += ' ';
    }
    sentences.push({ start: sentenceStart, end: tokens[w - 1].end, tokenStart, tokenEnd: w, prov: PROV });
    const forms = tokens.slice(tokenStart, w).map((t) => t.norm);
    const tags = tagger.tag(forms);
    const tree = parser.parse(forms, tags.upos, tags.xpos);
    for (let i = 0; i < length; i++) {
      pos.push({ upos: tags.upos[i], xpos: tags.xpos[i], lemma: tags.lemma[i] });
      deps.push({ head: tree.head[i] === 0 ? -1 : tokenStart + tree.head[i] - 1, deprel: tree.deprel[i] });
    }
  });
  return { text, tokens, pos, deps, sentences };
}

/** Nouns that make a GUM `place` a political entity (GPE) rather than a plain location. */
const GPE_NOUNS = new Set(['country', 'city', 'state', 'nation', 'town', 'capital', 'province', 'village', 'county', 'republic', 'kingdom', 'empire', 'municipality', 'region', 'district', 'island', 'colony', 'territory']);

/**
 * GUM entity type → ours: person → PERSON, organization → ORG, place → GPE when its head is a proper
 * noun, a pronoun or a political-unit noun (country, city, …) and LOC otherwise, everything else → OTHER.
 */
export function entityTypeOf(etype: string, head: { upos: string; lemma: string } | undefined): EntityType {
  if (etype === 'person') return 'PERSON';
  if (etype === 'organization') return 'ORG';
  if (etype === 'place') {
    if (!head) return 'LOC';
    if (head.upos === 'PROPN' || head.upos === 'PRON' || GPE_NOUNS.has(head.lemma.toLowerCase())) return 'GPE';
    return 'LOC';
  }
  return 'OTHER';
}

export interface CorefCase {
  name: string;
  view: CorefView;
  /** Sorted by start (longer first on ties), one per distinct gold span. */
  mentions: CandidateMention[];
  /** Gold clustering over mention indices. */
  key: number[][];
  /** Gold spans dropped because another entity already had the same span. */
  duplicateSpans: number;
}

/** Candidate mentions and the gold clustering of one document over an already built view. */
export function corefCase(gold: GoldCorefDoc, view: CorefView): CorefCase {
  const seen = new Set<string>();
  const mentions: CandidateMention[] = [];
  const entityOf: string[] = [];
  let duplicateSpans = 0;
  for (const s of gold.spans) {
    const k = `${s.from},${s.to}`;
    if (seen.has(k)) {
      duplicateSpans++;
      continue;
    }
    seen.add(k);
    const head = spanHead(view.deps, s.from, s.to);
    mentions.push({
      start: view.tokens[s.from].start,
      end: view.tokens[s.to - 1].end,
      head,
      kind: mentionKind(view.pos[head]?.upos),
      type: entityTypeOf(s.etype, view.pos[head]),
    });
    entityOf.push(s.entity);
  }
  // Stable sort by start, longer first on ties (gold spans are already in that order).
  const order = mentions.map((_, i) => i).sort((a, b) => mentions[a].start - mentions[b].start || mentions[b].end - mentions[a].end || a - b);
  const sorted = order.map((i) => mentions[i]);
  const byEntity = new Map<string, number[]>();
  order.forEach((i, position) => {
    const list = byEntity.get(entityOf[i]);
    if (list) list.push(position);
    else byEntity.set(entityOf[i], [position]);
  });
  return { name: gold.name, view, mentions: sorted, key: [...byEntity.values()], duplicateSpans };
}

/** The documents listed under `## SPLIT` (dev, test, test2) in GUM's splits.md. */
export function splitDocuments(splitsMarkdown: string, split: string): string[] {
  const out: string[] = [];
  let inSplit = false;
  for (const line of splitsMarkdown.split(/\r?\n/)) {
    const heading = /^##\s+(\S+)/.exec(line);
    if (heading) {
      inSplit = heading[1] === split;
      continue;
    }
    const item = /^\s*\*\s+(\S+)/.exec(line);
    if (inSplit && item) out.push(item[1]);
  }
  return out;
}

/** The dev documents listed under `## dev` in GUM's splits.md. */
export const devDocuments = (splitsMarkdown: string): string[] => splitDocuments(splitsMarkdown, 'dev');

/**
 * GUM's train documents: every GUM_* coreference file not listed under dev, test or test2 in splits.md
 * (splits.md lists only the held-out documents).
 */
export function trainDocuments(splitsMarkdown: string, corefFiles: readonly string[]): string[] {
  const held = new Set(['dev', 'test', 'test2'].flatMap((s) => splitDocuments(splitsMarkdown, s)));
  return corefFiles
    .filter((f) => f.startsWith('GUM_') && f.endsWith('.conll'))
    .map((f) => f.slice(0, -'.conll'.length))
    .filter((n) => !held.has(n))
    .sort();
}

export interface LoadedCases {
  cases: CorefCase[];
  skipped: string[];
  /** Documents whose sentence breaks came from the UD GUM CoNLL-U. */
  withUd: number;
  unpaired: number;
  duplicates: number;
}

/**
 * Reads the named documents of gum-extra/coref-gum-conll and builds their cases: sentence breaks from
 * the UD documents when they have the same words (else from punctuation), tags and parse from the given
 * models. Documents without a file or with withheld words are skipped.
 */
export function loadGumCases(corefDir: string, names: readonly string[], ud: ReadonlyMap<string, UdDocument>, tagger: WordTagger, parser: WordParser): LoadedCases {
  const out: LoadedCases = { cases: [], skipped: [], withUd: 0, unpaired: 0, duplicates: 0 };
  for (const name of names) {
    const file = join(corefDir, `${name}.conll`);
    if (!existsSync(file)) {
      out.skipped.push(`${name} (no file)`);
      continue;
    }
    const gold = readCorefConll(readFileSync(file, 'utf8'))[0];
    if (!gold || isRedacted(gold.words)) {
      out.skipped.push(`${name} (words withheld)`);
      continue;
    }
    const u = ud.get(name);
    const same = u !== undefined && u.words.length === gold.words.length && u.words.every((w, i) => w === gold.words[i]);
    if (same) out.withUd++;
    const view = same ? buildView(gold.words, u.spaceAfter, u.sentenceLengths, tagger, parser) : buildView(gold.words, null, punctuationSentences(gold.words), tagger, parser);
    const c = corefCase(gold, view);
    out.unpaired += gold.unpaired;
    out.duplicates += c.duplicateSpans;
    out.cases.push(c);
  }
  return out;
}

/** Whether a document's words are withheld (GUM's Reddit documents ship with underscores only). */
export const isRedacted = (words: readonly string[]): boolean => words.length > 0 && words.filter((w) => /^_+$/.test(w)).length / words.length > 0.5;
