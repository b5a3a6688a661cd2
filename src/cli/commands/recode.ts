import type { Pipeline } from '../../pipeline/pipeline.js';
import type { CoderVersion, Store } from '../../store/store.js';

export interface RecodeCounts {
  documents: number;
  recoded: number;
  unchanged: number;
}

/**
 * `herodotus recode`: codes stored documents again with the current knowledge (models, patterns,
 * dictionaries, the actor store). A document whose coding changes is replaced; the previous coding stays
 * queryable (`store.codings`, `events --as-of`). Documents whose coding is the same keep it.
 */
export async function runRecode(pipeline: Pipeline, store: Store, options: { since?: string; coder: CoderVersion; force?: boolean }, say: (line: string) => void): Promise<RecodeCounts> {
  const counts: RecodeCounts = { documents: 0, recoded: 0, unchanged: 0 };
  for (const id of await store.documentIds(options.since ? { publishedSince: options.since } : {})) {
    const stored = await store.getDocument(id);
    if (!stored) continue;
    counts.documents++;
    const fresh = pipeline.code(stored.text, {
      id: stored.id,
      ...(stored.published ? { published: stored.published } : {}),
      ...(stored.source !== undefined ? { source: stored.source } : {}),
      ...(stored.url !== undefined ? { url: stored.url } : {}),
      ...(stored.title !== undefined ? { title: stored.title } : {}),
    });
    const same = JSON.stringify({ ...fresh, diagnostics: [] }) === JSON.stringify({ ...stored, diagnostics: [] });
    const history = await store.codings(id);
    const sameCoder = history[history.length - 1]?.coder?.fingerprint === options.coder.fingerprint;
    if (same && (sameCoder || !options.force)) {
      counts.unchanged++;
      continue;
    }
    await store.replaceCoding(id, fresh, options.coder);
    counts.recoded++;
    say(`${id}: coded again (${stored.events.length} → ${fresh.events.length} events)`);
  }
  return counts;
}
