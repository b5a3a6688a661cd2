/**
 * Cross-document event linking: is a new event mention the same real-world event as one already known?
 * Pure functions; the store calls them (src/store/sqlite/linking.ts) and so do `relink` and the as-of query.
 *
 * Two mentions are *compatible* when
 *  - their modality is the same (negated, future, hypothetical);
 *  - their types are compatible: the same CAMEO code, or one a prefix of the other, or both in the
 *    consult family 040–046 (a visit, a hosting, a meeting of the same people are one meeting), or the same
 *    root and PLOVER type;
 *  - their dyads are compatible: each actor equal, or one code a prefix of the other (USA ~ USAGOV), or the
 *    same country with another sector; for symmetric acts (CAMEO 036, 040–046, PLOVER CONSULT) the dyad is
 *    unordered, so "A hosted B" and "B visited A" compare equal;
 *  - their dates overlap within their precision (a day, the days before publication when the text gave no
 *    date, a month, a year; a year only matches the same year);
 *  - their places are compatible: the same country, and the same site (name or within 50 km) unless one
 *    of them names only the country or region; a missing place fits any place.
 *
 * Clusters are a deterministic function of the *set* of mentions, so no arrival order can change them:
 * mentions fall into components of the compatibility graph, and inside a component
 *  1. mentions of the same specificity with the same date interval and an equivalent place are grouped
 *     (connected components of compatible pairs);
 *  2. groups are taken from the most specific (a text day and a site) to the least (a year and no place);
 *     the most specific groups found clusters, and a less specific group joins the one cluster it is
 *     compatible with (through a more specific member) — or founds its own when it fits none or several
 *     (ambiguous: "Mexico and the US met in January" does not say which January meeting).
 * Every mention gets a decision: the member it joined through, a score in [0, 1] and a readable reason.
 */
import { blockKey, dateInterval, isSymmetric, shiftDay, specificity, WIDTH_SPAN_DAYS, type LinkMention, type LinkPlace } from './mention.js';

export const LINKER_VERSION = 'herodotus-link/1.0.0';

/** Each feature's similarity in (0, 1], or null when the pair is incompatible on it. */
export interface PairFeatures {
  dyad: number;
  type: number;
  date: number;
  place: number;
  reasons: string[];
}

const WEIGHTS = { dyad: 0.35, type: 0.25, date: 0.25, place: 0.15 };

const CONSULT_FAMILY = /^04[0-6]/;

/** Type similarity of two CAMEO/PLOVER codings, 0 when they cannot be the same act. */
export function typeSimilarity(a: Pick<LinkMention, 'cameo' | 'root' | 'plover'>, b: Pick<LinkMention, 'cameo' | 'root' | 'plover'>): { score: number; reason: string } {
  if (a.cameo === b.cameo) return { score: 1, reason: `type ${a.cameo}` };
  if (a.cameo.startsWith(b.cameo) || b.cameo.startsWith(a.cameo)) return { score: 0.9, reason: `type ${a.cameo}~${b.cameo} (one refines the other)` };
  if (CONSULT_FAMILY.test(a.cameo) && CONSULT_FAMILY.test(b.cameo)) return { score: 0.85, reason: `type ${a.cameo}~${b.cameo} (one meeting: consult family 040–046)` };
  if (a.root === b.root && a.plover !== '' && a.plover === b.plover) return { score: 0.7, reason: `type ${a.cameo}~${b.cameo} (root ${a.root}, PLOVER ${a.plover})` };
  return { score: 0, reason: `type ${a.cameo}≠${b.cameo}` };
}

const unknownCountry = (code: string): boolean => code.startsWith('---');

/** Actor similarity: equal codes 1, one refines the other (USA, USAGOV) 0.85, same country other sector 0.6. */
export function actorSimilarity(a: string | null, an: string | null, b: string | null, bn: string | null): number {
  if (a === null || b === null) return a === b ? 1 : 0;
  if (unknownCountry(a) || unknownCountry(b)) return a === b && an !== null && bn !== null && an.toLowerCase() === bn.toLowerCase() ? 0.8 : 0;
  if (a === b) return 1;
  if (a.startsWith(b) || b.startsWith(a)) return 0.85;
  if (a.slice(0, 3) === b.slice(0, 3)) return 0.6;
  return 0;
}

