import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, words } from './fixtures.js';
import { loadDictionaries } from './load.js';
import { contentLines } from './source.js';

test('loadDictionaries: every kind from fictional files, problems with file and line', () => {
  const d = loadDictionaries({
    actors: [fixturePath('fictional.actors.txt')],
    agents: [fixturePath('fictional.agents.txt')],
    discards: [fixturePath('fictional.discards.txt')],
    issues: [fixturePath('fictional.issues.txt')],
    verbs: [fixturePath('fictional.verbs.txt')],
  });
  assert.equal(d.actors.match(words('Rufus T. Firefly'), 0)?.length, 3);
  assert.equal(d.agents.match(words('ambassadors'), 0)?.code, '~GOV');
  assert.equal(d.discards.match(words('the Duck Soup Festival'))?.kind, 'story');
  assert.equal(d.issues.codes(words('peace talks'))[0]?.code, 'PEACE_TALKS');
  assert.equal(d.verbs.blocks.length, 4);
  const where = (name: string): number[] => d.problems.filter((p) => p.file.endsWith(name)).map((p) => p.line);
  assert.deepEqual(where('fictional.actors.txt'), [27, 28, 30, 32, 33, 34]);
  assert.deepEqual(where('fictional.agents.txt'), [13, 14, 15, 16]);
  assert.deepEqual(where('fictional.discards.txt'), [6]);
  assert.deepEqual(where('fictional.issues.txt'), [11, 12]);
  assert.deepEqual(where('fictional.verbs.txt'), [19, 43, 44, 45, 46]);
});

test('loadDictionaries: a later file overrides an identical phrase; missing, binary and folder paths are problems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-dict-'));
  const override = join(dir, 'override.actors.txt');
  writeFileSync(override, '# a later file recodes Freedonia\nFREEDONIA_ [FRDX]\n');
  const binary = join(dir, 'binary.txt');
  writeFileSync(binary, Buffer.from([0x46, 0x52, 0x00, 0x01, 0x02]));
  const d = loadDictionaries({ actors: [fixturePath('fictional.actors.txt'), override, join(dir, 'missing.txt'), binary, dir] });
  const m = d.actors.match(words('Freedonia'), 0);
  assert.ok(m);
  assert.equal(d.actors.codeOn(m.entry), 'FRDX');
  const fileProblems = d.problems.filter((p) => p.line === 0).map((p) => [p.file, p.message]);
  assert.deepEqual(fileProblems, [
    [join(dir, 'missing.txt'), 'file not found'],
    [binary, 'file looks binary (NUL bytes), not a dictionary'],
    [dir, 'is a folder, not a file'],
  ]);
});

test('loadDictionaries: a Latin-1 file is read as Latin-1 and reported once at its first bad line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-dict-'));
  const latin1 = join(dir, 'latin1.actors.txt');
  writeFileSync(latin1, Buffer.concat([Buffer.from('# old file\nSYLVANIA_ [SYL]\nC'), Buffer.from([0xf4]), Buffer.from('TE_DE_SYLVANIE_ [SYL]\n')]));
  const d = loadDictionaries({ actors: [latin1] });
  assert.deepEqual(d.problems.map((p) => [p.line, p.message]), [[3, 'not valid UTF-8; read as Latin-1']]);
  assert.equal(d.actors.match(words('Côte de Sylvanie'), 0)?.length, 3);
});

test('comments: # anywhere, <!-- --> inline and over lines, old ; comments for verbs; line numbers kept', () => {
  const text = '# head\nA [X] # tail\nB <!-- inline --> [Y]\n<!-- open\nstill\nclose --> C [Z]\nD ; old\n';
  assert.deepEqual(contentLines(text), [
    { line: 2, text: 'A [X]' },
    { line: 3, text: 'B   [Y]' },
    { line: 6, text: ' C [Z]' },
    { line: 7, text: 'D ; old' },
  ]);
  assert.deepEqual(contentLines(text, { semicolonComments: true }).at(-1), { line: 7, text: 'D' });
});
