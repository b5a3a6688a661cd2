/**
 * Codes one document from a feed or a folder and stores it, unless it is already stored; with a work queue
 * (`watch --queue`) the document is put on the queue instead, for `herodotus worker` processes.
 */
import { contentHash } from '../pipeline/pipeline.js';
import type { RawMeta } from '../stages/ingest/types.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { now, type WatchContext } from './state.js';
import type { DocumentQueue } from '../queue/enqueue.js';
import { documentIdOf, type DocumentJob } from '../queue/job.js';

/** `queued`: put on the work queue (`--queue`); `id` is the id the stored document will have. */
export type StoreOutcome = { stored: true; id: string; events: number } | { stored: false; id: string; reason: string } | { stored: false; queued: true; id: string };

/** The feed item or file status an outcome is recorded with. */
export function outcomeStatus(outcome: StoreOutcome): 'stored' | 'queued' | 'duplicate' {
  return outcome.stored ? 'stored' : 'queued' in outcome ? 'queued' : 'duplicate';
}

export async function codeAndStore(ctx: WatchContext, doc: { text: string; meta: RawMeta; origin: string; diagnostics?: Diagnostic[] }): Promise<StoreOutcome> {
  const hash = contentHash(doc.text);
  const existing = await ctx.store.findDocument(hash, doc.meta.url);
  if (existing !== null) {
    ctx.counts.duplicates++;
    ctx.log('duplicate', { origin: doc.origin, ...(doc.meta.url ? { url: doc.meta.url } : {}), id: existing, reason: 'same content hash or URL' });
    return { stored: false, id: existing, reason: 'duplicate' };
  }
  // A live document without a date is dated the day it was seen (relative dates need an anchor, and so does linking).
  const published = doc.meta.published ?? now().slice(0, 10);
  if (doc.meta.published === undefined) ctx.log('undated', { origin: doc.origin, published, basis: 'retrieved' });
  if (ctx.signal.aborted) return { stored: false, id: '', reason: 'shutting down' };
  if (ctx.queue) return enqueue(ctx, ctx.queue, { ...doc, meta: { ...doc.meta, published } }, hash);
  const coded = ctx.pipeline().code(doc.text, { ...doc.meta, published, origin: doc.origin, diagnostics: doc.diagnostics ?? [] });
  ctx.counts.coded++;
  const [outcome] = await ctx.store.saveDocuments([{ coded, provenance: { contentHash: hash, origin: doc.origin, ...(ctx.coder ? { coder: ctx.coder } : {}) } }]);
  if (!outcome.stored) {
    ctx.counts.duplicates++;
    ctx.log('duplicate', { origin: doc.origin, ...(doc.meta.url ? { url: doc.meta.url } : {}), id: outcome.existingId, reason: outcome.reason });
    return { stored: false, id: outcome.existingId, reason: outcome.reason };
  }
  ctx.counts.stored++;
  ctx.counts.events += outcome.events;
  for (const r of ctx.memory.learnNews(coded)) ctx.learned.push({ name: r.name, published: r.published, documentId: r.documentId });
  ctx.log('stored', { origin: doc.origin, id: coded.id, ...(coded.url ? { url: coded.url } : {}), ...(coded.published ? { published: coded.published } : {}), events: outcome.events });
  return { stored: true, id: coded.id, events: outcome.events };
}

/** Puts the document on the work queue (its job id is its content hash) instead of coding it here. */
async function enqueue(ctx: WatchContext, queue: DocumentQueue, doc: { text: string; meta: RawMeta; origin: string; diagnostics?: Diagnostic[] }, hash: string): Promise<StoreOutcome> {
  const job: DocumentJob = { text: doc.text, meta: doc.meta, provenance: { contentHash: hash, origin: doc.origin }, diagnostics: doc.diagnostics ?? [] };
  const [outcome] = await queue.add([job]);
  const id = documentIdOf(job);
  const where = { origin: doc.origin, ...(doc.meta.url ? { url: doc.meta.url } : {}) };
  if (!outcome.added) {
    ctx.counts.duplicates++;
    ctx.log('duplicate', { ...where, id, reason: `already queued (${outcome.state})` });
    return { stored: false, id, reason: 'duplicate' };
  }
  ctx.counts.queued++;
  ctx.log('queued', { ...where, id, job: hash, ...(doc.meta.published ? { published: doc.meta.published } : {}) });
  return { stored: false, queued: true, id };
}
