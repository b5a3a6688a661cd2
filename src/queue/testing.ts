/**
 * What the queue tests share: the Redis server they need (HERODOTUS_TEST_REDIS, e.g. redis://127.0.0.1:6379/9;
 * without it they are skipped with this message), a fresh queue name per test, and the CLI run as a process
 * whose JSON log lines are read as they come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { connectionOptions, queueTarget, type QueueTarget } from './connection.js';
import type { DocumentJob } from './job.js';

export const TEST_REDIS = process.env.HERODOTUS_TEST_REDIS;

/** `skip` for node:test: false when a Redis server is given, else why the test does not run. */
export const SKIP_WITHOUT_REDIS: string | false = TEST_REDIS ? false : 'needs a Redis server: set HERODOTUS_TEST_REDIS=redis://127.0.0.1:6379/<db> (.ci/run starts one)';

export const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

let queues = 0;

/** A queue of its own for one test; `cleanup` removes every key of it. */
export function testQueue(label: string): { target: QueueTarget; queue: Queue<DocumentJob>; cleanup: () => Promise<void> } {
  // Read now, not at import: the queue benchmark sets it from its --redis option.
  const target = queueTarget(process.env.HERODOTUS_TEST_REDIS ?? 'redis://127.0.0.1:6379/0', `test-${label}-${process.pid}-${++queues}`);
  const queue = new Queue<DocumentJob>(target.name, { connection: connectionOptions(target, 'command') });
  return {
    target,
    queue,
    cleanup: async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

export type LogLine = { event: string; [key: string]: unknown };

export interface CliRun {
  child: ChildProcess;
  lines: LogLine[];
  /** Resolves when the process has exited. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves with the first log line (already seen or to come) that matches. */
  waitFor: (match: (line: LogLine) => boolean) => Promise<LogLine>;
}

/** Runs `herodotus ARGS` with JSON lines on stdout (worker, watch). */
export function runCli(args: readonly string[]): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const waiting: Array<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      for (const w of waiting.filter((w) => w.match(line))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  const waitFor = (match: (line: LogLine) => boolean): Promise<LogLine> => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      waiting.push({ match, resolve });
      void done.then(({ code, signal, stderr }) => reject(new Error(`the process ended (${code ?? signal}) before the awaited log line: ${stderr.slice(-2000)}`)));
    });
  };
  return { child, lines, done, waitFor };
}

/** Polls `check` every `everyMs` until it returns true; fails after `timeoutMs` with `what`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
