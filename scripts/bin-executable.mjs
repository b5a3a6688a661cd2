#!/usr/bin/env node
// Part of `npm run build`: marks the files named in package.json "bin" executable. tsc writes them 0644, and npm only
// sets the bit when it links a package's bins, which it does not always do for the project itself, so a fresh clone's
// `npx herodotus …` could fail with "Permission denied".
import { chmodSync, readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const { bin = {} } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
for (const file of Object.values(typeof bin === 'string' ? { main: bin } : bin)) chmodSync(new URL(file, root), 0o755);
