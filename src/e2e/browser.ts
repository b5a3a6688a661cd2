/**
 * What the browser tests need: Debian's Chromium driven by playwright-core (never a downloaded browser), a
 * fresh profile per run, and the real `herodotus serve` on 127.0.0.1 over a SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium package (`apt-get install chromium`); HERODOTUS_CHROMIUM names another binary. */
export const CHROMIUM = process.env.HERODOTUS_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or false when they can. */
export function browserMissing(): string | false {
  // In CI (.ci/run installs chromium) the tests always run: a missing browser fails them rather than skipping.
  if (process.env.CI) return false;
  return existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) to run the browser tests`;
}

/** Where screenshots go (gitignored): test-artifacts/ui/ in the repository. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'herodotus-chromium-'));
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1360, height: 900 } });
}

export interface RunningServer {
  base: string;
  process: ChildProcess;
  log: string[];
  stop(): Promise<void>;
}

/** Starts `herodotus serve --port 0` on the database and resolves with its address once it listens. */
export function startServer(db: string, apiKey: string): Promise<RunningServer> {
  const bin = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--api-key', apiKey], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout?.on('data', (b: Buffer) => log.push(b.toString('utf8')));
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`herodotus serve did not start within 60 s: ${err}`)), 60_000);
    child.stderr?.on('data', (b: Buffer) => {
      err += b.toString('utf8');
      const m = /serving on (http:\/\/[^\s)]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          base: m[1],
          process: child,
          log,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`herodotus serve exited (${code}): ${err}`));
    });
  });
}
