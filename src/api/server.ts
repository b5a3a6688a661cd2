/**
 * The HTTP API (`herodotus serve`): Fastify, JSON in and out, an OpenAPI document at /openapi.json.
 * Writes need the API key (`Authorization: Bearer KEY` or `X-API-Key: KEY`); bodies are JSON only (415
 * otherwise) and limited in size (413); invalid input is a 400 naming the field; the client never sees a
 * stack trace; every request is logged as one JSON line (method, path, status, time, and the error of a 500).
 */
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { DocumentCoder } from '../pipeline/pipeline.js';
import { StoreError, type Store } from '../store/store.js';
import { VERSION } from '../version.js';
import type { ExportLookups } from '../export/lookups.js';
import { HttpError } from './errors.js';
import { IdempotencyCache } from './idempotency.js';
import { registerRoutes } from './routes.js';
import { registerViewRoutes } from './view-routes.js';
import { registerCorrectionRoutes } from './correction-routes.js';
import { registerWebRoutes } from './web.js';
import { withCorrections } from '../corrections/view.js';
import { loadOntology, type Ontology } from '../ontology/index.js';
import { defaultLocations } from '../pipeline/resources.js';
import { registerFeedRoutes } from './feeds.js';
import { CoalescedPasses } from './background.js';
import { recodeLaterStories } from '../cli/commands/ingest.js';
import type { LaterStories, LaterStory } from './routes.js';
import type { CodedDocument } from '../core/contract.js';
import { ActorMemory } from '../knowledge/actors/memory.js';
import { DEFAULT_TIMEOUTS, type ApiTimeouts } from './timeouts.js';

export interface ApiOptions {
  store: Store;
  /**
   * The coder for POST /documents, made on first use (loading models takes a moment): a Pipeline in this
   * thread, or (as `herodotus serve` does) a coder on a worker thread, which keeps reads answered while it codes.
   */
  pipeline: () => DocumentCoder | Promise<DocumentCoder>;
  /** Names and codes for exports, loaded on first use. */
  lookups: () => ExportLookups;
  /** Writes are refused (401) unless a request carries this key; without a key, writes are disabled. */
  apiKey?: string;
  /** Largest request body in bytes (413 beyond it); default 5 MB. */
  bodyLimit?: number;
  /** Where the one-line-per-request JSON log goes (default stdout); `false` turns it off. */
  log?: Writable | false;
  /** Time limits for clients (defaults in DEFAULT_TIMEOUTS). */
  timeouts?: Partial<ApiTimeouts>;
  /** The built web UI served at `/` (default dist/web); `false` serves none. */
  webDir?: string | false;
}

export { DEFAULT_TIMEOUTS, type ApiTimeouts };

/**
 * Sent with every answer. Nothing is ever served as HTML, but should a browser be pointed at the API the
 * answers are not sniffed into another type, not framed, and may run no script (no inline script either).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; script-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

declare module 'fastify' {
  interface FastifyRequest {
    /** A server error to put in this request's log line (never in the answer). */
    failure?: Error;
  }
}

export { HttpError };

export interface ApiError {
  error: string;
  message: string;
  field?: string;
  requestId?: string;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Whether the request carries the API key (compared in constant time). */
function hasKey(request: FastifyRequest, apiKey: string | undefined): boolean {
  if (!apiKey) return false;
  const auth = request.headers.authorization;
  const given = typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '') : request.headers['x-api-key'];
  if (typeof given !== 'string' || given === '') return false;
  return timingSafeEqual(digest(given), digest(apiKey));
}

/** The field a schema validation error is about: `body/published` → published, a missing property → its name. */
function fieldOf(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const params = first.params as { missingProperty?: string; additionalProperty?: string };
  const name = params.missingProperty ?? params.additionalProperty ?? first.instancePath.split('/').filter(Boolean).join('.');
  return name || undefined;
}

