/**
 * Unit tests of the events stage on real news sentences, with the shipped tagger/parser but hand-built
 * actors: a fictional-free, small actor table keyed by the names in each sentence, so the tests do not
 * depend on the actor stage's lexicon. Each case notes the phenomenon it covers.
 */
import { handActors } from './testing.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../../core/document.js';
import { createPipeline } from '../../pipeline/pipeline.js';
import { defaultLocations } from '../../pipeline/resources.js';
import { runStages } from '../../pipeline/runner.js';
import { compilePatternFile, PatternError } from './patterns.js';
import { loadEventsLexicon } from './lexicon.js';
import { createEventsStageFromLexicon } from './stage.js';
import type { Stage } from '../../pipeline/stage.js';
import type { Dependency } from '../../core/layers.js';

const base = createPipeline();
const lexicon = loadEventsLexicon(defaultLocations().dataDir);
const events = createEventsStageFromLexicon(lexicon);
const upstream = base.stages.filter((s) => !['coref', 'actors', 'events'].includes(s.name));


function code(text: string, table: Record<string, string> = {}, title?: string) {
  const doc = new Doc(text, { id: 't', published: '2024-01-13', ...(title ? { title } : {}) });
  runStages(doc, [...upstream, handActors(table), events], base.resources);
  return doc.get('events').map((e) => ({ ...e, dyad: `${e.source?.code ?? ''}>${e.target?.code ?? ''}` }));
}

test('a verb pattern: subject → object, CAMEO and PLOVER codes, the rule id, the trigger span', () => {
  // note: plain transitive verb with two named persons
  const text = 'Blinken praised Bárcena for the results.';
  const [e, ...rest] = code(text, { Blinken: 'USAGOV', Bárcena: 'MEXGOV' });
  assert.equal(rest.length, 0);
  assert.equal(e.dyad, 'USAGOV>MEXGOV');
  assert.deepEqual(e.cameo, { code: '051', root: '05', quadClass: 1, goldstein: 3.4 });
  assert.equal(e.plover.type, 'SUPPORT');
  assert.equal(e.rule, 'praise');
  assert.equal(text.slice(e.trigger.start, e.trigger.end), 'praised');
});

test('negation is a flag on the event, not a different code', () => {
  // note: "did not" + verb
  const [e] = code('Russia did not attack Ukraine on Monday.');
  assert.equal(e.dyad, 'RUS>UKR');
  assert.equal(e.modality.negated, true);
  assert.equal(e.cameo.root, '19');
});

test('modality: "will meet" is future and recoded as intent to meet (036); "could impose" is hypothetical', () => {
  // note: future auxiliary; PLOVER counts future cooperation as AGREE
  const [e] = code('Mexico will meet with Guatemala in February.');
  assert.equal(e.dyad, 'MEX>GTM');
  assert.equal(e.modality.future, true);
  assert.equal(e.cameo.code, '036');
  assert.equal(e.plover.type, 'AGREE');
  const [h] = code('Washington could impose sanctions on Venezuela.');
  assert.equal(h?.cameo.code, '163');
  assert.equal(h.modality.hypothetical, true);
});

test('passive voice: the by-phrase is the source, the subject the target', () => {
  // note: nsubj:pass + obl:agent
  const [e] = code('Bárcena was praised by Blinken on Friday.', { Blinken: 'USAGOV', Bárcena: 'MEXGOV' });
  assert.equal(e.dyad, 'USAGOV>MEXGOV');
  assert.equal(e.cameo.code, '051');
  assert.equal(e.date.value, '2024-01-12');
});

test('reported speech codes the reported act, not a statement by the speaker', () => {
  // note: X said (that) Y did Z
  const found = code('The State Department said Mexico deported hundreds of migrants.', { 'State Department': 'USAGOV' });
  assert.deepEqual(found.map((e) => `${e.cameo.code} ${e.dyad}`), ['174 MEX>']);
});

test('compound actors give one event per pair; a joint meeting of a group gives one event per pair', () => {
  // note: conjunction in the object; conjunction inside a nominal event
  const found = code('Canada criticized Mexico and Guatemala.');
  assert.deepEqual(found.map((e) => e.dyad), ['CAN>MEX', 'CAN>GTM']);
  const joint = code('The meeting of delegations from Brazil and Argentina ended.');
  assert.deepEqual(joint.map((e) => `${e.cameo.code} ${e.dyad}`), ['040 BRA>ARG']);
});

test('one-sided patterns need no target; others do (require-dyad)', () => {
  // note: deportation noun with a possessive source; a praise with no target is not coded
  const [d] = code("Mexico's increased deportations worried activists.");
  assert.equal(d.dyad, 'MEX>');
  assert.equal(d.cameo.code, '174');
  assert.equal(d.plover.mode, 'deport');
  assert.deepEqual(code('Mexico praised the results.'), []);
});

test('dates and places attach to the event: "on December 27 in Mexico City"', () => {
  // note: date and place on the clause of a nominal event; past date resolved against publication
  const [e] = code('Officials of Mexico and the United States held a meeting on December 27 in Mexico City.');
  assert.equal(e.date.value, '2023-12-27');
  assert.equal(e.date.precision, 'day');
  assert.equal(e.date.basis, 'text');
  assert.equal(e.place?.name.startsWith('Mexico City'), true);
});

test('without a date in the text, the event is dated by publication (basis "published")', () => {
  const [e] = code('Canada criticized Mexico.');
  assert.deepEqual(e.date, { value: '2024-01-13', precision: 'day', basis: 'published' });
});

