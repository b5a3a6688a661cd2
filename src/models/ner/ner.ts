/**
 * Named-entity tagger (PER, ORG, LOC) for news: an averaged-perceptron sequence model over word, shape,
 * affix, context and gazetteer features, decoded under the IOB2 constraint. Weights are models/ner.bin and
 * the compiled gazetteer models/ner-gazetteer.bin, both produced by train.ts; nothing else is read.
 *
 *   const ner = EntityTagger.load(modelsDir);
 *   const { tags, confidence } = ner.tag(['President', 'Joe', 'Biden', 'spoke', '.']);
 *   spansFromTags(tags) // [{ type: 'PER', start: 1, end: 3 }]
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentHistory, FeatureExtractor, FEATURE_VERSION, HistoryFeatures } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { NerDecoder, readNerModel, tagTypes, toIob2, type NerHeader } from './model.js';

export const NER_MODEL_FILE = 'ner.bin';

export interface NerResult {
  /** One IOB2 tag per word (B-PER, I-ORG, O, …), always well formed. */
  tags: string[];
  /** Confidence of each tag, in [0, 1]. */
  confidence: number[];
}

export interface EntitySpan {
  type: string;
  /** Token index of the first word. */
  start: number;
  /** Token index after the last word (exclusive). */
  end: number;
}

export class EntityTagger {
  private readonly decoder: NerDecoder;
  private readonly extractor: FeatureExtractor;
  /** IOB2 tag of each class. */
  private readonly iobTags: string[];
  private readonly types: Int8Array;
  private readonly historyFeatures = new HistoryFeatures();
  /** Drop PER from the words of a matched multi-word title (on unless the header says otherwise). */
  private readonly titleGuard: boolean;

  constructor(
    readonly header: NerHeader,
    decoder: NerDecoder,
    readonly gazetteer: Gazetteer,
  ) {
    this.decoder = decoder;
    this.extractor = new FeatureExtractor(gazetteer);
    this.iobTags = header.tags.map(toIob2);
    this.types = tagTypes(header.tags);
    this.titleGuard = header.titleGuard !== false;
  }

  /** Whether the model was trained with UPOS features (then `tag` should be given `upos`). */
  get usesPos(): boolean {
    return this.header.usesPos;
  }

  /** Loads models/ner.bin and its gazetteer from `modelsDir`. */
  static load(modelsDir: string): EntityTagger {
    const { header, weights } = readNerModel(readFileSync(join(modelsDir, NER_MODEL_FILE)));
    if (header.featureVersion !== FEATURE_VERSION) {
      throw new Error(`ner.bin was trained with feature version ${header.featureVersion}, this code expects ${FEATURE_VERSION}: retrain`);
    }
    const gazetteer = Gazetteer.fromBytes(readFileSync(join(modelsDir, header.gazetteerFile)));
    return new EntityTagger(header, new NerDecoder(weights, header.tags), gazetteer);
  }

  /**
   * Tags one sentence of words. `upos` (UD part-of-speech tags, one per word, as predicted by
   * src/models/tagger) should be given when the model uses them (`usesPos`): the shipped model was trained
   * with them and is more accurate with them. Without them (or with the wrong length) the POS features are
   * left out, which the model was also trained for (POS dropout), at some cost in accuracy.
   */
  tag(words: readonly string[], upos?: readonly string[]): NerResult {
    const result = this.tagWith(words, upos, null);
    dropStormNames([{ words }], [result]);
    return result;
  }

  /**
   * Tags the sentences of one document in order. Besides each sentence's own evidence, a model trained for it
   * (header.docHistory) sees how earlier sentences' words were tagged ("Blinken" tagged PER once makes a later
   * bare "Blinken" a person), which `tag` cannot. Prefer this whenever whole documents are at hand.
   */
  tagDocument(sentences: ReadonlyArray<{ words: readonly string[]; upos?: readonly string[] }>): NerResult[] {
    const history = this.header.docHistory ? new DocumentHistory() : null;
    const results: NerResult[] = [];
    for (const s of sentences) results.push(this.tagWith(s.words, s.upos, history));
    if (history && this.header.propagate !== false) propagateNames(sentences, results);
    dropStormNames(sentences, results);
    return results;
  }

  private tagWith(words: readonly string[], upos: readonly string[] | undefined, history: DocumentHistory | null): NerResult {
    const n = words.length;
    if (n === 0) return { tags: [], confidence: [] };
    const feats = this.extractor.extract(words, this.header.usesPos ? upos : undefined);
    const keys = history ? this.extractor.keys(n) : null;
    const extra = history && keys ? this.historyFeatures.extract(keys, n, history) : undefined;
    const em = this.decoder.emissions(feats.ids, feats.offsets, n, this.header.oPenalty ?? 0, extra);
    const path = this.decoder.decode(em, n, this.header.decoder);
    const confidence = this.decoder.confidences(em, path, n, this.header.temperature);
    const tags = new Array<string>(n);
    const types = history ? new Int8Array(n) : null;
    for (let i = 0; i < n; i++) {
      let t = this.types[path[i]];
      tags[i] = this.iobTags[path[i]];
      // A word of a matched multi-word title is not part of a person's name ("Secretary of State Antony
      // Blinken": the person is "Antony Blinken"); repairIob then starts the name after the title.
      if (this.titleGuard && t === 0 && this.extractor.inMultiWordTitle(i)) {
        tags[i] = 'O';
        t = -1;
      }
      if (types) types[i] = t;
    }
    if (history && keys && types) history.record(keys, types, n);
    const result = { tags: repairIob(tags), confidence };
    this.surnameFirst(words, result.tags);
    addStateCodes(words, result);
    dropStreetPlaces(words, result.tags);
    return result;
  }

