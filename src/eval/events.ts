/**
 * Event scoring: the seed story against its hand-written expectations (seed-events.ts), and the PLOVER
 * gold records (gsr.ts). Pure functions over coded documents (the output contract), no pipeline here.
 */
import type { EventArgument, EventRecord } from '../core/layers.js';
import { currentPloverType, type GsrRecord } from './gsr.js';
import type { Dyad, ExpectedEvent } from './seed-events.js';

/** What the scorers read of a coded document. */
export interface CodedEvents {
  readonly text: string;
  readonly sentences: ReadonlyArray<{ start: number; end: number }>;
  readonly events: readonly EventRecord[];
  readonly actors: ReadonlyArray<{ id: string; country: string; code: string }>;
}

/** Whether a CAMEO code is accepted: equal to one of the codes, or under a `03*` prefix. */
export function codeAccepted(code: string, accepted: readonly string[]): boolean {
  return accepted.some((a) => (a.endsWith('*') ? code.startsWith(a.slice(0, -1)) : code === a));
}

/**
 * The country of an event argument: its actor's country when the argument points to an actor that has
 * one, otherwise the first block of its CAMEO code (USAGOV → USA); a non-state block (IGO, NGO, IMG, …)
 * is returned as such; '' when unknown (no argument, `---`).
 */
export function argumentCountry(arg: EventArgument | null, actors: CodedEvents['actors']): string {
  if (!arg) return '';
  const actor = arg.actor !== undefined ? actors.find((a) => a.id === arg.actor) : undefined;
  if (actor && actor.country !== '') return actor.country;
  const block = (arg.code || actor?.code || '').slice(0, 3).toUpperCase();
  return /^[A-Z]{3}$/.test(block) ? block : '';
}

export function dyadAccepted(event: EventRecord, actors: CodedEvents['actors'], dyads: readonly Dyad[]): boolean {
  const source = argumentCountry(event.source, actors);
  const target = argumentCountry(event.target, actors);
  return dyads.some((d) => d.source.includes(source) && (d.target === '*' || d.target.includes(target)));
}

/** Index of the sentence that contains the phrase's first occurrence, or -1. */
export function sentenceOf(doc: Pick<CodedEvents, 'text' | 'sentences'>, phrase: string): number {
  const at = doc.text.indexOf(phrase);
  if (at < 0) return -1;
  return doc.sentences.findIndex((s) => s.start <= at && at < s.end);
}

export interface SeedEventResult {
  expected: ExpectedEvent;
  sentence: number;
  /** The best coded event in the sentence with an acceptable code (dyad, then date, decide between several). */
  event: EventRecord | null;
  /** Every coded event in the sentence (whatever its code), to show what was coded instead. */
  inSentence: EventRecord[];
  code: boolean;
  dyad: boolean;
  date: boolean;
}

export interface SeedScores {
  results: SeedEventResult[];
  /** Expected events found with an acceptable code; with the dyad too; with dyad and date (full). */
  code: number;
  codeDyad: number;
  full: number;
  /** Coded events whose trigger lies in the headline line (must be none). */
  headline: EventRecord[];
  /** Coded events that match no expected event (not in an expected sentence with an acceptable code), headline excluded. */
  extra: EventRecord[];
}

