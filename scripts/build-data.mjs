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

// Event patterns (data/events/*.txt) are compiled by the pattern compiler that tsc has just built
// (dist/stages/events/patterns.js), checked against the CAMEO code list, and written as one JSON file.
const eventsSrc = join(src, 'events');
if (existsSync(eventsSrc)) {
  const { compilePatternFile } = await import(new URL('../dist/stages/events/patterns.js', import.meta.url).href);
  const cameo = new Set(JSON.parse(readFileSync(join(out, 'ontology', 'cameo-codes.json'), 'utf8')).map((row) => row[0]));
  const patterns = [];
  const ids = new Map();
  for (const name of readdirSync(eventsSrc).sort()) {
    if (!name.endsWith('.txt')) continue;
    for (const p of compilePatternFile(readFileSync(join(eventsSrc, name), 'utf8'), `data/events/${name}`)) {
      if (!cameo.has(p.code)) throw new Error(`${p.line}: unknown CAMEO code ${p.code}`);
      if (p.future && !cameo.has(p.future)) throw new Error(`${p.line}: unknown CAMEO code ${p.future} in future=`);
      if (ids.has(p.id)) throw new Error(`${p.line}: pattern id "${p.id}" is already used at ${ids.get(p.id)}`);
      ids.set(p.id, p.line);
      patterns.push(p);
    }
  }
  mkdirSync(join(out, 'events'), { recursive: true });
  writeFileSync(join(out, 'events', 'patterns.json'), JSON.stringify(patterns));
  console.error(`build-data: compiled ${patterns.length} event pattern(s) into dist/data/events/patterns.json`);
}
