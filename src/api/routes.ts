/** The API's endpoints. Each handler validates through its schema (schemas.ts) and answers JSON. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { CodedDocument } from '../core/contract.js';
import { EXPORT_MEDIA, exportChunks, PER_MENTION_FORMATS, type ExportFormat, type ExportUnit } from '../export/index.js';
import { contentHash, normalizePublished } from '../pipeline/pipeline.js';
import type { Grouping, Period } from '../store/store.js';
import { asClientError, clusterQuery, type EventFilters } from './filters.js';
import { eventEvidence } from './evidence.js';
import { IdempotencyCache } from './idempotency.js';
import { actorsSchema, exportSchema, getDocumentSchema, getEventSchema, listEventsSchema, postDocumentSchema, seriesSchema } from './schemas.js';
import { HttpError } from './errors.js';
import type { CoalescedPasses } from './background.js';
import type { ApiOptions } from './server.js';

interface RouteOptions extends ApiOptions {
  requireKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  idempotency: IdempotencyCache;
  background: LaterStories;
  /** Learns the roles a stored story states; returns those that can change how later stories are coded. */
  learnNews: (coded: CodedDocument) => Promise<LaterStory[]>;
}

/** Roles learned from posted stories, waiting for a pass that re-codes the stored stories published after them. */
export type LaterStories = CoalescedPasses<LaterStory>;
export interface LaterStory {
  name: string;
  published: string;
  documentId: string;
}

interface DocumentBody {
  text: string;
  id?: string;
  published?: string;
  url?: string;
  source?: string;
  title?: string;
}

/** The API id of an event of one document (as POST /documents lists them): `documentId:eventId`. */
export function apiEventId(documentId: string, eventId: string): string {
  return `${documentId}:${eventId}`;
}

export function registerRoutes(app: FastifyInstance, options: RouteOptions): void {
  const { store } = options;

  app.post('/documents', { schema: postDocumentSchema, onRequest: options.requireKey }, async (request, reply) => {
    const body = request.body as DocumentBody;
    const key = request.headers['idempotency-key'];
    const idemKey = typeof key === 'string' ? key : undefined;
    if (idemKey !== undefined) {
      const check = options.idempotency.begin(idemKey, IdempotencyCache.fingerprint(body));
      if (check.kind === 'replay') return reply.code(check.response.status as 200).header('idempotent-replayed', 'true').send(check.response.body);
      if (check.kind === 'mismatch') throw new HttpError(422, 'idempotency-key-reused', 'this Idempotency-Key was used with another body', 'Idempotency-Key');
      if (check.kind === 'in-flight') throw new HttpError(409, 'idempotency-key-in-flight', 'a request with this Idempotency-Key is still running; retry later', 'Idempotency-Key');
    }
    try {
      const { status, answer } = await storeDocument(body, options);
      if (idemKey !== undefined) options.idempotency.finish(idemKey, { fingerprint: IdempotencyCache.fingerprint(body), status, body: answer });
      return reply.code(status as 200).send(answer);
    } catch (error) {
      if (idemKey !== undefined) options.idempotency.abandon(idemKey);
      throw error;
    }
  });

  app.get('/documents/:id', { schema: getDocumentSchema }, async (request) => {
    const { id } = request.params as { id: string };
    const doc = await store.getDocument(id);
    if (!doc) throw new HttpError(404, 'not-found', `no stored document "${id}"`);
    return doc;
  });

  app.get('/events', { schema: listEventsSchema }, async (request) => {
    const q = request.query as EventFilters & { limit?: string };
    const limit = q.limit ? Math.min(Number(q.limit), 10_000) : 100;
    const query = { ...clusterQuery(q), limit };
    const events = await asClientError(() => (q.asOf ? store.clustersAsOf(q.asOf, query) : store.clusters(query)));
    return { count: events.length, events };
  });

  app.get('/events/:id', { schema: getEventSchema }, async (request) => {
    const { id } = request.params as { id: string };
    const cluster = await store.cluster(id);
    if (!cluster) throw new HttpError(404, 'not-found', `no event "${id}" (ids as GET /events lists them)`);
    const mentions = await store.clusterMentions(id);
    const corrections = (await store.corrections()).filter((c) => c.current?.clusterId === id || c.clusterId === id);
    return { ...cluster, mentions: await eventEvidence(store, mentions), corrections };
  });

  app.get('/actors', { schema: actorsSchema }, async (request) => {
    const { name } = request.query as { name?: string };
    const actors = await store.actorSummaries(name ? { name } : {});
    return { count: actors.length, actors };
  });

  app.get('/stats/series', { schema: seriesSchema }, async (request) => {
    const q = request.query as EventFilters & { interval?: Period; group?: Grouping };
    const interval = q.interval ?? 'month';
    const group = q.group ?? 'none';
    const { rows, coarser } = await asClientError(() => store.aggregate({ ...clusterQuery(q), by: interval, group }));
    return { interval, group, coarser, series: rows };
  });

  app.get('/export', { schema: exportSchema }, async (request, reply) => {
    const q = request.query as EventFilters & { format: ExportFormat; per?: ExportUnit; limit?: string };
    if (q.asOf && normalizePublished(q.asOf.length === 4 || q.asOf.length === 7 ? `${q.asOf}${q.asOf.length === 4 ? '-01-01' : '-01'}` : q.asOf) === undefined) {
      throw new HttpError(400, 'validation', 'query parameter "asOf" is not a valid date', 'asOf');
    }
    if (q.per === 'mention' && !PER_MENTION_FORMATS.includes(q.format)) {
      throw new HttpError(400, 'validation', `per=mention applies to ${PER_MENTION_FORMATS.join(', ')} (gdelt-mentions is GDELT's mention table)`, 'per');
    }
    const query = { ...clusterQuery(q), ...(q.limit ? { limit: Number(q.limit) } : {}) };
    // A malformed full-text search fails before the first byte: check it on one row.
    if (query.search) await asClientError(() => store.clusters({ ...query, limit: 1 }));
    const media = EXPORT_MEDIA[q.format];
    const chunks = exportChunks(store, q.format, { lookups: options.lookups(), query, ...(q.per ? { per: q.per } : {}), ...(q.asOf ? { asOf: q.asOf } : {}) });
    void reply.type(media.contentType).header('content-disposition', `attachment; filename="herodotus-${q.per === 'mention' ? media.extension.replace('events', 'mentions') : media.extension}"`);
    return reply.send(Readable.from(chunks, { objectMode: false }));
  });
}

