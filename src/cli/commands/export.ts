import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { exportChunks, type ExportCounts, type ExportFormat, type ExportLookups, type ExportProgress, type ExportUnit } from '../../export/index.js';
import type { ClusterQuery, Store } from '../../store/store.js';
import { formatDuration } from '../progress.js';

export interface ExportFlags {
  format: ExportFormat;
  /** Output file (written as FILE.partial and renamed when complete); stdout without it. */
  out?: string;
  asOf?: string;
  /** Filters over event clusters, as `herodotus events` takes them. */
  query?: ClusterQuery;
  /** One row per event cluster (default) or per mention (plover, csv, parquet). */
  per?: ExportUnit;
  quiet?: boolean;
  lookups: ExportLookups;
}

async function writeAll(chunks: AsyncIterable<string | Uint8Array>, dest: Writable): Promise<void> {
  for await (const chunk of chunks) {
    if (!dest.write(chunk)) await once(dest, 'drain');
  }
}

/** A progress line on stderr (a terminal only): events (clusters) read of the total, rows written, ETA. */
function progressLine(quiet: boolean | undefined, counts: ExportCounts): { update: (p: ExportProgress) => void; clear: () => void } {
  const enabled = !quiet && Boolean(process.stderr.isTTY);
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (!enabled || Date.now() - last < 200) return;
      last = Date.now();
      const seconds = (last - started) / 1000;
      const eta = p.events > 0 && p.events < p.total ? ` · ETA ${formatDuration(((p.total - p.events) / p.events) * seconds)}` : '';
      process.stderr.write(`\r\x1b[Kexport: ${p.events}/${p.total} events · ${p.mentions} mentions · ${counts.rows} rows${eta}`);
      drawn = true;
    },
    clear() {
      if (drawn) process.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** `herodotus export`: streams the stored event clusters in a format to a file or stdout; returns what was written. */
export async function runExport(store: Store, flags: ExportFlags): Promise<ExportCounts> {
  const counts: ExportCounts = { rows: 0, left: 0 };
  const progress = progressLine(flags.quiet, counts);
  const chunks = exportChunks(store, flags.format, {
    lookups: flags.lookups,
    counts,
    onProgress: progress.update,
    ...(flags.asOf ? { asOf: flags.asOf } : {}),
    ...(flags.query ? { query: flags.query } : {}),
    ...(flags.per ? { per: flags.per } : {}),
  });
  try {
    if (!flags.out) {
      await writeAll(chunks, process.stdout);
      return counts;
    }
    const partial = `${flags.out}.partial`;
    const file = createWriteStream(partial);
    try {
      await writeAll(chunks, file);
      file.end();
      await once(file, 'finish');
    } catch (error) {
      file.destroy();
      rmSync(partial, { force: true });
      throw error;
    }
    renameSync(partial, flags.out);
    return counts;
  } finally {
    progress.clear();
  }
}
