/**
 * JSON schemas of the HTTP API: request validation (a failing field is named in the 400 answer) and the
 * OpenAPI document served at /openapi.json. Query values are validated as strings (no type coercion), so
 * `limit=ten` is a 400 that names `limit`, not a silent default.
 */
import { EXPORT_FORMATS, EXPORT_UNITS } from '../export/index.js';

const DATE = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';

export const error = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'machine-readable error code' },
    message: { type: 'string' },
    field: { type: 'string', description: 'the request field that failed validation' },
    requestId: { type: 'string' },
  },
  required: ['error', 'message'],
};

export const openObject = { type: 'object', additionalProperties: true };

export const errorResponses = {
  400: { description: 'Invalid request: `field` names what failed', ...error },
  500: { description: 'Internal error (details are in the server log, never in the answer)', ...error },
};

export const writeErrors = {
  ...errorResponses,
  401: { description: 'Missing or wrong API key', ...error },
  409: { description: 'A request with this Idempotency-Key is still running', ...error },
  413: { description: 'Body larger than the server limit', ...error },
  415: { description: 'Body is not application/json', ...error },
  422: { description: 'Idempotency-Key reused with another body', ...error },
};

export const eventFilters = {
  from: { type: 'string', pattern: DATE, description: 'events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)' },
  to: { type: 'string', pattern: DATE, description: 'events on or before this date' },
  country: { type: 'string', pattern: '^[A-Za-z]{3}$', description: 'ISO 3166-1 alpha-3 of the source, target or place' },
  actor: { type: 'string', minLength: 1, maxLength: 200, description: 'source or target code or name contains this' },
  cameo: { type: 'string', pattern: '^\\d{2,4}$', description: 'CAMEO code prefix, e.g. 04 or 043' },
  quadClass: { type: 'string', pattern: '^[1-4]$', description: 'QuadClass 1–4' },
  plover: { type: 'string', pattern: '^[A-Za-z_]{2,20}$', description: 'PLOVER event type, e.g. CONSULT' },
  context: { type: 'string', pattern: '^[a-z_-]{2,40}$', description: 'PLOVER context, e.g. migration' },
  place: { type: 'string', minLength: 1, maxLength: 200, description: 'place: ISO alpha-3 country or a substring of the place name' },
  search: { type: 'string', minLength: 1, maxLength: 500, description: 'full-text query over the evidence sentences (SQLite FTS5 syntax)' },
  minMentions: { type: 'string', pattern: '^[1-9]\\d{0,5}$', description: 'only events reported at least this many times' },
  asOf: { type: 'string', pattern: DATE_TIME, description: 'the events as they stood then (documents stored by then, in the coding they had)' },
};

/** The series has no as-of view yet (the store's aggregate reads current clusters). */
export const seriesFilters = Object.fromEntries(Object.entries(eventFilters).filter(([name]) => name !== 'asOf'));

export const postDocumentSchema = {
  summary: 'Code a news story and store it with all its layers',
  description:
    'Idempotent: a story already stored (same text, or same URL) is not stored again (200 with `stored: false`). ' +
    'An `Idempotency-Key` header makes a retry return the first answer unchanged. Needs the API key.',
  tags: ['documents'],
  security: [{ apiKey: [] }],
  headers: {
    type: 'object',
    properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' } },
  },
  body: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: {
      text: { type: 'string', minLength: 1, description: 'the story text (plain text)' },
      id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\x00-\\x1f]+$', description: 'document id (default: derived from the content hash)' },
      published: { type: 'string', pattern: DATE_TIME, description: 'publication date, ISO 8601; relative dates resolve against it' },
      url: { type: 'string', minLength: 1, maxLength: 2000 },
      source: { type: 'string', minLength: 1, maxLength: 200, description: 'news source (publisher)' },
      title: { type: 'string', maxLength: 1000 },
    },
  },
  response: {
    201: { description: 'Stored', ...openObject, properties: { id: { type: 'string' }, stored: { type: 'boolean' }, events: { type: 'integer' } } },
    200: { description: 'Already stored (same content hash or URL)', ...openObject, properties: { id: { type: 'string' }, stored: { type: 'boolean' }, duplicate: { type: 'string' } } },
    ...writeErrors,
  },
};

