#!/usr/bin/env node
/** The `herodotus` command line. Errors reach the user as one line each; exit codes: 0 ok, 1 nothing processed or failure, 2 usage. */
// First: V8 settings that must hold before any code is optimised (see v8-flags.ts).
import './v8-flags.js';
import { once } from 'node:events';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// Each command's own modules (store, queue, export, watch, training) are imported when it runs: a `code` run
// loads only the pipeline (issue #6: start-up counts).
import { createPipeline as buildPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { describeLocation, openStore } from '../store/open.js';
import { StoreError } from '../store/store.js';
import { VERSION } from '../version.js';
import { runCode, type CodeFormat } from './commands/code.js';
import type { ListFormat } from './commands/events.js';
import { coderVersion } from '../pipeline/coder.js';
import { poolCoder, pooledDocumentCoder, threadCount } from './pool.js';
import { countInputs } from '../stages/ingest/inputs.js';
import { inProcessCoder, type BatchCoder } from './documents.js';
import { DEFAULT_TIMEOUTS } from '../api/timeouts.js';
import { EXPORT_FORMATS, EXPORT_UNITS, PER_MENTION_FORMATS, type ExportFormat, type ExportUnit } from '../export/formats.js';
import { ActorMemory } from '../knowledge/actors/memory.js';
import type { ClusterQuery, Grouping, Period, Store } from '../store/store.js';
import { loadDictionaries, type LoadedDictionaries } from '../knowledge/petrarch/load.js';
import { corporaDir, modelsDir } from '../models/paths.js';
import type { InputFlags } from './documents.js';
import { WATCH_HELP } from './commands/watch-help.js';
import { WATCH_DEFAULTS } from '../watch/defaults.js';
import { parseDuration } from '../watch/duration.js';
import { DEFAULT_QUEUE_NAME, QueueTargetError, queueTarget, type QueueTarget } from '../queue/connection.js';
import { DEFAULT_RETRY } from '../queue/job.js';
import { WORKER_HELP } from './commands/worker.js';

const write = (s: string): void => {
  process.stdout.write(s);
};
/** Resolves once standard output has taken what was written (a pipe to a slow reader buffers otherwise). */
const stdoutDrained = async (): Promise<void> => {
  if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
};
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

function fail(message: string, code = 1): never {
  process.stderr.write(`herodotus: ${message}\n`);
  process.exit(code);
}

/** Loads lexicons and models; a missing or incompatible model is a one-line error, not a stack trace. */
function createPipeline(gazetteerDir?: string, actorMemory?: ActorMemory, dictionaries?: LoadedDictionaries): Pipeline {
  try {
    return buildPipeline({ ...(gazetteerDir ? { gazetteerDir } : {}), ...(actorMemory ? { actorMemory } : {}), ...(dictionaries ? { dictionaries } : {}) });
  } catch (error) {
    fail(`cannot load the pipeline's models and lexicons: ${(error as Error).message}`);
  }
}

function parseBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 5000000, 500kB or 5MB');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : unit === 'g' ? 1e9 : 1;
  return Math.floor(Number(m[1]) * factor);
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function parseDate(value: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(value)) throw new InvalidArgumentError('expected an ISO 8601 date such as 2024-01-13');
  return value;
}

