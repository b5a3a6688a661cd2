import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';

/** One trained model's record in models/manifest.json. */
export interface ManifestEntry {
  /** File name of the weights under models/. */
  file: string;
  sha256: string;
  bytes: number;
  version: string;
  trainedAt: string;
  /** Input corpus files (base name + sha256) the model was trained on. */
  corpora: Array<{ file: string; sha256: string }>;
  /** Dev-set scores, e.g. { "ewt-dev.upos": 0.957 }. */
  dev: Record<string, number>;
  /** Anything else worth recording (hyper-parameters, epochs, seconds). */
  notes?: Record<string, unknown>;
}

export interface Manifest {
  models: Record<string, ManifestEntry>;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function corpusRecord(path: string): { file: string; sha256: string } {
  return { file: basename(path), sha256: sha256File(path) };
}

/**
 * The fields of a manifest entry that describe the weights file itself — name, checksum and size read back from
 * `modelsDir/file` as written — with the model version and the time of this call.
 */
export function weightsRecord(modelsDir: string, file: string, version: string): Pick<ManifestEntry, 'file' | 'sha256' | 'bytes' | 'version' | 'trainedAt'> {
  const path = join(modelsDir, file);
  return { file, sha256: sha256File(path), bytes: statSync(path).size, version, trainedAt: new Date().toISOString() };
}

export function readManifest(modelsDir: string): Manifest {
  const path = join(modelsDir, 'manifest.json');
  if (!existsSync(path)) return { models: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Reads, updates one model's entry, and rewrites models/manifest.json (sorted keys, stable output). */
export function updateManifest(modelsDir: string, name: string, entry: ManifestEntry): void {
  const manifest = readManifest(modelsDir);
  manifest.models[name] = entry;
  const sorted: Manifest = { models: {} };
  for (const key of Object.keys(manifest.models).sort()) sorted.models[key] = manifest.models[key];
  writeFileSync(join(modelsDir, 'manifest.json'), JSON.stringify(sorted, null, 2) + '\n');
}
