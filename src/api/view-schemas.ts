/**
 * Schemas of the endpoints the web UI reads beside the event list: server info, the document list, the
 * actor network, events per place, CAMEO codes, and analysts' corrections (their own layer).
 */
import { error, errorResponses, seriesFilters, writeErrors } from './schemas.js';

const number = { type: 'number' };
const integer = { type: 'integer' };
const string = { type: 'string' };
const nullableString = { type: 'string', nullable: true };

export const infoSchema = {
  summary: 'What this server holds and allows (the web UI reads it first)',
  tags: ['meta'],
  response: {
    200: {
      description: 'Server info',
      type: 'object',
      properties: {
        version: string,
        writes: { type: 'boolean', description: 'whether POST requests are accepted (the server has an API key)' },
        documents: integer,
        events: integer,
        corrections: integer,
      },
    },
    ...errorResponses,
  },
};

export const listDocumentsSchema = {
  summary: 'Stored documents in storage order, a page at a time',
  tags: ['documents'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      after: { type: 'string', pattern: '^\\d{1,15}$', description: 'only documents stored after this key (the `next` of the previous page)' },
      limit: { type: 'string', pattern: '^[1-9]\\d{0,2}$', description: 'at most this many (1–999, default 100)' },
    },
  },
  response: {
    200: {
      description: 'Documents',
      type: 'object',
      properties: {
        count: integer,
        next: { type: 'integer', nullable: true, description: 'pass as `after` for the next page; null on the last' },
        documents: {
          type: 'array',
          items: {
            type: 'object',
            properties: { key: integer, id: string, title: nullableString, source: nullableString, published: nullableString, storedAt: string, language: string, events: integer, characters: integer },
          },
        },
      },
    },
    ...errorResponses,
  },
};

const filtered = { type: 'object', additionalProperties: false, properties: { ...seriesFilters } };

export const networkSchema = {
  summary: 'Actor network of the matching events: actors as nodes, actor pairs as edges with event counts and mean Goldstein value',
  description: 'Events marked wrong by an analyst are left out. Edges are unordered pairs; `ids` lists the events of an edge (GET /events?ids=…).',
  tags: ['stats'],
  querystring: { ...filtered, properties: { ...filtered.properties, nodes: { type: 'string', pattern: '^[1-9]\\d{0,2}$', description: 'at most this many actors, those with most events (default 60)' } } },
  response: {
    200: {
      description: 'The network',
      type: 'object',
      properties: {
        nodes: { type: 'array', items: { type: 'object', properties: { id: string, name: nullableString, country: nullableString, events: integer, goldsteinMean: number } } },
        edges: {
          type: 'array',
          items: {
            type: 'object',
            properties: { a: string, b: string, events: integer, mentions: integer, goldsteinMean: number, quadClasses: { type: 'array', items: integer }, ids: { type: 'array', items: string } },
          },
        },
      },
    },
    ...errorResponses,
  },
};

export const placesSchema = {
  summary: 'Matching events per place (with coordinates) and per place country, most first',
  description: 'Events marked wrong by an analyst are left out.',
  tags: ['stats'],
  querystring: filtered,
  response: {
    200: {
      description: 'Places',
      type: 'object',
      properties: {
        places: { type: 'array', items: { type: 'object', properties: { name: string, country: string, lat: number, lon: number, events: integer, mentions: integer, goldsteinMean: number } } },
        countries: { type: 'array', items: { type: 'object', properties: { country: string, events: integer } } },
      },
    },
    ...errorResponses,
  },
};

export const cameoSchema = {
  summary: 'The CAMEO event codes with name, QuadClass, Goldstein value and PLOVER reading',
  tags: ['meta'],
  response: {
    200: {
      description: 'Codes',
      type: 'object',
      properties: {
        codes: {
          type: 'array',
          items: { type: 'object', properties: { code: string, name: string, root: string, quadClass: integer, goldstein: number, plover: string } },
        },
      },
    },
    ...errorResponses,
  },
};

const actor = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  required: ['code'],
  properties: {
    code: { type: 'string', pattern: '^([A-Z]{3}|---)([A-Z]{3})*$', maxLength: 30, description: 'CAMEO actor code, e.g. USAGOV' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
  },
};

export const correctionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'author'],
  properties: {
    kind: { type: 'string', enum: ['correct', 'wrong', 'revert'], description: 'correct: set the fields given; wrong: the event did not happen as coded; revert: withdraw earlier corrections' },
    author: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]+$', description: 'who makes the correction' },
    note: { type: 'string', maxLength: 2000 },
    cameo: { type: 'string', pattern: '^\\d{2,4}$', description: 'CAMEO code; root, QuadClass, Goldstein value and PLOVER type follow from it' },
    source: actor,
    target: actor,
    date: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'the event date: YYYY, YYYY-MM or YYYY-MM-DD' },
    place: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['name', 'country', 'lat', 'lon'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        country: { type: 'string', pattern: '^[A-Z]{3}$' },
        lat: { type: 'number', minimum: -90, maximum: 90 },
        lon: { type: 'number', minimum: -180, maximum: 180 },
      },
    },
  },
};

const correction = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: integer,
    kind: string,
    author: string,
    at: string,
    note: string,
    clusterId: string,
    anchor: { type: 'object', additionalProperties: true },
    fields: { type: 'object', additionalProperties: true },
    original: { type: 'object', additionalProperties: true },
    current: { type: 'object', nullable: true, additionalProperties: true },
  },
};

export const postCorrectionSchema = {
  summary: "Correct an event (CAMEO code, source, target, date, place) or mark it wrong; stored as its own layer with who and when",
  description:
    'Append only: the latest correction of an event wins and `revert` withdraws the ones before it. The correction is anchored to the ' +
    "event's representative report (document id and trigger and sentence spans), so it survives `recode`. Needs the API key.",
  tags: ['corrections'],
  security: [{ apiKey: [] }],
  params: { type: 'object', properties: { id: { type: 'string', minLength: 3 } }, required: ['id'] },
  body: correctionBody,
  response: {
    201: { description: 'Stored; `event` is the event as corrected', type: 'object', properties: { correction, event: { type: 'object', additionalProperties: true } } },
    404: { description: 'No such event', ...error },
    ...writeErrors,
  },
};

export const listCorrectionsSchema = {
  summary: 'Every correction, oldest first, with the event each applies to now (`current`, null when recoding left no event at its anchor)',
  tags: ['corrections'],
  response: { 200: { description: 'Corrections', type: 'object', properties: { count: integer, corrections: { type: 'array', items: correction } } }, ...errorResponses },
};
