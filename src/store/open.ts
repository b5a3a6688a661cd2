import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

/** Opens the store named by `location`: a SQLite file path (PostgreSQL URLs come with the scale-out issue). */
export async function openStore(location: string, options: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new Error('PostgreSQL stores are not available in this version; use a SQLite file path');
  }
  return openSqliteStore(location, options);
}
