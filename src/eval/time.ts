/**
 * TempEval-3-style evaluation of the time stage on TimeML (.tml) files: strict and relaxed extraction
 * precision/recall/F1, type accuracy, value accuracy and value F1, for TIMEX3 only (the DCT excluded).
 * Evaluation only — nothing here feeds the word lists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface GoldTimex {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly value: string;
  readonly text: string;
}

export interface TimeMLDocument {
  readonly id: string;
  readonly text: string;
  readonly dct?: string;
  readonly timexes: readonly GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
  if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  return ENTITIES[e.toLowerCase()] ?? `&${e};`;
});

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Plain text of the <TEXT> element with the TIMEX3 spans in it (other tags are dropped). */
export function parseTimeML(xml: string, id = ''): TimeMLDocument {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml)?.[1];
  const dctValue = dctTag ? attr(dctTag, 'value') : undefined;
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: Array<{ start: number; type: string; value: string }> = [];
  const tag = /<(\/?)([A-Za-z0-9]+)([^>]*)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    text += decode(body.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] !== 'TIMEX3') continue;
    if (m[1] === '') open.push({ start: text.length, type: attr(m[3], 'type') ?? '', value: attr(m[3], 'value') ?? '' });
    else {
      const t = open.pop();
      if (t) timexes.push({ start: t.start, end: text.length, type: t.type, value: t.value, text: text.slice(t.start, text.length) });
    }
  }
  text += decode(body.slice(last));
  return { id, text, ...(dctValue ? { dct: dctValue } : {}), timexes: timexes.sort((a, b) => a.start - b.start) };
}

export interface SystemTimex {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly value: string;
}

export interface Counts {
  gold: number;
  system: number;
  strict: number;
  relaxed: number;
  type: number;
  value: number;
}

export const emptyCounts = (): Counts => ({ gold: 0, system: 0, strict: 0, relaxed: 0, type: 0, value: 0 });

export interface Mismatch {
  readonly kind: 'missed' | 'spurious' | 'value' | 'type';
  readonly gold?: GoldTimex;
  readonly system?: SystemTimex & { text: string };
}

/** Scores one document: one-to-one matching by overlap (exact spans first). */
export function scoreDocument(gold: readonly GoldTimex[], system: readonly SystemTimex[], text: string, counts: Counts, mismatches?: Mismatch[]): void {
  counts.gold += gold.length;
  counts.system += system.length;
  const used = new Set<number>();
  const pair = new Map<number, number>();
  gold.forEach((g, gi) => {
    const si = system.findIndex((s, i) => !used.has(i) && s.start === g.start && s.end === g.end);
    if (si >= 0) { used.add(si); pair.set(gi, si); counts.strict++; }
  });
  gold.forEach((g, gi) => {
    if (pair.has(gi)) return;
    const si = system.findIndex((s, i) => !used.has(i) && s.start < g.end && g.start < s.end);
    if (si >= 0) { used.add(si); pair.set(gi, si); }
  });
  gold.forEach((g, gi) => {
    const si = pair.get(gi);
    if (si === undefined) { mismatches?.push({ kind: 'missed', gold: g }); return; }
    const s = system[si];
    counts.relaxed++;
    if (s.type === g.type) counts.type++;
    if (s.value === g.value) counts.value++;
    else mismatches?.push({ kind: 'value', gold: g, system: { ...s, text: text.slice(s.start, s.end) } });
  });
  system.forEach((s, i) => {
    if (!used.has(i)) mismatches?.push({ kind: 'spurious', system: { ...s, text: text.slice(s.start, s.end) } });
  });
}

export interface Figures {
  strict: { p: number; r: number; f1: number };
  relaxed: { p: number; r: number; f1: number };
  typeAccuracy: number;
  valueAccuracy: number;
  value: { p: number; r: number; f1: number };
}

const prf = (hits: number, system: number, gold: number): { p: number; r: number; f1: number } => {
  const p = system ? hits / system : 0;
  const r = gold ? hits / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

export function figures(c: Counts): Figures {
  return {
    strict: prf(c.strict, c.system, c.gold),
    relaxed: prf(c.relaxed, c.system, c.gold),
    typeAccuracy: c.relaxed ? c.type / c.relaxed : 0,
    valueAccuracy: c.relaxed ? c.value / c.relaxed : 0,
    value: prf(c.value, c.system, c.gold),
  };
}

/** The .tml files under a folder, grouped by their immediate sub-folder (the corpus: TimeBank, AQUAINT). */
export function findTimeML(root: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const walk = (dir: string, group: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, name);
      else if (name.endsWith('.tml')) {
        const list = groups.get(group) ?? [];
        list.push(path);
        groups.set(group, list);
      }
    }
  };
  walk(root, basename(root));
  return groups;
}

export function readTimeML(path: string): TimeMLDocument {
  return parseTimeML(readFileSync(path, 'utf8'), basename(path, '.tml'));
}
