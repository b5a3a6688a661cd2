import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExportLookups } from '../export/lookups.js';
import { pooledDocumentCoder } from '../cli/pool.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { CoalescedPasses } from './background.js';
import { createApiServer } from './server.js';

test('coalesced passes: one at a time; items added during a pass go together into the next; a failed pass is reported', async () => {
  const errors: string[] = [];
  const seen: number[][] = [];
  let running = 0;
  const passes = new CoalescedPasses<number>(async (items) => {
    running++;
    assert.equal(running, 1, 'never two passes at once');
    seen.push(items);
    await new Promise((r) => setTimeout(r, 30));
    running--;
    if (items.includes(4)) throw new Error('pass with 4 failed');
  }, (e) => errors.push(e.message));
  passes.add([1]);
  passes.add([2]);
  passes.add([3]);
  passes.add([]);
  assert.equal(passes.pending, 2, '2 and 3 wait while the pass of 1 runs');
  await new Promise((r) => setTimeout(r, 5));
  passes.add([4]);
  await passes.drain();
  assert.deepEqual(seen, [[1], [2, 3, 4]], 'a hundred posts during a pass make one more pass, not a hundred');
  assert.deepEqual(errors, ['pass with 4 failed']);
  passes.add([5]);
  await passes.drain();
  assert.deepEqual(seen.at(-1), [5], 'a pass after a failure still runs');
  assert.equal(passes.passes, 3);
  assert.equal(passes.pending, 0);
});

const KEY = 'background-key';
const seedDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const followupDir = fileURLToPath(new URL('../../src/knowledge/actors/fixtures/', import.meta.url));

function story(dir: string): { text: string; id: string; published: string } {
  const txt = readdirSync(dir).find((f) => f.endsWith('.txt'))!;
  const meta = JSON.parse(readFileSync(join(dir, txt.replace(/\.txt$/, '.meta.json')), 'utf8')) as { published: string };
  return { text: readFileSync(join(dir, txt), 'utf8'), id: txt.replace(/\.txt$/, ''), published: meta.published };
}

test('POST /documents codes on a worker thread; a story taught by a later post is re-coded after the answer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-background-'));
  const store = openSqliteStore(join(dir, 'bg.db'));
  const coder = pooledDocumentCoder(1, { roles: [], learn: true });
  await coder.warm();
  const app = await createApiServer({ store, pipeline: () => coder, lookups: () => loadExportLookups(), apiKey: KEY, log: false, webDir: false });
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const post = async (body: object): Promise<{ status: number; json: Record<string, unknown> }> => {
      const r = await fetch(`${base}/documents`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    const actorCode = async (id: string, name: string): Promise<string | undefined> => {
      const doc = (await (await fetch(`${base}/documents/${encodeURIComponent(id)}`)).json()) as { actors: Array<{ name: string; code: string }> };
      return doc.actors.find((a) => a.name === name)?.code;
    };
    const followup = story(followupDir);
    const seed = story(seedDir);
    assert.equal((await post(followup)).status, 201);
    assert.notEqual(await actorCode(followup.id, 'Bárcena'), 'MEXGOV', 'nothing known yet');
    // While the seed is coded on the worker thread, reads are answered.
    const posting = post(seed);
    const t0 = Date.now();
    const list = await fetch(`${base}/events?limit=5`);
    assert.equal(list.status, 200);
    const readMs = Date.now() - t0;
    const answer = await posting;
    assert.equal(answer.status, 201);
    assert.match(String(answer.json.recoding), /background/);
    assert.ok(readMs < 2000, `a read during a post took ${readMs} ms`);
    // The follow-up is re-coded in the background with the roles the seed teaches.
    let code: string | undefined;
    for (let i = 0; i < 100 && code !== 'MEXGOV'; i++) {
      code = await actorCode(followup.id, 'Bárcena');
      if (code !== 'MEXGOV') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(code, 'MEXGOV');
    // A later edition restating the same roles teaches nothing new: no re-coding pass.
    const edition = await post({ text: `${seed.text}\nThis story was updated.`, id: 'seed-edition', published: '2024-01-14' });
    assert.equal(edition.status, 201);
    assert.equal(edition.json.recoding, undefined, 'restated roles start no pass');
  } finally {
    await app.close();
    await coder.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
