/** Test helpers: paths of the fictional fixture dictionaries (src/knowledge/petrarch/fixtures/). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../models/paths.js';

export function fixturePath(name: string): string {
  return join(packageRoot(), 'src', 'knowledge', 'petrarch', 'fixtures', name);
}

export function fixture(name: string): { text: string; file: string } {
  const file = fixturePath(name);
  return { text: readFileSync(file, 'utf8'), file };
}

/** Splits a sentence on blanks, as token texts (tests write tokens the way our tokenizer cuts them). */
export function words(sentence: string): string[] {
  return sentence.split(' ').filter((w) => w !== '');
}