function errorAnswer(error: FastifyError | HttpError | Error, request: FastifyRequest): { status: number; body: ApiError } {
  if (error instanceof HttpError) return { status: error.statusCode, body: { error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
  const fe = error as FastifyError;
  if (fe.validation) {
    const field = fieldOf(fe);
    const where = fe.validationContext === 'querystring' ? 'query parameter' : fe.validationContext === 'headers' ? 'header' : fe.validationContext === 'params' ? 'path parameter' : 'field';
    const detail = fe.validation[0]?.message ?? 'is invalid';
    const message = field ? `${where} "${field}" ${detail}` : `request ${fe.validationContext ?? 'body'} ${detail}`;
    return { status: 400, body: { error: 'validation', message, ...(field ? { field } : {}) } };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: 'payload-too-large', message: 'request body is larger than this server accepts' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: 'unsupported-media-type', message: 'send the body as JSON with Content-Type: application/json' } };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: 'invalid-json', message: 'the body is not valid JSON', field: 'body' } };
  }
  if (error instanceof StoreError && error.code === 'LOCKED') return { status: 503, body: { error: 'busy', message: 'the database is busy; retry shortly' } };
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) return { status, body: { error: 'bad-request', message: fe.message } };
  request.failure = error;
  return { status: 500, body: { error: 'internal', message: 'internal server error', requestId: String(request.id) } };
}

export async function createApiServer(options: ApiOptions): Promise<FastifyInstance> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const headersMs = Math.min(timeouts.headersMs, timeouts.requestMs);
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 5_000_000,
    // Node's defaults let a client trickle a body for 5 minutes (Fastify's turn the limit off entirely).
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks the request and headers limits this often (default every 30 s).
    http: { headersTimeout: headersMs, connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersMs / 2))) },
    // Fastify's own two lines per request are off: the onResponse hook below writes one line instead.
    logController: new LogController({ disableRequestLogging: true }),
    logger: options.log === false ? false : { level: 'info', stream: options.log ?? process.stdout, base: { service: 'herodotus' } },
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  // JSON only: Fastify's plain-text parser is removed, so any other body type is a 415.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Herodotus API', version: VERSION, description: 'Event data from news text: who did what to whom, when, where, in whose words.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'the key given to `herodotus serve --api-key` (also accepted as X-API-Key)' },
        },
      },
    },
  });

  // Set on the raw response before Fastify sees the request, so every answer has them: errors, 404s, and
  // the 400 Fastify writes itself for a URL it cannot decode.
  app.server.prependListener('request', (_request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  });

  app.addHook('onResponse', async (request, reply) => {
    const line = {
      method: request.method,
      path: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ip: request.ip,
      ...(request.failure ? { err: { message: request.failure.message, stack: request.failure.stack } } : {}),
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request');
    else request.log.info(line, 'request');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = errorAnswer(error, request);
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    void reply.code(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  const requireKey = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (hasKey(request, options.apiKey)) return;
    void reply.header('www-authenticate', 'Bearer');
    throw new HttpError(401, 'unauthorized', options.apiKey ? 'this request needs the API key (Authorization: Bearer KEY or X-API-Key)' : 'writes are disabled: the server was started without --api-key');
  };

  // Every read goes through the analysts' corrections (src/corrections/view.ts); corrections are made against the coding.
  const corrected = withCorrections(options.store);
  let ontology: Ontology | undefined;
  const ontologyOf = (): Ontology => (ontology ??= loadOntology(defaultLocations().dataDir));
  // Re-coding the stories posted stories teach actor roles to happens after the answer, in coalesced passes;
  // closing the server waits for them, so the store is never closed under a pass.
  const background: LaterStories = new CoalescedPasses(
    async (learned) => {
      const coder = await options.pipeline();
      await recodeLaterStories(coder, options.store, learned, () => undefined);
    },
    (error) => app.log.error({ err: { message: error.message, stack: error.stack } }, 're-coding later stories failed'),
  );
  app.addHook('onClose', async () => background.drain());
  // What the store has taught about people, in this thread: which roles of a posted story are news.
  let memory: Promise<ActorMemory> | undefined;
  const learnNews = async (coded: CodedDocument): Promise<LaterStory[]> => {
    // A failed read is not kept: the next post reads the roles again.
    memory ??= options.store.actorRoles().then(
      (roles) => new ActorMemory(roles),
      (error: unknown) => {
        memory = undefined;
        throw error;
      },
    );
    return (await memory).learnNews(coded).map((r) => ({ name: r.name, published: r.published, documentId: r.documentId }));
  };
  registerRoutes(app, { ...options, store: corrected, requireKey, idempotency: new IdempotencyCache(), background, learnNews });
  registerViewRoutes(app, { store: corrected, writes: Boolean(options.apiKey), ontology: ontologyOf });
  registerCorrectionRoutes(app, { coded: options.store, store: corrected, ontology: ontologyOf, requireKey });
  if (options.webDir !== false) registerWebRoutes(app, options.webDir);
  registerFeedRoutes(app, options.store);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
