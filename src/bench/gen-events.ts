#!/usr/bin/env node
/**
 * Fills a new store with synthetic events for scale tests: `node dist/bench/gen-events.js --db FILE|postgres://… [--events N]`
 * (default 1,000,000 event clusters, about 1.25 million event mentions in 360,000 documents; see synthetic-events.ts).
 * The store must be new: a SQLite file that does not exist, or a PostgreSQL database without a Herodotus store.
 */
import { existsSync } from 'node:fs';
import { isPostgresLocation, redactLocation } from '../store/postgres/location.js';
import { fillPostgres } from './fill-postgres.js';
import { fillSqlite } from './fill-sqlite.js';

/** Fills `location` with `clusters` synthetic event clusters; returns the seconds it took. */
export async function generateEvents(location: string, clusters: number, say: (line: string) => void): Promise<number> {
  const started = Date.now();
  if (isPostgresLocation(location)) await fillPostgres(location, clusters, say);
  else {
    if (existsSync(location)) throw new Error(`${location} exists: give a new file`);
    await fillSqlite(location, clusters, say);
  }
  return (Date.now() - started) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const db = at('--db');
  const events = Number(at('--events') ?? 1_000_000);
  if (!db || !Number.isInteger(events) || events < 1) {
    process.stderr.write('usage: gen-events --db FILE|postgres://… [--events N]\n');
    process.exit(2);
  }
  const say = (line: string): void => void process.stderr.write(`gen-events: ${line}\n`);
  const seconds = await generateEvents(db, events, say);
  say(`${events} event clusters written to ${redactLocation(db)} in ${seconds.toFixed(0)} s`);
}
