/** What only the PostgreSQL store has: opening and creating databases, migrations, monthly partitions, several writers at once. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { coder, doc, event, fiveEvents, fridayMeeting, save } from '../conformance/fixtures.js';
import { openStore } from '../open.js';
import { StoreError } from '../store.js';
import { openPostgresStore } from './postgres-store.js';
import { PG_SERVER, PG_SKIP, ScratchDatabases } from './test-database.js';

const databases = PG_SERVER ? new ScratchDatabases(PG_SERVER) : undefined;
after(() => databases?.dropAll());

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url.replace(/[?&]pool=\d+/, '') });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const storeError = (code: string) => (e: unknown): boolean => e instanceof StoreError && e.code === code;

describe('PostgreSQL store', PG_SERVER ? {} : { skip: PG_SKIP }, () => {
  const dbs = databases as ScratchDatabases;

  test('openStore creates a missing database, migrates it (versions 1–5 and 7 recorded) and refuses a newer schema', async () => {
    const url = dbs.missing();
    const store = await openStore(`${url}?pool=3`);
    assert.equal((store as Awaited<ReturnType<typeof openPostgresStore>>).pool.options.max, 3);
    await store.close();
    assert.deepEqual((await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version), [1, 2, 3, 4, 5, 6, 7]);
    // Opening again applies nothing new.
    await (await openStore(url)).close();
    await sql(url, "INSERT INTO schema_migrations VALUES (99, 'future', 'x')");
    await assert.rejects(openStore(url), storeError('NEWER_SCHEMA'));
  });

  test('a database that is not a Herodotus one is refused and left untouched; an empty one opened read-only is refused; an unreachable server is UNREADABLE, password masked', async () => {
    const foreign = await dbs.empty();
    await sql(foreign, "CREATE TABLE customers (name text); INSERT INTO customers VALUES ('Ada')");
    await assert.rejects(openStore(foreign), (e: unknown) => storeError('NOT_HERODOTUS')(e) && /customers/.test((e as Error).message));
    assert.deepEqual(await sql(foreign, 'SELECT name FROM customers'), [{ name: 'Ada' }]);
    assert.deepEqual((await sql<{ n: number }>(foreign, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'"))[0].n, 1);
    await assert.rejects(openStore(await dbs.empty(), { readonly: true }), storeError('UNREADABLE'));
    await assert.rejects(openStore(dbs.missing(), { readonly: true }), (e: unknown) => storeError('UNREADABLE')(e) && /does not exist/.test((e as Error).message));
    await assert.rejects(openStore('postgres://someone:s3cret@127.0.0.1:1/nothing'), (e: unknown) => storeError('UNREADABLE')(e) && !(e as Error).message.includes('s3cret') && (e as Error).message.includes('someone:***@'));
    await assert.rejects(openStore('postgres://x@127.0.0.1/db?pool=many'), storeError('UNREADABLE'));
  });

  test('a read-only store reads but cannot write', async () => {
    const url = await dbs.create();
    const writer = await openStore(url);
    await save(writer, [doc('a', 'Blinken met Bárcena.', [event('ev1')])]);
    await writer.close();
    const reader = await openStore(url, { readonly: true });
    try {
      assert.equal((await reader.clusters()).length, 1);
      await assert.rejects(save(reader, [doc('b', 'Another text.')]), /read-only/);
    } finally {
      await reader.close();
    }
  });

  test('events and mentions live in monthly partitions made on demand; undated, year-wide and out-of-range rows in the default one', async () => {
    const url = await dbs.create();
    const store = await openStore(url);
    try {
      await save(store, [
        doc('jan', 'Talks on Friday.', [event('ev1', { date: '2024-01-12' }), event('ev2', { date: '2023-12-27' })]),
        doc('pub', 'Talks, no date in the text.', [event('ev1', { date: '2024-02-01', basis: 'published' })], { published: '2024-02-01' }),
        doc('month', 'Talks in March.', [event('ev1', { date: '2024-03', precision: 'month' })]),
        doc('year', 'Talks this year.', [event('ev1', { date: '2024', precision: 'year' })]),
        doc('undated', 'Talks.', [event('ev1', { date: 'XXXX-XX-XX', basis: 'published' })], { published: null }),
        doc('ancient', 'Talks long ago.', [event('ev1', { date: '1066-10-14' })]),
      ]);
      const where = await sql<{ partition: string; event_id: string; doc: string }>(
        url,
        'SELECT e.tableoid::regclass::text AS partition, e.event_id, d.id AS doc FROM events e JOIN documents d ON d.key = e.document_key ORDER BY d.id, e.event_id',
      );
      assert.deepEqual(where.map((r) => `${r.doc}#${r.event_id} ${r.partition}`), [
        'ancient#ev1 events_undated',
        'jan#ev1 events_y2024m01',
        'jan#ev2 events_y2023m12',
        'month#ev1 events_y2024m03',
        'pub#ev1 events_y2024m02',
        'undated#ev1 events_undated',
        'year#ev1 events_undated',
      ]);
      const mentions = await sql<{ partition: string; n: number }>(url, 'SELECT tableoid::regclass::text AS partition, count(*)::int AS n FROM mentions GROUP BY 1 ORDER BY 1');
      assert.deepEqual(mentions.map((r) => `${r.partition} ${r.n}`), ['mentions_undated 3', 'mentions_y2023m12 1', 'mentions_y2024m01 1', 'mentions_y2024m02 1', 'mentions_y2024m03 1']);
      // A report published on 2 February with no date in its text may be about 31 January: it is found across partitions.
      await save(store, [doc('feb', 'Officials met, no date given.', [event('ev1', { date: '2024-02-02', basis: 'published' })], { published: '2024-02-02' }), doc('jan31', 'They met on 31 January.', [event('ev1', { date: '2024-01-31' })])]);
      const linked = (await store.clusters({ from: '2024-01-31', to: '2024-02-02' })).map((c) => [c.date.value, c.numMentions]);
      assert.deepEqual(linked, [['2024-01-31', 3]], 'the 1 and 2 February publication-dated reports join the 31 January meeting');
    } finally {
      await store.close();
    }
  });

  test('several writers at once: a document saved by two of them is stored once, and the clusters are those of one writer saving everything', async () => {
    const url = await dbs.create();
    const writers = await Promise.all([openStore(`${url}?pool=2`), openStore(`${url}?pool=2`), openStore(`${url}?pool=2`)]);
    const docs = [...fiveEvents(), fridayMeeting().ledger, doc('again', 'Bárcena and Blinken met again on Friday.', [event('ev1', { source: 'MEXGOV', target: 'USAGOV', cameo: '043' })], { published: '2024-01-15' })];
    try {
      // Each writer saves every document, one at a time, in its own order.
      const orders = [docs, [...docs].reverse(), [...docs.slice(4), ...docs.slice(0, 4)]];
      const outcomes = await Promise.all(writers.map(async (w, i) => {
        const out = [];
        for (const d of orders[i]) out.push(...(await save(w, [d], { coder: coder('c1') })));
        return out;
      }));
      assert.equal(outcomes.flat().filter((o) => o.stored).length, docs.length, 'each document stored exactly once');
      assert.deepEqual(await writers[0].stats(), { documents: 8, events: 8, entities: 0, actors: 0, actorRoles: 0 });
      const concurrent = await writers[1].clusters();
      const reference = await openStore(await dbs.create());
      try {
        await save(reference, docs, { coder: coder('c1') });
        assert.deepEqual(concurrent, await reference.clusters());
      } finally {
        await reference.close();
      }
      await writers[2].relink();
      assert.deepEqual(await writers[0].clusters(), concurrent);
    } finally {
      await Promise.all(writers.map((w) => w.close()));
    }
  });

  test('a batch is one transaction: when one of its documents cannot be stored, none is', async () => {
    const store = await openStore(await dbs.create());
    try {
      const broken = doc('broken', 'A coder bug.', [{ ...event('ev1'), sentence: 0.5 }]);
      await assert.rejects(save(store, [doc('fine', 'Blinken met Bárcena.', [event('ev1')]), broken]));
      assert.deepEqual(await store.stats(), { documents: 0, events: 0, entities: 0, actors: 0, actorRoles: 0 });
      assert.deepEqual(await store.clusters(), []);
      // The store goes on working.
      assert.deepEqual((await save(store, [doc('fine', 'Blinken met Bárcena.', [event('ev1')])])).map((o) => o.stored), [true]);
    } finally {
      await store.close();
    }
  });

  test('text with U+0000, which PostgreSQL text cannot hold, is stored with U+FFFD in its place: spans keep their offsets', async () => {
    const store = await openStore(await dbs.create());
    try {
      const text = 'Blinken\u0000 met Bárcena in Washington.';
      await save(store, [doc('nul', text, [event('ev1')])]);
      const back = await store.getDocument('nul');
      assert.equal(back?.text, 'Blinken\ufffd met Bárcena in Washington.');
      assert.equal(back?.text.length, text.length);
      assert.equal((await store.clusters({ search: 'Barcena' })).length, 1);
    } finally {
      await store.close();
    }
  });
});
