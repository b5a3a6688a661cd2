import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExternalLexicon } from './external-lexicon.js';

test('external lexicon: regular -ed forms and base verbs get both tags of their pair; hand-written additions are read', () => {
  const built = buildExternalLexicon(() => false);
  assert.ok(Object.keys(built.words).length > 50_000);
  const tagsOf = (w: string): string[] => built.classes[built.words[w]].split(' ');
  // The package lists "extradited" as VBN only and "obfuscate" as VB only.
  assert.deepEqual(tagsOf('extradited').sort(), ['VBD', 'VBN']);
  assert.deepEqual(tagsOf('obfuscate').sort(), ['VB', 'VBP']);
  // data/pos/lexicon-extra.tsv
  assert.deepEqual(tagsOf('emailed'), ['VBD', 'VBN']);
  // Known forms are left out on request.
  const partial = buildExternalLexicon((w) => w === 'extradited');
  assert.equal(Object.hasOwn(partial.words, 'extradited'), false);
});
