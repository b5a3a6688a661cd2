/** Endpoints the web UI reads beside the event list: server info, the document list, the actor network, places, CAMEO codes. */
import type { FastifyInstance } from 'fastify';
import { isMarkedWrong } from '../corrections/apply.js';
import { actorNetwork, placeCounts } from '../link/network.js';
import type { Ontology } from '../ontology/index.js';
import type { Store } from '../store/store.js';
import { VERSION } from '../version.js';
import { asClientError, clusterQuery, type EventFilters } from './filters.js';
import { cameoSchema, infoSchema, listDocumentsSchema, networkSchema, placesSchema } from './view-schemas.js';

export interface ViewRouteOptions {
  store: Store;
  writes: boolean;
  ontology: () => Ontology;
}

export function registerViewRoutes(app: FastifyInstance, options: ViewRouteOptions): void {
  const { store } = options;

  app.get('/info', { schema: infoSchema }, async () => ({
    version: VERSION,
    writes: options.writes,
    documents: await store.countDocuments(),
    events: await store.countClusters(),
    corrections: (await store.corrections()).length,
  }));

  app.get('/documents', { schema: listDocumentsSchema }, async (request) => {
    const q = request.query as { after?: string; limit?: string };
    const limit = q.limit ? Number(q.limit) : 100;
    const page = await store.documentPage({ ...(q.after ? { afterKey: Number(q.after) } : {}), limit: limit + 1 });
    const documents = page.slice(0, limit).map((d) => ({
      key: d.key,
      id: d.coded.id,
      title: d.coded.title ?? null,
      source: d.coded.source ?? null,
      published: d.coded.published,
      storedAt: d.storedAt,
      language: d.coded.language,
      events: d.coded.events.length,
      characters: d.coded.text.length,
    }));
    return { count: documents.length, next: page.length > limit ? documents[documents.length - 1].key : null, documents };
  });

  app.get('/network', { schema: networkSchema }, async (request) => {
    const q = request.query as EventFilters & { nodes?: string };
    const clusters = await asClientError(() => store.clusters(clusterQuery(q)));
    return actorNetwork(clusters.filter((c) => !isMarkedWrong(c)), { maxNodes: q.nodes ? Number(q.nodes) : 60 });
  });

  app.get('/places', { schema: placesSchema }, async (request) => {
    const clusters = await asClientError(() => store.clusters(clusterQuery(request.query as EventFilters)));
    return placeCounts(clusters.filter((c) => !isMarkedWrong(c)));
  });

  app.get('/cameo', { schema: cameoSchema }, async () => {
    const ontology = options.ontology();
    return {
      codes: ontology.cameoCodes().map((c) => ({ code: c.code, name: c.name, root: c.root, quadClass: c.quadClass, goldstein: c.goldstein, plover: ontology.ploverFor(c.code)?.type ?? '' })),
    };
  });
}
