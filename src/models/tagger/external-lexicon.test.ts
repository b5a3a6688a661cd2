import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExternalLexicon, externalClassLookup, externalEntries, type ExternalLexicon } from './external-lexicon.js';

test('external lexicon: regular -ed forms and base verbs get both tags of their pair; hand-written additions are read', () => {
  const built = buildExternalLexicon(() => false);
  assert.ok(built.classOf.length > 50_000);
  const classOf = externalClassLookup(built);
  const tagsOf = (w: string): string[] => built.classes[classOf(w)].split(' ');
  // The package lists "extradited" as VBN only and "obfuscate" as VB only.
  assert.deepEqual(tagsOf('extradited').sort(), ['VBD', 'VBN']);
  assert.deepEqual(tagsOf('obfuscate').sort(), ['VB', 'VBP']);
  // data/pos/lexicon-extra.tsv
  assert.deepEqual(tagsOf('emailed'), ['VBD', 'VBN']);
  // Known forms are left out on request.
  const partial = buildExternalLexicon((w) => w === 'extradited');
  assert.equal(externalClassLookup(partial)('extradited'), -1);
  assert.ok(externalClassLookup(partial)('obfuscate') >= 0);
});

test('external lexicon: the lookup finds every form with its tags and nothing else', () => {
  const built = buildExternalLexicon(() => false);
  const classOf = externalClassLookup(built);
  const { words } = externalEntries();
  assert.equal(built.classOf.length, words.size);
  for (const [word, tags] of words) assert.equal(built.classes[classOf(word)], tags, word);
  for (const absent of ['', 'zzzzzzzzzz', '\u0000', 'Extradited-', 'the\nthe', '__proto__', 'constructor']) {
    assert.equal(classOf(absent), words.has(absent) ? built.classes.indexOf(words.get(absent)!) : -1, JSON.stringify(absent));
  }
});

test('external lexicon lookup: binary search over a small and an empty lexicon', () => {
  const lexicon: ExternalLexicon = { source: 'test', classes: ['NN', 'VB'], forms: ['Zed', 'apple', 'run', 'é'].join('\n'), classOf: [0, 0, 1, 0] };
  const classOf = externalClassLookup(lexicon);
  assert.deepEqual(['Zed', 'apple', 'run', 'é', 'Apple', 'ru', 'runs', ''].map(classOf), [0, 0, 1, 0, -1, -1, -1, -1]);
  assert.equal(externalClassLookup({ source: 'test', classes: [], forms: '', classOf: [] })('a'), -1);
});