export function dyadSimilarity(a: LinkMention, b: LinkMention): { score: number; reason: string } {
  const ordered = Math.min(actorSimilarity(a.source, a.sourceName, b.source, b.sourceName), actorSimilarity(a.target, a.targetName, b.target, b.targetName));
  const show = (m: LinkMention): string => `${m.source ?? '∅'}→${m.target ?? '∅'}`;
  if (isSymmetric(a) && isSymmetric(b)) {
    const crossed = Math.min(actorSimilarity(a.source, a.sourceName, b.target, b.targetName), actorSimilarity(a.target, a.targetName, b.source, b.sourceName));
    if (crossed > ordered) return { score: crossed, reason: `dyad ${show(a)} ~ ${show(b)} (unordered: symmetric act)` };
  }
  return { score: ordered, reason: ordered > 0 ? `dyad ${show(a)} ~ ${show(b)}` : `dyad ${show(a)} ≠ ${show(b)}` };
}

export function dateSimilarity(a: LinkMention, b: LinkMention): { score: number; reason: string } {
  const ia = dateInterval(a);
  const ib = dateInterval(b);
  const label = (m: LinkMention): string => `${m.date}${m.basis === 'published' ? ' (published)' : ''}`;
  // A year matches only the same year: a year-wide interval would join any two reports of a dyad that year.
  if ((ia.width === 3) !== (ib.width === 3)) return { score: 0, reason: `date ${label(a)} vs ${label(b)} (a year only matches a year)` };
  if (ia.lo > ib.hi || ib.lo > ia.hi) return { score: 0, reason: `date ${label(a)} ≠ ${label(b)}` };
  if (ia.lo === ib.lo && ia.hi === ib.hi) return { score: 1, reason: `date ${label(a)}` };
  const wider = Math.max(ia.width, ib.width);
  const score = wider === 1 ? 0.8 : wider === 2 ? 0.6 : 0.4;
  return { score, reason: `date ${label(a)} within ${label(b)}` };
}

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const SAME_SITE_KM = 50;

function sameSite(a: LinkPlace, b: LinkPlace): boolean {
  if (a.name.toLowerCase() === b.name.toLowerCase()) return true;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  return distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon }) <= SAME_SITE_KM;
}

export function placeSimilarity(a: LinkPlace | null, b: LinkPlace | null): { score: number; reason: string } {
  if (a === null && b === null) return { score: 0.8, reason: 'no place' };
  if (a === null || b === null) return { score: 0.8, reason: `place ${(a ?? b)?.name} (one report names none)` };
  if (a.country !== b.country) return { score: 0, reason: `place ${a.name}, ${a.country} ≠ ${b.name}, ${b.country}` };
  if (a.level === 'site' && b.level === 'site') return sameSite(a, b) ? { score: 1, reason: `place ${a.name}` } : { score: 0, reason: `place ${a.name} ≠ ${b.name}` };
  if (a.level === b.level && a.name === b.name) return { score: 1, reason: `place ${a.name}` };
  return { score: 0.7, reason: `place ${a.name} ~ ${b.name} (same country)` };
}

/** Compares two mentions on every feature; null when they cannot be the same event. */
export function compare(a: LinkMention, b: LinkMention): { score: number; reason: string } | null {
  if (a.negated !== b.negated || a.future !== b.future || a.hypothetical !== b.hypothetical) return null;
  const type = typeSimilarity(a, b);
  if (type.score === 0) return null;
  const dyad = dyadSimilarity(a, b);
  if (dyad.score === 0) return null;
  const date = dateSimilarity(a, b);
  if (date.score === 0) return null;
  const place = placeSimilarity(a.place, b.place);
  if (place.score === 0) return null;
  const score = WEIGHTS.dyad * dyad.score + WEIGHTS.type * type.score + WEIGHTS.date * date.score + WEIGHTS.place * place.score;
  return { score: Math.round(score * 1000) / 1000, reason: [dyad.reason, type.reason, date.reason, place.reason].join('; ') };
}

/** Whether two compatible mentions are equally specific reports of one occasion (step 1 of clustering). */
function equivalent(a: LinkMention, b: LinkMention): boolean {
  const ia = dateInterval(a);
  const ib = dateInterval(b);
  if (ia.lo !== ib.lo || ia.hi !== ib.hi) return false;
  if (a.place === null || b.place === null) return a.place === b.place;
  if (a.place.level !== b.place.level) return false;
  return a.place.level === 'site' ? sameSite(a.place, b.place) : a.place.name === b.place.name;
}