  /**
   * A display name written surname first between quotes or brackets, as e-mail headers have it ("Lenhart ,
   * Matthew", "[ Tholt , Jane M. ]"), is one person when the model saw a person in it or the word after the
   * comma is a given name, and saw nothing else there ("Cargill , Inc." stays an organisation).
   */
  private surnameFirst(words: readonly string[], tags: string[]): void {
    const n = words.length;
    for (let i = 1; i + 3 < n; i++) {
      if (words[i + 1] !== ',') continue;
      const open = words[i - 1];
      if ((open !== '"' && open !== '[') || !startsUpper(words[i]) || !startsUpper(words[i + 2])) continue;
      const close = open === '"' ? '"' : ']';
      let k = i + 3;
      while (k < n && k < i + 5 && startsUpper(words[k])) k++;
      if (k >= n || words[k] !== close) continue;
      let person = this.extractor.isGivenName(i + 2);
      let other = false;
      for (let j = i; j < k; j++) {
        if (tags[j].endsWith('PER')) person = true;
        else if (tags[j] !== 'O') other = true;
      }
      if (!person || other) continue;
      tags[i] = 'B-PER';
      for (let j = i + 1; j < k; j++) tags[j] = 'I-PER';
    }
  }
}

/**
 * Document-level consistency after tagging: a capitalised name tagged somewhere in the document (one type
 * only) is given that type where the same words stand untagged elsewhere, before or after ("Firefox" … "Firefox").
 */
export function propagateNames(sentences: ReadonlyArray<{ words: readonly string[] }>, results: NerResult[]): void {
  const types = new Map<string, string>();
  const conflict = new Set<string>();
  /** First word of every name → the longest name starting with it (in words). */
  const firstWords = new Map<string, number>();
  // Loops, not per-call callbacks: a callback made anew on every call loses its optimised code at every full
  // garbage collection and is compiled again (see pipeline/columns.ts).
  for (let si = 0; si < results.length; si++) {
    const r = results[si];
    if (!hasTag(r.tags)) continue;
    for (const sp of spansFromTags(r.tags)) {
      const words = sentences[si].words.slice(sp.start, sp.end);
      if (!startsUpper(words[0]) || !nameWords(words)) continue;
      const key = words.join(' ');
      const old = types.get(key);
      if (old !== undefined && old !== sp.type) conflict.add(key);
      types.set(key, sp.type);
      const l = sp.end - sp.start;
      if ((firstWords.get(words[0]) ?? 0) < l) firstWords.set(words[0], l);
    }
  }
  if (types.size === 0) return;
  for (let si = 0; si < results.length; si++) {
    const r = results[si];
    const words = sentences[si].words;
    const tags = r.tags;
    const n = words.length;
    for (let i = 0; i < n; i++) {
      if (tags[i] !== 'O') continue;
      const maxLen = firstWords.get(words[i]);
      if (maxLen === undefined) continue;
      // Longest untagged match starting here, not continuing a capitalised run on either side.
      for (let l = Math.min(maxLen, n - i); l >= 1; l--) {
        let ok = true;
        for (let j = i; j < i + l; j++) if (tags[j] !== 'O') ok = false;
        if (!ok) continue;
        const key = l === 1 ? words[i] : words.slice(i, i + l).join(' ');
        const type = types.get(key);
        if (type === undefined || conflict.has(key)) continue;
        if (i > 1 && startsUpper(words[i - 1]) && tags[i - 1] === 'O') break;
        if (i + l < n && startsUpper(words[i + l])) break;
        tags[i] = 'B-' + type;
        for (let j = i + 1; j < i + l; j++) tags[j] = 'I-' + type;
        r.confidence[i] = Math.min(r.confidence[i], 0.5);
        i += l - 1;
        break;
      }
    }
  }
}

/** Whether every word is capitalised or joins a name ("of", "de"). */
function nameWords(words: readonly string[]): boolean {
  for (const w of words) if (!startsUpper(w) && !NAME_JOINERS.has(w)) return false;
  return true;
}

/** Whether a sentence's tags hold any entity. */
function hasTag(tags: readonly string[]): boolean {
  for (const t of tags) if (t !== 'O') return true;
  return false;
}

