/** Conformance: the actor store — roles learned from stories, summaries, documents to re-code, re-coding. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodedDocument } from '../../core/contract.js';
import { doc, event, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

const prov = { stage: 'actors', version: '1' };

/** A story stating a person's role: "US Secretary of State Antony Blinken …". */
function withRole(id: string, published: string | null, text: string, role: { name: string; country: string; sectors: string[]; title?: string }): CodedDocument {
  const start = text.indexOf(role.name);
  return doc(id, text, [], {
    published,
    layers: {
      entities: [{ id: 'e1', type: 'PERSON', text: role.name, start, end: start + role.name.length, prov }],
      actors: [{ id: 'a1', name: role.name, code: `${role.country}${role.sectors[0] ?? ''}`, country: role.country, sectors: role.sectors, ...(role.title ? { title: role.title } : {}), mentions: ['e1'], basis: 'text', prov }],
      roles: [{ actor: 'a1', name: role.name, country: role.country, sectors: role.sectors, ...(role.title ? { title: role.title } : {}), sentence: 0, start: 0, end: text.length, prov }],
    },
  });
}

const BLINKEN = { name: 'Antony Blinken', country: 'USA', sectors: ['GOV'], title: 'US Secretary of State' };
const AMLO = { name: 'Andrés Manuel López Obrador', country: 'MEX', sectors: ['GOV'], title: 'President' };

export function actorTests(factory: StoreFactory): void {
  test('actorRoles lists every role learned from dated stories, oldest story first, with its evidence sentence', () =>
    withStore(factory, async (store) => {
      await save(store, [
        withRole('d2', '2024-03-01', 'Secretary of State Antony Blinken flew to Mexico City.', BLINKEN),
        withRole('d1', '2024-01-13', 'US Secretary of State Antony Blinken met Alicia Bárcena.', BLINKEN),
        withRole('d0', null, 'Antony Blinken, the US Secretary of State, spoke.', BLINKEN),
        withRole('d3', '2024-01-13', 'Mexican President Andrés Manuel López Obrador said the border would reopen.', AMLO),
      ]);
      assert.deepEqual(await store.actorRoles(), [
        { name: 'Antony Blinken', country: 'USA', sectors: ['GOV'], title: 'US Secretary of State', documentId: 'd1', published: '2024-01-13', evidence: 'US Secretary of State Antony Blinken met Alicia Bárcena.' },
        { name: 'Andrés Manuel López Obrador', country: 'MEX', sectors: ['GOV'], title: 'President', documentId: 'd3', published: '2024-01-13', evidence: 'Mexican President Andrés Manuel López Obrador said the border would reopen.' },
        { name: 'Antony Blinken', country: 'USA', sectors: ['GOV'], title: 'US Secretary of State', documentId: 'd2', published: '2024-03-01', evidence: 'Secretary of State Antony Blinken flew to Mexico City.' },
      ]);
    }));

  test('actorSummaries gives one row per person and role with first and last seen, story count and the latest story\'s title and evidence; name filters by substring', () =>
    withStore(factory, async (store) => {
      await save(store, [
        withRole('d1', '2024-01-13', 'US Secretary of State Antony Blinken met Alicia Bárcena.', BLINKEN),
        withRole('d2', '2024-03-01', 'Secretary of State Antony Blinken flew to Mexico City.', BLINKEN),
        withRole('d3', '2021-02-01', 'Antony Blinken, a former deputy, joined the board.', { name: 'Antony Blinken', country: 'USA', sectors: ['BUS'] }),
        withRole('d4', '2024-01-13', 'Mexican President Andrés Manuel López Obrador said the border would reopen.', AMLO),
        // The same role (USA, GOV) under an earlier title: the summary shows the latest story's title.
        withRole('d5', '2022-06-01', 'Deputy Secretary of State Antony Blinken visited Kyiv.', { ...BLINKEN, title: 'Deputy Secretary of State' }),
      ]);
      assert.deepEqual(await store.actorSummaries(), [
        { name: 'Andrés Manuel López Obrador', country: 'MEX', sectors: ['GOV'], title: 'President', firstSeen: '2024-01-13', lastSeen: '2024-01-13', documents: 1, evidence: 'Mexican President Andrés Manuel López Obrador said the border would reopen.', documentId: 'd4' },
        { name: 'Antony Blinken', country: 'USA', sectors: ['BUS'], firstSeen: '2021-02-01', lastSeen: '2021-02-01', documents: 1, evidence: 'Antony Blinken, a former deputy, joined the board.', documentId: 'd3' },
        { name: 'Antony Blinken', country: 'USA', sectors: ['GOV'], title: 'US Secretary of State', firstSeen: '2022-06-01', lastSeen: '2024-03-01', documents: 3, evidence: 'Secretary of State Antony Blinken flew to Mexico City.', documentId: 'd2' },
      ]);
      assert.deepEqual((await store.actorSummaries({ name: 'BLINKEN' })).map((s) => s.sectors[0]), ['BUS', 'GOV'], 'ASCII letters in any case');
      assert.deepEqual((await store.actorSummaries({ name: 'lópez' })).map((s) => s.documentId), ['d4']);
      assert.deepEqual(await store.actorSummaries({ name: '%' }), [], 'LIKE wildcards are literal');
    }));

  test('documentsMentioning finds dated documents published on or after a date whose text holds any of the words, oldest first', () =>
    withStore(factory, async (store) => {
      await save(store, [
        doc('early', 'Blinken met Bárcena.', [], { published: '2024-01-10' }),
        doc('later', 'Secretary BLINKEN returned.', [], { published: '2024-02-01' }),
        doc('other', 'Bárcena spoke to reporters.', [], { published: '2024-01-20' }),
        doc('undated', 'Blinken again.', [], { published: null }),
        doc('unrelated', 'Floods in Kenya.', [], { published: '2024-03-01' }),
      ]);
      const found = await store.documentsMentioning(['blinken', 'Bárcena'], '2024-01-20');
      assert.deepEqual(found.map((d) => [d.id, d.published]), [['other', '2024-01-20'], ['later', '2024-02-01']]);
      assert.equal((await store.getDocument(found[1].id))?.text, 'Secretary BLINKEN returned.');
      assert.deepEqual(await store.documentsMentioning([], '2000-01-01'), []);
    }));

  test('replaceCoding replaces every layer of a document and keeps its text and identity', () =>
    withStore(factory, async (store) => {
      const text = 'US Secretary of State Antony Blinken met officials in Washington.';
      await save(store, [withRole('d1', '2024-01-13', text, BLINKEN), { ...withRole('d2', '2024-03-01', `${text} Again.`, BLINKEN), events: [event('ev1')] }]);
      assert.deepEqual(await store.stats(), { documents: 2, events: 1, entities: 2, actors: 2, actorRoles: 2 });
      await store.replaceCoding('d2', { ...doc('d2', `${text} Again.`, [event('ev1', { cameo: '042' }), event('ev2', { cameo: '043' })], { published: '2024-03-01' }) });
      assert.deepEqual(await store.stats(), { documents: 2, events: 2, entities: 1, actors: 1, actorRoles: 1 });
      const back = await store.getDocument('d2');
      assert.equal(back?.text, `${text} Again.`);
      assert.deepEqual(back?.events.map((e) => e.cameo.code), ['042', '043']);
      assert.deepEqual(back?.actors, []);
      assert.deepEqual((await store.actorRoles()).map((r) => r.documentId), ['d1']);
      await assert.rejects(store.replaceCoding('nope', doc('nope', 'x')));
    }));
}
