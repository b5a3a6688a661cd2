import type { Store } from './store.js';
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
  // Loaded here, not at start-up: better-sqlite3 and the SQL modules are not needed by every command.
  const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
  return openSqliteStore(location, options);
}

/** A store location fit for messages: a PostgreSQL URL's password is masked. */
export function describeLocation(location: string): string {
  return redactLocation(location);
}
