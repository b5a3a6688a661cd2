import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActorDictionary, isoDate, parseActors, parseDatedCode } from './actors.js';
import { fixture, words } from './fixtures.js';

const { text, file } = fixture('fictional.actors.txt');
const parsed = parseActors(text, file);
const actors = new ActorDictionary(parsed.entries);

function codeOf(sentence: string, at: number, date?: string): [number, string | undefined] | undefined {
  const m = actors.match(words(sentence), at);
  return m && [m.length, actors.codeOn(m.entry, date)];
}

test('dates: YYMMDD and YYYYMMDD to ISO; 00-30 are 20YY, 31-99 are 19YY; impossible days rejected', () => {
  assert.equal(isoDate('331117'), '1933-11-17');
  assert.equal(isoDate('300101'), '2030-01-01');
  assert.equal(isoDate('310101'), '1931-01-01');
  assert.equal(isoDate('19270101'), '1927-01-01');
  assert.equal(isoDate('20000229'), '2000-02-29');
  assert.match(isoDate('19000229'), /^!.*not a calendar day/);
  assert.match(isoDate('3301017'), /^!.*7 digits/);
  assert.deepEqual(parseDatedCode('EGYGOV > 140608'), { code: 'EGYGOV', from: '2014-06-08' });
  assert.deepEqual(parseDatedCode('AFGGOV <011222'), { code: 'AFGGOV', to: '2001-12-22' });
  assert.deepEqual(parseDatedCode('AFGELI 320101-331108'), { code: 'AFGELI', from: '1932-01-01', to: '1933-11-08' });
  assert.deepEqual(parseDatedCode('---'), { code: '---' });
});

test('entries: + synonyms, inline and indented code lines, lines without codes sharing the codes below', () => {
  const firefly = parsed.entries.find((e) => e.phrases.some((p) => p.join(' ') === 'RUFUS T FIREFLY'));
  assert.ok(firefly);
  assert.deepEqual(firefly.codes, [
    { code: 'FRDELI', from: '1933-01-01', to: '1933-11-17' },
    { code: 'FRDGOV', from: '1933-11-17' },
    { code: 'FRDELI' },
  ]);
  assert.deepEqual(firefly.source, { file, line: 14 });
  const trentino = parsed.entries.find((e) => e.phrases.some((p) => p.join(' ') === 'TRENTINO'));
  assert.deepEqual(trentino?.phrases, [['TRENTINO'], ['CHICOLINI']]);
  const teasdale = parsed.entries.find((e) => e.phrases.some((p) => p[0] === 'MRS'));
  assert.deepEqual(teasdale?.codes, [{ code: 'FRDELI', from: '1931-01-01', to: '2030-01-01' }, { code: 'FRDGOV' }]);
});

test('match: longest phrase from a token, synonyms, stems and tokenizer-shaped phrases', () => {
  assert.deepEqual(codeOf('Freedonia said', 0), [1, 'FRD']);
  assert.deepEqual(codeOf('the Republic of Freedonia said', 1), [3, 'FRD']);
  // note: clitic, hyphens and abbreviation as our tokenizer splits them
  assert.deepEqual(codeOf("People 's Assembly of Freedonia voted", 0), [5, 'FRD']);
  assert.deepEqual(codeOf('Freedonia - on - Sea harbour', 0), [5, 'FRD']);
  assert.deepEqual(codeOf('U.S. of Freedonia', 0), [3, 'FRD']);
  // note: SYLVANIA has no trailing underscore, so it is a stem; FREEDONIAN_ is whole-word only
  assert.deepEqual(codeOf('Sylvanians protested', 0), [1, 'SYL']);
  assert.equal(codeOf('Freedonians protested', 0), undefined);
  assert.deepEqual(codeOf('Ambassador Trentino of Sylvania arrived', 0), [4, 'SYL']);
  assert.equal(codeOf('Groucho arrived', 0), undefined);
});

test('codeOn: the dated code valid on the day (from inclusive, to exclusive), else the undated one', () => {
  assert.deepEqual(codeOf('Rufus T. Firefly', 0, '1933-06-01'), [3, 'FRDELI']);
  assert.deepEqual(codeOf('Rufus T. Firefly', 0, '1933-11-17'), [3, 'FRDGOV']);
  assert.deepEqual(codeOf('Rufus T. Firefly', 0, '2024-01-13'), [3, 'FRDGOV']);
  assert.deepEqual(codeOf('Rufus T. Firefly', 0, '1920-01-01'), [3, 'FRDELI']);
  assert.deepEqual(codeOf('Rufus T. Firefly', 0), [3, 'FRDELI']);
  assert.deepEqual(codeOf('Chicolini', 0, '1932-05-05'), [1, 'SYLGOV']);
  assert.deepEqual(codeOf('Chicolini', 0, '1929-12-31'), [1, 'SYLELI']);
  // note: only dated codes, and none valid then: no code
  assert.deepEqual(codeOf('Chicolini', 0, '1936-01-01'), [1, undefined]);
  assert.deepEqual(codeOf('Chicolini', 0), [1, undefined]);
  assert.deepEqual(codeOf('Pinky', 0, '1932-12-31'), [1, undefined]);
  assert.deepEqual(codeOf('Pinky', 0, '1933-01-01'), [1, 'MRX']);
});

test('negative cases: malformed lines are reported with their line and skipped, the rest still loads', () => {
  assert.deepEqual(
    parsed.problems.map((p) => [p.line, p.file === file]),
    [27, 28, 30, 32, 33, 34].map((l) => [l, true]),
  );
  assert.match(parsed.problems[0].message, /ends before it starts/);
  assert.match(parsed.problems[1].message, /7 digits/);
  assert.match(parsed.problems[3].message, /no code/);
  // note: MARXONIA keeps its good codes and synonym; the broken entry takes its synonym with it
  assert.deepEqual(codeOf('Marxonian troops', 0), [1, 'MRX']);
  assert.equal(codeOf('orphan synonym', 0), undefined);
  assert.equal(codeOf('Duckburg', 0), undefined);
});
