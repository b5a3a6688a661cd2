import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { StatedRole } from '../../core/layers.js';
import { ActorMemory, type LearnedRole } from './memory.js';

const role = (name: string, country: string, published: string, documentId: string, sectors = ['GOV'], title?: string): LearnedRole => ({
  name,
  country,
  sectors,
  ...(title ? { title } : {}),
  published,
  documentId,
  evidence: `${name} spoke.`,
});

const story = (id: string, published: string, roles: Array<{ name: string; country: string; sectors: string[]; title?: string }>) => ({
  id,
  published,
  text: roles.map((r) => `${r.name} spoke.`).join(' '),
  roles: roles.map((r, i): StatedRole => ({ ...r, actor: `a${i}`, sentence: 0, start: 0, end: i + 1, prov: { stage: 'actors', version: 'test' } })),
});

test('lookups see only roles stated strictly earlier; the latest wins; a lone surname finds its person', () => {
  const memory = new ActorMemory([role('Ana Ruiz', 'MEX', '2024-01-10', 'a'), role('Ana Ruiz', 'USA', '2024-03-01', 'c')]);
  assert.equal(memory.lookup('Ana Ruiz', { published: '2024-01-10', documentId: 'a' }), undefined);
  assert.equal(memory.lookup('Ana Ruiz', { published: '2024-02-01', documentId: 'b' })?.country, 'MEX');
  assert.equal(memory.lookup('Ruiz', { published: '2024-04-01', documentId: 'd' })?.country, 'USA');
  assert.equal(memory.lookup('Ruiz', { documentId: 'undated' }), undefined);
});

test('a role is news when its person was unknown before it or the role then known differs', () => {
  const memory = new ActorMemory([role('Ana Ruiz', 'MEX', '2024-01-10', 'a')]);
  assert.equal(memory.teaches(role('Ana Ruiz', 'MEX', '2024-02-01', 'b')), false, 'restated');
  assert.equal(memory.teaches(role('Ana Ruiz', 'USA', '2024-02-01', 'b')), true, 'new country');
  assert.equal(memory.teaches(role('Ana Ruiz', 'MEX', '2024-02-01', 'b', ['MIL'])), true, 'new sector');
  assert.equal(memory.teaches(role('Ana Ruiz', 'MEX', '2024-02-01', 'b', ['GOV'], 'Foreign Minister')), true, 'new title');
  assert.equal(memory.teaches(role('Ana Ruiz', 'MEX', '2024-01-05', 'z')), true, 'stated before anything known');
  assert.equal(memory.teaches(role('Luis Paz', 'MEX', '2024-02-01', 'b')), true, 'unknown person');
});

test('learnNews learns every role and returns only the news', () => {
  const memory = new ActorMemory([role('Ana Ruiz', 'MEX', '2024-01-10', 'a')]);
  const news = memory.learnNews(
    story('b', '2024-02-01', [
      { name: 'Ana Ruiz', country: 'MEX', sectors: ['GOV'] },
      { name: 'Luis Paz', country: 'GTM', sectors: ['GOV'] },
    ]),
  );
  assert.deepEqual(
    news.map((r) => r.name),
    ['Luis Paz'],
  );
  assert.equal(memory.size, 3, 'the restated role is kept too (later lookups cite the latest story)');
  assert.equal(memory.lookup('Ana Ruiz', { published: '2024-03-01', documentId: 'c' })?.documentId, 'b');
  assert.deepEqual(memory.learnNews(story('u', '', [{ name: 'Eva Sol', country: 'PAN', sectors: ['GOV'] }])), [], 'an undated story teaches nothing');
  assert.ok(
    [...memory.roles()].every((r) => !('evidence' in r)),
    'the memory keeps no evidence sentences',
  );
});

test('lookups equal a plain scan of every role (the latest story before, its first role; one per story, country and sectors)', () => {
  // The rule, written the slow way: keep each role unless its story already gave this person the same country
  // and sectors; a lookup takes the roles of stories strictly earlier (day, then document id) and the latest of
  // them, the first learned on a tie.
  const scan = (roles: LearnedRole[], name: string, asOf: { published: string; documentId: string }): LearnedRole | undefined => {
    const kept: LearnedRole[] = [];
    for (const r of roles) if (!kept.some((k) => k.name === r.name && k.documentId === r.documentId && k.country === r.country && k.sectors.join() === r.sectors.join())) kept.push(r);
    const key = (r: { published: string; documentId: string }): string => `${r.published.slice(0, 10)} ${r.documentId}`;
    let best: LearnedRole | undefined;
    for (const r of kept) if (r.name === name && key(r) < key(asOf) && (!best || key(r) > key(best))) best = r;
    return best;
  };
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          name: fc.constantFrom('Ana Ruiz', 'Luis Paz'),
          country: fc.constantFrom('MEX', 'USA', 'GTM'),
          sectors: fc.constantFrom(['GOV'], ['MIL'], ['GOV', 'MIL']),
          published: fc.constantFrom('2024-01-01', '2024-01-02T10:00:00Z', '2024-01-02', '2024-01-03'),
          documentId: fc.constantFrom('a', 'b', 'c'),
        }),
        { maxLength: 30 },
      ),
      fc.constantFrom('2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'),
      fc.constantFrom('a', 'b', 'c', 'd'),
      (drawn, day, documentId) => {
        const roles = drawn.map((r) => ({ ...r, evidence: '' }));
        const memory = new ActorMemory(roles);
        for (const name of ['Ana Ruiz', 'Luis Paz']) {
          const want = scan(roles, name, { published: day, documentId });
          const got = memory.lookup(name, { published: day, documentId });
          assert.deepEqual(got && [got.country, got.sectors, got.documentId, got.published], want && [want.country, want.sectors, want.documentId, want.published]);
        }
      },
    ),
    { numRuns: 500, seed: 20261129 },
  );
});
