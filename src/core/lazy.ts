/**
 * Loads a package the first time it is needed instead of at start-up. The command line imports every
 * command's module, and parsers such as linkedom, fast-xml-parser, Fastify or the Parquet writer cost tens to
 * hundreds of milliseconds each to load: a `code` run over plain text needs none of them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter that requires `specifier` on its first call and returns the same module ever after. */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
