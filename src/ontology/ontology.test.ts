import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLocations } from '../pipeline/resources.js';
import { loadOntology } from './ontology.js';

const ontology = loadOntology(defaultLocations().dataDir);

test('every CAMEO code has a name, a Goldstein value in [-10, 10] and the QuadClass of its root', () => {
  const codes = ontology.cameoCodes();
  assert.ok(codes.length >= 310, `only ${codes.length} codes`);
  for (const c of codes) {
    assert.ok(c.name.length > 0 && !/[ÒÓ\uFFFD]/.test(c.name), `bad name for ${c.code}: ${c.name}`);
    assert.ok(c.goldstein >= -10 && c.goldstein <= 10, `${c.code} goldstein ${c.goldstein}`);
    const root = Number(c.root);
    assert.equal(c.quadClass, root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4, c.code);
  }
});

test('CAMEO lookups: names, Goldstein values, the repaired legacy quotes of 044', () => {
  assert.equal(ontology.cameo('043')?.name, 'Host a visit');
  assert.equal(ontology.cameo('174')?.goldstein, -5);
  assert.equal(ontology.cameo('051')?.goldstein, 3.4);
  assert.equal(ontology.cameo('200')?.quadClass, 4);
  assert.equal(ontology.cameo('044')?.name, 'Meet at a "third" location');
  assert.equal(ontology.cameo('106')?.name, 'Demand meeting, negotiation');
  assert.equal(ontology.cameo('1213')?.quadClass, 3);
  assert.equal(ontology.cameo('999'), undefined);
});

test('CAMEO → PLOVER with mode and contexts, and back', () => {
  assert.deepEqual(
    { type: ontology.ploverFor('174')?.type, mode: ontology.ploverFor('174')?.mode },
    { type: 'COERCE', mode: 'deport' },
  );
  assert.equal(ontology.ploverFor('042')?.mode, 'visit');
  assert.equal(ontology.ploverFor('036')?.type, 'AGREE');
  assert.equal(ontology.ploverFor('084')?.type, 'RETREAT');
  assert.equal(ontology.ploverFor('081')?.type, 'CONCEDE');
  assert.equal(ontology.ploverFor('010')?.type, '', 'statements have no PLOVER type');
  assert.equal(ontology.ploverFor('023')?.type, 'REQUEST');
  assert.deepEqual(ontology.ploverFor('1124')?.contexts, ['military', 'legal']);
  assert.deepEqual(ontology.cameoFor('CONSULT', 'visit').map((c) => c.code), ['042', '043']);
  assert.equal(ontology.cameoFor('COERCE', 'deport')[0]?.code, '174');
  assert.ok(ontology.cameoFor('ASSAULT').some((c) => c.code === '190'));
});

test('PLOVER types, modes and contexts', () => {
  assert.deepEqual(ontology.ploverTypes().map((t) => t.type).sort(), ['ACCUSE', 'AGREE', 'AID', 'ASSAULT', 'COERCE', 'CONCEDE', 'CONSULT', 'COOPERATE', 'MOBILIZE', 'PROTEST', 'REJECT', 'REQUEST', 'RETREAT', 'SANCTION', 'SUPPORT', 'THREATEN']);
  assert.ok(ontology.ploverModes('CONSULT').some((m) => m.mode === 'phone'));
  for (const c of ['migration', 'asylum', 'territory', 'trafficking', 'illegal_drugs', 'diplomatic', 'economic']) assert.ok(ontology.isContext(c), c);
  for (const m of ontology.cameoCodes()) {
    for (const c of ontology.ploverFor(m.code)?.contexts ?? []) assert.ok(ontology.isContext(c), `${m.code}: unknown context ${c}`);
  }
});
