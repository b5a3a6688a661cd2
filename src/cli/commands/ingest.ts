import type { Pipeline } from '../../pipeline/pipeline.js';
import type { Store } from '../../store/store.js';
import { codeInputs, type CodedItem, type InputFlags, type RunCounts } from '../documents.js';

export interface IngestCounts extends RunCounts {
  stored: number;
  duplicates: number;
  events: number;
  seconds: number;
}

/**
 * `herodotus ingest`: codes and stores documents in batches, each batch one transaction, so an
 * interrupted run leaves whole documents only and a re-run completes it without duplicates.
 */
export async function runIngest(pipeline: Pipeline, store: Store, paths: readonly string[], flags: InputFlags & { batchSize: number }, say: (line: string) => void): Promise<IngestCounts> {
  const counts: IngestCounts = { documents: 0, skipped: 0, stored: 0, duplicates: 0, events: 0, seconds: 0 };
  const started = Date.now();
  let batch: CodedItem[] = [];
  let progressSay = say;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await store.saveDocuments(batch.map((b) => ({ coded: b.coded, provenance: { contentHash: b.contentHash, origin: b.origin } })));
    outcomes.forEach((outcome, i) => {
      if (outcome.stored) {
        counts.stored++;
        counts.events += outcome.events;
      } else {
        counts.duplicates++;
        const why = outcome.reason === 'duplicate-url' ? 'same URL' : 'same content hash';
        progressSay(`${batch[i].origin}: already stored as "${outcome.existingId}" (${why}); unchanged`);
      }
    });
    batch = [];
  };
  // Already stored? Then it is not coded again: re-running an interrupted ingest only codes what is missing.
  const skipStored = async (item: { contentHash: string; url?: string; origin: string; say: (line: string) => void }): Promise<boolean> => {
    const existing = await store.findDocument(item.contentHash, item.url);
    if (existing === null) return false;
    counts.duplicates++;
    item.say(`${item.origin}: already stored as "${existing}" (same content hash or URL); unchanged`);
    return true;
  };
  for await (const item of codeInputs(pipeline, paths, flags, counts, skipStored)) {
    progressSay = item.say;
    batch.push(item);
    if (batch.length >= flags.batchSize) await flush();
  }
  await flush();
  counts.seconds = (Date.now() - started) / 1000;
  return counts;
}
