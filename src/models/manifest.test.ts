import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readManifest, updateManifest, weightsRecord } from './manifest.js';

test('weightsRecord describes the weights file as written, and updateManifest stores it with the rest of the entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-manifest-'));
  try {
    const bytes = Buffer.from('weights of a tiny model');
    writeFileSync(join(dir, 'tiny.bin'), bytes);
    const before = Date.now();
    const record = weightsRecord(dir, 'tiny.bin', 'tiny-1');
    assert.equal(record.file, 'tiny.bin');
    assert.equal(record.bytes, bytes.length);
    assert.equal(record.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(record.version, 'tiny-1');
    assert.ok(Date.parse(record.trainedAt) >= before - 1000, 'stamped now');
    updateManifest(dir, 'tiny', { ...record, corpora: [], dev: { 'x.acc': 0.5 } });
    const entry = readManifest(dir).models.tiny;
    assert.deepEqual(Object.keys(entry), ['file', 'sha256', 'bytes', 'version', 'trainedAt', 'corpora', 'dev'], 'the usual field order');
    assert.equal(entry.sha256, record.sha256);
    assert.throws(() => weightsRecord(dir, 'missing.bin', 'v'), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
