import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandIssuePhrase, IssueDictionary, parseIssues } from './issues.js';
import { fixture, words } from './fixtures.js';

const { text, file } = fixture('fictional.issues.txt');
const parsed = parseIssues(text, file);
const issues = new IssueDictionary(parsed.entries);

test('issue phrases: n: plurals, v: verb forms, + as blank or hyphen', () => {
  assert.deepEqual(expandIssuePhrase('n:treaty'), ['TREATY', 'TREATIES']);
  assert.deepEqual(expandIssuePhrase('peace v:talk'), ['PEACE TALK', 'PEACE TALKS', 'PEACE TALKED', 'PEACE TALKING']);
  assert.deepEqual(expandIssuePhrase('cease+fire'), ['CEASE FIRE', 'CEASE-FIRE']);
  assert.deepEqual(issues.codes(words('Freedonia and Sylvania signed two treaties')), [{ code: 'PEACE_TREATY', count: 1 }]);
  assert.deepEqual(issues.codes(words('the cease - fire held as peace talks resumed')), [
    { code: 'CEASEFIRE', count: 1 },
    { code: 'PEACE_TALKS', count: 1 },
  ]);
  // note: the hyphenated variant also has its joined form, for tokens kept whole
  assert.deepEqual(issues.codes(words('a ceasefire')), [{ code: 'CEASEFIRE', count: 1 }]);
  const found = issues.find(words('new tariffs on lemonade'));
  assert.deepEqual(found.map((m) => [m.code, m.category, m.at, m.length]), [['TRADE', 'ECONOMY', 1, 1]]);
});

test('exclusions: found in the sentence, no issue is coded', () => {
  const sentence = words('the Treaty of Duckburg ended the tariff war');
  assert.deepEqual(issues.find(sentence).map((m) => m.kind), ['exclude-sentence', 'issue']);
  assert.deepEqual(issues.codes(sentence), []);
  assert.equal(issues.find(words('a bowl of duck soup'))[0].kind, 'exclude-story');
});

test('negative cases: a phrase without a code and a line with two codes are reported by line', () => {
  assert.deepEqual(parsed.problems.map((p) => [p.file, p.line]), [[file, 11], [file, 12]]);
  assert.deepEqual(issues.codes(words('import duties rose')), []);
});