/** The linking decision of one mention. */
export interface LinkDecision {
  mention: string;
  /** The member it was linked through (null for the cluster's founder). */
  partner: string | null;
  score: number;
  reason: string;
}

export interface LinkedCluster {
  /** Content-based id: `ev-` and a hash of the smallest member id (stable while that member stays). */
  id: string;
  /** The founding, most specific report: the cluster's fields come from it. */
  representative: string;
  members: string[];
  decisions: LinkDecision[];
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Stable small hash (FNV-1a, 2×32 bits) for cluster ids. */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 15;
  }
  return h1.toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export const clusterIdOf = (members: readonly string[]): string => `ev-${stableHash(members.reduce((a, b) => (b < a ? b : a)))}`;

const byId = (a: LinkMention, b: LinkMention): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Orders mentions for choosing a representative: most specific, then earliest published, then id. */
function representativeOrder(a: LinkMention, b: LinkMention): number {
  return specificity(a) - specificity(b) || (a.published ?? '9999').localeCompare(b.published ?? '9999') || byId(a, b);
}

/**
 * Clusters one component of the compatibility graph (or any set of mentions closed under compatibility).
 * The result does not depend on the order of `mentions`.
 */
export function clusterComponent(input: readonly LinkMention[]): LinkedCluster[] {
  const mentions = [...input].sort(byId);
  const n = mentions.length;
  const spec = mentions.map(specificity);
  const pair = new Map<number, { score: number; reason: string } | null>();
  const cmp = (i: number, j: number): { score: number; reason: string } | null => {
    const key = i < j ? i * n + j : j * n + i;
    if (!pair.has(key)) pair.set(key, compare(mentions[Math.min(i, j)], mentions[Math.max(i, j)]));
    return pair.get(key) ?? null;
  };
  // 1. groups of equally specific, equivalent reports
  const uf = new UnionFind(n);
  const buckets = new Map<string, number[]>();
  mentions.forEach((m, i) => {
    const iv = dateInterval(m);
    const key = `${spec[i]}|${iv.lo}|${iv.hi}`;
    const list = buckets.get(key) ?? [];
    list.push(i);
    buckets.set(key, list);
  });
  for (const list of buckets.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        if (uf.find(i) !== uf.find(j) && equivalent(mentions[i], mentions[j]) && cmp(i, j)) uf.union(i, j);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  }
  // 2. most specific groups first; a less specific group joins the one cluster it fits through a more specific member
  const ordered = [...groups.values()].sort((a, b) => spec[a[0]] - spec[b[0]] || a[0] - b[0]);
  const clusterOf = new Int32Array(n).fill(-1);
  const clusters: number[][] = [];
  const notes = new Map<number, string>();
  for (const group of ordered) {
    const level = spec[group[0]];
    const fits = new Set<number>();
    for (let i = 0; i < n; i++) {
      if (spec[i] >= level || clusterOf[i] < 0 || fits.has(clusterOf[i])) continue;
      if (group.some((g) => cmp(g, i))) fits.add(clusterOf[i]);
    }
    if (fits.size === 1) {
      const c = [...fits][0];
      for (const g of group) {
        clusterOf[g] = c;
        clusters[c].push(g);
      }
      continue;
    }
    const c = clusters.length;
    clusters.push([...group]);
    for (const g of group) clusterOf[g] = c;
    if (fits.size > 1) for (const g of group) notes.set(g, `ambiguous: fits ${fits.size} more specific clusters, so founds its own`);
  }
  // decisions: the founder is the most specific member; every other member joined through its best partner
  return clusters
    .map((members) => {
      const sorted = [...members].sort((a, b) => representativeOrder(mentions[a], mentions[b]));
      const rep = sorted[0];
      const decisions: LinkDecision[] = sorted.map((i) => {
        if (i === rep) {
          const why = notes.get(i) ?? (members.length === 1 ? 'new event: no compatible report' : 'founds the cluster: its most specific report');
          return { mention: mentions[i].id, partner: null, score: 1, reason: why };
        }
        let best = -1;
        let bestCmp: { score: number; reason: string } | null = null;
        for (const j of sorted) {
          if (j === i) continue;
          const c = cmp(i, j);
          if (c && (!bestCmp || c.score > bestCmp.score)) {
            best = j;
            bestCmp = c;
          }
        }
        const how = spec[i] > spec[rep] ? 'joined the only cluster it fits' : 'same event';
        return { mention: mentions[i].id, partner: best >= 0 ? mentions[best].id : null, score: bestCmp?.score ?? 0, reason: `${how}: ${bestCmp?.reason ?? ''}` };
      });
      const ids = members.map((i) => mentions[i].id).sort();
      return { id: clusterIdOf(ids), representative: mentions[rep].id, members: ids, decisions };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Where linking finds candidates: mentions whose block and date interval could fit a mention. */
export interface CandidateSource {
  candidates(m: LinkMention): Iterable<LinkMention>;
}

/** The component of the compatibility graph that holds the seeds (breadth-first over candidates). */
export function componentOf(seeds: readonly LinkMention[], source: CandidateSource): LinkMention[] {
  const seen = new Map<string, LinkMention>();
  const queue: LinkMention[] = [];
  for (const s of seeds) {
    if (!seen.has(s.id)) {
      seen.set(s.id, s);
      queue.push(s);
    }
  }
  while (queue.length > 0) {
    const m = queue.pop() as LinkMention;
    for (const c of source.candidates(m)) {
      if (seen.has(c.id) || !compare(m, c)) continue;
      seen.set(c.id, c);
      queue.push(c);
    }
  }
  return [...seen.values()];
}

/** Where linking finds candidates when each lookup is a database round trip: many mentions at a time. */
export interface BatchCandidateSource {
  /** The candidates of each mention, in the order of `mentions`. */
  candidates(mentions: readonly LinkMention[]): Promise<LinkMention[][]>;
}

/**
 * The same component as `componentOf`, looked up one breadth-first frontier at a time (one call to the
 * source per frontier). The component is the closure of the seeds under compatibility, so the order in
 * which it is explored does not change it.
 */
export async function componentOfBatched(seeds: readonly LinkMention[], source: BatchCandidateSource): Promise<LinkMention[]> {
  const seen = new Map<string, LinkMention>();
  let frontier: LinkMention[] = [];
  for (const s of seeds) {
    if (!seen.has(s.id)) {
      seen.set(s.id, s);
      frontier.push(s);
    }
  }
  while (frontier.length > 0) {
    const found = await source.candidates(frontier);
    const next: LinkMention[] = [];
    frontier.forEach((m, i) => {
      for (const c of found[i] ?? []) {
        if (seen.has(c.id) || !compare(m, c)) continue;
        seen.set(c.id, c);
        next.push(c);
      }
    });
    frontier = next;
  }
  return [...seen.values()];
}

/** An in-memory candidate index: by block and width class, sorted by interval start (binary search). */
export class MemoryIndex implements CandidateSource {
  private readonly lists = new Map<string, Array<{ lo: string; hi: string; m: LinkMention }>>();
  constructor(mentions: Iterable<LinkMention>) {
    for (const m of mentions) {
      const iv = dateInterval(m);
      const key = `${blockKey(m)}#${iv.width}`;
      const list = this.lists.get(key) ?? [];
      list.push({ lo: iv.lo, hi: iv.hi, m });
      this.lists.set(key, list);
    }
    for (const list of this.lists.values()) list.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  }
  *candidates(m: LinkMention): Iterable<LinkMention> {
    const iv = dateInterval(m);
    const block = blockKey(m);
    for (const width of [0, 1, 2, 3] as const) {
      const list = this.lists.get(`${block}#${width}`);
      if (!list) continue;
      const from = shiftDay(iv.lo, -WIDTH_SPAN_DAYS[width]);
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].lo < from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < list.length && list[i].lo <= iv.hi; i++) {
        const c = list[i];
        if (c.m.id !== m.id && c.hi >= iv.lo) yield c.m;
      }
    }
  }
}

/** Clusters every mention (what `relink` and the as-of query do). Independent of input order. */
export function clusterAll(mentions: readonly LinkMention[]): LinkedCluster[] {
  const index = new MemoryIndex(mentions);
  const done = new Set<string>();
  const out: LinkedCluster[] = [];
  for (const m of [...mentions].sort(byId)) {
    if (done.has(m.id)) continue;
    const component = componentOf([m], index);
    for (const c of component) done.add(c.id);
    out.push(...clusterComponent(component));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
