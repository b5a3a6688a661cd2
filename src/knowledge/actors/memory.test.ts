import assert from 'node:assert/strict';
import { test } from 'node:test';
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