test('size: the dead of an attack, the participants of a protest', () => {
  // note: quantity noun decides the field
  const [p] = code('More than 3,000 protesters demonstrated in Santiago on Sunday.', { protesters: 'CHLCVL' });
  assert.equal(p?.cameo.root, '14');
  assert.equal(p.size?.participants, 3000);
  assert.equal(p.place?.name.startsWith('Santiago'), true);
  const [a] = code('Rebels attacked Goma, killing 12 people.', { Rebels: 'CODREB' });
  assert.equal(a?.cameo.root, '19');
  assert.equal(a.size?.dead, 12);
});

test('contexts: from the CAMEO code and from the words of the sentence, with their triggers', () => {
  const [e] = code('Mexico will meet with the United States to discuss fentanyl trafficking.');
  assert.ok(e.plover.contexts.includes('illegal_drugs'));
  assert.ok(e.plover.contexts.includes('trafficking'));
  assert.ok(e.plover.triggers?.some((t) => t.text === 'fentanyl' && t.context === 'illegal_drugs'));
});

test('negative cases: a headline line, a statement with nothing coded inside, non-actor arguments', () => {
  assert.deepEqual(code('Joint Action Between the United States and Mexico\nCanada criticized Mexico.').map((e) => e.sentence), [1]);
  assert.deepEqual(code('The minister said the weather was fine.'), []);
  assert.deepEqual(code('The committee met the deadline.'), []);
});

test('a line of the text that repeats the story\'s title is its headline, in sentence case too', () => {
  const text = 'Canada criticizes Mexico over tariffs\nCanada criticized Mexico on Friday.';
  const table = { Canada: 'CAN', Mexico: 'MEX' };
  assert.deepEqual(code(text, table).map((e) => e.sentence), [0, 1], 'without a title the first line reads as a sentence');
  assert.deepEqual(code(text, table, 'Canada  criticizes Mexico over tariffs').map((e) => e.sentence), [1]);
  // The headline is not coded, but the group it names is remembered for the sentences after it.
  const story = 'Japan and Australia pledge closer defense ties\nThe two ministers agreed to expand joint exercises.';
  const coded = code(story, { Japan: 'JPN', Australia: 'AUS' }, 'Japan and Australia pledge closer defense ties');
  assert.deepEqual(
    coded.map((e) => [e.sentence, e.dyad]),
    [[1, 'JPN>AUS']],
  );
});

test('pattern format: errors name the file and line; ids are unique', () => {
  assert.equal(compilePatternFile('# comment\n040  meet  verb:meet  mutual future=036\n', 'x.txt')[0].future, '036');
  assert.throws(() => compilePatternFile('040 meet verb:meet bogus=1', 'x.txt'), (e: unknown) => e instanceof PatternError && /x\.txt:1/.test(e.message));
  assert.throws(() => compilePatternFile('040 a verb:meet\n041 a verb:call', 'x.txt'), /already used at x\.txt:1/);
  assert.throws(() => compilePatternFile('4x a verb:meet', 'x.txt'), /not a CAMEO code/);
});

test('every three-digit CAMEO code of the ontology has at least one pattern', () => {
  const covered = new Set(lexicon.patterns.map((p) => p.code.slice(0, 3)));
  const missing = lexicon.ontology.cameoCodes().filter((c) => c.code.length === 3 && !covered.has(c.code)).map((c) => c.code);
  assert.deepEqual(missing, []);
  for (const p of lexicon.patterns) assert.ok(lexicon.ontology.cameo(p.code), `${p.id}: ${p.code}`);
});

test('plover= and target-fallback=own in the pattern language', () => {
  const [p] = compilePatternFile('0813 lift-curfew verb:lift obj=curfew target=in target-fallback=own plover=CONCEDE\n', 'x.txt');
  assert.deepEqual(p.plover, { type: 'CONCEDE' });
  assert.equal(p.targetFallback, 'own');
  const [r] = compilePatternFile('0831 resign verb:resign one-sided plover=RETREAT/resign\n', 'x.txt');
  assert.deepEqual(r.plover, { type: 'RETREAT', mode: 'resign' });
  assert.throws(() => compilePatternFile('0831 resign verb:resign plover=retreat\n', 'x.txt'), PatternError);
  assert.throws(() => compilePatternFile('0831 resign verb:resign target-fallback=nowhere\n', 'x.txt'), PatternError);
});

test('lifting a curfew: CAMEO 0813, PLOVER CONCEDE (the PLOVER manual), the government\'s own country as target', () => {
  // note: no target phrase names an actor; the source's own country is the target of a domestic act
  const e = code("Kenya's government lifted the night curfew on Sunday.", { "Kenya's government": 'KENGOV' }).find((x) => x.rule === 'lift-curfew');
  assert.ok(e);
  assert.equal(e.cameo.code, '0813');
  assert.equal(e.plover.type, 'CONCEDE');
  assert.equal(e.dyad, 'KENGOV>KEN');
});

test('a resignation is RETREAT/resign (the PLOVER manual), CAMEO 0831', () => {
  const e = code('Boris Johnson resigned on Thursday.', { 'Boris Johnson': 'GBRGOV' }).find((x) => x.rule.startsWith('resign'));
  assert.ok(e);
  assert.equal(e.cameo.code, '0831');
  assert.equal(e.plover.type, 'RETREAT');
  assert.equal(e.plover.mode, 'resign');
});

test('agreeing without a complement clause, and a demand in a modal clause: the one asked is the target', () => {
  // note: "agreed to a framework" has no clausal complement
  const [a] = code('Japan agreed to a new trade framework with Australia.', { Japan: 'JPN', Australia: 'AUS' });
  assert.equal(a.cameo.code, '030');
  assert.equal(a.dyad, 'JPN>AUS');
  const d = code('Germany said Poland must return the paintings to their owners.', { Germany: 'DEU', Poland: 'POL' }).find((x) => x.rule === 'must');
  assert.ok(d);
  assert.equal(d.dyad, 'DEU>POL');
});

