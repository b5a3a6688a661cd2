/**
 * The multi-report example for tests and demos: the seed EFE story (examples/) and the link fixtures (four
 * more reports of the same Friday meeting, a syndicated reprint, an unrelated story), each with its
 * `.meta.json` sidecar. Reads the files from the package, so it works from dist/ as from src/.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixtureStory {
  /** File name without `.txt`. */
  name: string;
  text: string;
  meta: { id: string; published: string; source?: string; url?: string; title?: string };
}

export const SEED_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));
export const LINK_FIXTURES_DIR = fileURLToPath(new URL('../../src/link/fixtures/', import.meta.url));

/** The stories of a folder: every `NAME.txt` with its `NAME.meta.json`, by name. */
export function storiesIn(dir: string): FixtureStory[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -4);
      return { name, text: readFileSync(join(dir, file), 'utf8'), meta: JSON.parse(readFileSync(join(dir, `${name}.meta.json`), 'utf8')) as FixtureStory['meta'] };
    });
}

/** Copies the stories (text and sidecar) of `dirs` into `to`, one folder for `herodotus ingest`. */
export function copyStories(dirs: readonly string[], to: string): void {
  mkdirSync(to, { recursive: true });
  for (const from of dirs) for (const name of readdirSync(from)) if (name.endsWith('.txt') || name.endsWith('.meta.json')) copyFileSync(join(from, name), join(to, name));
}

/** Stores the stories of `dirs` in the SQLite file `db` with the real CLI (`herodotus ingest`), as a user would. */
export function ingestWithCli(dirs: readonly string[], db: string, work: string): void {
  const docs = join(work, 'ingest-input');
  copyStories(dirs, docs);
  const bin = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const r = spawnSync(process.execPath, [bin, 'ingest', docs, '--db', db, '-q'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`herodotus ingest failed (${r.status}): ${r.stderr}`);
}
