import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPipeline } from '../../pipeline/pipeline.js';
import { writeJsonLine } from './json.js';

const line = (value: object): string => {
  const parts: string[] = [];
  writeJsonLine(value, (s) => parts.push(s));
  return parts.join('');
};

test('a JSON line written in pieces is JSON.stringify of the whole, byte for byte', () => {
  const text = readFileSync(new URL('../../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url), 'utf8');
  const coded = createPipeline().code(text, { published: '2024-01-13', source: 'EFE' });
  assert.equal(line(coded), JSON.stringify(coded) + '\n');
  for (const value of [{}, { a: undefined }, { a: undefined, b: 1 }, { a: 1, b: undefined, c: () => 1, 'd"\u2028': '“x”', e: [undefined, null], f: { toJSON: () => 'y' } }, { toJSON: () => ({ z: 1 }) }, new Date(0)]) {
    assert.equal(line(value), JSON.stringify(value) + '\n');
  }
});
