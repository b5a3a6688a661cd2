/**
 * Actor country and sector accuracy against the PLOVER gold records (see gsr.ts for the gold codes).
 * For each gold actor, its text is located in the record (locateActor); our actor for it is the one
 * with a mention span overlapping that location the most (so "US Secretary of State Warren Christopher"
 * is found through a mention "Warren Christopher" and "Hungarian" through "Hungarian officials").
 *
 * - coverage: gold actors for which we have any actor;
 * - country: our actor.country equals the gold country (gold CAMEO codes mapped to ISO 3166-1 alpha-3);
 *   counted over gold actors with a country; gold non-state codes (IGO, NGO, IMG, ISM) are counted apart:
 *   right when our actor has no country, or its code starts with the same block;
 * - sector: the gold sector is one of our actor.sectors (CVL also accepts CIV; JRN and MED accept each
 *   other), over gold actors with a sector.
 * Each accuracy is given over all gold actors of its kind (a miss counts as wrong) and over those covered.
 */
import type { GoldActor, GsrRecord } from './gsr.js';
import { locateActor } from './gsr.js';

export interface Span {
  start: number;
  end: number;
}

/** Our actor, reduced to what is scored, with the text spans of its mentions. */
export interface ActorView {
  id: string;
  name: string;
  code: string;
  country: string;
  sectors: readonly string[];
  spans: readonly Span[];
}

/** Builds actor views from the actors layer and the entities/mentions layers their mention ids point to. */
export function actorViews(
  actors: ReadonlyArray<{ id: string; name: string; code: string; country: string; sectors: readonly string[]; mentions: readonly string[] }>,
  located: ReadonlyArray<{ id: string; start: number; end: number }>,
): ActorView[] {
  const spanOf = new Map<string, Span>();
  for (const l of located) if (!spanOf.has(l.id)) spanOf.set(l.id, { start: l.start, end: l.end });
  return actors.map((a) => ({
    id: a.id,
    name: a.name,
    code: a.code,
    country: a.country,
    sectors: a.sectors,
    spans: a.mentions.map((m) => spanOf.get(m)).filter((s): s is Span => s !== undefined),
  }));
}

const overlap = (a: Span, b: Span): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** The actor whose mention overlaps the span the most (ties: the tighter mention, then the first actor). */
export function actorAt(actors: readonly ActorView[], span: Span): ActorView | null {
  let best: ActorView | null = null;
  let bestOverlap = 0;
  let bestLength = Infinity;
  for (const a of actors) {
    for (const s of a.spans) {
      const o = overlap(s, span);
      if (o === 0) continue;
      const length = s.end - s.start;
      if (o > bestOverlap || (o === bestOverlap && length < bestLength)) {
        best = a;
        bestOverlap = o;
        bestLength = length;
      }
    }
  }
  return best;
}

const SECTOR_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = { CVL: ['CVL', 'CIV'], JRN: ['JRN', 'MED'], MED: ['MED', 'JRN'] };

export function sectorMatches(gold: string, ours: readonly string[]): boolean {
  const accepted = SECTOR_EQUIVALENTS[gold] ?? [gold];
  return ours.some((s) => accepted.includes(s.slice(0, 3).toUpperCase()));
}

export function nonStateMatches(gold: GoldActor, actor: ActorView): boolean {
  return actor.country === '' || actor.code.toUpperCase().startsWith(gold.code.slice(0, 3).toUpperCase());
}

export interface ActorCase {
  record: string;
  gold: GoldActor;
  span: Span | null;
  actor: ActorView | null;
}

export interface Tally {
  total: number;
  covered: number;
  correct: number;
}

export interface ActorScores {
  records: number;
  gold: number;
  /** Gold actors whose text was found in the record text (the others are not scored). */
  located: number;
  covered: number;
  country: Tally;
  nonState: Tally;
  sector: Tally;
  cases: ActorCase[];
}

const tally = (): Tally => ({ total: 0, covered: 0, correct: 0 });

export function scoreActors(records: readonly GsrRecord[], predict: (record: GsrRecord) => readonly ActorView[]): ActorScores {
  const scores: ActorScores = { records: records.length, gold: 0, located: 0, covered: 0, country: tally(), nonState: tally(), sector: tally(), cases: [] };
  for (const r of records) {
    const ours = predict(r);
    for (const gold of r.actors) {
      scores.gold++;
      const span = locateActor(r.text, r.markup, gold);
      const actor = span ? actorAt(ours, span) : null;
      scores.cases.push({ record: r.id, gold, span, actor });
      if (!span) continue;
      scores.located++;
      if (actor) scores.covered++;
      const country = gold.country !== '' ? scores.country : scores.nonState;
      country.total++;
      if (actor) {
        country.covered++;
        if (gold.country !== '' ? actor.country === gold.country : nonStateMatches(gold, actor)) country.correct++;
      }
      if (gold.sector !== '') {
        scores.sector.total++;
        if (actor) {
          scores.sector.covered++;
          if (sectorMatches(gold.sector, actor.sectors)) scores.sector.correct++;
        }
      }
    }
  }
  return scores;
}