export function scoreSeed(doc: CodedEvents, expected: readonly ExpectedEvent[], headline: string): SeedScores {
  const matched = new Set<EventRecord>();
  const results = expected.map((x): SeedEventResult => {
    const sentence = sentenceOf(doc, x.sentence);
    const inSentence = doc.events.filter((e) => e.sentence === sentence);
    let best: EventRecord | null = null;
    let bestScore = -1;
    for (const e of inSentence) {
      if (!codeAccepted(e.cameo.code, x.codes)) continue;
      matched.add(e);
      const score = (dyadAccepted(e, doc.actors, x.dyads) ? 2 : 0) + (x.dates === null || x.dates.includes(e.date.value) ? 1 : 0);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    const dyad = best !== null && dyadAccepted(best, doc.actors, x.dyads);
    const date = best !== null && (x.dates === null || x.dates.includes(best.date.value));
    return { expected: x, sentence, event: best, inSentence, code: best !== null, dyad, date };
  });
  const h = doc.text.indexOf(headline);
  const inHeadline = (e: EventRecord): boolean => h >= 0 && e.trigger.start >= h && e.trigger.end <= h + headline.length;
  return {
    results,
    code: results.filter((r) => r.code).length,
    codeDyad: results.filter((r) => r.code && r.dyad).length,
    full: results.filter((r) => r.code && r.dyad && r.date).length,
    headline: doc.events.filter(inHeadline),
    extra: doc.events.filter((e) => !matched.has(e) && !inHeadline(e)),
  };
}

// ---------------------------------------------------------------------------------------------------
// PLOVER gold records

/** The country (or non-state block) of each gold actor on one side. */
function goldSide(record: GsrRecord, role: 'source' | 'target'): Set<string> {
  const actors = record.joint ? record.actors : record.actors.filter((a) => a.role === role);
  return new Set(actors.map((a) => (a.country !== '' ? a.country : a.code.slice(0, 3).toUpperCase())).filter((c) => c !== ''));
}

export interface GsrEventCase {
  record: GsrRecord;
  /** The gold type in current PLOVER names. */
  gold: string;
  /** Distinct PLOVER types coded in the text, in order of first appearance. */
  coded: string[];
  /** The coded event of the gold type whose dyad agrees best with the gold actors. */
  matched: EventRecord | null;
  /** null when the gold record has no actor on that side. */
  source: boolean | null;
  target: boolean | null;
}

export interface Count {
  total: number;
  correct: number;
}

export interface GsrEventScores {
  records: number;
  right: number;
  /** Records with no coded event at all. */
  noEvents: number;
  byType: Map<string, Count>;
  /** (gold type, what was coded instead: the coded types joined with '+', or 'none') → records, most frequent first. */
  confusions: Array<{ gold: string; coded: string; count: number }>;
  /** Over right records whose gold has an actor on that side. */
  source: Count;
  target: Count;
  cases: GsrEventCase[];
}

export function scoreGsrEvents(records: readonly GsrRecord[], predict: (record: GsrRecord) => Pick<CodedEvents, 'events' | 'actors'>): GsrEventScores {
  const byType = new Map<string, Count>();
  const confusions = new Map<string, { gold: string; coded: string; count: number }>();
  const scores: GsrEventScores = { records: 0, right: 0, noEvents: 0, byType, confusions: [], source: { total: 0, correct: 0 }, target: { total: 0, correct: 0 }, cases: [] };
  for (const record of records) {
    if (record.event === 'DOCUMENT') continue;
    const { events, actors } = predict(record);
    const gold = currentPloverType(record.event);
    const coded = [...new Set(events.map((e) => e.plover.type))];
    const goldSource = goldSide(record, 'source');
    const goldTarget = goldSide(record, 'target');
    const agree = (e: EventRecord): { source: boolean | null; target: boolean | null } => ({
      source: goldSource.size === 0 ? null : goldSource.has(argumentCountry(e.source, actors)),
      target: goldTarget.size === 0 ? null : goldTarget.has(argumentCountry(e.target, actors)),
    });
    let matched: EventRecord | null = null;
    let best = { source: null as boolean | null, target: null as boolean | null };
    let bestScore = -1;
    for (const e of events) {
      if (e.plover.type !== gold) continue;
      const a = agree(e);
      const score = (a.source ? 1 : 0) + (a.target ? 1 : 0);
      if (score > bestScore || (score === bestScore && matched !== null && e.confidence > matched.confidence)) {
        matched = e;
        best = a;
        bestScore = score;
      }
    }
    scores.records++;
    if (events.length === 0) scores.noEvents++;
    const count = byType.get(gold) ?? { total: 0, correct: 0 };
    count.total++;
    byType.set(gold, count);
    if (matched) {
      scores.right++;
      count.correct++;
      if (best.source !== null) {
        scores.source.total++;
        if (best.source) scores.source.correct++;
      }
      if (best.target !== null) {
        scores.target.total++;
        if (best.target) scores.target.correct++;
      }
    } else {
      const label = coded.length === 0 ? 'none' : coded.join('+');
      const k = `${gold}\u0000${label}`;
      const c = confusions.get(k) ?? { gold, coded: label, count: 0 };
      c.count++;
      confusions.set(k, c);
    }
    scores.cases.push({ record, gold, coded, matched, source: matched ? best.source : null, target: matched ? best.target : null });
  }
  scores.confusions = [...confusions.values()].sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.coded.localeCompare(b.coded));
  return scores;
}

/** What the judged sample says of the events coded now (see aquaint-judged.ts). */
export interface JudgedScores {
  /** Events coded now in the judged stories. */
  coded: number;
  /** Of those, the ones with a judgment, right in type, right in type and dyad. */
  judged: number;
  typeRight: number;
  bothRight: number;
  /** Events coded now that no judgment names (a change made them): `doc [at] code source → target`. */
  unjudged: string[];
  /** Judged events no longer coded: judged right (lost) and judged wrong (removed). */
  lostRight: number;
  removedWrong: number;
}

/** An event's key in the judged sample: story, trigger offset, CAMEO code, source and target codes. */
export function judgedKey(doc: string, at: number, code: string, source: string, target: string): string {
  return `${doc} [${at}] ${code} ${source || '—'} → ${target || '—'}`;
}

export function scoreJudged(stories: ReadonlyArray<{ id: string; events: readonly EventRecord[] }>, judged: ReadonlyArray<{ doc: string; at: number; code: string; source: string; target: string; type: boolean; dyad: boolean }>): JudgedScores {
  const byKey = new Map(judged.map((j) => [judgedKey(j.doc, j.at, j.code, j.source, j.target), j]));
  const seen = new Set<string>();
  const s: JudgedScores = { coded: 0, judged: 0, typeRight: 0, bothRight: 0, unjudged: [], lostRight: 0, removedWrong: 0 };
  for (const story of stories) {
    for (const e of story.events) {
      s.coded++;
      const key = judgedKey(story.id, e.trigger.start, e.cameo.code, e.source?.code ?? '', e.target?.code ?? '');
      const j = byKey.get(key);
      if (j === undefined) {
        s.unjudged.push(key);
        continue;
      }
      seen.add(key);
      s.judged++;
      if (j.type) s.typeRight++;
      if (j.type && j.dyad) s.bothRight++;
    }
  }
  for (const [key, j] of byKey) {
    if (seen.has(key)) continue;
    if (j.type && j.dyad) s.lostRight++;
    else s.removedWrong++;
  }
  return s;
}
