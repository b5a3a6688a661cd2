import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline } from '../../pipeline/pipeline.js';
import { englishByFunctionWords } from './stage.js';

test('englishByFunctionWords: English function words outweigh those of the language franc chose', () => {
  assert.equal(englishByFunctionWords('Arab League Secretary General Chadli Klibi undertook mediation mission between Syria and Palestinian leader Yasser Arafat.', 'deu'), true);
  assert.equal(englishByFunctionWords('Die Regierung und die Opposition haben sich am Montag in Berlin getroffen, sagte der Sprecher.', 'deu'), false);
  assert.equal(englishByFunctionWords('Le gouvernement et l\'opposition se sont réunis lundi à Paris, a dit le porte-parole.', 'fra'), false);
});

test('the language stage keeps name-heavy English, and still stops German', () => {
  const pipeline = createPipeline({});
  assert.equal(pipeline.code('Arab League Secretary General Chadli Klibi undertook mediation mission between Syria and Palestinian leader Yasser Arafat.').language, 'en');
  const de = pipeline.code('Die Bundesregierung und die Opposition haben sich am Montag in Berlin getroffen, um über den Haushalt zu sprechen, sagte der Sprecher der Regierung.');
  assert.equal(de.language, 'de');
  assert.equal(de.events.length, 0);
});
