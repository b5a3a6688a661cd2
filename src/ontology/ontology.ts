/**
 * The event ontologies: CAMEO codes with Goldstein values and QuadClass, PLOVER event types, modes and
 * contexts, and the CAMEO → PLOVER mapping, compiled from data/ontology/*.tsv and loaded once from a
 * `dataDir`. Lookups go both ways: `cameo(code)`, `ploverFor(cameoCode)`, `cameoFor(ploverType, mode?)`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type QuadClass = 1 | 2 | 3 | 4;

export interface CameoCode {
  /** Two to four digits: 04, 043, 0431. */
  readonly code: string;
  /** The two-digit cue category. */
  readonly root: string;
  readonly quadClass: QuadClass;
  readonly goldstein: number;
  /** Where the Goldstein value comes from: gdelt, icews or `parent NNN`. */
  readonly goldsteinSource: string;
  readonly name: string;
}

export interface PloverType {
  readonly type: string;
  readonly quad: string;
  readonly requiresRecipient: boolean;
  readonly definition: string;
}

export interface PloverMode {
  readonly type: string;
  readonly mode: string;
  readonly definition: string;
}

export interface PloverContext {
  readonly context: string;
  readonly definition: string;
}

/** The PLOVER reading of a CAMEO code. `type` is '' for CAMEO 01 (statements), which PLOVER dropped. */
export interface PloverMapping {
  readonly cameo: string;
  readonly type: string;
  readonly mode?: string;
  readonly contexts: readonly string[];
  /** Why the code maps as it does (the 2021 conversion table, inherited, or a decision). */
  readonly basis: string;
}

export interface Ontology {
  cameo(code: string): CameoCode | undefined;
  /** Every CAMEO code, in code order. */
  cameoCodes(): readonly CameoCode[];
  ploverFor(cameoCode: string): PloverMapping | undefined;
  /** CAMEO codes whose PLOVER reading is this type (and mode, when given), most general first. */
  cameoFor(ploverType: string, mode?: string): readonly CameoCode[];
  ploverTypes(): readonly PloverType[];
  ploverModes(type?: string): readonly PloverMode[];
  ploverContexts(): readonly PloverContext[];
  isContext(name: string): boolean;
}

export type Rows = readonly (readonly string[])[];

export interface OntologyRows {
  cameo: Rows;
  types: Rows;
  modes: Rows;
  contexts: Rows;
  mapping: Rows;
}

export function quadClassOf(root: string): QuadClass {
  const r = Number(root);
  return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

export function ontologyFromRows(rows: OntologyRows): Ontology {
  const codes: CameoCode[] = rows.cameo.map(([code, root, quad, goldstein, goldsteinSource, name]) => {
    const quadClass = Number(quad) as QuadClass;
    if (quadClass !== quadClassOf(root)) throw new Error(`ontology: CAMEO ${code} has QuadClass ${quad}, its root ${root} says ${quadClassOf(root)}`);
    if (!code.startsWith(root)) throw new Error(`ontology: CAMEO ${code} is not under root ${root}`);
    return Object.freeze({ code, root, quadClass, goldstein: Number(goldstein), goldsteinSource, name });
  });
  codes.sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const mapping = new Map<string, PloverMapping>();
  for (const [cameo, type, mode, contexts, basis] of rows.mapping) {
    if (!byCode.has(cameo)) throw new Error(`ontology: mapping row for unknown CAMEO code ${cameo}`);
    mapping.set(cameo, Object.freeze({ cameo, type, ...(mode ? { mode } : {}), contexts: Object.freeze(contexts ? contexts.split(';').map((c) => c.trim()).filter(Boolean) : []), basis: basis ?? '' }));
  }
  const types = rows.types.map(([type, quad, recipient, definition]) => Object.freeze({ type, quad, requiresRecipient: recipient === 'yes', definition: definition ?? '' }));
  const modes = rows.modes.map(([type, mode, definition]) => Object.freeze({ type, mode, definition: definition ?? '' }));
  const contexts = rows.contexts.map(([context, definition]) => Object.freeze({ context, definition: definition ?? '' }));
  const contextNames = new Set(contexts.map((c) => c.context));
  const typeNames = new Set(types.map((t) => t.type));
  for (const m of mapping.values()) {
    if (m.type !== '' && !typeNames.has(m.type)) throw new Error(`ontology: CAMEO ${m.cameo} maps to unknown PLOVER type ${m.type}`);
  }
  return Object.freeze({
    cameo: (code: string) => byCode.get(code),
    cameoCodes: () => codes,
    ploverFor: (code: string) => mapping.get(code) ?? mapping.get(code.slice(0, 3)) ?? mapping.get(code.slice(0, 2)),
    cameoFor(ploverType: string, mode?: string): readonly CameoCode[] {
      const out: CameoCode[] = [];
      for (const c of codes) {
        const m = mapping.get(c.code);
        if (m && m.type === ploverType && (mode === undefined || m.mode === mode)) out.push(c);
      }
      return out.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
    },
    ploverTypes: () => types,
    ploverModes: (type?: string) => (type === undefined ? modes : modes.filter((m) => m.type === type)),
    ploverContexts: () => contexts,
    isContext: (name: string) => contextNames.has(name),
  });
}

function read(dataDir: string, file: string): Rows {
  const path = join(dataDir, 'ontology', file);
  if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
  return JSON.parse(readFileSync(path, 'utf8')) as string[][];
}

/** The ontology compiled from data/ontology/ (dist/data/ontology/*.json under `dataDir`). */
export function loadOntology(dataDir: string): Ontology {
  return ontologyFromRows({
    cameo: read(dataDir, 'cameo-codes.json'),
    types: read(dataDir, 'plover-types.json'),
    modes: read(dataDir, 'plover-modes.json'),
    contexts: read(dataDir, 'plover-contexts.json'),
    mapping: read(dataDir, 'cameo-plover.json'),
  });
}
