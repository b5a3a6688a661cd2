/**
 * Scratch PostgreSQL databases for tests: the server named by HERODOTUS_TEST_PG (e.g.
 * `postgres://postgres:postgres@127.0.0.1:5432/postgres`), one fresh database per store, dropped at the end.
 * Fresh databases are copies of one migrated template, so each test skips the migrations. Without the
 * variable, PostgreSQL tests are skipped with `PG_SKIP` as the reason.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from './location.js';
import { openPostgresStore } from './postgres-store.js';

export const PG_SERVER = process.env.HERODOTUS_TEST_PG;

export const PG_SKIP = 'HERODOTUS_TEST_PG is not set: no PostgreSQL server to test against (e.g. HERODOTUS_TEST_PG=postgres://postgres:postgres@127.0.0.1:5432/postgres)';

const withPool = (url: string, pool?: number): string => (pool ? `${url}${url.includes('?') ? '&' : '?'}pool=${pool}` : url);

/** Creates and drops scratch databases on the test server. */
export class ScratchDatabases {
  private readonly server: string;
  private readonly created: string[] = [];
  private template: Promise<string> | undefined;
  constructor(server: string) {
    this.server = server;
  }

  private newName(): string {
    return `herodotus_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  }

  /** The URL of a database that does not exist yet (dropped at the end if something creates it). */
  missing(): string {
    const name = this.newName();
    this.created.push(name);
    return withDatabase(this.server, name);
  }

  /** A new, empty database with no schema at all; returns its URL (with `?pool=` when given). */
  async empty(pool?: number): Promise<string> {
    const name = this.newName();
    await this.admin((client) => client.query(`CREATE DATABASE ${name}`));
    this.created.push(name);
    return withPool(withDatabase(this.server, name), pool);
  }

  /** A new database holding an empty, migrated Herodotus store; returns its URL (with `?pool=` when given). */
  async create(pool?: number): Promise<string> {
    this.template ??= (async () => {
      const url = await this.empty();
      await (await openPostgresStore(url)).close();
      return new URL(url).pathname.slice(1);
    })();
    const template = await this.template;
    const name = this.newName();
    await this.admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
    this.created.push(name);
    return withPool(withDatabase(this.server, name), pool);
  }

  /** Drops every database made here (connections still open to them are ended), a few at a time. */
  async dropAll(): Promise<void> {
    const names = this.created.splice(0);
    this.template = undefined;
    const drop = async (): Promise<void> => {
      for (let name = names.pop(); name !== undefined; name = names.pop()) {
        const dropping = name;
        await this.admin((client) => client.query(`DROP DATABASE IF EXISTS ${dropping} WITH (FORCE)`));
      }
    };
    await Promise.all([drop(), drop(), drop()]);
  }

  private async admin(body: (client: pg.Client) => Promise<unknown>): Promise<void> {
    const client = new pg.Client({ connectionString: this.server });
    client.on('error', () => {});
    await client.connect();
    try {
      await body(client);
    } finally {
      await client.end();
    }
  }
}
