import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isJoiner, normalizeWord, parsePhrase, PhraseIndex, pluralOf } from './words.js';
import { words } from './fixtures.js';

test('normalizeWord: case, periods, hyphens, apostrophes, diacritics and edge punctuation', () => {
  assert.equal(normalizeWord('Freedonia'), 'FREEDONIA');
  // note: abbreviations lose their periods, so U.S. and U.S and US meet
  assert.equal(normalizeWord('U.S.'), 'US');
  assert.equal(normalizeWord('u.s'), 'US');
  assert.equal(normalizeWord('5.25'), '5.25');
  assert.equal(normalizeWord('e-mail'), 'EMAIL');
  // note: clitic tokens keep their apostrophe; curly apostrophes fold
  assert.equal(normalizeWord("'s"), "'S");
  assert.equal(normalizeWord('’s'), "'S");
  assert.equal(normalizeWord("d'Ivoire"), "D'IVOIRE");
  assert.equal(normalizeWord('(US)'), 'US');
  assert.equal(normalizeWord('Bárcena'), 'BARCENA');
  assert.equal(normalizeWord('Дума'), 'ДУМА');
  for (const p of ['-', '(', ',', "'", '“', '—', '🙂']) assert.equal(normalizeWord(p), '', p);
  assert.ok(isJoiner('-') && isJoiner('(') && isJoiner('”') && !isJoiner(',') && !isJoiner("'s"));
});

test('parsePhrase cuts dictionary phrases the way the tokenizer cuts text', () => {
  assert.deepEqual(parsePhrase('AFGHAN_NATIONAL_ARMY'), { variants: [['AFGHAN', 'NATIONAL', 'ARMY']], exact: false });
  assert.deepEqual(parsePhrase('ACADEMY AWARD_'), { variants: [['ACADEMY', 'AWARD']], exact: true });
  // note: clitic split as "People 's"; hyphenated compound split, with a joined variant
  assert.deepEqual(parsePhrase("PEOPLE'S_ARMY_").variants, [['PEOPLE', "'S", 'ARMY']]);
  assert.deepEqual(parsePhrase('MAZAR-I-SHARIF_').variants, [['MAZAR', 'I', 'SHARIF'], ['MAZARISHARIF']]);
  // note: a last word written with a period is matched whole even without "_"
  assert.equal(parsePhrase('+U.S.'.slice(1)).exact, true);
  assert.deepEqual(parsePhrase('_').variants, []);
  assert.deepEqual([pluralOf('ARMY'), pluralOf('ATTORNEY'), pluralOf('BOSS'), pluralOf('CHURCH'), pluralOf('GUN')], ['ARMIES', 'ATTORNEYS', 'BOSSES', 'CHURCHES', 'GUNS']);
});

test('PhraseIndex: longest match, stems on the last word only, joiner tokens skipped inside a phrase', () => {
  const index = new PhraseIndex<string>();
  index.add(['SYLVANIA'], false, 'stem');
  index.add(['SYLVANIA', 'ARMY'], true, 'army');
  index.add(['GROUP', 'A'], true, 'group');
  index.add(['MAZAR', 'I', 'SHARIF'], true, 'city');
  index.add(['US'], false, 'short'); // shorter than a stem: whole word only
  const m = (s: string, at = 0): [number, string] | undefined => {
    const r = index.match(words(s), at);
    return r && [r.length, r.phrase.value];
  };
  assert.deepEqual(m('Sylvanians attacked'), [1, 'stem']);
  assert.deepEqual(m('Sylvania army units'), [2, 'army']);
  // note: only the last word may be a stem
  assert.deepEqual(m('Sylvanian army'), [1, 'stem']);
  assert.deepEqual(m('group A'), [2, 'group']);
  assert.equal(m('group AB'), undefined);
  assert.deepEqual(m('Mazar - i - Sharif fell'), [5, 'city']);
  assert.equal(m('using force'), undefined);
  assert.deepEqual(m('the U.S. said', 1), [1, 'short']);
  // note: a phrase never starts on a punctuation token
  assert.equal(m('- Sylvania'), undefined);
});
