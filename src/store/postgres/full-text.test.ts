import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError } from '../store.js';
import { foldText, searchToTsquery, tsvectorLiteral, wordsOf } from './full-text.js';

test('words are runs of letters and digits, lowercased, diacritics removed, as FTS5 unicode61 with remove_diacritics 2 makes them', () => {
  assert.equal(foldText('Bárcena, Arévalo de León — ÇA'), 'barcena, arevalo de leon — ca');
  assert.deepEqual(wordsOf('U.S. Secretary Blinken’s talks on 12/01/2024 🇺🇸 İstanbul'), ['u', 's', 'secretary', 'blinken', 's', 'talks', 'on', '12', '01', '2024', 'istanbul']);
  assert.deepEqual(wordsOf('x'.repeat(3000) + ' kept'), ['kept'], 'a "word" too long for an index is left out');
});

test('a tsvector literal lists each word once with all its positions', () => {
  assert.equal(tsvectorLiteral('Blinken met Bárcena; Bárcena met Blinken.'), "'blinken':1,6 'met':2,5 'barcena':3,4");
  assert.equal(tsvectorLiteral('...'), '');
});

test('FTS5 searches become tsqueries: implicit AND, phrases, prefixes, NOT above AND above OR, parentheses, the evidence column', () => {
  const cases: Array<[string, string | null]> = [
    ['Blinken', "('blinken')"],
    ['Blinken Bárcena', "(('blinken') & ('barcena'))"],
    ['Blinken AND border OR wall', "((('blinken') & ('border')) | ('wall'))"],
    ['Blinken OR border AND wall', "(('blinken') | (('border') & ('wall')))"],
    ['border NOT Biden', "(('border') & !('biden'))"],
    ['a NOT b NOT c', "((('a') & !('b')) & !('c'))"],
    ['"border crossings"', "('border' <-> 'crossings')"],
    ['"U.S." talks', "(('u' <-> 's') & ('talks'))"],
    ['cross*', "('cross':*)"],
    ['"southern bor"*', "('southern' <-> 'bor':*)"],
    ['one + two', "('one' <-> 'two')"],
    ['(Tokyo OR Darién) migrants', "((('tokyo') | ('darien')) & ('migrants'))"],
    ['evidence:Tokyo', "('tokyo')"],
    ['"" OR Tokyo', "('tokyo')"],
    ['"..."', null],
    ['"it\'s"', "('it' <-> 's')"],
    ['and or not', "((('and') & ('or')) & ('not'))"],
  ];
  for (const [search, tsquery] of cases) assert.equal(searchToTsquery(search), tsquery, search);
});

test('malformed searches are BAD_QUERY errors that say what is wrong', () => {
  const cases: Array<[string, RegExp]> = [
    ['"border', /unterminated string/],
    ['', /syntax error/],
    ['AND', /syntax error near "AND"/],
    ['border AND', /syntax error near ""/],
    ['(border', /syntax error/],
    ['border)', /syntax error near "\)"/],
    ['a-b', /syntax error near "-"/],
    ['title:Blinken', /no such column: title/],
    ['NEAR(a b)', /NEAR groups are not supported/],
    ['^Blinken', /not supported/],
  ];
  for (const [search, why] of cases) {
    assert.throws(() => searchToTsquery(search), (e: unknown) => e instanceof StoreError && e.code === 'BAD_QUERY' && why.test(e.message), search);
  }
});
