/** The quantities stage's word lists, compiled from data/quantities/*.tsv and loaded once from `dataDir`. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type NumberKind = 'unit' | 'scale' | 'fraction' | 'dozen';
export type QualifierMeaning = 'more' | 'less' | 'about' | 'exact' | 'estimate';

export interface QuantityLexicon {
  readonly numbers: ReadonlyMap<string, { value: number; kind: NumberKind }>;
  readonly vague: ReadonlyMap<string, { value: number; qualifier: string }>;
  readonly qualifiers: ReadonlyMap<string, QualifierMeaning>;
  /** Signs written before the number ($, €) and names written after it (dollars, pesos) → ISO code. */
  readonly currencyBefore: ReadonlyMap<string, string>;
  readonly currencyAfter: ReadonlyMap<string, string>;
  readonly units: ReadonlyMap<string, string>;
  readonly notNouns: ReadonlySet<string>;
  readonly pronounOneAfter: ReadonlySet<string>;
  readonly pronounOneBefore: ReadonlySet<string>;
  readonly clockAfter: ReadonlySet<string>;
}

type Rows = readonly (readonly string[])[];

export const QUANTITY_LEXICON_FILES = ['numbers', 'vague', 'qualifiers', 'currencies', 'units', 'not-nouns', 'not-counts'] as const;

export function quantityLexiconFromRows(files: Record<string, Rows>): QuantityLexicon {
  const get = (name: string): Rows => files[name] ?? [];
  const lower = (s: string): string => s.toLowerCase();
  const nc = get('not-counts');
  const kind = (k: string): Set<string> => new Set(nc.filter((r) => r[0] === k).map((r) => lower(r[1])));
  return {
    numbers: new Map(get('numbers').map((r) => [lower(r[0]), { value: Number(r[1]), kind: r[2] as NumberKind }])),
    vague: new Map(get('vague').map((r) => [lower(r[0]), { value: Number(r[1]), qualifier: r[2] ?? r[0] }])),
    qualifiers: new Map(get('qualifiers').map((r) => [lower(r[0]), r[1] as QualifierMeaning])),
    currencyBefore: new Map(get('currencies').filter((r) => r[2] === 'before').map((r) => [r[0], r[1]])),
    currencyAfter: new Map(get('currencies').filter((r) => r[2] === 'after').map((r) => [lower(r[0]), r[1]])),
    units: new Map(get('units').map((r) => [lower(r[0]), r[1]])),
    notNouns: new Set(get('not-nouns').map((r) => lower(r[0]))),
    pronounOneAfter: kind('pronoun-one'),
    pronounOneBefore: kind('before-one'),
    clockAfter: kind('clock'),
  };
}

export function loadQuantityLexicon(dataDir: string): QuantityLexicon {
  const files: Record<string, Rows> = {};
  for (const name of QUANTITY_LEXICON_FILES) {
    const path = join(dataDir, 'quantities', `${name}.json`);
    if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
    files[name] = JSON.parse(readFileSync(path, 'utf8')) as string[][];
  }
  return quantityLexiconFromRows(files);
}
