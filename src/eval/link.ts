/**
 * ECB+ event coreference for the cross-document linker: gold event (action) mentions of each topic are
 * linked with the linker's own kinds of evidence — predicate, time, place, participants — and scored with
 * MUC, B³, CEAF-e and CoNLL F1 (src/eval/coref.ts) against a same-lemma baseline.
 *
 * ECB+ (CAT/CROMER XML): `<token t_id sentence>` words; markables `ACTION_*`/`NEG_*` (events), `TIME_*`,
 * `LOC_*`, `HUMAN_*`, `NON_HUMAN_*` anchored to tokens; `CROSS_DOC_COREF` (note = instance id) and
 * `INTRA_DOC_COREF` relations group mention ids; a mention in no relation is a singleton.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorefScorer, type Clustering, type CorefScores } from './coref.js';

export interface EcbMention {
  key: string;
  doc: string;
  sentence: number;
  /** Lemmas of the anchored words. */
  lemma: string;
  gold: string;
  time: Set<string>;
  place: Set<string>;
  participants: Set<string>;
}

export interface EcbDoc {
  name: string;
  topic: string;
  words: string[];
  mentions: EcbMention[];
  /** Argument words of the whole document (time, place, participants): the story's own context. */
  context: Set<string>;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'his', 'her', 'their', 'its', 'he', 'she', 'they', 'it', 'him', 'them', 'who', 'that', 'this', 'last', 'on', 'by', "'s", 'with', 'from', 'i', 'we', 'you', 'one', 'two']);

type Lemmatize = (words: readonly string[]) => string[];

interface Markable {
  tag: string;
  id: string;
  tokens: number[];
}

export function readEcbDoc(xml: string, name: string, topic: string, lemmatize: Lemmatize): EcbDoc {
  const tokenText = new Map<number, { text: string; sentence: number }>();
  for (const m of xml.matchAll(/<token t_id="(\d+)" sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) tokenText.set(Number(m[1]), { text: decode(m[3]), sentence: Number(m[2]) });
  const markables: Markable[] = [];
  const body = xml.slice(xml.indexOf('<Markables>'), xml.indexOf('</Markables>'));
  for (const m of body.matchAll(/<([A-Z_]+) m_id="(\d+)"[^>]*?>([\s\S]*?)<\/\1>/g)) {
    const tokens = [...m[3].matchAll(/t_id="(\d+)"/g)].map((t) => Number(t[1]));
    if (tokens.length > 0) markables.push({ tag: m[1], id: m[2], tokens });
  }
  const goldOf = new Map<string, string>();
  for (const r of xml.matchAll(/<CROSS_DOC_COREF r_id="(\d+)" note="([^"]*)"\s*>([\s\S]*?)<\/CROSS_DOC_COREF>/g)) {
    for (const s of r[3].matchAll(/<source m_id="(\d+)"/g)) goldOf.set(s[1], r[2]);
  }
  for (const r of xml.matchAll(/<INTRA_DOC_COREF r_id="(\d+)"[^>]*>([\s\S]*?)<\/INTRA_DOC_COREF>/g)) {
    const target = /<target m_id="(\d+)"/.exec(r[2])?.[1];
    const ids = [...r[2].matchAll(/<source m_id="(\d+)"/g)].map((s) => s[1]);
    if (target) ids.push(target);
    const chain = ids.map((id) => goldOf.get(id)).find((g) => g !== undefined) ?? `${name}:intra${r[1]}`;
    for (const id of ids) if (!goldOf.has(id)) goldOf.set(id, chain);
  }
  const words = [...tokenText.values()].map((t) => t.text);
  const lemmaCache = new Map<number, string>();
  // Lemmas sentence by sentence, as the tagger expects.
  const bySentence = new Map<number, number[]>();
  for (const [id, t] of tokenText) bySentence.set(t.sentence, [...(bySentence.get(t.sentence) ?? []), id]);
  for (const ids of bySentence.values()) {
    const lemmas = lemmatize(ids.map((id) => tokenText.get(id)?.text ?? ''));
    ids.forEach((id, i) => lemmaCache.set(id, lemmas[i].toLowerCase()));
  }
  const sentenceOf = (m: Markable): number => tokenText.get(m.tokens[0])?.sentence ?? -1;
  const content = (m: Markable): string[] => m.tokens.map((t) => lemmaCache.get(t) ?? '').filter((w) => w && !STOP.has(w) && /\p{L}|\d/u.test(w));
  const args = { time: new Map<number, Set<string>>(), place: new Map<number, Set<string>>(), participants: new Map<number, Set<string>>() };
  const context = new Set<string>();
  for (const m of markables) {
    const kind = m.tag.startsWith('TIME') ? 'time' : m.tag.startsWith('LOC') ? 'place' : m.tag.startsWith('HUMAN') || m.tag.startsWith('NON_HUMAN') ? 'participants' : null;
    if (!kind) continue;
    const s = sentenceOf(m);
    const set = args[kind].get(s) ?? new Set<string>();
    for (const w of content(m)) {
      set.add(w);
      context.add(`${kind}:${w}`);
    }
    args[kind].set(s, set);
  }
  const mentions: EcbMention[] = [];
  for (const m of markables) {
    if (!m.tag.startsWith('ACTION') && !m.tag.startsWith('NEG')) continue;
    const s = sentenceOf(m);
    const lemmas = m.tokens.map((t) => lemmaCache.get(t) ?? '').filter(Boolean);
    const lemma = lemmas.filter((w) => !STOP.has(w)).sort((a, b) => b.length - a.length)[0] ?? lemmas[0] ?? '';
    mentions.push({
      key: `${name}:${m.id}`, doc: name, sentence: s, lemma, gold: goldOf.get(m.id) ?? `${name}:single${m.id}`,
      time: args.time.get(s) ?? new Set(), place: args.place.get(s) ?? new Set(), participants: args.participants.get(s) ?? new Set(),
    });
  }
  return { name, topic, words, mentions, context };
}

