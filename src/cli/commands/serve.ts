import { createApiServer, type ApiTimeouts } from '../../api/server.js';
import { loadExportLookups, type ExportLookups } from '../../export/lookups.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import type { Store } from '../../store/store.js';

export interface ServeFlags {
  port: number;
  host: string;
  apiKey?: string;
  bodyLimit: number;
  timeouts?: Partial<ApiTimeouts>;
}

/**
 * `herodotus serve`: the HTTP API over a store until SIGINT or SIGTERM. The pipeline is loaded before
 * listening when writes are enabled (an API key is set), so the first POST does not wait for the models.
 */
export async function runServe(store: Store, makePipeline: () => Pipeline, flags: ServeFlags, say: (line: string) => void): Promise<void> {
  let pipeline: Pipeline | undefined;
  let lookups: ExportLookups | undefined;
  if (flags.apiKey) pipeline = makePipeline();
  const app = await createApiServer({
    store,
    pipeline: () => (pipeline ??= makePipeline()),
    lookups: () => (lookups ??= loadExportLookups()),
    ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
    bodyLimit: flags.bodyLimit,
    ...(flags.timeouts ? { timeouts: flags.timeouts } : {}),
  });
  const address = await app.listen({ port: flags.port, host: flags.host });
  say(`serving on ${address} (OpenAPI document at ${address}/openapi.json)${flags.apiKey ? '' : '; writes are disabled without --api-key'}`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      say('stopping');
      void app.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