/** Words that name a storm when a capitalised name follows ("Hurricane Rita", "Typhoon Haiyan"). */
const STORM_WORDS = new Set(['Hurricane', 'Typhoon', 'Cyclone', 'Storm', 'HURRICANE', 'TYPHOON', 'CYCLONE', 'STORM']);

/**
 * A storm's name is no person, organisation or place ("strengthening Hurricane Rita", later "Rita packed winds"):
 * UNER leaves storms untagged, and a person "Rita" would become an actor. A capitalised word after a storm word
 * that starts its capitalised run ("The National Hurricane Center" is left alone) is a storm name for the whole
 * document: every span made only of the storm word and that name, or of the name alone, is dropped.
 */
export function dropStormNames(sentences: ReadonlyArray<{ words: readonly string[] }>, results: NerResult[]): void {
  let names: Set<string> | null = null;
  for (const { words } of sentences) {
    for (let i = 0; i + 1 < words.length; i++) {
      if (!STORM_WORDS.has(words[i]) || !startsUpper(words[i + 1])) continue;
      // A capitalised word before the storm word (not the sentence's first) makes it part of a longer name
      // ("National Hurricane Center"), unless it is "Tropical Storm", "Super Typhoon" or "Winter Storm".
      const before = i > 1 ? words[i - 1] : '';
      if (startsUpper(before) && before !== 'Tropical' && before !== 'Super' && before !== 'Winter') continue;
      if (i + 2 < words.length && startsUpper(words[i + 2])) continue;
      (names ??= new Set()).add(words[i + 1]);
    }
  }
  if (names === null) return;
  for (let si = 0; si < results.length; si++) {
    const r = results[si];
    const words = sentences[si].words;
    for (const sp of spansFromTags(r.tags)) {
      let keep = false;
      for (let j = sp.start; j < sp.end; j++) if (!names.has(words[j]) && !STORM_WORDS.has(words[j])) keep = true;
      if (keep) continue;
      for (let j = sp.start; j < sp.end; j++) r.tags[j] = 'O';
    }
  }
}

/** US state and territory postal codes ("Baltimore , MD"). */
const STATE_CODES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);

/** A place followed by a comma and a US state's postal code: the code is a place too ("Chillicothe , OH area"). */
export function addStateCodes(words: readonly string[], r: NerResult): void {
  const tags = r.tags;
  for (let i = 2; i < words.length; i++) {
    if (tags[i] !== 'O' || words[i - 1] !== ',' || (tags[i - 2] !== 'B-LOC' && tags[i - 2] !== 'I-LOC')) continue;
    if (!STATE_CODES.has(words[i]) || (i + 1 < words.length && startsUpper(words[i + 1]))) continue;
    tags[i] = 'B-LOC';
    r.confidence[i] = Math.min(r.confidence[i], 0.5);
  }
}

/** Words that make the name before them a street's ("Dallas Street", "Pennsylvania Avenue"). */
const STREET_WORDS = new Set(['Street', 'Avenue', 'Ave', 'Ave.', 'Road', 'Rd', 'Rd.', 'Boulevard', 'Blvd', 'Blvd.']);

/**
 * A place name right before a street word names the street, not the place ("on Dallas Street"): the place span
 * is dropped (UNER mostly leaves street addresses untagged, and the place resolver should not see "Dallas").
 */
export function dropStreetPlaces(words: readonly string[], tags: string[]): void {
  for (let i = 0; i + 1 < words.length; i++) {
    if (tags[i + 1] !== 'O' || (tags[i] !== 'B-LOC' && tags[i] !== 'I-LOC') || !STREET_WORDS.has(words[i + 1])) continue;
    for (let j = i; j >= 0 && tags[j] !== 'O'; j--) {
      const b = tags[j] === 'B-LOC';
      tags[j] = 'O';
      if (b) break;
    }
  }
}

const NAME_JOINERS = new Set(['of', 'the', 'and', 'de', '&', '-']);
const UPPER_FIRST = /^\p{Lu}/u;
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_FIRST.test(w);
}

/** Makes a tag sequence well formed: an I-X not preceded by B-X or I-X becomes B-X. */
export function repairIob(tags: string[]): string[] {
  let prev = 'O';
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t.startsWith('I-') && (prev === 'O' || prev.slice(2) !== t.slice(2))) tags[i] = 'B-' + t.slice(2);
    prev = tags[i];
  }
  return tags;
}

/** Entity spans of an IOB2 (or IOB1-ish) tag sequence; an I-X after a different type starts a new span. */
export function spansFromTags(tags: readonly string[]): EntitySpan[] {
  const spans: EntitySpan[] = [];
  let cur: EntitySpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 'O' || t === '' || !(t.startsWith('B-') || t.startsWith('I-'))) {
      if (cur) spans.push(cur);
      cur = null;
      continue;
    }
    const type = t.slice(2);
    if (t.startsWith('B-') || !cur || cur.type !== type) {
      if (cur) spans.push(cur);
      cur = { type, start: i, end: i + 1 };
    } else {
      cur.end = i + 1;
    }
  }
  if (cur) spans.push(cur);
  return spans;
}
