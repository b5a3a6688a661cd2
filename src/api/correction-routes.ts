/**
 * Analysts' corrections over HTTP: POST /events/{id}/corrections (needs the API key) and GET /corrections.
 * A correction is checked here (a known CAMEO code, a real date) and completed from the ontology (root,
 * QuadClass, Goldstein value, PLOVER type of the code), then anchored to the event's representative report.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ontology } from '../ontology/index.js';
import type { CorrectedFields, CorrectionInput, EventCluster, Store } from '../store/store.js';
import { HttpError } from './errors.js';
import { listCorrectionsSchema, postCorrectionSchema } from './view-schemas.js';

interface CorrectionBody {
  kind: 'correct' | 'wrong' | 'revert';
  author: string;
  note?: string;
  cameo?: string;
  source?: { code: string; name?: string } | null;
  target?: { code: string; name?: string } | null;
  date?: string;
  place?: { name: string; country: string; lat: number; lon: number } | null;
}

export interface CorrectionRouteOptions {
  /** The store as coded (corrections are made against the coder's values). */
  coded: Store;
  /** The corrected view (the answer shows the event as corrected). */
  store: Store;
  ontology: () => Ontology;
  requireKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** Whether YYYY, YYYY-MM or YYYY-MM-DD names a real year, month or day. */
function validDay(value: string): boolean {
  if (value.length === 4) return true;
  const month = Number(value.slice(5, 7));
  if (month < 1 || month > 12) return false;
  if (value.length === 7) return true;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** The fields a `correct` correction sets, completed from the ontology; a 400 for an unknown code or date. */
function fieldsOf(body: CorrectionBody, ontology: Ontology): CorrectedFields {
  const fields: CorrectedFields = {};
  if (body.cameo !== undefined) {
    const code = ontology.cameo(body.cameo);
    if (!code) throw new HttpError(400, 'validation', `field "cameo" is not a CAMEO code: "${body.cameo}"`, 'cameo');
    fields.cameo = { code: code.code, root: code.root, quadClass: code.quadClass, goldstein: code.goldstein };
    const plover = ontology.ploverFor(code.code);
    fields.plover = { type: plover?.type ?? '', ...(plover?.mode ? { mode: plover.mode } : {}) };
  }
  if (body.source !== undefined) fields.source = body.source;
  if (body.target !== undefined) fields.target = body.target;
  if (body.date !== undefined) {
    if (!validDay(body.date)) throw new HttpError(400, 'validation', `field "date" is not a real date: "${body.date}"`, 'date');
    fields.date = { value: body.date, precision: body.date.length === 4 ? 'year' : body.date.length === 7 ? 'month' : 'day' };
  }
  if (body.place !== undefined) fields.place = body.place;
  if (Object.keys(fields).length === 0) throw new HttpError(400, 'validation', 'a correction of kind "correct" sets at least one of cameo, source, target, date, place', 'kind');
  return fields;
}

/** The coded values of an event, as a correction records what the analyst saw. */
function codedValues(c: EventCluster): CorrectedFields {
  return {
    cameo: { ...c.cameo },
    plover: { type: c.plover.type, ...(c.plover.mode ? { mode: c.plover.mode } : {}) },
    source: c.source,
    target: c.target,
    date: { value: c.date.value, precision: c.date.precision as 'day' | 'month' | 'year' },
    place: c.place,
  };
}

export function registerCorrectionRoutes(app: FastifyInstance, options: CorrectionRouteOptions): void {
  app.post('/events/:id/corrections', { schema: postCorrectionSchema, onRequest: options.requireKey }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body as CorrectionBody;
    const cluster = await options.coded.cluster(id);
    if (!cluster) throw new HttpError(404, 'not-found', `no event "${id}" (ids as GET /events lists them)`);
    const fields = body.kind === 'correct' ? fieldsOf(body, options.ontology()) : {};
    const doc = await options.coded.getDocument(cluster.representative.documentId);
    const ev = doc?.events.find((e) => e.id === cluster.representative.eventId);
    const sentence = ev ? doc?.sentences[ev.sentence] : undefined;
    if (!doc || !ev || !sentence) throw new Error(`event ${id}: its representative report ${cluster.representative.documentId}:${cluster.representative.eventId} is not stored`);
    const input: CorrectionInput = {
      anchor: { documentId: doc.id, sentence: { start: sentence.start, end: sentence.end }, trigger: { start: ev.trigger.start, end: ev.trigger.end, text: ev.trigger.text }, source: ev.source?.code ?? null, target: ev.target?.code ?? null },
      clusterId: id,
      kind: body.kind,
      fields,
      original: codedValues(cluster),
      author: body.author.trim(),
      ...(body.note ? { note: body.note } : {}),
    };
    const correction = await options.coded.addCorrection(input);
    return reply.code(201).send({ correction, event: await options.store.cluster(correction.current?.clusterId ?? id) });
  });

  app.get('/corrections', { schema: listCorrectionsSchema }, async () => {
    const corrections = await options.coded.corrections();
    return { count: corrections.length, corrections };
  });
}
