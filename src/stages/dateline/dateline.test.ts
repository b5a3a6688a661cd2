import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDateline } from './find.js';

test('wire datelines are found with place and agency', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['Washington, (EFE).- US Secretary of State Antony Blinken congratulated', 'Washington, (EFE).-', 'Washington', 'EFE'],
    ['WASHINGTON (Reuters) - The U.S. Senate on Tuesday', 'WASHINGTON (Reuters) -', 'WASHINGTON', 'Reuters'],
    ['MEXICO CITY, Jan 12 (Reuters) - Mexico said', 'MEXICO CITY, Jan 12 (Reuters) -', 'MEXICO CITY', 'Reuters'],
    ['BEIRUT, Lebanon (AP) — Israeli strikes', 'BEIRUT, Lebanon (AP) —', 'BEIRUT', 'AP'],
    ['LONDON — Britain said on Monday', 'LONDON —', 'LONDON', undefined],
  ];
  for (const [text, expected, place, agency] of cases) {
    const found = findDateline(text);
    assert.ok(found, `no dateline in: ${text}`);
    assert.equal(found.text, expected);
    assert.equal(text.slice(found.start, found.end), expected);
    assert.equal(found.place, place);
    assert.equal(found.agency, agency);
  }
});

test('ordinary opening sentences are not datelines', () => {
  for (const text of [
    'Washington said on Friday that talks would resume.',
    'The head of US diplomacy conveyed this message.',
    'Mexico (the country) - a note',
    'US and Mexico — a history',
  ]) {
    assert.equal(findDateline(text), null, text);
  }
});
