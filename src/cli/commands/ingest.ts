import type { DocumentCoder, Pipeline } from '../../pipeline/pipeline.js';
import type { CoderVersion, Store } from '../../store/store.js';
import { codeInputs, type BatchCoder, type CodedItem, type InputFlags, type RunCounts } from '../documents.js';
import type { ActorMemory } from '../../knowledge/actors/memory.js';

export interface IngestCounts extends RunCounts {
  stored: number;
  duplicates: number;
  events: number;
  seconds: number;
  /** Stored stories coded again because this run taught roles of people they name. */
  recoded: number;
}

/**
 * `herodotus ingest`: codes and stores documents in batches, each batch one transaction, so an
 * interrupted run leaves whole documents only and a re-run completes it without duplicates.
 */
export async function runIngest(
  coding: { coder: BatchCoder | Pipeline; pipeline: () => Pipeline; memory: ActorMemory },
  store: Store,
  paths: readonly string[],
  flags: InputFlags & { batchSize: number; coder?: CoderVersion },
  say: (line: string) => void,
): Promise<IngestCounts> {
  const counts: IngestCounts = { documents: 0, skipped: 0, stored: 0, duplicates: 0, events: 0, seconds: 0, recoded: 0 };
  const learned: Array<{ name: string; published: string; documentId: string }> = [];
  const started = Date.now();
  let batch: CodedItem[] = [];
  let progressSay = say;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await store.saveDocuments(batch.map((b) => ({ coded: b.coded, provenance: { contentHash: b.contentHash, origin: b.origin, ...(flags.coder ? { coder: flags.coder } : {}) } })));
    outcomes.forEach((outcome, i) => {
      if (outcome.stored) {
        counts.stored++;
        // Later batches (coded in this thread) and the re-coding pass see what stored stories taught.
        for (const r of coding.memory.learnNews(batch[i].coded)) learned.push({ name: r.name, published: r.published, documentId: r.documentId });
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
  for await (const item of codeInputs(coding.coder, paths, flags, counts, skipStored)) {
    progressSay = item.say;
    batch.push(item);
    if (batch.length >= flags.batchSize) await flush();
  }
  await flush();
  counts.recoded = learned.length > 0 ? await recodeLaterStories(coding.pipeline(), store, learned, say, flags.coder) : 0;
  counts.seconds = (Date.now() - started) / 1000;
  return counts;
}

/**
 * Roles learned in this run can change how stories published later were coded (if those were stored
 * earlier, or coded earlier in this run). Such stories are coded again and replaced when their actors
 * change, so the store's content does not depend on the order in which stories arrived.
 */
export async function recodeLaterStories(
  pipeline: DocumentCoder,
  store: Store,
  learned: ReadonlyArray<{ name: string; published: string; documentId: string }>,
  say: (line: string) => void,
  coder?: CoderVersion,
): Promise<number> {
  if (learned.length === 0) return 0;
  const earliest = learned.reduce((a, b) => (b.published < a ? b.published : a), learned[0].published);
  const words = [...new Set(learned.map((r) => r.name.split(/\s+/).pop() ?? r.name))];
  let recoded = 0;
  // One stored story in memory at a time: a pass can cover thousands of them.
  for (const candidate of await store.documentsMentioning(words, earliest.slice(0, 10))) {
    const c = await store.getDocument(candidate.id);
    if (!c) continue;
    const fresh = await pipeline.code(c.text, {
      id: c.id,
      published: c.published ?? undefined,
      ...(c.source !== undefined ? { source: c.source } : {}),
      ...(c.url !== undefined ? { url: c.url } : {}),
      ...(c.title !== undefined ? { title: c.title } : {}),
    });
    const key = (d: typeof c): string => JSON.stringify(d.actors.map((a) => [a.name, a.code, a.basis]));
    if (key(fresh) === key(c)) continue;
    await store.replaceCoding(c.id, fresh, coder);
    recoded++;
    say(`${c.id}: coded again with roles learned from earlier stories`);
  }
  return recoded;
}
