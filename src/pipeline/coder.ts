/**
 * The coder version every stored coding records: the Herodotus version, each stage's version, the models
 * (version and sha256 from models/manifest.json), a hash of the compiled lexicons and patterns (dist/data),
 * the gazetteer's manifest hash, and the hashes of imported dictionaries. Its fingerprint is a sha256 prefix
 * of that descriptor, so two codings with equal fingerprints were made by the same knowledge.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { defaultGazetteerDir } from '../knowledge/gazetteer/gazetteer.js';
import { readManifest } from '../models/manifest.js';
import type { CoderVersion } from '../store/store.js';
import { VERSION } from '../version.js';
import type { Pipeline } from './pipeline.js';
import { defaultLocations, type ResourceLocations } from './resources.js';

function hashTree(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

const hashFile = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);

export function coderVersion(pipeline: Pick<Pipeline, 'stages'>, options: { locations?: Partial<ResourceLocations>; dictionaries?: readonly string[] } = {}): CoderVersion {
  const locations = { ...defaultLocations(), ...(options.locations ?? {}) };
  const manifest = readManifest(locations.modelsDir);
  const gazetteerDir = locations.gazetteerDir ?? defaultGazetteerDir();
  const gazetteerManifest = join(gazetteerDir, 'manifest.json');
  const descriptor = {
    herodotus: VERSION,
    stages: Object.fromEntries(pipeline.stages.map((s) => [s.name, s.version])),
    models: Object.fromEntries(Object.entries(manifest.models).map(([name, m]) => [name, { version: m.version, sha256: m.sha256.slice(0, 16) }])),
    data: hashTree(locations.dataDir),
    gazetteer: existsSync(gazetteerManifest) ? hashFile(gazetteerManifest) : null,
    dictionaries: (options.dictionaries ?? []).map((f) => ({ file: basename(f), sha256: existsSync(f) ? hashFile(f) : null })),
  };
  const fingerprint = createHash('sha256').update(JSON.stringify(descriptor)).digest('hex').slice(0, 16);
  return { fingerprint, descriptor };
}
