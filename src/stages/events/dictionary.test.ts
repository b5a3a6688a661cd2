/**
 * The events stage with an imported PETRARCH/TABARI verb dictionary (in place of our patterns), and with
 * a `discards` layer. Fictional countries (Freedonia, Sylvania) with hand-built actors; the verb dictionary
 * is written here (and the shared fictional fixture is used once), with the expected codings worked out by
 * hand from the dictionary lines.
 */
import { handActors } from './testing.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../../core/document.js';
import type { Discards } from '../../core/layers.js';
import { fixture } from '../../knowledge/petrarch/fixtures.js';
import { VerbDictionaryBuilder, type VerbDictionary } from '../../knowledge/petrarch/verbs.js';
import { createPipeline } from '../../pipeline/pipeline.js';
import { defaultLocations } from '../../pipeline/resources.js';
import { runStages } from '../../pipeline/runner.js';
import type { Stage } from '../../pipeline/stage.js';
import { loadEventsLexicon } from './lexicon.js';
import { createEventsStageFromLexicon } from './stage.js';

const base = createPipeline();
const lexicon = loadEventsLexicon(defaultLocations().dataDir);
const upstream = base.stages.filter((s) => !['coref', 'actors', 'events'].includes(s.name));
const ACTORS = { Freedonia: 'FRDGOV', Sylvania: 'SYLGOV' };


/** A stage standing in for the dictionary stage: discards the given sentences, or the story. */
function discardStage(discards: Pick<Discards, 'story' | 'sentences'>): Stage {
  return {
    name: 'hand-discards',
    version: 'test',
    reads: ['sentences'],
    writes: ['discards'],
    run() {
      return { layers: { discards: { ...discards, matches: [], prov: { stage: 'test', version: '0' } } } };
    },
  };
}

function dictionary(text: string, file = 'fictional-events.verbs.txt', problems = 0): VerbDictionary {
  const b = new VerbDictionaryBuilder();
  b.add(text, file);
  const d = b.finish();
  assert.equal(b.problems.length, problems, JSON.stringify(b.problems));
  return d;
}

function code(text: string, verbs: VerbDictionary | undefined, extra: Stage[] = []) {
  const doc = new Doc(text, { id: 't', published: '2024-01-13' });
  const events = createEventsStageFromLexicon(lexicon, verbs ? { verbs } : {});
  runStages(doc, [...upstream, ...extra, handActors(ACTORS), events], base.resources);
  return doc.get('events').map((e) => ({ ...e, dyad: `${e.source?.code ?? ''}>${e.target?.code ?? ''}` }));
}

// Hand-written fictional verb dictionary. Line numbers matter: rules are file:line.
const VERBS = [
  '--- REBUKE [111] ---', //                 1
  'REBUKE', //                               2  (block code 111)
  'SCOLD [112]', //                          3  (own code)
  '- * (OVER +) [1121]', //                  4
  '--- GREET [042:043] ---', //              5
  'GREET', //                                6  (paired: 042 forward, 043 backward)
  '--- IGNORE [---] ---', //                 7
  'IGNORE', //                               8  (no event)
  '--- TICKLE [075A] ---', //                9
  'TICKLE', //                               10 (opaque code, not in the ontology)
  '--- SIGN [057] ---', //                   11
  'SIGN', //                                 12
  '- * TREATY (WITH +) [057]', //            13
  '- $ * MEMO [:051]', //                    14 (only the backward half)
].join('\n');

test('verb dictionary: block code, own code, the rule names the block and verb when no pattern matched', () => {
  const verbs = dictionary(VERBS);
  const [r, ...rest] = code('Freedonia rebuked Sylvania on Monday.', verbs);
  assert.equal(rest.length, 0);
  assert.equal(r.dyad, 'FRDGOV>SYLGOV');
  assert.deepEqual(r.cameo, { code: '111', root: '11', quadClass: 3, goldstein: lexicon.ontology.cameo('111')?.goldstein });
  assert.equal(r.plover.type, 'ACCUSE');
  assert.equal(r.rule, 'REBUKE/REBUKE');
  const [s] = code('Freedonia scolded Sylvania.', verbs);
  assert.equal(s.cameo.code, '112');
});

test('verb dictionary: a pattern with a + target, its code and file:line rule', () => {
  const verbs = dictionary(VERBS);
  const [e, ...rest] = code('Freedonia signed a treaty with Sylvania.', verbs);
  assert.equal(rest.length, 0);
  assert.equal(e.dyad, 'FRDGOV>SYLGOV');
  assert.equal(e.cameo.code, '057');
  assert.equal(e.rule, 'fictional-events.verbs.txt:13');
});

test('verb dictionary: paired codes give reciprocal events; "---" gives none; an empty half gives none', () => {
  const verbs = dictionary(VERBS);
  const pair = code('Freedonia greeted Sylvania.', verbs);
  assert.deepEqual(pair.map((e) => `${e.cameo.code} ${e.dyad}`), ['042 FRDGOV>SYLGOV', '043 SYLGOV>FRDGOV']);
  assert.deepEqual(code('Freedonia ignored Sylvania.', verbs), []);
  const back = code('Freedonia signed a memo with Sylvania.', verbs);
  assert.deepEqual(back.map((e) => `${e.cameo.code} ${e.dyad}`), ['051 SYLGOV>FRDGOV']);
});

test('verb dictionary: an opaque code outside the ontology keeps its text; root, Goldstein and PLOVER come from 075', () => {
  const verbs = dictionary(VERBS);
  const [e] = code('Freedonia tickled Sylvania.', verbs);
  assert.equal(e.cameo.code, '075A');
  assert.equal(e.cameo.root, '07');
  assert.equal(e.cameo.goldstein, lexicon.ontology.cameo('075')?.goldstein);
  assert.equal(e.plover.type, 'AID');
});

test('verb dictionary replaces our patterns; require-dyad still holds', () => {
  const verbs = dictionary(VERBS);
  // "praise" is one of our patterns, not in the dictionary
  assert.deepEqual(code('Freedonia praised Sylvania.', verbs), []);
  assert.equal(code('Freedonia praised Sylvania.', undefined)[0]?.cameo.code, '051');
  // no target: no event
  assert.deepEqual(code('Freedonia rebuked the weather.', verbs), []);
});

test('the shared fictional fixture: synsets inside prepositional phrases, and (WITH +) (IN ^) with a paired code', () => {
  const { text, file } = fixture('fictional.verbs.txt');
  const verbs = dictionary(text, file, 5); // the fixture's five deliberately malformed lines
  const [a] = code('Freedonia attacked Sylvania with lemonade.', verbs);
  assert.equal(a.cameo.code, '194');
  assert.match(a.rule, /fictional\.verbs\.txt:\d+$/);
  const met = code('Freedonia met with Sylvania in Paris.', verbs);
  assert.deepEqual(met.map((e) => `${e.cameo.code} ${e.dyad}`), ['043 FRDGOV>SYLGOV', '043 SYLGOV>FRDGOV']);
});

test('discards: a discarded sentence is not coded, a discarded story has no events', () => {
  const text = 'Freedonia criticized Sylvania. Sylvania criticized Freedonia.';
  assert.deepEqual(code(text, undefined).map((e) => e.sentence), [0, 1]);
  assert.deepEqual(code(text, undefined, [discardStage({ story: false, sentences: [0] })]).map((e) => `${e.sentence} ${e.dyad}`), ['1 SYLGOV>FRDGOV']);
  assert.deepEqual(code(text, undefined, [discardStage({ story: true, sentences: [] })]), []);
});
