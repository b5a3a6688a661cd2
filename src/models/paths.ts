import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, resolved from this file (dist/models/paths.js → ../../). */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** Where training and evaluation read corpora: --corpora DIR, $HERODOTUS_CORPORA, or ../shared/corpora beside the project. */
export function corporaDir(explicit?: string): string {
  const dir = explicit ?? process.env.HERODOTUS_CORPORA ?? join(packageRoot(), '..', 'shared', 'corpora');
  if (!existsSync(dir)) {
    throw new Error(`corpora folder not found: ${dir} (pass --corpora DIR or set HERODOTUS_CORPORA)`);
  }
  return dir;
}

export function modelsDir(explicit?: string): string {
  return explicit ?? join(packageRoot(), 'models');
}
