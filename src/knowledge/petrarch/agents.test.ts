import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActorDictionary, parseActors } from './actors.js';
import { AgentDictionary, composeActorCode, parseAgents } from './agents.js';
import { fixture, words } from './fixtures.js';

const { text, file } = fixture('fictional.agents.txt');
const parsed = parseAgents(text, file);
const agents = new AgentDictionary(parsed.entries);
const actors = new ActorDictionary(parseActors(fixture('fictional.actors.txt').text, 'actors').entries);

function agent(sentence: string, at = 0): [number, string] | undefined {
  const m = agents.match(words(sentence), at);
  return m && [m.length, m.code];
}

test('agents: generated plurals, {…} plurals, substitution sets and prefix codes', () => {
  assert.deepEqual(agent('ambassadors'), [1, '~GOV']);
  assert.deepEqual(agent('secretaries'), [1, '~GOV']);
  assert.deepEqual(agent('spokeswoman'), [1, '~GOV']);
  assert.deepEqual(agent('spokesmen'), [1, '~GOV']);
  assert.deepEqual(agent('foreign ministry'), [2, '~GOVFRM']);
  assert.deepEqual(agent('attorneys general'), [2, '~JUD']);
  assert.deepEqual(agent('truce monitors'), [2, 'IGO~']);
  assert.deepEqual(agent('police'), [1, '~COP']);
  const spokes = parsed.entries.find((e) => e.code === '~GOV' && e.phrases[0][0].startsWith('SPOKES'));
  // note: one phrase per item of !PERSON!, no plurals formed from them
  assert.deepEqual(spokes?.phrases.map((p) => p.join(' ')), ['SPOKESMAN', 'SPOKESMEN', 'SPOKESWOMAN', 'SPOKESWOMEN', 'SPOKESPERSON']);
});

test('composeActorCode: suffix and prefix agents, no doubling, a lone agent gets ---', () => {
  assert.equal(composeActorCode('MEX', '~GOV'), 'MEXGOV');
  assert.equal(composeActorCode('FRDGOV', '~GOV'), 'FRDGOV');
  assert.equal(composeActorCode('FRDGOV', '~MIL'), 'FRDGOVMIL');
  assert.equal(composeActorCode('FRD', 'NGO~'), 'NGOFRD');
  assert.equal(composeActorCode('', '~GOV'), '---GOV');
  assert.equal(composeActorCode('---', '~COP'), '---COP');
  assert.equal(composeActorCode('', 'IGO~'), 'IGO---');
});

test('an agent word after a dictionary actor composes its code ("Freedonian ambassadors" → FRDGOV)', () => {
  const tokens = words('two Freedonian ambassadors left');
  const actor = actors.match(tokens, 1);
  assert.ok(actor);
  const role = agents.match(tokens, 1 + actor.length);
  assert.ok(role);
  assert.equal(composeActorCode(actors.codeOn(actor.entry, '2024-01-13') ?? '', role.code), 'FRDGOV');
});

test('negative cases: bad brackets, missing codes, unknown sets and codes without ~ are reported by line', () => {
  assert.deepEqual(
    parsed.problems.map((p) => p.line),
    [13, 14, 15, 16],
  );
  assert.ok(parsed.problems.every((p) => p.file === file));
  assert.match(parsed.problems[2].message, /!SET! is not defined/);
  assert.equal(agent('wrong code'), undefined);
});
