import { createApiServer, type ApiTimeouts } from '../../api/server.js';
import { loadExportLookups, type ExportLookups } from '../../export/lookups.js';
import type { DocumentCoder } from '../../pipeline/pipeline.js';
import type { Store } from '../../store/store.js';

export interface ServeFlags {
  port: number;
  host: string;
  apiKey?: string;
  bodyLimit: number;
  timeouts?: Partial<ApiTimeouts>;
}

/** A coder the server owns: warmed before listening, closed on shutdown. */
export interface ServeCoder extends DocumentCoder {
  warm?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * `herodotus serve`: the HTTP API over a store until SIGINT or SIGTERM. The coder (on worker threads, from the
 * command line) is loaded before listening when writes are enabled (an API key is set), so the first POST does
 * not wait for the models.
 */
export async function runServe(store: Store, makePipeline: () => ServeCoder, flags: ServeFlags, say: (line: string) => void): Promise<void> {
  let pipeline: ServeCoder | undefined;
  let lookups: ExportLookups | undefined;
  if (flags.apiKey) {
    pipeline = makePipeline();
    await pipeline.warm?.();
  }
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
      void app
        .close()
        .then(() => pipeline?.close?.())
        .then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