/** Codes and stores one document; the answer and status of POST /documents. */
async function storeDocument(body: DocumentBody, options: RouteOptions): Promise<{ status: number; answer: Record<string, unknown> }> {
  const { store } = options;
  if (body.published !== undefined && normalizePublished(body.published) === undefined) {
    throw new HttpError(400, 'validation', `field "published" is not a valid ISO 8601 date: "${body.published}"`, 'published');
  }
  const hash = contentHash(body.text);
  const existing = await store.findDocument(hash, body.url);
  if (existing !== null) return { status: 200, answer: { id: existing, stored: false, duplicate: 'already stored (same content hash or URL)', document: `/documents/${encodeURIComponent(existing)}` } };
  const pipeline = await options.pipeline();
  const coded = await pipeline.code(body.text, {
    ...(body.id !== undefined ? { id: body.id } : {}),
    ...(body.published !== undefined ? { published: body.published } : {}),
    ...(body.url !== undefined ? { url: body.url } : {}),
    ...(body.source !== undefined ? { source: body.source } : {}),
    ...(body.title !== undefined ? { title: body.title } : {}),
    origin: 'api',
  });
  const [outcome] = await store.saveDocuments([{ coded, provenance: { contentHash: hash, origin: 'api' } }]);
  if (!outcome.stored) {
    return { status: 200, answer: { id: outcome.existingId, stored: false, duplicate: outcome.reason === 'duplicate-url' ? 'same URL' : 'same content hash', document: `/documents/${encodeURIComponent(outcome.existingId)}` } };
  }
  const learned = await options.learnNews(coded);
  // Stories stored earlier but published later that name these actors are coded again after the answer
  // (GET /documents/{id} shows the new coding once the pass is done); roles the store already held, as of
  // this story's date, change nothing and start no pass.
  options.background.add(learned);
  return {
    status: 201,
    answer: {
      id: coded.id,
      stored: true,
      events: coded.events.length,
      eventIds: coded.events.map((e) => apiEventId(coded.id, e.id)),
      diagnostics: coded.diagnostics.filter((d) => d.severity !== 'info'),
      ...(learned.length > 0 ? { recoding: 'later stories naming the actors it teaches are re-coded in the background' } : {}),
      document: `/documents/${encodeURIComponent(coded.id)}`,
    },
  };
}
