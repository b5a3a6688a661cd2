import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPipeline } from '../../pipeline/pipeline.js';
import { runCode } from './code.js';

test('code waits for the output to drain after each document (a slow reader does not make the output pile up)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-code-drain-'));
  try {
    const texts = ['Mexico and Guatemala signed a border accord on Friday.', 'Police arrested 40 protesters in Lima.', 'The minister met the ambassador in Rome.'];
    texts.forEach((t, i) => writeFileSync(join(dir, `story-${i}.txt`), t));
    const log: string[] = [];
    let pending = 0;
    const write = (s: string): void => {
      assert.equal(pending, 0, 'nothing is written while the output has not drained');
      if (s.endsWith('\n')) log.push('line');
    };
    const drained = async (): Promise<void> => {
      log.push('drain');
      pending++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      pending--;
    };
    const counts = await runCode(createPipeline(), [dir], { format: 'jsonl', quiet: true, maxDocBytes: 1_000_000 }, write, drained);
    assert.equal(counts.documents, 3);
    assert.deepEqual(log, ['line', 'drain', 'line', 'drain', 'line', 'drain']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
