import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import { isPostgresLocation, redactLocation } from './postgres/location.js';

/**
 * Opens the store named by `location`: a `postgres://` (or `postgresql://`) URL opens the PostgreSQL store
 * (`?pool=N` connections, default 10 or HERODOTUS_PG_POOL); anything else is a SQLite file path.
 */
export async function openStore(location: string, options: { readonly?: boolean } = {}): Promise<Store> {
  if (isPostgresLocation(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    return openPostgresStore(location, options);
  }
  return openSqliteStore(location, options);
}

/** A store location fit for messages: a PostgreSQL URL's password is masked. */
export function describeLocation(location: string): string {
  return redactLocation(location);
}