interface DictionaryOptions {
  actors: string[];
  agents: string[];
  discards: string[];
  issues: string[];
  verbs: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Loads the imported PETRARCH/TABARI dictionaries, if any: one stderr line per malformed line (skipped);
 * a dictionary file that cannot be read at all is an error.
 */
function loadImportedDictionaries(options: DictionaryOptions, quiet: boolean): LoadedDictionaries | undefined {
  const files = { actors: options.actors, agents: options.agents, discards: options.discards, issues: options.issues, verbs: options.verbs };
  if (Object.values(files).every((list) => list.length === 0)) return undefined;
  const started = Date.now();
  const loaded = loadDictionaries(files);
  const unreadable = loaded.problems.filter((p) => p.line === 0);
  for (const p of loaded.problems) if (p.line > 0) process.stderr.write(`herodotus: ${p.file}:${p.line}: ${p.message}\n`);
  if (unreadable.length > 0) fail(unreadable.map((p) => `${p.file}: ${p.message}`).join('; '));
  if (!quiet) {
    process.stderr.write(
      `herodotus: dictionaries loaded in ${Date.now() - started} ms: ${loaded.actors.phraseCount} actor phrases, ${loaded.agents.phraseCount} agent phrases, ` +
        `${loaded.discards.entries.length} discards, ${loaded.issues.phraseCount} issue phrases, ${loaded.verbs.blocks.length} verb blocks` +
        (loaded.problems.length > 0 ? ` (${loaded.problems.length} malformed line(s) skipped)` : '') +
        '\n',
    );
  }
  return loaded;
}

interface InputOptions extends DictionaryOptions {
  threads?: number;
  published?: string;
  source?: string;
  url?: string;
  input?: InputFlags['input'];
  maxDocBytes: number;
  gazetteer?: string;
}

/** How inputs are read (shared by `code`, `ingest` and `enqueue`). */
function withReadOptions(command: Command): Command {
  return command
    .option('--published <date>', 'publication date (ISO 8601) for every input; relative dates resolve against it', parseDate)
    .option('--source <name>', 'news source for every input (overrides datelines and metadata)')
    .option('--url <url>', 'URL for every input')
    .addOption(new Option('--input <format>', 'input format (default: guessed from extension and content)').choices(['text', 'jsonl', 'html', 'rss']))
    .option('--max-doc-bytes <size>', 'skip documents (or JSONL lines) larger than this', parseBytes, 5_000_000);
}

/** What documents are coded with (shared by `code`, `ingest` and `worker`). */
function withCoderOptions(command: Command): Command {
  return command
    .option('--gazetteer <dir>', 'use this gazetteer folder (see `herodotus gazetteer import`) instead of the shipped one')
    .option('--actors <file>', 'PETRARCH/TABARI actor dictionary (repeatable); its entries take precedence', collect, [])
    .option('--agents <file>', 'PETRARCH/TABARI agent dictionary (repeatable)', collect, [])
    .option('--discards <file>', 'PETRARCH discard dictionary (repeatable): discarded sentences and stories code no events', collect, [])
    .option('--issues <file>', 'PETRARCH issues dictionary (repeatable)', collect, [])
    .option('--verbs <file>', 'PETRARCH/TABARI verb dictionary (repeatable): its patterns code events in place of ours', collect, []);
}

function withInputOptions(command: Command): Command {
  return withCoderOptions(withReadOptions(command)).option('--threads <n>', 'worker threads for coding (default: all available cores for large inputs, 1 for small ones)', parsePositive);
}

/**
 * The coder of a run: this thread's pipeline, or a pool of worker threads each with its own pipeline (same
 * results, same order). Returns a close function for the pool.
 */
function makeCoder(options: InputOptions, inputs: readonly string[], pipeline: () => Pipeline, roles: ActorMemory | undefined): { coder: BatchCoder | Pipeline; close: () => Promise<void> } {
  // Files that will be skipped as too large do not make a run worth loading models in more threads.
  const threads = threadCount(options.threads, countInputs(inputs, { maxDocBytes: options.maxDocBytes, ...(options.input ? { input: options.input } : {}) }).codableBytes);
  if (threads <= 1) return { coder: pipeline(), close: async () => {} };
  const dictionaries = { actors: options.actors, agents: options.agents, discards: options.discards, issues: options.issues, verbs: options.verbs };
  const pool = poolCoder(threads, {
    ...(options.gazetteer ? { gazetteerDir: options.gazetteer } : {}),
    ...(Object.values(dictionaries).some((l) => l.length > 0) ? { dictionaries } : {}),
    ...(roles ? { roles: [...roles.roles()] } : {}),
  });
  return { coder: pool, close: () => pool.close() };
}

const dictionaryFiles = (o: DictionaryOptions): string[] => [...o.actors, ...o.agents, ...o.discards, ...o.issues, ...o.verbs];

function inputFlags(options: InputOptions, quiet: boolean): InputFlags {
  return { published: options.published, source: options.source, url: options.url, input: options.input, maxDocBytes: options.maxDocBytes, quiet };
}

/** The actor store's roles as a memory for coding (lookups see only stories published earlier). */
async function actorMemoryOf(store: Store): Promise<ActorMemory> {
  return new ActorMemory(await store.actorRoles());
}

async function withStore<T>(location: string, readonly: boolean, body: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  let store;
  try {
    store = await openStore(location, { readonly });
  } catch (error) {
    if (error instanceof StoreError) fail(error.message);
    throw error;
  }
  try {
    return await body(store);
  } catch (error) {
    if (error instanceof StoreError) fail(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

/** Where `--db` points: a SQLite file, or a PostgreSQL database (several processes and machines can share it). */
const DB_CREATED = 'SQLite database file, or postgres://user:password@host/db[?pool=N] (created if missing)';
const DB_EXISTING = 'SQLite database file, or postgres://user:password@host/db[?pool=N]';

const program = new Command()
  .name('herodotus')
  .description('Event data from news text: who did what to whom, when, where, in whose words.')
  .version(VERSION)
  .option('-q, --quiet', 'no progress line on stderr')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

withInputOptions(
  program
    .command('code')
    .description('code documents and print them in the output contract (nothing is stored)')
    .argument('<inputs...>', 'files, directories, or - for standard input'),
)
  .addOption(new Option('--format <format>', 'output format (default: table on a terminal, jsonl when piped)').choices(['json', 'jsonl', 'table', 'csv']))
  .option('--db <file|url>', 'code persons named without a role from the actor store of this database, a SQLite file or a postgres:// URL (read only; without it nothing is learned across documents)')
  .action(async (inputs: string[], options: InputOptions & { format?: CodeFormat; db?: string }) => {
    const memory = options.db ? await withStore(options.db, true, actorMemoryOf) : undefined;
    const dictionaries = loadImportedDictionaries(options, Boolean(program.opts().quiet));
    const { coder, close } = makeCoder(options, inputs, () => createPipeline(options.gazetteer, memory, dictionaries), memory);
    const format = options.format ?? (process.stdout.isTTY ? 'table' : 'jsonl');
    const counts = await runCode(coder, inputs, { ...inputFlags(options, Boolean(program.opts().quiet)), format }, write, stdoutDrained);
    await close();
    if (counts.documents === 0) fail(`no document could be coded (${counts.skipped} skipped)`);
  });

withInputOptions(
  program
    .command('ingest')
    .description('code documents and store them with all their layers and events (re-ingesting is a no-op)')
    .argument('<inputs...>', 'files, directories, or - for standard input'),
)
  .option('--db <file|url>', DB_CREATED, 'herodotus.db')
  .option('--batch-size <n>', 'documents per transaction', parsePositive, 100)
  .action(async (inputs: string[], options: InputOptions & { db: string; batchSize: number }) => {
    const { runIngest } = await import('./commands/ingest.js');
    const quiet = Boolean(program.opts().quiet);
    await withStore(options.db, false, async (store) => {
      const dictionaries = loadImportedDictionaries(options, quiet);
      const memory = await actorMemoryOf(store);
      let pipeline: Pipeline | undefined;
      const mainPipeline = (): Pipeline => (pipeline ??= createPipeline(options.gazetteer, memory, dictionaries));
      const { coder, close } = makeCoder(options, inputs, mainPipeline, memory);
      const say = (line: string): void => void process.stderr.write(`herodotus: ${line}\n`);
      const version = coderVersion(mainPipeline(), { locations: options.gazetteer ? { gazetteerDir: options.gazetteer } : {}, dictionaries: dictionaryFiles(options) });
      const counts = await runIngest({ coder, pipeline: mainPipeline, memory }, store, inputs, { ...inputFlags(options, quiet), batchSize: options.batchSize, coder: version }, say).finally(close);
      const rate = counts.seconds > 0 ? counts.documents / counts.seconds : 0;
      process.stderr.write(
        `herodotus: ${counts.stored} stored (${counts.events} events), ${counts.duplicates} already stored, ${counts.skipped} skipped` +
          (counts.recoded > 0 ? `, ${counts.recoded} earlier-stored coded again` : '') +
          '; ' +
          `${counts.documents} coded in ${counts.seconds.toFixed(1)} s (${rate.toFixed(1)} docs/s) → ${describeLocation(options.db)}\n`,
      );
      if (counts.documents + counts.duplicates === 0) fail(`no document could be ingested (${counts.skipped} skipped)`);
    });
  });

function durationArg(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new InvalidArgumentError('expected a duration such as 500ms, 1s, 15m or 2h');
  return ms;
}

const durationOption = (flags: string, description: string, ms: number, shown: string): Option => new Option(flags, description).argParser(durationArg).default(ms, shown);
const sizeOption = (flags: string, description: string, bytes: number, shown: string): Option => new Option(flags, description).argParser(parseBytes).default(bytes, shown);

// — Distributed ingest (issue #9): documents on a BullMQ queue in Redis, coded and stored by workers. —

interface QueueOptions {
  queue: string;
  queueName: string;
}

const queueUrlOption = (): Option => new Option('--queue <url>', 'Redis URL of the work queue: redis://[user:password@]host[:port][/db]').makeOptionMandatory();
const queueNameOption = (): Option => new Option('--queue-name <name>', 'queue name (several corpora can share one Redis)').default(DEFAULT_QUEUE_NAME);

/** The queue named by the options; a bad URL or name is a usage error. */
function queueTargetOf(options: QueueOptions): QueueTarget {
  try {
    return queueTarget(options.queue, options.queueName);
  } catch (error) {
    if (error instanceof QueueTargetError) fail(error.message, 2);
    throw error;
  }
}

withReadOptions(
  program
    .command('enqueue')
    .description('put documents on the work queue for `herodotus worker` processes (read exactly as `ingest` reads them; one job per content hash)')
    .argument('<inputs...>', 'files, directories, or - for standard input'),
)
  .addOption(queueUrlOption())
  .addOption(queueNameOption())
  .option('--attempts <n>', 'tries per document before its job is failed (kept with its error; see `queue status --failed`)', parsePositive, DEFAULT_RETRY.attempts)
  .addOption(new Option('--backoff <duration>', 'first wait before a retry, doubled each time').argParser(durationArg).default(DEFAULT_RETRY.backoffMs, '2s'))
  .action(async (inputs: string[], options: InputOptions & QueueOptions & { attempts: number; backoff: number }) => {
    const [{ DocumentQueue }, { runEnqueue }] = await Promise.all([import('../queue/enqueue.js'), import('./commands/enqueue.js')]);
    const quiet = Boolean(program.opts().quiet);
    const target = queueTargetOf(options);
    const queue = new DocumentQueue(target, { attempts: options.attempts, backoffMs: options.backoff });
    try {
      await queue.ready();
    } catch (error) {
      fail((error as Error).message);
    }
    const counts = await runEnqueue(queue, inputs, inputFlags(options, quiet)).finally(() => queue.close());
    process.stderr.write(
      `herodotus: ${counts.enqueued} enqueued, ${counts.alreadyQueued} already queued, ${counts.skipped} skipped; ` +
        `${counts.documents} read in ${counts.seconds.toFixed(1)} s → queue ${target.name} on ${target.shown}\n`,
    );
    if (counts.enqueued + counts.alreadyQueued === 0) fail(`no document could be enqueued (${counts.skipped} skipped)`);
  });

withCoderOptions(
  program
    .command('worker')
    .description('take documents from the work queue, code them and store them (run any number, on any machines; JSON log lines)')
    .addHelpText('after', WORKER_HELP),
)
  .addOption(queueUrlOption())
  .addOption(queueNameOption())
  .addOption(new Option('--db <location>', 'the store: a SQLite file shared by the workers of this machine, or a PostgreSQL URL').makeOptionMandatory())
  .option('--concurrency <n>', 'documents coded at once: 1 codes in this thread, N on N worker threads', parsePositive, 1)
  .option('--batch-size <n>', 'jobs coded together and stored in one transaction (per thread)', parsePositive, 16)
  .addOption(durationOption('--lock <duration>', 'job lock: the jobs of a worker that died go back to the queue after about this long', 30_000, '30s'))
  .option('--until-empty', 'stop (as on SIGTERM) once nothing is waiting, delayed or active in the queue')
  .action(async (options: DictionaryOptions & QueueOptions & { db: string; concurrency: number; batchSize: number; lock: number; untilEmpty?: boolean; gazetteer?: string }) => {
    const [{ inspectQueue }, { watchControl }, { runWorker }] = await Promise.all([import('../queue/status.js'), import('./commands/watch.js'), import('../queue/worker.js')]);
    const quiet = Boolean(program.opts().quiet);
    const target = queueTargetOf(options);
    if (options.lock < 1_000) fail('--lock must be at least 1s', 2);
    // A wrong URL is an error now; once running, the worker keeps reconnecting while Redis restarts.
    await inspectQueue(target).then((q) => q.close(), (error: Error) => fail(error.message));
    const control = watchControl(write);
    await withStore(options.db, false, async (store) => {
      const dictionaries = loadImportedDictionaries(options, quiet);
      const memory = await actorMemoryOf(store);
      let pipeline: Pipeline | undefined;
      const mainPipeline = (): Pipeline => (pipeline ??= createPipeline(options.gazetteer, memory, dictionaries));
      const version = coderVersion(mainPipeline(), { locations: options.gazetteer ? { gazetteerDir: options.gazetteer } : {}, dictionaries: dictionaryFiles(options) });
      const { coder, close } = makeCoder({ ...options, threads: options.concurrency, maxDocBytes: 0 }, [], mainPipeline, memory);
      try {
        await runWorker(
          { store, coder: 'parallel' in coder ? coder : inProcessCoder(coder), memory, coderVersion: version, log: control.log, signal: control.signal },
          { target, batchSize: options.batchSize, lockMs: options.lock, untilEmpty: Boolean(options.untilEmpty) },
        );
      } finally {
        await close();
      }
    });
    control.dispose();
    process.exit(0);
  });

const queueCommand = program.command('queue').description('inspect the work queue of `enqueue` and `worker`');
queueCommand
  .command('status')
  .description('job counts (waiting, active, delayed, failed, completed) and connected workers; --failed lists failed jobs with their errors')
  .addOption(queueUrlOption())
  .addOption(queueNameOption())
  .option('--failed', 'also list failed jobs (latest first) with the error of their last attempt')
  .option('--limit <n>', 'with --failed: at most this many', parsePositive, 50)
  .option('--json', 'one JSON object instead of text')
  .action(async (options: QueueOptions & { failed?: boolean; limit: number; json?: boolean }) => {
    const { runQueueStatus } = await import('./commands/queue.js');
    try {
      await runQueueStatus(queueTargetOf(options), { failed: Boolean(options.failed), limit: options.limit, json: Boolean(options.json) }, write);
    } catch (error) {
      fail((error as Error).message);
    }
  });
queueCommand
  .command('retry-failed')
  .description('put every failed job back in the queue (after fixing what made them fail)')
  .addOption(queueUrlOption())
  .addOption(queueNameOption())
  .action(async (options: QueueOptions) => {
    const { runRetryFailed } = await import('./commands/queue.js');
    const target = queueTargetOf(options);
    try {
      const n = await runRetryFailed(target);
      process.stderr.write(`herodotus: ${n} failed job(s) put back in queue ${target.name}\n`);
    } catch (error) {
      fail((error as Error).message);
    }
  });


program
  .command('watch')
  .description('poll RSS/Atom feeds and/or a drop folder; fetch, extract, code and store new articles as they appear (foreground; JSON log lines)')
  .option('--db <file|url>', DB_CREATED, 'herodotus.db')
  .option('--feed <url>', 'an RSS 2.0, RDF or Atom feed to poll (repeatable)', collect, [])
  .option('--feeds <file>', 'a file of feed URLs, one per line (# comments)')
  .option('--dir <path>', 'a folder whose files (text, HTML, JSONL, RSS) are coded once each (repeatable)', collect, [])
  .addOption(durationOption('--every <duration>', 'poll the feeds this often', WATCH_DEFAULTS.everyMs, '15m'))
  .addOption(durationOption('--scan <duration>', 'scan the folders this often', WATCH_DEFAULTS.scanMs, '5s'))
  .option('--once', 'run one cycle and exit (for cron and tests)')
  .addOption(durationOption('--delay <duration>', 'pause between two requests to the same host', WATCH_DEFAULTS.delayMs, '1s'))
  .addOption(durationOption('--timeout <duration>', 'give up a request after this long', WATCH_DEFAULTS.timeoutMs, '30s'))
  .addOption(sizeOption('--max-page-bytes <size>', 'stop reading a feed or page past this size (reported, not coded)', WATCH_DEFAULTS.maxPageBytes, '5MB'))
  .option('--max-redirects <n>', 'redirects followed per request', (v) => Number.parseInt(v, 10), WATCH_DEFAULTS.maxRedirects)
  .option('--retries <n>', 'extra attempts after a timeout, network error, 429 or 5xx (with backoff)', (v) => Number.parseInt(v, 10), WATCH_DEFAULTS.retries)
  .addOption(durationOption('--backoff <duration>', 'first wait before a retry (doubled each time, at most 60s)', WATCH_DEFAULTS.backoffMs, '2s'))
  .addOption(durationOption('--settle <duration>', 'leave files modified more recently than this for the next scan', WATCH_DEFAULTS.settleMs, '2s'))
  .option('--contact <url-or-email>', 'contact put in the User-Agent for site operators')
  .option('--max-doc-bytes <size>', 'skip files (or JSONL lines) larger than this', parseBytes, 5_000_000)
  .option('--gazetteer <dir>', 'use this gazetteer folder instead of the shipped one')
  .option('--queue <url>', 'put new documents on this work queue (Redis URL) for `herodotus worker` processes instead of coding them here')
  .addOption(queueNameOption())
  .addHelpText('after', WATCH_HELP)
  .action(
    async (options: {
      db: string; feed: string[]; feeds?: string; dir: string[]; every: number; scan: number; once?: boolean; delay: number; timeout: number;
      maxPageBytes: number; maxRedirects: number; retries: number; backoff: number; settle: number; contact?: string; maxDocBytes: number; gazetteer?: string;
      queue?: string; queueName: string;
    }) => {
      const [{ readFeedList, runWatchCommand, watchControl }, { inspectQueue }, { DocumentQueue }] = await Promise.all([
        import('./commands/watch.js'),
        import('../queue/status.js'),
        import('../queue/enqueue.js'),
      ]);
      let feeds = [...options.feed];
      if (options.feeds) {
        try {
          feeds.push(...readFeedList(options.feeds));
        } catch (error) {
          fail(`--feeds ${options.feeds}: ${(error as Error).message}`, 2);
        }
      }
      feeds = [...new Set(feeds)];
      for (const url of feeds) if (!/^https?:\/\/[^/]/i.test(url)) fail(`not an http(s) feed URL: ${url}`, 2);
      if (feeds.length === 0 && options.dir.length === 0) fail('nothing to watch: give --feed URL, --feeds FILE or --dir PATH', 2);
      if (!Number.isInteger(options.maxRedirects) || options.maxRedirects < 0 || !Number.isInteger(options.retries) || options.retries < 0) fail('--max-redirects and --retries take a whole number', 2);
      const target = options.queue !== undefined ? queueTargetOf({ queue: options.queue, queueName: options.queueName }) : undefined;
      if (target) await inspectQueue(target).then((q) => q.close(), (error: Error) => fail(error.message));
      const control = watchControl(write);
      const queue = target ? new DocumentQueue(target, DEFAULT_RETRY, 'service') : undefined;
      if (queue) await queue.ready().catch((error: Error) => fail(error.message));
      await withStore(options.db, false, async (store) => {
        const memory = await actorMemoryOf(store);
        let pipeline: Pipeline | undefined;
        const mainPipeline = (): Pipeline => (pipeline ??= createPipeline(options.gazetteer, memory));
        // With a queue nothing is coded here: the models are not even loaded.
        const coder = queue ? undefined : coderVersion(mainPipeline(), { locations: options.gazetteer ? { gazetteerDir: options.gazetteer } : {}, dictionaries: [] });
        await runWatchCommand(
          { store, pipeline: mainPipeline, memory, ...(coder ? { coder } : {}), ...(queue ? { queue } : {}), maxDocBytes: options.maxDocBytes },
          {
            feeds, dirs: options.dir, once: Boolean(options.once), everyMs: options.every, scanMs: options.scan, delayMs: options.delay, timeoutMs: options.timeout,
            maxPageBytes: options.maxPageBytes, maxRedirects: options.maxRedirects, retries: options.retries, backoffMs: options.backoff,
            maxAttempts: WATCH_DEFAULTS.maxAttempts, settleMs: options.settle, ...(options.contact ? { contact: options.contact } : {}),
          },
          control,
        );
      }).finally(() => queue?.close());
      control.dispose();
      process.exit(0);
    },
  );

interface FilterOptions {
  from?: string;
  to?: string;
  country?: string;
  actor?: string;
  actorCountry?: string;
  cameo?: string;
  quad?: number;
  plover?: string;
  context?: string;
  place?: string;
  search?: string;
  minMentions?: number;
  limit?: number;
}

function parseQuad(value: string): number {
  const n = Number(value);
  if (![1, 2, 3, 4].includes(n)) throw new InvalidArgumentError('expected a QuadClass 1, 2, 3 or 4');
  return n;
}

/** The event filters shared by `events` and `stats`. */
function withFilters(command: Command): Command {
  return command
    .option('--db <file|url>', DB_EXISTING, 'herodotus.db')
    .option('--from <date>', 'events on or after this date', parseDate)
    .option('--to <date>', 'events on or before this date (a prefix such as 2024-01 includes the whole month)', parseDate)
    .option('--country <iso3>', 'source, target or place country (ISO 3166-1 alpha-3)')
    .option('--actor <text>', 'source or target code or name contains this (e.g. USAGOV, Blinken)')
    .option('--actor-country <iso3>', 'source or target actor country (ISO 3166-1 alpha-3)')
    .option('--cameo <code>', 'CAMEO code or root prefix, e.g. 04 or 043')
    .option('--quad <n>', 'QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict', parseQuad)
    .option('--plover <type>', 'PLOVER event type, e.g. CONSULT, COERCE')
    .option('--context <name>', 'PLOVER context, e.g. migration (any mention of the event)')
    .option('--place <name|iso3>', 'place name contains this, or place country (three letters)')
    .option('--search <query>', 'full-text search over the evidence sentences (SQLite FTS5 syntax: words, "phrases", AND, OR, NOT, prefix*)')
    .option('--min-mentions <n>', 'events reported at least this many times', parsePositive);
}

function clusterQuery(o: FilterOptions): ClusterQuery {
  const q: ClusterQuery = {};
  if (o.from) q.from = o.from;
  if (o.to) q.to = o.to;
  if (o.country) q.country = o.country;
  if (o.actor) q.actor = o.actor;
  if (o.actorCountry) q.actorCountry = o.actorCountry;
  if (o.cameo) q.cameo = o.cameo;
  if (o.quad) q.quadClass = o.quad;
  if (o.plover) q.plover = o.plover;
  if (o.context) q.context = o.context;
  if (o.place) q.place = o.place;
  if (o.search) q.search = o.search;
  if (o.minMentions) q.minMentions = o.minMentions;
  if (o.limit) q.limit = o.limit;
  return q;
}

const formatOption = (): Option => new Option('--format <format>', 'output format (default: table on a terminal, jsonl when piped)').choices(['table', 'jsonl', 'json', 'csv']);
const formatOf = (f: ListFormat | undefined): ListFormat => f ?? (process.stdout.isTTY ? 'table' : 'jsonl');

withFilters(
  program
    .command('events')
    .description('list stored events: one line per real-world event (a cluster of the article sentences that report it) with its mention, article and source counts')
    .addHelpText('after', '\nExamples:\n  herodotus events --db news.db --from 2024-01 --to 2024-01 --country MEX --format jsonl\n  herodotus events --db news.db --plover CONSULT --search "Blinken AND migration"\n  herodotus events --db news.db --mentions --cameo 04      (one line per mention instead)\n  herodotus events --db news.db --as-of 2024-02-01         (the dataset as it stood then)'),
)
  .option('--limit <n>', 'at most this many lines', parsePositive)
  .option('--mentions', 'one line per event mention (article sentence) instead of per event; takes --from/--to/--country/--actor/--cameo')
  .option('--as-of <date>', 'the events as they stood at this date or date-time (documents stored by then, in the coding they had then)', parseDate)
  .addOption(formatOption())
  .action(async (options: FilterOptions & { db: string; mentions?: boolean; asOf?: string; format?: ListFormat }) => {
    const [{ runClusters, runEvents }, { withCorrections }] = await Promise.all([import('./commands/events.js'), import('../corrections/view.js')]);
    await withStore(options.db, true, async (store) => {
      const format = formatOf(options.format);
      if (options.mentions) {
        await runEvents(store, { from: options.from, to: options.to, country: options.country, actor: options.actor, cameo: options.cameo, limit: options.limit }, format, write);
        return;
      }
      await runClusters(withCorrections(store), { ...clusterQuery(options), ...(options.asOf ? { asOf: options.asOf } : {}) }, format, write);
    });
  });

program
  .command('mentions')
  .description('list the mentions of one event (cluster id from `events`) with the score and reason that linked each')
  .argument('<event>', 'event (cluster) id, e.g. ev-1b502daf86c93a1d')
  .option('--db <file|url>', DB_EXISTING, 'herodotus.db')
  .addOption(formatOption())
  .action(async (id: string, options: { db: string; format?: ListFormat }) => {
    const { runMentions } = await import('./commands/events.js');
    await withStore(options.db, true, async (store) => {
      const n = await runMentions(store, id, formatOf(options.format), write);
      if (n === 0) fail(`no event ${id} in ${describeLocation(options.db)}`);
    });
  });

withFilters(
  program
    .command('stats')
    .description('aggregate events: counts, Goldstein sum and mean per day/week/month/year by dyad, QuadClass, root or PLOVER type; top actors; country-month panels with denominators')
    .addHelpText('after', '\nExamples:\n  herodotus stats --db news.db --by month --group quadclass\n  herodotus stats --db news.db --by week --group dyad --country MEX\n  herodotus stats --db news.db --top actors --limit 20\n  herodotus stats --db news.db --panel country-month --format csv > panel.csv\n\nPanels give, per country and month, the events whose source, target or place is the country, and the\ndenominators to normalise them: articles (and distinct outlets) published that month that concern the\ncountry, and all articles and outlets that month.'),
)
  .addOption(new Option('--by <period>', 'time series: one row per period (and group)').choices(['day', 'week', 'month', 'year']))
  .addOption(new Option('--group <what>', 'split each period by this').choices(['none', 'dyad', 'quadclass', 'root', 'plover']).default('none'))
  .addOption(new Option('--top <what>', 'rank actors by number of events').choices(['actors']))
  .addOption(new Option('--panel <shape>', 'country-month panel with denominators').choices(['country-month']))
  .option('--limit <n>', 'with --top: at most this many rows', parsePositive)
  .addOption(formatOption())
  .action(async (options: FilterOptions & { db: string; by?: Period; group: Grouping; top?: 'actors'; panel?: 'country-month'; format?: ListFormat }) => {
    const [{ runStats }, { withCorrections }] = await Promise.all([import('./commands/events.js'), import('../corrections/view.js')]);
    const chosen = [options.by, options.top, options.panel].filter(Boolean).length;
    if (chosen !== 1) fail('stats: give exactly one of --by PERIOD, --top actors, --panel country-month', 2);
    await withStore(options.db, true, async (store) => {
      const query = clusterQuery(options);
      const note = (line: string): void => void process.stderr.write(`herodotus: ${line}\n`);
      if (options.by) await runStats(withCorrections(store), { kind: 'series', query: { ...query, by: options.by, group: options.group } }, formatOf(options.format), write, note);
      else if (options.top) await runStats(withCorrections(store), { kind: 'actors', query }, formatOf(options.format), write, note);
      else await runStats(withCorrections(store), { kind: 'panel', query }, formatOf(options.format), write, note);
    });
  });

program
  .command('relink')
  .description('recompute every event cluster from the stored mentions (deterministic: the same clusters incremental linking built, whatever the order reports arrived in)')
  .option('--db <file|url>', DB_EXISTING, 'herodotus.db')
  .action(async (options: { db: string }) => {
    await withStore(options.db, false, async (store) => {
      const started = Date.now();
      const r = await store.relink();
      process.stderr.write(`herodotus: ${r.mentions} mention(s) linked into ${r.clusters} event(s) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${describeLocation(options.db)}\n`);
    });
  });

program
  .command('recode')
  .description('code stored documents again with the current models, patterns, dictionaries and actor store; changed codings replace the current one, earlier codings stay queryable (events --as-of)')
  .option('--db <file|url>', DB_EXISTING, 'herodotus.db')
  .option('--since <date>', 'only documents published on or after this date', parseDate)
  .option('--force', 'also record a new coding when only the coder version changed')
  .option('--gazetteer <dir>', 'use this gazetteer folder instead of the shipped one')
  .option('--actors <file>', 'PETRARCH/TABARI actor dictionary (repeatable)', collect, [])
  .option('--agents <file>', 'PETRARCH/TABARI agent dictionary (repeatable)', collect, [])
  .option('--discards <file>', 'PETRARCH discard dictionary (repeatable)', collect, [])
  .option('--issues <file>', 'PETRARCH issues dictionary (repeatable)', collect, [])
  .option('--verbs <file>', 'PETRARCH/TABARI verb dictionary (repeatable)', collect, [])
  .action(async (options: DictionaryOptions & { db: string; since?: string; force?: boolean; gazetteer?: string }) => {
    const { runRecode } = await import('./commands/recode.js');
    const quiet = Boolean(program.opts().quiet);
    await withStore(options.db, false, async (store) => {
      const dictionaries = loadImportedDictionaries(options, quiet);
      const pipeline = createPipeline(options.gazetteer, await actorMemoryOf(store), dictionaries);
      const coder = coderVersion(pipeline, { locations: options.gazetteer ? { gazetteerDir: options.gazetteer } : {}, dictionaries: dictionaryFiles(options) });
      const say = (line: string): void => void (quiet ? undefined : process.stderr.write(`herodotus: ${line}\n`));
      const started = Date.now();
      const counts = await runRecode(pipeline, store, { ...(options.since ? { since: options.since } : {}), coder, ...(options.force ? { force: true } : {}) }, say);
      process.stderr.write(
        `herodotus: ${counts.documents} document(s) coded again in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.recoded} changed (earlier codings kept), ${counts.unchanged} unchanged; coder ${coder.fingerprint} → ${describeLocation(options.db)}\n`,
      );
    });
  });

program
  .command('actors')
  .description('list the actor store: roles learned from stories, with first and last seen dates and evidence')
  .option('--db <file|url>', DB_EXISTING, 'herodotus.db')
  .option('--name <text>', 'only persons whose name contains this')
  .option('--export <file>', 'write the store as a PETRARCH actor dictionary (edit it, then load it with --actors)')
  .addOption(new Option('--format <format>', 'output format (default: table on a terminal, jsonl when piped)').choices(['table', 'jsonl', 'json']))
  .action(async (options: { db: string; name?: string; export?: string; format?: 'table' | 'jsonl' | 'json' }) => {
    const { runActors } = await import('./commands/actors.js');
    await withStore(options.db, true, async (store) => {
      const format = options.format ?? (process.stdout.isTTY ? 'table' : 'jsonl');
      const n = await runActors(store, { ...(options.name ? { name: options.name } : {}), format, ...(options.export ? { export: options.export } : {}) }, write);
      if (options.export) process.stderr.write(`herodotus: ${n} role(s) written to ${options.export}\n`);
    });
  });

withFilters(
  program
    .command('export')
    .description('write the stored events as a dataset: GDELT 2.0 events or mentions, ICEWS TSV, PLOVER JSON lines, CSV or Parquet (one row per event cluster)')
    .addHelpText('after', '\nOne row per event (a cluster of every article sentence that reports it) with its mention, source and article\ncounts; gdelt-mentions has one row per mention. --per mention gives PLOVER, CSV and Parquet one row per mention.\n\nExamples:\n  herodotus export --db news.db --format gdelt --out events.tsv\n  herodotus export --db news.db --format gdelt-mentions --from 2024-01 --to 2024-01 > mentions.tsv\n  herodotus export --db news.db --format parquet --per mention --country MEX --out mentions.parquet\n  herodotus export --db news.db --format csv --as-of 2024-02-01 > as-of.csv      (the dataset as it stood then)'),
)
  .addOption(new Option('--format <format>', 'dataset format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
  .addOption(new Option('--per <unit>', 'row unit of plover, csv and parquet: one row per event (cluster) or per mention').choices([...EXPORT_UNITS]).default('event'))
  .option('--limit <n>', 'at most this many events', parsePositive)
  .option('--out <file>', 'write to this file (default: standard output)')
  .option('--as-of <date>', 'the dataset as it stood then: documents stored at or before this date or date-time, in the coding they had then (ISO 8601)', parseDate)
  .action(async (options: FilterOptions & { db: string; format: ExportFormat; per: ExportUnit; out?: string; asOf?: string }) => {
    const [{ loadExportLookups }, { runExport }, { withCorrections }] = await Promise.all([import('../export/index.js'), import('./commands/export.js'), import('../corrections/view.js')]);
    const quiet = Boolean(program.opts().quiet);
    if (options.format === 'parquet' && !options.out && process.stdout.isTTY) fail('Parquet is binary: give --out FILE or redirect standard output', 2);
    if (options.per === 'mention' && !PER_MENTION_FORMATS.includes(options.format)) fail(`--per mention applies to ${PER_MENTION_FORMATS.join(', ')} (gdelt-mentions is GDELT's mention table)`, 2);
    await withStore(options.db, true, async (store) => {
      let lookups;
      try {
        lookups = loadExportLookups();
      } catch (error) {
        fail(`cannot load the export tables: ${(error as Error).message}`);
      }
      const counts = await runExport(withCorrections(store), {
        format: options.format,
        lookups,
        quiet,
        per: options.per,
        query: clusterQuery(options),
        ...(options.out ? { out: options.out } : {}),
        ...(options.asOf ? { asOf: options.asOf } : {}),
      });
      if (!quiet) {
        const unit = options.format === 'gdelt-mentions' || options.per === 'mention' ? 'mention' : 'event';
        const left = counts.left > 0 ? ` (${counts.left} ${unit} row(s) the format has no place for left out)` : '';
        process.stderr.write(`herodotus: ${counts.rows} ${unit} row(s) written${left}${options.out ? ` to ${options.out}` : ''}\n`);
      }
    });
  });

program
  .command('serve')
  .description('serve the HTTP API over a database (JSON; OpenAPI document at /openapi.json)')
  .option('--db <file|url>', DB_CREATED, 'herodotus.db')
  .option('--port <n>', 'TCP port (0: any free port)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
    return n;
  }, 8080)
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--api-key <key>', 'key that writes (POST) must carry; also read from HERODOTUS_API_KEY; without one, writes are refused')
  .option('--max-body <size>', 'largest request body (413 beyond it)', parseBytes, 5_000_000)
  .option('--request-timeout <duration>', 'a request (headers and body) must arrive within this, e.g. 30s, 500ms, 2m (408 beyond it)', durationArg, DEFAULT_TIMEOUTS.requestMs)
  .option('--headers-timeout <duration>', 'the request headers must arrive within this', durationArg, DEFAULT_TIMEOUTS.headersMs)
  .option('--idle-timeout <duration>', 'close a connection with no traffic for this long', durationArg, DEFAULT_TIMEOUTS.idleMs)
  .option('--gazetteer <dir>', 'use this gazetteer folder instead of the shipped one')
  .option('--coding-threads <n>', 'worker threads that code posted stories (reads are answered while they code); each learns actor roles from the stories it codes, so with one (the default) every story sees what earlier posts taught', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number 1-64');
    return n;
  }, 1)
  .action(async (options: { db: string; port: number; host: string; apiKey?: string; maxBody: number; requestTimeout: number; headersTimeout: number; idleTimeout: number; gazetteer?: string; codingThreads: number }) => {
    const apiKey = options.apiKey ?? process.env.HERODOTUS_API_KEY;
    await withStore(options.db, false, async (store) => {
      const roles = await store.actorRoles();
      const timeouts = { requestMs: options.requestTimeout, headersMs: options.headersTimeout, idleMs: options.idleTimeout };
      const { runServe } = await import('./commands/serve.js');
      // Posted stories are coded on worker threads, each starting from the actor store's roles and learning from
      // the stories it codes.
      const coder = () => pooledDocumentCoder(options.codingThreads, { ...(options.gazetteer ? { gazetteerDir: options.gazetteer } : {}), roles, learn: true });
      await runServe(store, coder, { port: options.port, host: options.host, bodyLimit: options.maxBody, timeouts, ...(apiKey ? { apiKey } : {}) }, (line) => void process.stderr.write(`herodotus: ${line}\n`));
    });
  });

program
  .command('annotate')
  .description('print a gold file with our predictions, for evaluating on your own data')
  .addOption(new Option('--from <format>', 'conllu: replace UPOS, XPOS, HEAD, DEPREL; iob: add a predicted IOB2 column').choices(['conllu', 'iob']).makeOptionMandatory())
  .argument('<file>', 'a CoNLL-U or IOB file, or - for standard input')
  .action(async (file: string, options: { from: 'conllu' | 'iob' }) => {
    const { runAnnotate } = await import('./commands/annotate.js');
    try {
      write(runAnnotate(options.from, file, modelsDir()));
    } catch (error) {
      fail(`annotate ${file}: ${(error as Error).message}`);
    }
  });

program
  .command('train')
  .description('train the models from the corpora into models/ (tagger, parser, ner, coref; default all, in that order)')
  .argument('[models...]', 'tagger, parser, ner and/or coref')
  .option('--corpora <dir>', 'corpora folder (default ../shared/corpora beside the project)')
  .option('--models <dir>', 'output folder (default the package models/)')
  .option('--seed <n>', 'random seed for every model (default: the seed each shipped model was trained with)', parsePositive)
  .action(async (names: string[], options: { corpora?: string; models?: string; seed?: number }) => {
    const { trainModels } = await import('../models/train-all.js');
    try {
      await trainModels(names, { corporaDir: corporaDir(options.corpora), modelsDir: modelsDir(options.models), ...(options.seed ? { seed: options.seed } : {}), log: (m) => void process.stderr.write(`train: ${m}\n`) });
    } catch (error) {
      fail(`train: ${(error as Error).message}`);
    }
  });

const gazetteer = program.command('gazetteer').description('manage the gazetteer used to resolve places');
gazetteer
  .command('import')
  .description('build a gazetteer from a GeoNames dump (allCountries.txt, cities500.txt …); use it with --gazetteer DIR')
  .argument('<file>', 'a GeoNames tab-separated dump (unzipped)')
  .option('--out <dir>', 'output folder', 'gazetteer')
  .option('--min-population <n>', 'skip populated places below this (capitals and seats are kept)', (v) => Number(v), 1000)
  .action(async (file: string, options: { out: string; minPopulation: number }) => {
    const { importGeonames } = await import('../knowledge/gazetteer/import.js');
    try {
      const { entries } = await importGeonames(file, options.out, (m) => void process.stderr.write(`gazetteer: ${m}\n`), { minPopulation: options.minPopulation });
      process.stderr.write(`gazetteer: ${entries} entries written to ${options.out}; use it with --gazetteer ${options.out}\n`);
    } catch (error) {
      fail(`gazetteer import ${file}: ${(error as Error).message}`);
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  fail(`unexpected error: ${(error as Error).stack ?? String(error)}`);
}
