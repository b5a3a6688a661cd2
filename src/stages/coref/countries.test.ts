import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultGazetteerDir, loadGazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import { countryResolver, oneEdit } from './countries.js';

test('oneEdit: a letter left out, added, changed, or two neighbours swapped', () => {
  assert.equal(oneEdit('ethopia', 'ethiopia'), true);
  assert.equal(oneEdit('afganistan', 'afghanistan'), true);
  assert.equal(oneEdit('keyna', 'kenya'), true);
  assert.equal(oneEdit('nigerria', 'nigeria'), true);
  assert.equal(oneEdit('zambia', 'zambia'), false);
  assert.equal(oneEdit('austria', 'australia'), false);
  assert.equal(oneEdit('moreno', 'morocco'), false);
});

test('countryResolver: a misspelt country name of six letters or more, only without another reading', () => {
  const countryOf = countryResolver(loadGazetteer(defaultGazetteerDir()));
  assert.equal(countryOf('Ethopia'), 'ETH');
  assert.equal(countryOf('Afganistan'), 'AFG');
  assert.equal(countryOf('Ethiopia'), 'ETH');
  // too short to guess, lowercase, or as close to two countries (Zambia, Gambia)
  assert.equal(countryOf('Irag'), undefined);
  assert.equal(countryOf('ethopia'), undefined);
  assert.equal(countryOf('Xambia'), undefined);
  // a name of some other place is that place, not a misspelt country
  assert.equal(countryOf('Samarra'), undefined);
});