test('an act announced unless a condition is met is a threat; a refusal to yield is a rejection', () => {
  // note: "unless" turns an announced withdrawal into a threat (13); a negated release (084) is a refusal (124)
  const t = code('France said it will withdraw its troops from Mali unless the junta holds elections.', { France: 'FRA', Mali: 'MLI' });
  assert.ok(t.some((e) => e.cameo.code.startsWith('13') && e.dyad === 'FRA>MLI'), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
  const r = code('Iran said it would not release the detained sailors to Britain.', { Iran: 'IRN', Britain: 'GBR' });
  assert.ok(r.some((e) => e.cameo.code.startsWith('124') && e.plover.type === 'REJECT'), JSON.stringify(r.map((e) => [e.cameo.code, e.dyad])));
});

test('agent= and unknown-source in the pattern language', () => {
  const [p] = compilePatternFile('183 blast verb:kill agent=bomb|explosion target=obj unknown-source\n', 'x.txt');
  assert.deepEqual(p.agent, ['bomb', 'explosion']);
  assert.equal(p.unknownSource, true);
  assert.throws(() => compilePatternFile('183 blast noun:bombing agent=bomb\n', 'x.txt'), PatternError);
});

test('an attack whose only agent is a weapon: unknown source, the victims as target; a named bomber is the source', () => {
  // note: the one exception to require-dyad on the source side (pattern flag unknown-source)
  const a = code('A car bomb killed three Turkish soldiers near the border on Tuesday.').find((e) => e.rule === 'blast-casualties');
  assert.ok(a);
  assert.equal(a.source, null);
  assert.equal(a.target?.code.slice(0, 3), 'TUR');
  assert.equal(a.cameo.code, '183');
  assert.equal(a.plover.type, 'ASSAULT');
  const p = code('Two Kenyan policemen were killed by a roadside bomb in Mandera.').find((e) => e.rule === 'blast-casualties');
  assert.ok(p);
  assert.equal(p.source, null);
  assert.equal(p.target?.code.slice(0, 3), 'KEN');
  const named = code('A Shabaab bomb killed two Kenyan policemen.', { Shabaab: 'SOMREB' }).find((e) => e.rule === 'blast-casualties');
  assert.equal(named?.dyad.startsWith('SOMREB>KEN'), true);
  // without a victim actor, or not carried out, nothing is coded without its source
  assert.equal(code('A bomb exploded in a market.').length, 0);
  assert.equal(code('A bomb could kill Kenyan policemen.').filter((e) => e.source === null).length, 0);
});

test('coordinated nationality words on one noun give one actor per country', () => {
  // note: "Spanish and Moroccan patrol boats" is two actors in the same role
  const t = code('Spanish and Moroccan warships held joint naval exercises off Tangier on Monday.');
  assert.ok(t.some((e) => e.plover.type === 'COOPERATE' && e.dyad.startsWith('ESP') && e.dyad.includes('>MAR')), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('refusals of aid, opposition to mediation, calls for sanctions against a country', () => {
  // note: a negated 07 act is a refusal (122); "is opposed to" is a stative passive whose subject opposes
  const r = code('Jordan said it will not accept any more Syrian refugees.', { Jordan: 'JOR' });
  assert.ok(r.some((e) => e.cameo.code.startsWith('122') && e.plover.type === 'REJECT' && e.dyad.startsWith('JOR>')), JSON.stringify(r.map((e) => [e.cameo.code, e.dyad])));
  const o = code('Armenia is opposed to Turkish mediation in the talks.', { Armenia: 'ARM' });
  assert.ok(o.some((e) => e.cameo.code === '126' && e.dyad === 'ARM>TUR'), JSON.stringify(o.map((e) => [e.cameo.code, e.dyad])));
  const s = code('The opposition leader called for sanctions against Belarus on Friday.', { 'The opposition leader': 'LTUOPP' });
  assert.ok(s.some((e) => e.cameo.code === '111' && e.plover.type === 'ACCUSE' && e.dyad === 'LTUOPP>BLR'), JSON.stringify(s.map((e) => [e.cameo.code, e.dyad])));
});

test("a threat's target from the subject of its condition, also below the threatened act's own complement", () => {
  // note: the if-clause may hang below the threatened act's own complement
  const t = code('Iran threatened to suspend talks to limit its programme if Israel attacks its facilities.', { Iran: 'IRN', Israel: 'ISR' });
  assert.ok(t.some((e) => e.plover.type === 'THREATEN' && e.dyad === 'IRN>ISR'), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('a finite verb tagged as a participle after a sentence-initial name; an extradition to a country named in the sentence', () => {
  // note: the parser hung "extradited" on "Kenya" as a participle and everything else on another verb
  const t = code('Kenya extradited suspected Somali pirate Abdi Hassan to Somalia on Monday, a senior Kenyan police official said.', { Kenya: 'KEN' });
  assert.ok(t.some((e) => e.cameo.code === '063' && e.dyad === 'KEN>SOM'), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('a subject phrase without a predicate of its own is the subject of the participle or relative clause hung on it', () => {
  // note: the parser made "ministers" the root and "agreed" a participle on it; "welcomed" a relative clause on "government"
  const a = code('European Community foreign ministers agreed in principle on Saturday to provide about 70 million dollars of aid for Romania and Poland.', { 'European Community': 'IGOEEC' });
  assert.ok(a.some((e) => e.plover.type === 'AGREE' && e.dyad === 'IGOEEC>ROU'), JSON.stringify(a.map((e) => [e.cameo.code, e.dyad])));
  const w = code("The German government today welcomed President Reagan's latest policy statement.", { Reagan: 'USAGOV' });
  assert.ok(w.some((e) => e.plover.type === 'SUPPORT' && e.dyad.startsWith('DEU') && e.dyad.endsWith('>USAGOV')), JSON.stringify(w.map((e) => [e.cameo.code, e.dyad])));
  // a participle without an object or complement stays a participle: the soldiers are not the killers
  const k = code('Two Kenyan soldiers killed in the attack near Mandera, officials said.');
  assert.equal(k.filter((e) => e.source?.code.startsWith('KEN')).length, 0, JSON.stringify(k.map((e) => [e.cameo.code, e.dyad])));
});

test("the subject of a passive controls its complement and a coordinated verb with a tense of its own", () => {
  // note: "is prepared to impose" — the by-phrase-less passive's subject imposes; "has been indicted by the court … and will resign"
  const t = code("Iraq's interim government announced that it is prepared to impose martial law.");
  assert.ok(t.some((e) => e.plover.type === 'THREATEN' && e.source?.code.startsWith('IRQ')), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
  const r = code("Montenegro's prime minister has been indicted by the U.N. war crimes court and will resign.");
  const resign = r.find((e) => e.rule.startsWith('resign') || e.rule === 'agree-resign');
  assert.ok(resign && resign.source?.code.startsWith('MNE'), JSON.stringify(r.map((e) => [e.rule, e.cameo.code, e.dyad])));
  // not for a passive complement, nor for a coordinated verb with a subject of its own
  const c = code('LaSalle is expected to be charged today, Earley said.', { LaSalle: 'USACRM' });
  assert.equal(c.filter((e) => e.source?.code === 'USACRM').length, 0, JSON.stringify(c.map((e) => [e.rule, e.cameo.code, e.dyad])));
  const a = code("By the end a police officer's face had been hit with bricks, and 46 Greek protesters had been arrested.");
  assert.equal(a.filter((e) => e.rule.startsWith('arrest') && e.source !== null).length, 0, JSON.stringify(a.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('negotiators of two countries travelling somewhere for talks meet each other, not the place', () => {
  // note: pattern return-for-talks (mutual): Geneva is where they meet
  const t = code('U.S. and Russian negotiators return to Geneva this week for talks on limiting nuclear missiles.');
  assert.ok(t.some((e) => e.cameo.code === '040' && ['USA>RUS', 'RUS>USA'].includes(e.dyad)), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('a prepositional phrase on a conjunct of the object belongs to the whole coordinated object', () => {
  // note: the parser hung "to Macedonia" on "intelligence", itself a conjunct hung on the verb
  const t = code('The United States is providing aerial photographs and other military intelligence to Macedonia.');
  assert.ok(t.some((e) => e.plover.type === 'AID' && e.dyad === 'USA>MKD'), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('a demand whose that-clause the parser broke up: the first actor after "that" is the one asked', () => {
  // note: "demand" read as a piece (goeswith) of "its", "ease" as a noun; "grant" as a noun in a relative clause
  const d = code('The International Labor Office (ILO) reiterated its demand today that Israel ease restrictions on the movement of Palestinian workers.', { 'International Labor Office': 'IGOUNO' });
  assert.ok(d.some((e) => e.plover.type === 'REQUEST' && e.dyad === 'IGOUNO>ISR'), JSON.stringify(d.map((e) => [e.cameo.code, e.dyad])));
  const i = code("The main Hutu rebel group, Forces for Defence of Democracy (FDD), insisted on its demands that Burundi's government grant the Hutu majority more rights.", { 'Forces for Defence of Democracy': 'BDIREB' });
  assert.ok(i.some((e) => e.plover.type === 'REQUEST' && e.dyad.startsWith('BDIREB>BDI')), JSON.stringify(i.map((e) => [e.cameo.code, e.dyad])));
});

test('a participle on an issued statement is the act of whoever issued it', () => {
  // note: "issued a declaration demanding that …" — the declaration's issuer demands
  const t = code("The rebel Kurdistan Workers' Party issued a declaration demanding that the Turkish government provide information on its leader.", { "Kurdistan Workers' Party": 'TURREB' });
  assert.ok(t.some((e) => e.plover.type === 'REQUEST' && e.dyad.startsWith('TURREB>TUR')), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('a resultative "out of" phrase hung on the object still makes "forced … out" an expulsion', () => {
  // note: pp=out:* of pattern force-out satisfied by a phrase on the object
  const t = code('Jakarta forced the UN refugee agency, UNHCR, out of the country following the relief operation.', { Jakarta: 'IDNGOV', 'UN refugee agency': 'IGOUNO' });
  assert.ok(t.some((e) => e.cameo.code === '166' && e.plover.type === 'SANCTION' && e.dyad === 'IDNGOV>IGOUNO'), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('the deployment or arrival of peacekeepers is peacekeeping aid to the country where they go', () => {
  // note: pattern peacekeeping-deployment, the target from the sentence ("have arrived in Bosnia")
  const t = code('The first deployment of NATO peacekeeping troops have arrived in Kosovo, Defense Secretary William Perry said.', { NATO: 'IGOWSTNAT' });
  assert.ok(t.some((e) => e.cameo.code === '074' && e.plover.type === 'AID' && e.dyad === 'IGOWSTNAT>XKX'), JSON.stringify(t.map((e) => [e.cameo.code, e.dyad])));
});

test('two leaders named with their titles and joined by "and" meet each other, and each is the named person', () => {
  // note: the parser hangs "Todor Zhivkov" on "Muammar Gaddafi" (an apposition of "leader"), not on "leader"
  const table = { 'Muammar Gaddafi': 'LBYGOV', 'Todor Zhivkov': 'BGRGOV' };
  const m = code('Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov met in Tripoli on Monday.', table);
  assert.ok(m.some((e) => e.cameo.code === '040' && ['LBYGOV>BGRGOV', 'BGRGOV>LBYGOV'].includes(e.dyad)), JSON.stringify(m.map((e) => [e.cameo.code, e.dyad])));
  const s = code('Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov today signed a treaty of friendship and cooperation.', table);
  assert.ok(s.some((e) => e.cameo.root === '05' && ['LBYGOV>BGRGOV', 'BGRGOV>LBYGOV'].includes(e.dyad)), JSON.stringify(s.map((e) => [e.cameo.code, e.dyad])));
});

test('a crowd named by its sector alone is of the country where it acts; "people" are civilians', () => {
  // note: full pipeline (actor stage with data/actors/roles.tsv); the place comes from "in Hong Kong" / "in Caracas"
  const coded = (text: string) => base.annotate(text, { published: '2024-01-13' }).get('events').map((e) => `${e.cameo.code} ${e.source?.code ?? ''}>${e.target?.code ?? ''}`);
  assert.deepEqual(coded('Hundreds of thousands of people blocked streets in Hong Kong on Sunday.'), ['144 HKGCVL>']);
  assert.deepEqual(coded('Thousands of students demonstrated in Caracas on Monday.'), ['141 VENEDU>']);
  // a crowd whose country the text names keeps it
  assert.deepEqual(coded('Mexican students protested in Madrid on Monday.'), ['141 MEXEDU>']);
});

/**
 * Codes one sentence over a hand-made parse instead of the parser's: `tree` lists each token's text, its head (1-based
 * within the sentence, 0 = root) and relation, so a rule for a kind of misparse is tested whatever the shipped parser does.
 */
function codeTree(text: string, tree: ReadonlyArray<readonly [string, number, string]>, table: Record<string, string> = {}) {
  const handParse: Stage = {
    name: 'parse',
    version: 'test',
    reads: ['sentences', 'tokens', 'pos'],
    writes: ['deps'],
    run(doc) {
      const tokens = doc.get('tokens');
      assert.deepEqual(tokens.map((t) => t.text), tree.map((t) => t[0]));
      const items: Dependency[] = tree.map(([, h, deprel]) => ({ head: h === 0 ? -1 : h - 1, deprel }));
      return { layers: { deps: { items, prov: { stage: 'parse', version: 'test' } } } };
    },
  };
  const doc = new Doc(text, { id: 't', published: '2024-01-13' });
  runStages(doc, [...upstream.map((s) => (s.name === 'parse' ? handParse : s)), handActors(table), events], base.resources);
  return doc.get('events').map((e) => ({ ...e, dyad: `${e.source?.code ?? ''}>${e.target?.code ?? ''}` }));
}

test('a main verb with a subject but no auxiliary is active even when its subject is labelled nsubj:pass', () => {
  // note: "threatened" tagged VBN, "Pakistan" labelled nsubj:pass: no passive without an auxiliary in a main clause
  const text = 'Pakistan today threatened to break off diplomatic relations with Congo.';
  const tree = (subj: string, extra: ReadonlyArray<readonly [string, number, string]> = []) => [
    ['Pakistan', 3 + extra.length, subj], ...extra.map(([w, , r]) => [w, 3 + extra.length, r] as const), ['today', 3 + extra.length, 'obl:unmarked'], ['threatened', 0, 'root'],
    ['to', 5 + extra.length, 'mark'], ['break', 3 + extra.length, 'advcl'], ['off', 5 + extra.length, 'compound:prt'], ['diplomatic', 8 + extra.length, 'amod'],
    ['relations', 5 + extra.length, 'obj'], ['with', 10 + extra.length, 'case'], ['Congo', 5 + extra.length, 'obl'], ['.', 3 + extra.length, 'punct'],
  ] as const;
  const t = codeTree(text, tree('nsubj:pass'));
  assert.ok(t.some((e) => e.plover.type === 'THREATEN' && e.dyad === 'PAK>COD'), JSON.stringify(t.map((e) => [e.rule, e.cameo.code, e.dyad])));
  // with a passive auxiliary it stays a passive: Pakistan is the one threatened, not the one threatening
  const p = codeTree('Pakistan was today threatened to break off diplomatic relations with Congo.', tree('nsubj:pass', [['was', 0, 'aux:pass']]));
  assert.equal(p.filter((e) => e.plover.type === 'THREATEN' && e.source?.code === 'PAK').length, 0, JSON.stringify(p.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('a day or "today" parsed as a second object is not the object', () => {
  // note: "lifted Friday a day-old blockade": the pattern's obj=blockade condition reads the real object
  const text = 'The Israeli army lifted Friday a blockade on Palestinian lorries.';
  const t = codeTree(text, [
    ['The', 3, 'det'], ['Israeli', 3, 'amod'], ['army', 4, 'nsubj'], ['lifted', 0, 'root'], ['Friday', 4, 'obj'], ['a', 7, 'det'], ['blockade', 4, 'obj'],
    ['on', 10, 'case'], ['Palestinian', 10, 'amod'], ['lorries', 7, 'nmod'], ['.', 4, 'punct'],
  ]);
  assert.ok(t.some((e) => e.plover.type === 'RETREAT' && e.dyad.startsWith('ISR')), JSON.stringify(t.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('a coordinated verb right after a noun, with no conjunction of its own, takes that noun as its subject', () => {
  // note: "as" read as a preposition, "administration" hung on "crisis" and "closed" coordinated with "created"
  const text = 'The situation created a crisis with Mexico as the Biden administration closed several border points.';
  const t = codeTree(text, [
    ['The', 2, 'det'], ['situation', 3, 'nsubj'], ['created', 0, 'root'], ['a', 5, 'det'], ['crisis', 3, 'obj'], ['with', 7, 'case'], ['Mexico', 5, 'nmod'],
    ['as', 11, 'case'], ['the', 11, 'det'], ['Biden', 11, 'compound'], ['administration', 5, 'nmod'], ['closed', 3, 'conj'], ['several', 15, 'amod'],
    ['border', 15, 'compound'], ['points', 12, 'obj'], ['.', 3, 'punct'],
  ], { Biden: 'USAGOV' });
  assert.ok(t.some((e) => e.rule === 'close-border' && e.source?.code === 'USAGOV'), JSON.stringify(t.map((e) => [e.rule, e.cameo.code, e.dyad])));
  // a verb with its own "and" is a true conjunct: its subject is the first verb's
  const c = codeTree('The situation created a crisis with Mexico and the administration closed several border points.', [
    ['The', 2, 'det'], ['situation', 3, 'nsubj'], ['created', 0, 'root'], ['a', 5, 'det'], ['crisis', 3, 'obj'], ['with', 7, 'case'], ['Mexico', 5, 'nmod'],
    ['and', 11, 'cc'], ['the', 10, 'det'], ['administration', 5, 'nmod'], ['closed', 3, 'conj'], ['several', 14, 'amod'],
    ['border', 14, 'compound'], ['points', 11, 'obj'], ['.', 3, 'punct'],
  ], { administration: 'USAGOV' });
  assert.equal(c.filter((e) => e.rule === 'close-border' && e.source?.code === 'USAGOV').length, 0, JSON.stringify(c.map((e) => [e.rule, e.cameo.code, e.dyad])));
  // nor a noun inside a prepositional phrase: "Kalashnikovs" did not storm anything
  const k = codeTree('Paris witnessed a robbery when thieves armed with Kalashnikovs stormed an office of France.', [
    ['Paris', 2, 'nsubj'], ['witnessed', 0, 'root'], ['a', 4, 'det'], ['robbery', 2, 'obj'], ['when', 7, 'advmod'], ['thieves', 7, 'nsubj'], ['armed', 4, 'acl'],
    ['with', 9, 'case'], ['Kalashnikovs', 7, 'obl'], ['stormed', 2, 'conj'], ['an', 12, 'det'], ['office', 10, 'obj'], ['of', 14, 'case'], ['France', 12, 'nmod'], ['.', 2, 'punct'],
  ], { Kalashnikovs: 'USAMIL' });
  assert.equal(k.filter((e) => e.source?.code === 'USAMIL').length, 0, JSON.stringify(k.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('an indirect object without a direct one is the object', () => {
  // note: "its" labelled iobj with "demand" hung on it as a piece (goeswith); "that" read as a pronoun
  const text = 'The ILO reiterated its demand today that Israel ease restrictions.';
  const t = codeTree(text, [
    ['The', 2, 'det'], ['ILO', 3, 'nsubj'], ['reiterated', 0, 'root'], ['its', 3, 'iobj'], ['demand', 4, 'goeswith'], ['today', 5, 'obl:unmarked'],
    ['that', 6, 'amod'], ['Israel', 10, 'compound'], ['ease', 10, 'compound'], ['restrictions', 7, 'appos'], ['.', 3, 'punct'],
  ], { ILO: 'IGOUNO' });
  assert.ok(t.some((e) => e.plover.type === 'REQUEST' && e.dyad === 'IGOUNO>ISR'), JSON.stringify(t.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('a noun between a verb and an -ing form parsed as the subject of a clause is the verb\'s object', () => {
  // note: "blocked [the Europe Bridge spanning the Rhine]" parsed as a complement clause with "Bridge" its subject
  const text = 'Angry French paper workers blocked the Europe Bridge spanning the Rhine for three hours.';
  const t = codeTree(text, [
    ['Angry', 4, 'amod'], ['French', 4, 'amod'], ['paper', 4, 'compound'], ['workers', 5, 'nsubj'], ['blocked', 0, 'root'], ['the', 8, 'det'], ['Europe', 8, 'compound'],
    ['Bridge', 9, 'nsubj'], ['spanning', 5, 'ccomp'], ['the', 11, 'det'], ['Rhine', 9, 'obj'], ['for', 14, 'case'], ['three', 14, 'nummod'], ['hours', 9, 'obl'], ['.', 5, 'punct'],
  ]);
  assert.ok(t.some((e) => e.plover.type === 'PROTEST' && e.source?.code.startsWith('FRA')), JSON.stringify(t.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('a reported verb without a subject, its reporting verb with two: the one before the reported verb is its subject', () => {
  // note: "Zambia" and "official" both parsed as subjects of "said", "extradited" as its complement
  const text = 'Zambia extradited a militant to Britain on Sunday, an official said.';
  const t = codeTree(text, [
    ['Zambia', 12, 'nsubj'], ['extradited', 12, 'ccomp'], ['a', 4, 'det'], ['militant', 2, 'obj'], ['to', 6, 'case'], ['Britain', 2, 'obl'], ['on', 8, 'case'],
    ['Sunday', 2, 'obl'], [',', 2, 'punct'], ['an', 11, 'det'], ['official', 12, 'nsubj'], ['said', 0, 'root'], ['.', 12, 'punct'],
  ]);
  assert.ok(t.some((e) => e.cameo.code === '063' && e.dyad === 'ZMB>GBR'), JSON.stringify(t.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('argument actors from mentions, places and nationality words share one field order', async () => {
  const { argActor } = await import('./arguments.js');
  const fromMention = argActor({ code: 'USAGOV', name: 'Antony Blinken', actor: 'a1', text: 'Blinken', start: 0, end: 7, country: 'USA', via: 'mention' });
  const fromPlace = argActor({ code: 'PAN', name: 'Panama', text: 'Panama', start: 9, end: 15, country: 'PAN', via: 'place' });
  const fromWord = argActor({ code: 'MEX', text: 'Mexican', start: 20, end: 27, country: 'MEX', via: 'nationality' });
  const keys = ['code', 'name', 'actor', 'text', 'start', 'end', 'country', 'place', 'via'];
  for (const a of [fromMention, fromPlace, fromWord]) assert.deepEqual(Object.keys(a), keys);
  assert.equal(fromWord.name, undefined);
  assert.equal(JSON.stringify(fromWord), '{"code":"MEX","text":"Mexican","start":20,"end":27,"country":"MEX","via":"nationality"}');
});

test('a for-to infinitive hung on the reporting verb: the "for" phrase is its subject, the noun it hangs on its intent', () => {
  // note: "visit" hung on "announced" instead of "agreement" (the parser's reviser did so on the seed story)
  const text = 'The ministry announced an agreement for representatives of Mexico and the United States to visit Panama.';
  const t = codeTree(text, [
    ['The', 2, 'det'], ['ministry', 3, 'nsubj'], ['announced', 0, 'root'], ['an', 5, 'det'], ['agreement', 3, 'obj'], ['for', 7, 'case'],
    ['representatives', 5, 'nmod'], ['of', 9, 'case'], ['Mexico', 7, 'nmod'], ['and', 13, 'cc'], ['the', 13, 'det'], ['United', 13, 'compound'],
    ['States', 9, 'conj'], ['to', 15, 'mark'], ['visit', 3, 'advcl'], ['Panama', 15, 'obj'], ['.', 3, 'punct'],
  ]);
  const visits = t.filter((e) => e.trigger.text === 'visit');
  assert.deepEqual(visits.map((e) => `${e.cameo.code} ${e.dyad}`).sort(), ['036 MEX>PAN', '036 USA>PAN'], JSON.stringify(t.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('the root noun phrase of a full sentence whose only verb hangs on it is that verb\'s subject, unless the verb has an agent', () => {
  // note: "demonstrated" tagged as a participle and hung on "Thousands", the sentence's root
  const crowd = (last: string) => codeTree(`Thousands of Venezuelan students demonstrated in Caracas${last}`, [
    ['Thousands', 0, 'root'], ['of', 4, 'case'], ['Venezuelan', 4, 'amod'], ['students', 1, 'nmod'], ['demonstrated', 1, 'acl'], ['in', 7, 'case'],
    ['Caracas', 5, 'obl'], ...(last === '.' ? [['.', 1, 'punct'] as const] : []),
  ]);
  assert.deepEqual(crowd('.').map((e) => `${e.cameo.code} ${e.dyad}`), ['141 VEN>']);
  // a headline or caption (no full stop) may be a participle phrase: no event
  assert.deepEqual(crowd(''), []);
  // with an agent the participle is a passive: the crowd is not the one who acted
  const deported = codeTree('Thousands of Venezuelan migrants deported by Mexico.', [
    ['Thousands', 0, 'root'], ['of', 4, 'case'], ['Venezuelan', 4, 'amod'], ['migrants', 1, 'nmod'], ['deported', 1, 'acl'], ['by', 7, 'case'],
    ['Mexico', 5, 'obl:agent'], ['.', 1, 'punct'],
  ]);
  assert.ok(!deported.some((e) => e.source?.code?.startsWith('VEN')), JSON.stringify(deported.map((e) => [e.rule, e.cameo.code, e.dyad])));
});

test('an event noun: the subject of a verb that condemns or investigates it is not its source; a light verb\'s is', () => {
  // note: "condemned the bombing" (observer verb, data/events/observers.tsv) against "carried out a bombing"
  const condemned = code('Estrada condemned the bombing in Colombo.', { Estrada: 'PHLGOV' });
  assert.equal(condemned.filter((e) => e.cameo.root === '18').length, 0);
  assert.ok(condemned.some((e) => e.cameo.root === '11' && e.dyad.startsWith('PHLGOV')));
  const investigated = code('The FBI is investigating the shooting in Denver.', { FBI: 'USACOP' });
  assert.equal(investigated.filter((e) => e.cameo.root === '19').length, 0);
  const [done, ...others] = code('The Tigers carried out a bombing in Colombo.', { Tigers: 'LKAREB' });
  assert.equal(others.length, 0);
  assert.equal(done?.cameo.code, '183');
  assert.equal(done.dyad.split('>')[0], 'LKAREB');
});

test('a name before a bombing or shooting noun is its place or victim, not its author; victims in a passive are no source', () => {
  // note: "the Colombo bombing", "the Slepian shooting"; "were killed in the bombing"
  for (const text of ['The Colombo bombing shocked the country.', 'Police said the Slepian shooting was planned.']) {
    const found = code(text, { Slepian: 'USACVL' });
    assert.deepEqual(found.filter((e) => e.rule === 'bombing-noun' || e.rule === 'gunfire'), [], text);
  }
  const victims = code('Twelve tourists were killed in the Colombo bombing.', { tourists: 'USACVL' });
  assert.ok(victims.every((e) => !(e.rule === 'bombing-noun' && e.source !== undefined && e.source !== null)), JSON.stringify(victims.map((e) => [e.rule, e.dyad])));
});

test('missile strikes are military strikes, coded once when a verb launches them; a hunger strike stays a protest', () => {
  // note: noun:strike with obj=missile (195) against the labour strike (143); the noun's code wins over a verb pattern
  // naming it as its object (launch-attack, 190)
  const launched = code('The United States launched missile strikes on Sudan.');
  assert.deepEqual(launched.map((e) => [e.cameo.code, e.dyad]), [['195', 'USA>SDN']]);
  const strikes = code('American missile strikes on Sudan killed ten people at a factory on Thursday, officials said.');
  assert.ok(strikes.some((e) => e.cameo.code === '195' && e.dyad === 'USA>SDN'), JSON.stringify(strikes.map((e) => [e.cameo.code, e.dyad])));
  const hunger = code('Kurdish prisoners began a hunger strike in Ankara.', { 'Kurdish prisoners': 'TURCVL' });
  assert.ok(hunger.some((e) => e.cameo.root === '14'), JSON.stringify(hunger.map((e) => [e.cameo.code, e.dyad])));
});

test('sharing is cooperation only when information or know-how is shared', () => {
  // note: share-with needs an object such as intelligence; "exchanging communist rule for democracy" is no event
  assert.deepEqual(code('Poland and Hungary exchanged communist rule for democracy.').filter((e) => e.cameo.code === '064'), []);
  const [shared] = code('Poland shared intelligence with Hungary.');
  assert.equal(shared?.cameo.code, '064');
  assert.equal(shared.dyad, 'POL>HUN');
});

test('a place set before the act is where it happened, not its target', () => {
  // note: phraseTarget skips a fronted locative ("In Nairobi, …"); the deny pattern needs a target
  assert.deepEqual(code('In Nairobi, a police official denied the report.'), []);
});

test('intransitive in the pattern language: "demonstrated outside the embassy" is a protest, "demonstrate its support" is not', () => {
  // note: flag intransitive (verbs only); rally/demonstrate/march with a direct object are no protest
  const [p] = compilePatternFile('141 demo verb:demonstrate one-sided intransitive\n', 'x.txt');
  assert.equal(p.intransitive, true);
  assert.throws(() => compilePatternFile('141 demo noun:demonstration intransitive\n', 'x.txt'), PatternError);
  const protest = code('Opposition supporters demonstrated outside the parliament building in Nairobi on Monday against the new tax law.', { 'Opposition supporters': 'KENOPP' });
  assert.ok(protest.some((e) => e.rule === 'demonstrate'), JSON.stringify(protest.map((e) => [e.rule, e.dyad])));
  assert.deepEqual(code('Albright travelled to Nairobi to demonstrate American support for Kenya.', { Albright: 'USAGOV' }).filter((e) => e.cameo.root === '14' || e.cameo.code.startsWith('133')), []);
});

test('give X Y is aid only when what is given is aid, money or supplies', () => {
  // note: give-dative has an object condition; "give the boy a better life" is no event
  assert.deepEqual(code('His relatives said they can give the boy a better life in Miami.').filter((e) => e.cameo.root === '07'), []);
});

test('victims named by their sector take the country of the place in their phrase, unless it names two countries', () => {
  // note: localised() with the place on the argument's own head noun ("people in Kenya"); the full pipeline's actors
  const victims = (text: string) => base.code(text, { published: '2024-01-13' }).events.filter((e) => e.rule === 'blast-casualties').map((e) => e.target?.code);
  assert.deepEqual(victims('The embassy bombings last week killed 247 people in Kenya and ten in Tanzania, officials said.'), ['KENCVL']);
  assert.deepEqual(victims('The bombs killed 40 people in Nairobi and Dar es Salaam on Friday, police said.'), ['CVL']);
});

test('no fallback to a vaguer pattern of another kind: air strikes without a target are not a labour strike; war games are no attack', () => {
  // note: airstrike-noun matched but found no target actor; strike-noun (143) must not code it instead
  const strikes = code('Officials spoke of the threat of NATO air strikes against Milosevic on Friday.', { NATO: 'IGOWSTNAT' });
  assert.deepEqual(strikes.filter((e) => e.cameo.root === '14'), []);
  const games = code('French and Egyptian warships launched ten days of war games in the Mediterranean on Monday.');
  assert.deepEqual(games.filter((e) => e.cameo.root === '19'), []);
  assert.ok(games.some((e) => e.cameo.code === '062'), JSON.stringify(games.map((e) => [e.cameo.code, e.dyad])));
});

test('no-xcomp: "called X a hero" is no phone call and "fighting to keep the boy" no fight; a day after "called" is no "call on"', () => {
  // note: flag no-xcomp on phone and fight; pp=on:* does not take a weekday
  assert.deepEqual(code("Castro called the boy's father a hero on Friday, state television reported.", { Castro: 'CUBGOV' }), []);
  assert.deepEqual(code('The relatives are fighting to keep the boy in Miami, their lawyer said on Monday.', { relatives: 'USACVL', Miami: 'USA' }).filter((e) => e.cameo.root === '19'), []);
  assert.deepEqual(code('Rebels are fighting government troops near the border, the army said on Monday.', { Rebels: 'SDNREB', 'government troops': 'SDNMIL' }).map((e) => [e.cameo.code, e.dyad]), [['190', 'SDNREB>SDNMIL']]);
  const [called] = code('Castro called the Mexican president on Friday to discuss trade, officials said.', { Castro: 'CUBGOV', 'Mexican president': 'MEXGOV' });
  assert.equal(called?.cameo.code, '041');
  assert.throws(() => compilePatternFile('041 phone noun:call no-xcomp\n', 'x.txt'), PatternError);
});

test('"must have" is a guess about the past, not a demand', () => {
  // note: modalClause skips a modal before a perfect "have"
  assert.deepEqual(code('Iraq said Iran must not have fired the missiles, a spokesman said.', { Iraq: 'IRQ', Iran: 'IRN' }), []);
  assert.deepEqual(code('Iraq said Iran must withdraw its troops, a spokesman said.', { Iraq: 'IRQ', Iran: 'IRN' }).map((e) => [e.cameo.code, e.dyad]), [['100', 'IRQ>IRN']]);
});
