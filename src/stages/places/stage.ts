/**
 * The places stage: toponyms → coordinates.
 *
 * 1. Candidates: capitalised token sequences whose text is a gazetteer name or alias (longest match), the
 *    place named by the dateline, and NER LOC/GPE spans the scan missed. PERSON and ORG spans, titles
 *    ("Secretary of State"), months and sentence-initial function words are not places; a lone town
 *    name that no NER label, locative preposition or qualifier supports is dropped.
 * 2. Context: the countries the story names (country mentions, demonyms such as "Mexican", the dateline).
 * 3. Resolution: each candidate's senses are scored by feature (country, admin-1 region, capital …),
 *    population, our alias table, the story's countries, and a local qualifier ("Paris, Texas",
 *    "Washington state") or a list ("Utah, Washington and Wisconsin": a name among states is a state, among
 *    countries a country); the same name keeps one sense across the story unless local context says otherwise.
 *    A name that is only part of a longer NER place ("Scott" of "Scott County") gets no support from it unless
 *    it is big or populous ("Seoul City Hall").
 *    The winner's reason is recorded in `prov.reason`.
 *
 * Country mentions used as modifiers ("US Secretary of State") are place records too (featureCode PCLI):
 * they say which country the story is about, and consumers can filter on the feature code.
 */
import type { Entity, Place, Token } from '../../core/layers.js';
import type { Stage } from '../../pipeline/stage.js';
import type { Gazetteer, NameSense } from '../../knowledge/gazetteer/gazetteer.js';
import { nameKey } from '../../knowledge/gazetteer/format.js';
import { CONNECTORS, LOCATIVE, NOT_PLACES, PLACE_MODIFIERS, TITLE_WORDS } from './words.js';

export const PLACES_VERSION = '1.0.0';

type Rule = 'dateline' | 'gazetteer' | 'ner+gazetteer';

interface Candidate {
  start: number;
  end: number;
  key: string;
  senses: readonly NameSense[];
  rule: Rule;
  /** Index of the first and one-past-last token (-1 for the dateline). */
  tokenStart: number;
  tokenEnd: number;
  /** Sense boosts from local context (qualifier, "state"). */
  local: Map<NameSense, { bonus: number; why: string }>;
}

const FEATURE_BONUS: Record<string, number> = { PCLI: 4, CONT: 6, ADM1: 3, ADM2: 2, ISLS: 3, PPLC: 3, RGN: 3, PPLA: 1.5, PPLA2: 0.5, PEN: 3, SEA: 6, OCN: 8, GULF: 5, STRT: 5, LK: 4, MTS: 4, DSRT: 4, FRST: 3 };
const STORY_COUNTRY_BONUS = 4;
const QUALIFIER_BONUS = 20;
/** A name in a list of states or countries leans to that kind of sense ("Utah, Washington and Wisconsin"). */
const LIST_BONUS = 8;
const LIST_GLUE = new Set([',', 'and', 'or', '&']);
/** A lone town with no other support must be at least this populous to count. */
const UNSUPPORTED_MIN_POPULATION = 100000;

const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isCapitalised = (t: Token): boolean => {
  const c = t.text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90; // ASCII fast path
  return isUpper(t.text[0] ?? '');
};
const GLUE = new Set(['-', "'", '’', '.', ',', "'s", '’s', 'the']);
const isBigSense = (s: NameSense): boolean => ['A', 'L', 'H', 'T', 'V'].includes(s.entry.featureClass) || s.entry.featureCode === 'PPLC' || s.via === 'alias';

/** The span (of spans sorted by start and not overlapping, as entities are) that covers [start, end). */
function spanCovers(spans: readonly Entity[], start: number, end: number): Entity | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = at; k >= 0 && k >= at - 2; k--) if (spans[k].start <= start && end <= spans[k].end) return spans[k];
  return undefined;
}

/** The first span (of spans sorted by start, not overlapping) that overlaps [start, end). */
function overlapping(spans: readonly Entity[], start: number, end: number): Entity | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= start) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < spans.length && spans[lo].start < end ? spans[lo] : undefined;
}

