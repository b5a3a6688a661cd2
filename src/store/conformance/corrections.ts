/** Conformance: analysts' corrections (schema v6) — stored append-only, read back against the current coding; the ids filter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fridayMeeting, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

export function correctionTests(factory: StoreFactory): void {
  test('a correction is stored with who and when, and found again on its report; a second one follows it', () =>
    withStore(factory, async (store) => {
      const { efe, ap, tokyo } = fridayMeeting();
      await save(store, [efe, ap, tokyo]);
      const meeting = (await store.clusters()).find((c) => c.source?.code !== 'JPNGOV')!;
      const report = ap.events[0];
      const anchor = { documentId: 'ap', sentence: { start: 0, end: ap.text.length }, trigger: { ...report.trigger }, source: 'MEXGOV', target: 'USAGOV' };
      const visit = { code: '043', root: '04', quadClass: 1, goldstein: 2.8 };
      const coded = { code: '042', root: '04', quadClass: 1, goldstein: 1.9 };
      const first = await store.addCorrection({ anchor, clusterId: meeting.id, kind: 'correct', fields: { cameo: visit }, original: { cameo: coded }, author: 'Ana', note: 'a visit hosted', at: '2026-11-29T09:00:00Z' });
      assert.equal(first.author, 'Ana');
      assert.equal(first.note, 'a visit hosted');
      assert.equal(first.at, '2026-11-29T09:00:00Z');
      assert.deepEqual(first.fields, { cameo: visit });
      assert.deepEqual(first.current, { eventId: 'ev1', clusterId: meeting.id }, 'the anchor finds the AP report in the meeting');
      await store.addCorrection({ anchor, clusterId: meeting.id, kind: 'wrong', fields: {}, original: { cameo: coded }, author: 'Ben', at: '2026-11-29T10:00:00Z' });
      const all = await store.corrections();
      assert.deepEqual(all.map((c) => [c.kind, c.author, c.note ?? null]), [['correct', 'Ana', 'a visit hosted'], ['wrong', 'Ben', null]], 'oldest first');
      assert.ok(all[1].id > all[0].id);
      // An anchor on a trigger no event has any more resolves to no current event.
      const stale = await store.addCorrection({ anchor: { ...anchor, trigger: { start: 9000, end: 9004, text: 'gone' }, sentence: { start: 9000, end: 9010 } }, clusterId: meeting.id, kind: 'wrong', fields: {}, original: {}, author: 'Cy' });
      assert.equal(stale.current, null);
    }));

  test('the ids filter lists just the clusters asked for (none for an empty list)', () =>
    withStore(factory, async (store) => {
      const { efe, ap, tokyo } = fridayMeeting();
      await save(store, [efe, ap, tokyo]);
      const all = await store.clusters();
      assert.equal(all.length, 2);
      const tokyoId = all.find((c) => c.source?.code === 'JPNGOV')!.id;
      assert.deepEqual((await store.clusters({ ids: [tokyoId] })).map((c) => c.id), [tokyoId]);
      assert.deepEqual(await store.clusters({ ids: [] }), []);
      assert.equal(await store.countClusters({ ids: [tokyoId, 'no-such-id'] }), 1);
    }));
}
