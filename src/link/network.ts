/**
 * The actor network and the place counts over event clusters, as the web UI draws them: actors as nodes,
 * pairs of actors as edges with their event counts and mean Goldstein value (conflict −10 … cooperation
 * +10), and places with coordinates and their event counts. Pure: the caller passes the clusters (events
 * marked wrong already left out).
 */
import type { EventCluster } from '../store/store.js';

export interface NetworkNode {
  /** The actor code (USAGOV, MEX …). */
  id: string;
  name: string | null;
  country: string | null;
  events: number;
  goldsteinMean: number;
}

export interface NetworkEdge {
  /** The two actor codes, in code order (an edge is unordered: A→B and B→A are one pair). */
  a: string;
  b: string;
  events: number;
  mentions: number;
  goldsteinMean: number;
  /** Events per QuadClass 1–4 (verbal cooperation, material cooperation, verbal conflict, material conflict). */
  quadClasses: [number, number, number, number];
  /** The event (cluster) ids on this edge, oldest first (at most `maxIds`). */
  ids: string[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The network of the `maxNodes` actors with most events, and the edges between them. */
export function actorNetwork(clusters: readonly EventCluster[], options: { maxNodes?: number; maxIds?: number } = {}): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
  const maxNodes = options.maxNodes ?? 60;
  const maxIds = options.maxIds ?? 200;
  const nodes = new Map<string, NetworkNode & { sum: number }>();
  const touch = (actor: { code: string; name?: string }, c: EventCluster): void => {
    const n = nodes.get(actor.code) ?? { id: actor.code, name: null, country: /^[A-Z]{3}/.test(actor.code) && !actor.code.startsWith('---') ? actor.code.slice(0, 3) : null, events: 0, goldsteinMean: 0, sum: 0 };
    if (n.name === null && actor.name) n.name = actor.name;
    n.events++;
    n.sum += c.cameo.goldstein;
    nodes.set(actor.code, n);
  };
  for (const c of clusters) {
    if (c.source) touch(c.source, c);
    if (c.target && c.target.code !== c.source?.code) touch(c.target, c);
  }
  const kept = new Set([...nodes.values()].sort((x, y) => y.events - x.events || x.id.localeCompare(y.id)).slice(0, maxNodes).map((n) => n.id));
  const edges = new Map<string, NetworkEdge & { sum: number }>();
  for (const c of clusters) {
    if (!c.source || !c.target || c.source.code === c.target.code) continue;
    if (!kept.has(c.source.code) || !kept.has(c.target.code)) continue;
    const [a, b] = [c.source.code, c.target.code].sort();
    const key = `${a}\u0000${b}`;
    const e = edges.get(key) ?? { a, b, events: 0, mentions: 0, goldsteinMean: 0, quadClasses: [0, 0, 0, 0], ids: [], sum: 0 };
    e.events++;
    e.mentions += c.numMentions;
    e.sum += c.cameo.goldstein;
    if (c.cameo.quadClass >= 1 && c.cameo.quadClass <= 4) e.quadClasses[c.cameo.quadClass - 1]++;
    if (e.ids.length < maxIds) e.ids.push(c.id);
    edges.set(key, e);
  }
  return {
    nodes: [...nodes.values()].filter((n) => kept.has(n.id)).map(({ sum, ...n }) => ({ ...n, goldsteinMean: round(sum / n.events) })).sort((x, y) => y.events - x.events || x.id.localeCompare(y.id)),
    edges: [...edges.values()].map(({ sum, ...e }) => ({ ...e, goldsteinMean: round(sum / e.events) })).sort((x, y) => y.events - x.events || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
  };
}

export interface PlaceCount {
  name: string;
  country: string;
  lat: number;
  lon: number;
  events: number;
  mentions: number;
  goldsteinMean: number;
}

/** Events per place with coordinates (most first), and per place country (events without coordinates included). */
export function placeCounts(clusters: readonly EventCluster[]): { places: PlaceCount[]; countries: Array<{ country: string; events: number }> } {
  const places = new Map<string, PlaceCount & { sum: number }>();
  const countries = new Map<string, number>();
  for (const c of clusters) {
    if (!c.place) continue;
    countries.set(c.place.country, (countries.get(c.place.country) ?? 0) + 1);
    if (c.place.lat === null || c.place.lon === null) continue;
    const key = `${c.place.name}\u0000${c.place.country}`;
    const p = places.get(key) ?? { name: c.place.name, country: c.place.country, lat: c.place.lat, lon: c.place.lon, events: 0, mentions: 0, goldsteinMean: 0, sum: 0 };
    p.events++;
    p.mentions += c.numMentions;
    p.sum += c.cameo.goldstein;
    places.set(key, p);
  }
  return {
    places: [...places.values()].map(({ sum, ...p }) => ({ ...p, goldsteinMean: round(sum / p.events) })).sort((x, y) => y.events - x.events || x.name.localeCompare(y.name)),
    countries: [...countries].map(([country, events]) => ({ country, events })).sort((x, y) => y.events - x.events || x.country.localeCompare(y.country)),
  };
}