/** Whether [start, end) overlaps one of the intervals (sorted by start, not overlapping each other). */
function overlapsSorted(spans: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= start) lo = mid + 1;
    else if (spans[mid][0] >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/** The place words of a dateline ("Washington, (EFE).-" → "Washington"; "BEIRUT, Lebanon (AP) —" → "BEIRUT", "Lebanon"). */
function datelinePlaces(text: string, offset: number): Array<{ start: number; end: number; text: string }> {
  const head = text.split(/[(–—]|\s-/)[0];
  const out: Array<{ start: number; end: number; text: string }> = [];
  let pos = 0;
  for (const part of head.split(',')) {
    const trimmed = part.trim();
    const at = head.indexOf(trimmed, pos);
    pos = at + trimmed.length;
    if (trimmed === '' || !/^\p{Lu}/u.test(trimmed) || /\d/.test(trimmed)) continue;
    out.push({ start: offset + at, end: offset + at + trimmed.length, text: trimmed });
  }
  return out.slice(0, 2);
}

export function createPlacesStage(gazetteer: Gazetteer): Stage {
  return {
    name: 'places',
    version: PLACES_VERSION,
    reads: ['dateline', 'sentences', 'tokens', 'entities'],
    writes: ['places'],
    run(doc) {
      return { layers: { places: findPlaces(doc.text, doc.getOr('dateline', null), doc.getOr('sentences', []), doc.getOr('tokens', []), doc.getOr('entities', []), gazetteer) } };
    },
  };
}

/** The places of one document (exported for the evaluation and tests). */
/** Below this NER confidence a LOC/GPE span lends a name no support. */
const MIN_NER_CONFIDENCE = 0.5;

export function findPlaces(
  text: string,
  dateline: { start: number; end: number; text: string } | null,
  sentences: readonly { tokenStart: number; tokenEnd: number }[],
  tokens: readonly Token[],
  entities: readonly Entity[],
  gazetteer: Gazetteer,
): Place[] {
  const blocking = entities.filter((e) => e.type === 'PERSON' || e.type === 'ORG');
  // NER places support a name only when the tagger is reasonably sure ("Marina" in "by Marina, Rafael Ojeda" comes out LOC at 0.09).
  const locs = entities.filter((e) => (e.type === 'LOC' || e.type === 'GPE') && (e.prov.confidence ?? 1) >= MIN_NER_CONFIDENCE);
  const candidates: Candidate[] = [];
  const scan: NameScan = { tokens, gazetteer, locs, blocking };
  const storyCountries = new Map<string, number>();
  const vote = (country: string, weight: number): void => {
    if (country !== '') storyCountries.set(country, (storyCountries.get(country) ?? 0) + weight);
  };

  // The dateline place.
  if (dateline) {
    for (const p of datelinePlaces(dateline.text, dateline.start)) {
      const key = nameKey(p.text);
      const senses = gazetteer.lookupKey(key);
      if (senses.length > 0) candidates.push({ start: p.start, end: p.end, key, senses, rule: 'dateline', tokenStart: -1, tokenEnd: -1, local: new Map() });
    }
    if (candidates.length === 2) qualify(candidates[0], candidates[1]);
  }

  // Gazetteer matches of capitalised sequences, sentence by sentence.
  const maxSpan = gazetteer.maxWords * 2 + 1;
  for (const sentence of sentences) {
    let i = sentence.tokenStart;
    while (i < sentence.tokenEnd) {
      const t = tokens[i];
      if (!isCapitalised(t)) {
        i++;
        continue;
      }
      let matched: { end: number; key: string; senses: readonly NameSense[] } | null = null;
      const limit = Math.min(sentence.tokenEnd, i + maxSpan);
      for (let j = i; j < limit; j++) {
        const tj = tokens[j];
        if (j > i) {
          const gap = tj.start - tokens[j - 1].end;
          if (gap > 1 || (gap === 1 && text.charCodeAt(tj.start - 1) !== 32)) break;
          const word = tj.text;
          if (!isCapitalised(tj) && !CONNECTORS.has(word) && !GLUE.has(word)) break;
        }
        if (!isCapitalised(tj) && !/^\p{Lu}/u.test(tj.text)) continue; // a name ends on a capitalised word
        const key = nameKey(text.slice(t.start, tj.end));
        if (!gazetteer.hasKeyOrPrefix(key)) break; // no name is this long run of words or continues it
        if (gazetteer.hasKey(key)) matched = { end: j + 1, key, senses: gazetteer.lookupKey(key) };
      }
      if (!matched) {
        const country = gazetteer.demonym(t.text);
        if (country) vote(country, 1);
        i++;
        continue;
      }
      const start = t.start;
      const end = tokens[matched.end - 1].end;
      const candidate = accept(scan, i, matched.end, start, end, matched.key, matched.senses, sentence.tokenStart);
      if (candidate) candidates.push(candidate);
      // A rejected name is not searched again for shorter names inside it ("New South Wales Police" is not "Wales").
      i = matched.end;
    }
  }

  // NER LOC/GPE spans the scan did not cover.
  const scanned = candidates.map((c) => [c.start, c.end] as const).sort((a, b) => a[0] - b[0]);
  const disjoint = scanned.every((x, k) => k === 0 || scanned[k - 1][1] <= x[0]);
  for (const e of locs) {
    if (disjoint ? overlapsSorted(scanned, e.start, e.end) : candidates.some((c) => c.start < e.end && e.start < c.end)) continue;
    const stripped = e.text.replace(/^the\s+/i, '');
    const start = e.end - stripped.length;
    const key = nameKey(stripped);
    const senses = gazetteer.lookupKey(key);
    if (senses.length > 0) candidates.push({ start, end: e.end, key, senses, rule: 'ner+gazetteer', tokenStart: -1, tokenEnd: -1, local: new Map() });
  }
  candidates.sort((a, b) => a.start - b.start);

  // Local qualifiers: "Seattle, Washington", "Paris, Texas", "Washington state".
  for (let k = 0; k + 1 < candidates.length; k++) {
    const a = candidates[k];
    const b = candidates[k + 1];
    if (a.tokenEnd >= 0 && b.tokenStart === a.tokenEnd + 1 && tokens[a.tokenEnd].text === ',') qualify(a, b);
  }
  for (const c of candidates) {
    if (c.tokenEnd < 0 || c.tokenEnd >= tokens.length) continue;
    const next = tokens[c.tokenEnd].text.toLowerCase();
    if (next === 'state' || next === 'province') {
      for (const s of c.senses) if (s.entry.featureCode === 'ADM1') c.local.set(s, { bonus: QUALIFIER_BONUS, why: `"${c.key} ${next}"` });
    }
  }

  // Lists: "Utah, Virginia, Washington and Wisconsin", "Armenia, Azerbaijan, Georgia, Iraq". A name in a
  // list of states or of countries takes that kind of sense (states of the same country).
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    if (c.tokenStart < 0) continue;
    for (const n of [candidates[k - 1], candidates[k + 1]]) {
      if (!n || n.tokenStart < 0 || !inList(tokens, n.tokenEnd <= c.tokenStart ? n : c, n.tokenEnd <= c.tokenStart ? c : n)) continue;
      const kind = n.senses[0].entry;
      if (kind.featureCode !== 'ADM1' && kind.featureCode !== 'PCLI') continue;
      for (const s of c.senses) {
        const e = s.entry;
        if (e.featureCode !== kind.featureCode || (kind.featureCode === 'ADM1' && e.country !== kind.country) || c.local.has(s)) continue;
        c.local.set(s, { bonus: LIST_BONUS, why: `in a list with "${n.key}"` });
      }
    }
  }

  // Story countries: unambiguous mentions, countries named outright, the dateline.
  for (const c of candidates) {
    const top = c.senses[0];
    const countries = new Set(c.senses.map((s) => s.entry.country));
    if (countries.size === 1) vote(top.entry.country, 1);
    else {
      const country = c.senses.find((s) => s.entry.featureCode === 'PCLI' && (s.via !== 'alt' || c.senses.length === 1));
      if (country && c.senses.every((s) => s === country || s.entry.population < country.entry.population)) vote(country.entry.country, 1);
    }
  }

  // Resolve: one sense per name across the story, unless a local qualifier decides.
  const chosen = new Map<string, { sense: NameSense; score: number; margin: number; reason: string }>();
  const places: Place[] = [];
  for (const c of candidates) {
    let best: NameSense | null = null;
    let bestScore = -Infinity;
    let second = -Infinity;
    const limit = Math.min(c.senses.length, 50);
    for (let k = 0; k < limit; k++) {
      const s = c.senses[k];
      const v = score(storyCountries, c, s, null);
      if (v > bestScore) {
        second = bestScore;
        bestScore = v;
        best = s;
      } else if (v > second) second = v;
    }
    if (!best) continue;
    let why: string[] = [];
    score(storyCountries, c, best, why);
    const previous = chosen.get(c.key);
    let margin = bestScore - second;
    if (previous && c.local.size === 0) {
      best = previous.sense;
      margin = previous.margin;
      why = [previous.reason, 'same name earlier in story'];
    } else if (!previous) chosen.set(c.key, { sense: best, score: bestScore, margin, reason: why.join('; ') });
    const e = best.entry;
    const confidence = Math.round((1 / (1 + Math.exp(-Math.min(margin, 20)))) * 1000) / 1000;
    places.push({
      id: `p${places.length + 1}`,
      text: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      name: e.name,
      country: e.country,
      // Every field present (undefined when absent, which JSON leaves out): one object shape for every place, where
      // the optional fields spread in used to make four, and the events stage read places in all of them.
      admin1: e.admin1Name !== '' ? e.admin1Name : e.admin1Code !== '' ? e.admin1Code : undefined,
      lat: e.lat,
      lon: e.lon,
      geonameId: e.geonameId,
      featureCode: e.featureCode,
      prov: { stage: 'places', rule: c.rule, version: PLACES_VERSION, confidence: Number.isFinite(confidence) ? confidence : 1, reason: why.join('; ') },
    });
  }
  return places;
}

/** What the name scan of one document checks a gazetteer match against. */
interface NameScan {
  readonly tokens: readonly Token[];
  readonly gazetteer: Gazetteer;
  /** NER LOC/GPE spans the tagger is reasonably sure of. */
  readonly locs: readonly Entity[];
  /** NER PERSON and ORG spans. */
  readonly blocking: readonly Entity[];
}

// The checks below are module-level functions, not closures made on every call of findPlaces: a closure made anew
// per call loses its optimised code at every full garbage collection and is compiled again (six times in a
// 1,200-article run for the largest of them).

/** Whether one of the senses of a name is a big place (see isBigSense). */
function isBigName(gazetteer: Gazetteer, key: string): boolean {
  return gazetteer.lookupKey(key).some(isBigSense);
}

/** A gazetteer match of tokens [ti, tj) as a place candidate, or null when the context says it is no place. */
function accept(scan: NameScan, ti: number, tj: number, start: number, end: number, key: string, senses: readonly NameSense[], sentenceStart: number): Candidate | null {
  const { tokens, gazetteer, locs, blocking } = scan;
  const single = tj - ti === 1;
  const word = tokens[ti].text;
  const nerSpan = spanCovers(locs, start, end) ?? overlapping(locs, start, end);
  // A name that is only part of a longer NER place ("Republic" of "Democratic Republic of the Congo", "Scott"
  // of "Scott County") is not supported by it: the longer place is looked up on its own below.
  const ner = nerSpan && !partOf(nerSpan, start, end) ? nerSpan : undefined;
  const blocker = spanCovers(blocking, start, end);
  const bestBig = senses.some(isBigSense);
  // …but a big or populous place at the edge of a longer NER name ("Seoul City Hall", "CDC Atlanta") is still a place.
  const nerPart = nerSpan !== undefined && ner === undefined && (bestBig || senses[0].entry.population >= UNSUPPORTED_MIN_POPULATION);
  if (blocker && !ner) {
    // An ORG made of a place name alone ("Washington said") is metonymy: still a place when it is a country or capital.
    // A country or region named inside an organisation ("U.S. Department of Agriculture") is a place mention too.
    const whole = blocker.type === 'ORG' && blocker.start === start && blocker.end === end && bestBig;
    const embedded = blocker.type === 'ORG' && senses.some((s) => s.entry.featureCode === 'PCLI' || s.entry.featureCode === 'ADM1' || s.entry.featureCode === 'CONT');
    if (!whole && !embedded) return null;
  }
  // Glued by a hyphen to another capitalised word: part of a longer name ("KwaZulu-Natal", "Al-Fashir").
  const before = ti >= 2 ? tokens[ti - 1] : undefined;
  if (before && before.text === '-' && before.end === start && tokens[ti - 2].end === before.start && isCapitalised(tokens[ti - 2])) return null;
  const after = tj + 1 < tokens.length ? tokens[tj] : undefined;
  if (after && after.text === '-' && after.start === end && tokens[tj + 1].start === after.end && isCapitalised(tokens[tj + 1])) return null;
  if (single && NOT_PLACES.has(nameKey(word)) && !ner) return null;
  if (single && word.length < 2) return null;
  const prev = ti > sentenceStart ? tokens[ti - 1] : undefined;
  const next = tj < tokens.length ? tokens[tj] : undefined;
  const nextSameSentence = next && next.sentence === tokens[ti].sentence ? next : undefined;
  // Part of a longer proper name: "Michael Jordan", "Washington Post", "Georgia Tech".
  if (!ner && !nerPart && prev && isCapitalised(prev) && prev.end === start - 1 && !PLACE_MODIFIERS.has(prev.text.toLowerCase()) && !gazetteer.demonym(prev.text)) {
    const prevKey = nameKey(prev.text);
    if (!(ti - 1 === sentenceStart && NOT_PLACES.has(prevKey)) && !isBigName(gazetteer, prevKey)) return null;
  }
  const countryFirst = senses[0].entry.featureCode === 'PCLI' || senses.some((s) => s.via === 'alias' && s.entry.featureCode === 'PCLI');
  if (!ner && !nerPart && !countryFirst && nextSameSentence && isCapitalised(nextSameSentence) && nextSameSentence.start === end + 1 && !TITLE_WORDS.has(nextSameSentence.text.toLowerCase()) && !isBigName(gazetteer, nameKey(nextSameSentence.text))) {
    return null;
  }
  // A surname particle: "Bernardo Arévalo de León", "Charles de Gaulle".
  if (!ner && prev && ['de', 'del', 'da', 'van', 'von', 'di', 'du', 'la'].includes(prev.text) && ti - 2 >= sentenceStart && isCapitalised(tokens[ti - 2]) && !isBigName(gazetteer, nameKey(tokens[ti - 2].text))) return null;
  // "State" in "Secretary of State", "Bank of England": a capitalised head before "of".
  if (!ner && prev && prev.text === 'of' && ti - 2 >= sentenceStart && TITLE_WORDS.has(tokens[ti - 2].text.toLowerCase()) && NOT_PLACES.has(nameKey(word))) return null;
  const locative = prev !== undefined && LOCATIVE.has(prev.text.toLowerCase());
  const qualified = nextSameSentence?.text === ',' && tj + 1 < tokens.length && isCapitalised(tokens[tj + 1]);
  const populous = senses[0].entry.population >= UNSUPPORTED_MIN_POPULATION;
  if (!ner && !bestBig && !locative && !qualified && !populous) return null;
  return { start, end, key, senses, rule: ner ? 'ner+gazetteer' : 'gazetteer', tokenStart: ti, tokenEnd: tj, local: new Map() };
}

/** Whether [start, end) is a strict part of an entity span (its leading "the" aside). */
function partOf(e: Entity, start: number, end: number): boolean {
  const lead = /^the\s+/i.exec(e.text);
  const from = e.start + (lead ? lead[0].length : 0);
  return e.start <= start && end <= e.end && (from < start || end < e.end);
}

/** Whether only list punctuation and conjunctions stand between two candidates. */
function inList(tokens: readonly Token[], a: Candidate, b: Candidate): boolean {
  if (b.tokenStart <= a.tokenEnd) return false;
  for (let t = a.tokenEnd; t < b.tokenStart; t++) if (!LIST_GLUE.has(tokens[t].text)) return false;
  return true;
}

/** A sense's score for a candidate: population, feature kind, alias bonus, story countries, local qualifiers (with the reasons, when asked). */
function score(storyCountries: ReadonlyMap<string, number>, c: Candidate, s: NameSense, reason: string[] | null): number {
  const e = s.entry;
  let v = Math.log10(e.population + 1) + (FEATURE_BONUS[e.featureCode] ?? 0) + s.bonus;
  reason?.push(`${e.featureCode}${e.population > 0 ? `, population ${formatPop(e.population)}` : ''}`);
  if (s.bonus !== 0) reason?.push(`alias table (+${s.bonus})`);
  const inStory = storyCountries.get(e.country) ?? 0;
  if (inStory > 0 && e.country !== '') {
    v += STORY_COUNTRY_BONUS + Math.min(inStory, 3) * 0.5;
    reason?.push(`country ${e.country} already in story`);
  } else if (e.country === '') v += STORY_COUNTRY_BONUS; // continents and oceans fit any story
  const local = c.local.get(s);
  if (local) {
    v += local.bonus;
    reason?.push(local.why);
  }
  return v;
}


/** "Seattle, Washington": the qualifier's ADM1/country sense that contains one of the head's senses wins, and that head sense too. */
function qualify(head: Candidate, qualifier: Candidate): void {
  for (const q of qualifier.senses) {
    const qe = q.entry;
    if (qe.featureCode !== 'ADM1' && !qe.featureCode.startsWith('PCL')) continue;
    for (const h of head.senses) {
      const he = h.entry;
      if (he === qe || he.country !== qe.country) continue;
      if (qe.featureCode === 'ADM1' && he.admin1Code !== qe.admin1Code) continue;
      const why = `qualified by "${qualifier.key}"`;
      if ((head.local.get(h)?.bonus ?? 0) < QUALIFIER_BONUS) head.local.set(h, { bonus: QUALIFIER_BONUS + (qe.featureCode === 'ADM1' ? 1 : 0), why });
      if (!qualifier.local.has(q)) qualifier.local.set(q, { bonus: QUALIFIER_BONUS, why: `qualifies "${head.key}"` });
    }
  }
}

function formatPop(n: number): string {
  if (n >= 1e6) return `${Math.round(n / 1e5) / 10}M`;
  if (n >= 1e3) return `${Math.round(n / 100) / 10}k`;
  return String(n);
}
