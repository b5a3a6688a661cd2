/**
 * Everything stages need that is loaded from disk: lexicons and models. Loaded once by
 * `loadResources` and passed to every stage; there are no module-level singletons.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { segmentLexiconFromRows, type SegmentLexicon } from '../stages/segment/lexicon.js';
import { Tagger } from '../models/tagger/tagger.js';
import { Parser } from '../models/parser/parser.js';
import { EntityTagger } from '../models/ner/ner.js';
import { readManifest } from '../models/manifest.js';
import { CorefModel } from '../models/coref/model.js';
import { defaultGazetteerDir, loadGazetteer, type Gazetteer } from '../knowledge/gazetteer/gazetteer.js';

/** The trained models, loaded once, with the versions recorded in models/manifest.json. */
export interface Models {
  readonly tagger: Tagger;
  readonly parser: Parser;
  readonly ner: EntityTagger;
  /** Coreference antecedent ranking (models/coref.bin); absent when the file is, and coreference then uses its rules alone. */
  readonly coref?: CorefModel;
  readonly versions: { readonly tagger: string; readonly parser: string; readonly ner: string; readonly coref?: string };
}

export interface Resources {
  readonly segment: SegmentLexicon;
  readonly models: Models;
  readonly gazetteer: Gazetteer;
}

export interface ResourceLocations {
  /** Compiled lexicons (dist/data). */
  dataDir: string;
  /** Trained weights and manifest (models/). */
  modelsDir: string;
  /** Gazetteer folder (default: the shipped one under models/gazetteer; see `herodotus gazetteer import`). */
  gazetteerDir?: string;
}

/** The package's own folders, resolved from this file's location (never from the cwd). */
export function defaultLocations(): ResourceLocations {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return { dataDir: join(root, 'dist', 'data'), modelsDir: join(root, 'models') };
}

function readRows(dataDir: string, file: string): string[][] {
  const path = join(dataDir, file);
  if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
  return JSON.parse(readFileSync(path, 'utf8')) as string[][];
}

export function loadModels(modelsDir: string): Models {
  const manifest = readManifest(modelsDir);
  const version = (name: string): string => manifest.models[name]?.version ?? 'unknown';
  const coref = CorefModel.load(modelsDir);
  return {
    tagger: Tagger.load(modelsDir),
    parser: Parser.load(modelsDir),
    ner: EntityTagger.load(modelsDir),
    ...(coref ? { coref } : {}),
    versions: { tagger: version('tagger'), parser: version('parser'), ner: version('ner'), ...(coref ? { coref: version('coref') } : {}) },
  };
}

export function loadResources(locations: ResourceLocations = defaultLocations()): Resources {
  return {
    models: loadModels(locations.modelsDir),
    gazetteer: loadGazetteer(locations.gazetteerDir ?? defaultGazetteerDir()),
    segment: segmentLexiconFromRows(readRows(locations.dataDir, 'segment/abbreviations.json'), readRows(locations.dataDir, 'segment/sentence-starters.json')),
  };
}
