import { test } from 'node:test';
import { francAll } from 'franc';
import assert from 'node:assert/strict';
import { createPipeline } from '../../pipeline/pipeline.js';
import { Doc } from '../../core/document.js';
import type { Resources } from '../../pipeline/resources.js';
import { CANDIDATES, clearlyEnglish, englishByFunctionWords, languageStage } from './stage.js';

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

test('clearlyEnglish: plain English news skips franc; other languages, and English too short to tell, do not', () => {
  const english =
    'The government said on Tuesday that it would close the border with Guatemala, after talks between the two countries ' +
    'failed. The ministers, who have met twice this month, were unable to agree on the number of migrants that the ' +
    'shelters can take, according to a statement from the foreign ministry.';
  assert.equal(clearlyEnglish(english), true);
  assert.equal(clearlyEnglish('Arab League Secretary General Chadli Klibi undertook mediation mission between Syria and Palestinian leader Yasser Arafat.'), false);
  const others = [
    'Die Bundesregierung und die Opposition haben sich am Montag in Berlin getroffen, um über den Haushalt zu sprechen, sagte der Sprecher der Regierung. Die Gespräche werden am Freitag fortgesetzt.',
    "Le gouvernement et l'opposition se sont réunis lundi à Paris pour discuter du budget, a dit le porte-parole. Les discussions reprendront vendredi, selon le ministère.",
    'El gobierno y la oposición se reunieron el lunes en Madrid para hablar del presupuesto, dijo el portavoz. Las conversaciones seguirán el viernes, según el ministerio.',
    'O governo e a oposição reuniram-se na segunda-feira em Lisboa para discutir o orçamento, disse o porta-voz. As conversas continuam na sexta-feira, segundo o ministério.',
    'De regering en de oppositie hebben maandag in Den Haag vergaderd over de begroting, zei de woordvoerder. Het overleg is vrijdag, en dat was al bekend, of niet?',
    'Rząd i opozycja spotkali się w poniedziałek w Warszawie, aby rozmawiać o budżecie, powiedział rzecznik. To jest ważne, a rozmowy będą kontynuowane w piątek.',
    "Il governo e l'opposizione si sono riuniti lunedì a Roma per discutere del bilancio, ha detto il portavoce. I colloqui continueranno venerdì, secondo il ministero.",
  ];
  for (const text of others) assert.equal(clearlyEnglish(text), false, text.slice(0, 30));
});

test('franc agrees with the shortcut: plain English scores English with 1.0, as the layer records it', () => {
  const text =
    'The government said on Tuesday that it would close the border with Guatemala, after the talks between the two countries failed, and that the ministers who have met twice were unable to agree.';
  assert.equal(clearlyEnglish(text), true);
  assert.deepEqual(francAll(text, { only: CANDIDATES, minLength: 10 })[0], ['eng', 1]);
  const out = languageStage.run(new Doc(text, { id: 't' }), {} as Resources);
  assert.deepEqual(out.layers.language, { code: 'en', iso6393: 'eng', confidence: 1, prov: { stage: 'language', model: 'franc', version: '1.0.0' } });
  assert.equal(out.diagnostics, undefined);
});
