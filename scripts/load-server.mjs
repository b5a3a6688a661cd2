// Shared by `npm run load` and `npm run soak`: a real `herodotus serve` (on a free port, with an API key) over a
// fresh database of generated articles, and a source of new stories for POST /documents.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../', import.meta.url).pathname;
const bin = join(root, 'dist/cli/main.js');
export const KEY = 'load-test-key';

/** Numeric `--name N` from the command line, or the fallback. */
export function numberArg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Ingests `articles` generated stories into a new database and starts the server on it. */
export async function startServer(articles, label) {
  const { makeCorpus } = await import(join(root, 'dist/bench/corpus.js'));
  const dir = mkdtempSync(join(tmpdir(), `herodotus-${label}-`));
  const db = join(dir, `${label}.db`);
  writeFileSync(join(dir, 'corpus.jsonl'), makeCorpus(articles).map((a) => JSON.stringify(a)).join('\n') + '\n');
  const ingest = spawnSync(process.execPath, [bin, 'ingest', join(dir, 'corpus.jsonl'), '--db', db, '-q'], { encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(ingest.stderr);
  process.stderr.write(`${label}: ${ingest.stderr.trim()}\n`);
  const server = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0', '--api-key', KEY], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let stderr = '';
    server.stderr.on('data', (c) => {
      stderr += c;
      const m = /serving on (http:\/\/[\d.]+:\d+)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  // New stories for the writes: corpus texts with a serial number, so none is a duplicate.
  const stories = makeCorpus(200, 777);
  let serial = 0;
  const newStory = () => {
    const a = stories[serial % stories.length];
    serial++;
    return JSON.stringify({ text: `${a.text}\nReport ${serial} of the ${label} test.`, published: a.published, title: a.title });
  };
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, server, newStory, stop };
}