function decode(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

export function readEcbCorpus(dir: string, lemmatize: Lemmatize): Map<string, EcbDoc[]> {
  const topics = new Map<string, EcbDoc[]>();
  const root = join(dir, 'ECB+');
  for (const topic of readdirSync(root).sort((a, b) => Number(a) - Number(b))) {
    const docs: EcbDoc[] = [];
    for (const file of readdirSync(join(root, topic)).sort()) {
      if (!file.endsWith('.xml')) continue;
      docs.push(readEcbDoc(readFileSync(join(root, topic, file), 'utf8'), file.replace(/\.xml$/, ''), topic, lemmatize));
    }
    topics.set(topic, docs);
  }
  return topics;
}

const overlap = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
};

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = overlap(a, b);
  return shared === 0 ? 0 : shared / (a.size + b.size - shared);
}

/** Same-lemma baseline: within a topic, mentions with the same predicate lemma are one event. */
export function sameLemma(docs: readonly EcbDoc[]): Clustering {
  const by = new Map<string, string[]>();
  for (const d of docs) for (const m of d.mentions) by.set(m.lemma, [...(by.get(m.lemma) ?? []), m.key]);
  return [...by.values()];
}

export interface LinkSettings {
  /** Minimum story-context similarity for two documents' mentions to be the same event. */
  context: number;
  /** Whether participants named in both sentences must share a word. */
  participants: boolean;
}

export const DEFAULT_SETTINGS: LinkSettings = { context: 0.1, participants: false };

/**
 * The linker's rule on ECB+ features: the same predicate (lemma), no contradicting time, place or
 * participants in the two sentences (each, when both sentences name one, must share a word), and — across
 * documents — stories about the same occasion (their time, place and participant words overlap), the
 * analogue of the dyad, date and place of a coded event. Clusters are connected components, which, as in
 * the linker, makes them independent of order.
 */
export function linkEcb(docs: readonly EcbDoc[], settings: LinkSettings = DEFAULT_SETTINGS): Clustering {
  const mentions = docs.flatMap((d) => d.mentions);
  const docOf = new Map(docs.map((d) => [d.name, d] as const));
  const parent = mentions.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const contextSim = new Map<string, number>();
  const sim = (a: string, b: string): number => {
    if (a === b) return 1;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (!contextSim.has(key)) contextSim.set(key, jaccard((docOf.get(a) as EcbDoc).context, (docOf.get(b) as EcbDoc).context));
    return contextSim.get(key) as number;
  };
  const conflict = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => a.size > 0 && b.size > 0 && overlap(a, b) === 0;
  const byLemma = new Map<string, number[]>();
  mentions.forEach((m, i) => byLemma.set(m.lemma, [...(byLemma.get(m.lemma) ?? []), i]));
  for (const list of byLemma.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = mentions[list[x]];
        const b = mentions[list[y]];
        if (a.doc !== b.doc && sim(a.doc, b.doc) < settings.context) continue;
        if (conflict(a.time, b.time) || conflict(a.place, b.place) || (settings.participants && conflict(a.participants, b.participants))) continue;
        parent[find(list[x])] = find(list[y]);
      }
    }
  }
  const groups = new Map<number, string[]>();
  mentions.forEach((m, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), m.key]));
  return [...groups.values()];
}

export function goldClusters(docs: readonly EcbDoc[]): Clustering {
  const by = new Map<string, string[]>();
  for (const d of docs) for (const m of d.mentions) by.set(m.gold, [...(by.get(m.gold) ?? []), m.key]);
  return [...by.values()];
}

export interface LinkEvaluation {
  topics: number;
  documents: number;
  mentions: number;
  goldClusters: number;
  baseline: CorefScores;
  linker: CorefScores;
}

export function evaluateLinking(topics: ReadonlyMap<string, EcbDoc[]>, settings: LinkSettings = DEFAULT_SETTINGS): LinkEvaluation {
  const base = new CorefScorer();
  const ours = new CorefScorer();
  let documents = 0;
  let mentions = 0;
  let gold = 0;
  for (const docs of topics.values()) {
    const key = goldClusters(docs);
    base.add(key, sameLemma(docs));
    ours.add(key, linkEcb(docs, settings));
    documents += docs.length;
    mentions += docs.reduce((n, d) => n + d.mentions.length, 0);
    gold += key.length;
  }
  return { topics: topics.size, documents, mentions, goldClusters: gold, baseline: base.scores(), linker: ours.scores() };
}
