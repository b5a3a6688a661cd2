/**
 * Where the work queue lives: a Redis URL (`redis://[user[:password]@]host[:port][/db]`, `rediss://` for TLS)
 * and a queue name. Parsed here once, so every command reads the URL the same way and none prints a password.
 */
import type { RedisOptions } from 'bullmq';

export const DEFAULT_QUEUE_NAME = 'herodotus';

export interface QueueTarget {
  /** Connection options for ioredis (host, port, db, credentials, TLS). */
  redis: RedisOptions;
  /** The queue's name (its Redis keys are `bull:<name>:…`). */
  name: string;
  /** The URL with any password replaced by `***`, for logs and messages. */
  shown: string;
}

/** A Redis URL or queue name that cannot be used; the message is fit for a user. */
export class QueueTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueTargetError';
  }
}

export function parseRedisUrl(url: string): { redis: RedisOptions; shown: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueTargetError(`not a URL: ${url} (expected redis://host:port/db)`);
  }
  const tls = parsed.protocol === 'rediss:';
  if (parsed.protocol !== 'redis:' && !tls) throw new QueueTargetError(`not a Redis URL: ${redact(parsed)} (expected redis:// or rediss://)`);
  if (parsed.hostname === '') throw new QueueTargetError(`no host in ${redact(parsed)}`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const path = parsed.pathname.replace(/^\/+|\/+$/g, '');
  if (path !== '' && !/^\d+$/.test(path)) throw new QueueTargetError(`the path of ${redact(parsed)} must be a database number, e.g. /0`);
  const db = path === '' ? 0 : Number(path);
  if (parsed.search !== '' || parsed.hash !== '') throw new QueueTargetError(`${redact(parsed)}: query strings and fragments are not understood`);
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const redis: RedisOptions = {
    // IPv6 literals come bracketed from URL; ioredis wants them bare.
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db,
    ...(username !== '' ? { username } : {}),
    ...(password !== '' ? { password } : {}),
    ...(tls ? { tls: { servername: parsed.hostname } } : {}),
  };
  return { redis, shown: redact(parsed) };
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  return copy.href;
}

/** Queue names become part of Redis keys: letters, digits, `.`, `_` and `-` only. */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new QueueTargetError(`queue name "${name}": use 1–100 letters, digits, ".", "_" or "-"`);
  return name;
}

export function queueTarget(url: string, name: string = DEFAULT_QUEUE_NAME): QueueTarget {
  return { ...parseRedisUrl(url), name: checkQueueName(name) };
}

/**
 * Connection options for a use: `command` (enqueue, status) gives up after a few reconnection attempts so a
 * wrong URL is an error within seconds; `service` (worker, watch) keeps reconnecting while Redis restarts.
 */
export function connectionOptions(target: QueueTarget, use: 'command' | 'service'): RedisOptions {
  if (use === 'service') return { ...target.redis, maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(200 * times, 5_000) };
  return { ...target.redis, connectTimeout: 5_000, maxRetriesPerRequest: 2, retryStrategy: (times) => (times > 3 ? null : 200 * times) };
}

/** Waits for a queue's connection; an unreachable Redis becomes an error that names the (redacted) URL. */
export async function whenReady(queue: { waitUntilReady(): Promise<void>; close(): Promise<void>; on(event: 'error', listener: (error: Error) => void): unknown }, target: QueueTarget): Promise<void> {
  // Connection errors come back from the calls that fail; unlistened, each would also print a stack trace.
  queue.on('error', () => undefined);
  try {
    await queue.waitUntilReady();
  } catch (error) {
    await queue.close().catch(() => undefined);
    throw new Error(`cannot reach Redis at ${target.shown}: ${(error as Error).message}`);
  }
}