export const getDocumentSchema = {
  summary: 'A stored document in the output contract, with all its layers',
  tags: ['documents'],
  params: { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] },
  response: { 200: { description: 'The document', ...openObject }, 404: { description: 'No such document', ...error }, ...errorResponses },
};

export const listEventsSchema = {
  summary: 'Events (clusters of every report of one real-world event, with live counts), filtered',
  tags: ['events'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...eventFilters,
      ids: { type: 'string', maxLength: 20000, pattern: '^[A-Za-z0-9_.:-]+(,[A-Za-z0-9_.:-]+){0,499}$', description: 'only these events: comma-separated ids (at most 500)' },
      limit: { type: 'string', pattern: '^[1-9]\\d{0,4}$', description: 'at most this many (1–10000, default 100)' },
    },
  },
  response: {
    200: { description: 'Events', type: 'object', properties: { count: { type: 'integer' }, events: { type: 'array', items: openObject } } },
    ...errorResponses,
  },
};

export const getEventSchema = {
  summary: 'One event with its mentions and their evidence sentences',
  tags: ['events'],
  params: { type: 'object', properties: { id: { type: 'string', minLength: 3 } }, required: ['id'] },
  response: { 200: { description: 'The event', ...openObject }, 404: { description: 'No such event', ...error }, ...errorResponses },
};

export const actorsSchema = {
  summary: 'The actor store: roles learned from stories, with first and last seen dates and evidence',
  tags: ['actors'],
  querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } },
  response: {
    200: { description: 'Roles', type: 'object', properties: { count: { type: 'integer' }, actors: { type: 'array', items: openObject } } },
    ...errorResponses,
  },
};

export const seriesSchema = {
  summary: 'Events, mentions, articles and Goldstein sum and mean per period (and group)',
  tags: ['stats'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...seriesFilters,
      interval: { type: 'string', enum: ['day', 'week', 'month', 'year'], description: 'default month' },
      group: { type: 'string', enum: ['none', 'dyad', 'quadclass', 'root', 'plover'], description: 'default none' },
    },
  },
  response: {
    200: {
      description: 'The series, oldest period first',
      type: 'object',
      properties: {
        interval: { type: 'string' },
        group: { type: 'string' },
        coarser: { type: 'integer', description: 'events dated less precisely than the interval (not in the series)' },
        series: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              period: { type: 'string' },
              group: { type: 'string' },
              events: { type: 'integer' },
              mentions: { type: 'integer' },
              articles: { type: 'integer' },
              goldsteinSum: { type: 'number' },
              goldsteinMean: { type: 'number' },
            },
          },
        },
      },
    },
    ...errorResponses,
  },
};

export const exportSchema = {
  summary: 'The stored events (event clusters) in a dataset format, streamed',
  description:
    'One row per event cluster (every article sentence that reports one real-world event), with its live mention, source and article counts: ' +
    'gdelt (GDELT 2.0 events, 61 columns; GLOBALEVENTID derived from the cluster id, DATEADDED and SOURCEURL from its first report) and ' +
    'gdelt-mentions (16 columns, one row per mention, GLOBALEVENTID of its cluster) as TSV without header, icews TSV (20 columns), ' +
    'plover JSON lines, csv, parquet. `per=mention` gives plover, csv and parquet one row per mention instead. ' +
    'Takes the filters of GET /events; `asOf` gives the dataset as it stood then, each document in the coding it had then.',
  tags: ['export'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    required: ['format'],
    properties: {
      format: { type: 'string', enum: [...EXPORT_FORMATS] },
      per: { type: 'string', enum: [...EXPORT_UNITS], description: 'row unit of plover, csv and parquet: event (default) or mention' },
      ...eventFilters,
      limit: { type: 'string', pattern: '^[1-9]\\d{0,8}$', description: 'at most this many events' },
      asOf: { type: 'string', pattern: DATE_TIME, description: 'the dataset as it stood then: documents stored at or before this date, in the coding they had then' },
    },
  },
  response: { 200: { description: 'The file (streamed)', type: 'string' }, ...errorResponses },
};
