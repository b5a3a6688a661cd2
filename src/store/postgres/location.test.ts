import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_POOL_SIZE, isPostgresLocation, parsePostgresLocation, redactLocation, withDatabase } from './location.js';

test('postgres:// and postgresql:// URLs name PostgreSQL stores; anything else is a SQLite path', () => {
  assert.ok(isPostgresLocation('postgres://localhost/news'));
  assert.ok(isPostgresLocation('POSTGRESQL://u@h/db'));
  assert.ok(!isPostgresLocation('news.db'));
  assert.ok(!isPostgresLocation('./postgres://odd-file-name'));
});

test('the pool size comes from ?pool=, else HERODOTUS_PG_POOL, else the default; the parameter does not reach the server', () => {
  const a = parsePostgresLocation('postgres://u:pw@db.example:5433/news?pool=4&sslmode=disable', {});
  assert.equal(a.poolSize, 4);
  assert.equal(a.connectionString, 'postgres://u:pw@db.example:5433/news?sslmode=disable');
  assert.equal(a.display, 'postgres://u:***@db.example:5433/news?sslmode=disable');
  assert.equal(a.database, 'news');
  assert.equal(parsePostgresLocation('postgres://h/news', { HERODOTUS_PG_POOL: '12' }).poolSize, 12);
  assert.equal(parsePostgresLocation('postgres://h/news', {}).poolSize, DEFAULT_POOL_SIZE);
  assert.throws(() => parsePostgresLocation('postgres://h/news?pool=0', {}), /pool parameter must be a whole number/);
  assert.throws(() => parsePostgresLocation('postgres://h/news', { HERODOTUS_PG_POOL: 'lots' }), /HERODOTUS_PG_POOL/);
});

test('passwords are masked in messages, in the user part and as a parameter', () => {
  assert.equal(redactLocation('postgres://herodotus:s3cr3t@10.0.0.5/news'), 'postgres://herodotus:***@10.0.0.5/news');
  assert.equal(redactLocation('postgresql://h/news?user=a&password=s3cr3t&pool=2'), 'postgresql://h/news?user=a&password=***&pool=2');
  assert.equal(redactLocation('postgres://herodotus@h/news'), 'postgres://herodotus@h/news');
  assert.equal(redactLocation('/tmp/news.db'), '/tmp/news.db');
  assert.equal(withDatabase('postgres://u:p@h:5432/postgres?sslmode=disable', 'herodotus_test'), 'postgres://u:p@h:5432/herodotus_test?sslmode=disable');
});
