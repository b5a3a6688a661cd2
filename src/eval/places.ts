/**
 * Place evaluation on GeoVirus-style XML (<article><text/><locations><location><name/><start/><end/>
 * <lat/><lon/></location>…): recall of gold toponyms (a gold toponym is found when a predicted place
 * overlaps it), accuracy within 161 km over found toponyms, median error, AUC of the error curve
 * (mean of ln(1 + km) / ln(20039), lower is better), and precision of predicted places against gold spans.
 */
import { readFileSync } from 'node:fs';
import type { Place } from '../core/layers.js';
import { haversineKm } from '../knowledge/gazetteer/format.js';

export interface GoldToponym {
  name: string;
  start: number;
  end: number;
  lat: number;
  lon: number;
}

export interface GoldArticle {
  text: string;
  toponyms: GoldToponym[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m)));

const field = (block: string, tag: string): string | undefined => {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(block);
  return m ? decode(m[1]) : undefined;
};

export function readGeoVirus(path: string): GoldArticle[] {
  const xml = readFileSync(path, 'utf8');
  const articles: GoldArticle[] = [];
  for (const m of xml.matchAll(/<article>([\s\S]*?)<\/article>/g)) {
    const text = field(m[1], 'text') ?? '';
    const toponyms: GoldToponym[] = [];
    for (const l of m[1].matchAll(/<location>([\s\S]*?)<\/location>/g)) {
      const t = { name: field(l[1], 'name') ?? '', start: Number(field(l[1], 'start')), end: Number(field(l[1], 'end')), lat: Number(field(l[1], 'lat')), lon: Number(field(l[1], 'lon')) };
      if ([t.start, t.end, t.lat, t.lon].every(Number.isFinite)) toponyms.push(t);
    }
    articles.push({ text, toponyms });
  }
  return articles;
}

export interface PlaceErrorCase {
  gold: GoldToponym;
  predicted: Place | null;
  km: number | null;
}

export interface PlaceScores {
  articles: number;
  gold: number;
  found: number;
  predicted: number;
  predictedOnGold: number;
  recall: number;
  precision: number;
  accuracy161: number;
  medianKm: number;
  auc: number;
  cases: PlaceErrorCase[];
}

export function scorePlaces(articles: readonly GoldArticle[], predict: (text: string) => readonly Place[]): PlaceScores {
  let gold = 0;
  let predicted = 0;
  let predictedOnGold = 0;
  const errors: number[] = [];
  const cases: PlaceErrorCase[] = [];
  for (const a of articles) {
    const places = predict(a.text);
    predicted += places.length;
    predictedOnGold += places.filter((p) => a.toponyms.some((t) => p.start < t.end && t.start < p.end)).length;
    for (const t of a.toponyms) {
      gold++;
      const p = places.find((q) => q.start < t.end && t.start < q.end) ?? null;
      const km = p ? haversineKm(p.lat, p.lon, t.lat, t.lon) : null;
      if (km !== null) errors.push(km);
      cases.push({ gold: t, predicted: p, km });
    }
  }
  errors.sort((x, y) => x - y);
  const found = errors.length;
  const median = found === 0 ? NaN : found % 2 ? errors[(found - 1) / 2] : (errors[found / 2 - 1] + errors[found / 2]) / 2;
  return {
    articles: articles.length,
    gold,
    found,
    predicted,
    predictedOnGold,
    recall: gold ? found / gold : 0,
    precision: predicted ? predictedOnGold / predicted : 0,
    accuracy161: found ? errors.filter((e) => e <= 161).length / found : 0,
    medianKm: median,
    auc: found ? errors.reduce((s, e) => s + Math.log(1 + e), 0) / found / Math.log(20039) : 1,
    cases,
  };
}
