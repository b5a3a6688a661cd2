#!/usr/bin/env node
// Compiles the human-editable lexicons under data/ (TSV with '#' comment lines) into compact JSON
// under dist/data/, which the runtime loads. Each TSV file becomes an array of rows (string arrays).
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'data');
const out = join(root, 'dist', 'data');
let count = 0;
function walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!name.endsWith('.tsv')) continue;
    const rows = [];
    readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const cells = line.split('\t').map((c) => c.trim());
      if (cells.some((c) => c.includes('\uFFFD'))) throw new Error(`${relative(root, path)}:${i + 1}: invalid character`);
      rows.push(cells);
    });
    const target = join(out, relative(src, path)).replace(/\.tsv$/, '.json');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(rows));
    count++;
  }
}
walk(src);
console.error(`build-data: compiled ${count} lexicon file(s) into dist/data/`);
