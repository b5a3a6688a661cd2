/**
 * A PostgreSQL store location: a `postgres://` (or `postgresql://`) URL as libpq reads it, plus our own
 * `pool` parameter (connections per process; else HERODOTUS_PG_POOL; else 10). Passwords never reach a
 * message: `display` is the URL with the password masked.
 */

export const DEFAULT_POOL_SIZE = 10;

export interface PgLocation {
  /** The URL for node-postgres, without our own parameters. */
  connectionString: string;
  /** Most connections this process opens. */
  poolSize: number;
  /** The URL with its password masked, for messages. */
  display: string;
  /** The database name (the URL's path). */
  database: string;
}

export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location with any password masked (`postgres://user:***@host/db`); other strings unchanged. */
export function redactLocation(location: string): string {
  if (!isPostgresLocation(location)) return location;
  return location.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

function poolSizeOf(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`${what} must be a whole number from 1 to 1000, not "${text}"`);
  return n;
}

export function parsePostgresLocation(location: string, env: NodeJS.ProcessEnv = process.env): PgLocation {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error(`${redactLocation(location)} is not a valid postgres:// URL`);
  }
  const pool = url.searchParams.get('pool');
  url.searchParams.delete('pool');
  const poolSize = pool !== null ? poolSizeOf(pool, 'the pool parameter') : env.HERODOTUS_PG_POOL ? poolSizeOf(env.HERODOTUS_PG_POOL, 'HERODOTUS_PG_POOL') : DEFAULT_POOL_SIZE;
  const connectionString = url.toString();
  return { connectionString, poolSize, display: redactLocation(connectionString), database: decodeURIComponent(url.pathname.replace(/^\//, '')) };
}

/** The same server with another database (for creating a missing one, or tests' scratch databases). */
export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
