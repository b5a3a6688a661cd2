/**
 * The folder watcher: files dropped into a folder (text, HTML, JSONL, RSS/Atom; with `.meta.json`
 * sidecars) are coded and stored once each. Each file read is recorded with its mtime and size, so an
 * unchanged file is not even read again, also after a restart; a changed file is read again, and what
 * it holds that is already stored (same content hash or URL) is not stored twice.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readInputs } from '../stages/ingest/inputs.js';
import { codeAndStore, outcomeStatus } from './coding.js';
import { now, type WatchContext } from './state.js';

export interface FolderOptions {
  /** Files modified more recently than this are left for the next scan (they may still be being written). */
  settleMs: number;
}

function* files(dir: string): Generator<{ path: string; mtimeMs: number; size: number }> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name.endsWith('.meta.json') || name.endsWith('.part') || name.endsWith('.tmp') || name.endsWith('~')) continue;
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue; // removed meanwhile
    }
    if (stat.isDirectory()) yield* files(path);
    else if (stat.isFile()) yield { path, mtimeMs: stat.mtimeMs, size: stat.size };
  }
}

export async function scanFolder(ctx: WatchContext, dir: string, options: FolderOptions): Promise<void> {
  const root = resolve(dir);
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    ctx.log('error', { dir: root, kind: 'folder', message: (error as Error).message });
    return;
  }
  for (const file of files(root)) {
    if (ctx.signal.aborted) return;
    if (Date.now() - file.mtimeMs < options.settleMs) continue;
    const seen = await ctx.store.watchedFile(file.path);
    if (seen && seen.mtimeMs === file.mtimeMs && seen.size === file.size) {
      ctx.counts.filesUnchanged++;
      continue;
    }
    ctx.counts.filesRead++;
    ctx.log('file', { path: file.path, size: file.size, ...(seen ? { changed: true } : {}) });
    const ids: string[] = [];
    let stored = 0;
    let queued = 0;
    let skipped = 0;
    let interrupted = false;
    for await (const item of readInputs([file.path], { maxDocBytes: ctx.maxDocBytes })) {
      if (item.kind === 'skipped') {
        skipped++;
        ctx.counts.skipped++;
        ctx.log('skipped', { path: file.path, origin: item.origin, kind: item.code, message: item.message });
        continue;
      }
      if (ctx.signal.aborted) {
        interrupted = true;
        break;
      }
      const outcome = await codeAndStore(ctx, { text: item.text, meta: item.meta, origin: item.origin, diagnostics: item.diagnostics });
      if (outcome.id === '') {
        interrupted = true;
        break;
      }
      ids.push(outcome.id);
      if (outcome.stored) stored++;
      else if (outcomeStatus(outcome) === 'queued') queued++;
    }
    // An interrupted file is not recorded: the next run reads it again (what was stored is a no-op then).
    if (interrupted) return;
    const outcome = stored > 0 ? 'stored' : queued > 0 ? 'queued' : ids.length > 0 ? 'duplicate' : skipped > 0 ? 'skipped' : 'empty';
    await ctx.store.recordWatchedFile({ path: file.path, mtimeMs: file.mtimeMs, size: file.size, outcome, documentIds: ids, at: now() });
  }
}
