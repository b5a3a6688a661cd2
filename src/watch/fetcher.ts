/**
 * A polite HTTP client for feeds and article pages: a User-Agent naming Herodotus, robots.txt honoured
 * (fetched once per origin and cached), at most one request at a time per host with a delay between
 * requests, a timeout, a maximum body size (the stream is aborted past it), redirects followed by hand
 * (at most `maxRedirects`, http and https only), and bounded retries with exponential backoff for
 * failures that may pass (timeouts, network errors, 429 and 5xx).
 */
import { VERSION } from '../version.js';
import { ALLOW_ALL, crawlDelay, DISALLOW_ALL, isAllowed, parseRobots, type Robots } from './robots.js';
import { sleep } from './duration.js';
import type { Log } from './state.js';

/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'herodotus';

export function userAgent(contact?: string): string {
  return `Herodotus/${VERSION} (+${contact ?? 'https://github.com/herodotus-events/herodotus; set a contact with --contact'}) news event coder`;
}

export type FetchErrorKind = 'bad-url' | 'disallowed' | 'timeout' | 'network' | 'http' | 'too-large' | 'too-many-redirects' | 'aborted';

export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly url: string;
  readonly status?: number;
  /** Worth trying again later (timeouts, network errors, 429, 5xx). */
  readonly retryable: boolean;
  constructor(kind: FetchErrorKind, url: string, message: string, options: { status?: number; retryable?: boolean } = {}) {
    super(message);
    this.name = 'FetchError';
    this.kind = kind;
    this.url = url;
    if (options.status !== undefined) this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

export interface FetchedPage {
  /** 200 … 299, or 304 (not modified). */
  status: number;
  /** The URL answered, after redirects. */
  url: string;
  redirects: number;
  headers: Headers;
  body: Buffer;
}

export interface FetcherOptions {
  userAgent: string;
  /** Pause between two requests to the same host. */
  delayMs: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Extra attempts after a retryable failure; waits backoffMs, 2×, 4× … (at most 60 s). */
  retries: number;
  backoffMs: number;
  /** Aborts requests in flight and pending waits (shutdown). */
  signal?: AbortSignal;
  log?: Log;
  /** How long a robots.txt answer is trusted. */
  robotsTtlMs?: number;
}

interface HostLane {
  tail: Promise<unknown>;
  last: number;
  /** The host's robots.txt Crawl-delay in ms, when longer than the configured delay. */
  crawlDelayMs?: number;
}

export class Fetcher {
  private readonly options: FetcherOptions;
  private readonly lanes = new Map<string, HostLane>();
  private readonly robots = new Map<string, { expires: number; rules: Promise<Robots> }>();
  /** Requests sent (robots.txt included), for reports and tests. */
  requests = 0;

  constructor(options: FetcherOptions) {
    this.options = options;
  }

  /** GET with robots.txt, politeness, redirects and retries. Throws FetchError. */
  async get(url: string, headers: Record<string, string> = {}): Promise<FetchedPage> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.follow(url, headers, true);
      } catch (error) {
        const failure = error instanceof FetchError ? error : new FetchError('network', url, (error as Error).message, { retryable: true });
        if (!failure.retryable || attempt >= this.options.retries || this.options.signal?.aborted) throw failure;
        const wait = Math.min(60_000, this.options.backoffMs * 2 ** attempt);
        this.options.log?.('retry', { url, attempt: attempt + 1, of: this.options.retries, waitMs: wait, kind: failure.kind, message: failure.message });
        await sleep(wait, this.options.signal);
      }
    }
  }

  private async follow(start: string, headers: Record<string, string>, checkRobots: boolean): Promise<FetchedPage> {
    let url = start;
    for (let redirects = 0; ; redirects++) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new FetchError('bad-url', url, 'not a valid URL');
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError('bad-url', url, `only http and https URLs are fetched, not ${parsed.protocol}`);
      if (checkRobots && !(await this.allowed(parsed))) throw new FetchError('disallowed', url, 'disallowed by robots.txt');
      const answer = await this.inLane(parsed.host, () => this.once(parsed.href, headers));
      if (answer.location === undefined) return { ...answer.page, url: parsed.href, redirects };
      if (redirects >= this.options.maxRedirects) throw new FetchError('too-many-redirects', start, `more than ${this.options.maxRedirects} redirects`);
      try {
        url = new URL(answer.location, parsed).href;
      } catch {
        throw new FetchError('bad-url', answer.location, 'redirect to an invalid URL');
      }
    }
  }

  private lane(host: string): HostLane {
    let lane = this.lanes.get(host);
    if (!lane) {
      lane = { tail: Promise.resolve(), last: 0 };
      this.lanes.set(host, lane);
    }
    return lane;
  }

  /** The pause between two requests to `host` in ms: the configured delay, or the host's Crawl-delay when longer. */
  delayFor(host: string): number {
    return Math.max(this.options.delayMs, this.lanes.get(host)?.crawlDelayMs ?? 0);
  }

  /** Runs `task` when the host's previous request is done and the delay (or the host's Crawl-delay) has passed. */
  private inLane<T>(host: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lane(host);
    const run = lane.tail.then(async () => {
      const wait = lane.last + Math.max(this.options.delayMs, lane.crawlDelayMs ?? 0) - Date.now();
      if (lane.last > 0 && wait > 0) await sleep(wait, this.options.signal);
      if (this.options.signal?.aborted) throw new FetchError('aborted', host, 'shutting down');
      try {
        return await task();
      } finally {
        lane.last = Date.now();
      }
    });
    lane.tail = run.catch(() => undefined);
    return run;
  }

  /** One request; a redirect comes back as its Location. The body is read within the timeout and size limit. */
  private async once(url: string, headers: Record<string, string>): Promise<{ page: Omit<FetchedPage, 'url' | 'redirects'>; location?: string }> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
    const failed = (error: unknown): FetchError => {
      if (error instanceof FetchError) return error;
      if (this.options.signal?.aborted) return new FetchError('aborted', url, 'shutting down');
      if (timeout.aborted) return new FetchError('timeout', url, `no complete answer within ${this.options.timeoutMs} ms`, { retryable: true });
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return new FetchError('network', url, cause?.code ?? cause?.message ?? (error as Error).message, { retryable: true });
    };
    this.requests++;
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers: { 'user-agent': this.options.userAgent, ...headers } });
    } catch (error) {
      throw failed(error);
    }
    const status = response.status;
    if (status >= 300 && status < 400 && status !== 304) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (!location) throw new FetchError('http', url, `HTTP ${status} without a Location header`, { status });
      return { page: { status, headers: response.headers, body: Buffer.alloc(0) }, location };
    }
    if (status !== 304 && (status < 200 || status >= 300)) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError('http', url, `HTTP ${status}`, { status, retryable: status === 429 || status >= 500 });
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError('too-large', url, `${declared} bytes declared, more than the ${this.options.maxBytes}-byte limit; not read`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > this.options.maxBytes) {
            await reader.cancel().catch(() => undefined);
            throw new FetchError('too-large', url, `body cut off past the ${this.options.maxBytes}-byte limit`);
          }
          chunks.push(Buffer.from(value));
        }
      }
    } catch (error) {
      throw failed(error);
    }
    return { page: { status, headers: response.headers, body: Buffer.concat(chunks) } };
  }

  /** robots.txt of the URL's origin, fetched once per `robotsTtlMs` (4xx: all allowed; 5xx or unreachable: nothing, for now). */
  async allowed(url: URL): Promise<boolean> {
    const origin = url.origin;
    const now = Date.now();
    let cached = this.robots.get(origin);
    if (!cached || cached.expires < now) {
      const ttl = this.options.robotsTtlMs ?? 3_600_000;
      cached = { expires: now + ttl, rules: this.fetchRobots(origin) };
      this.robots.set(origin, cached);
      const entry = cached;
      void entry.rules.then((rules) => {
        // An unreachable robots.txt is asked for again sooner.
        if (rules === DISALLOW_ALL) entry.expires = Math.min(entry.expires, Date.now() + 60_000);
      });
    }
    const robots = await cached.rules;
    const seconds = crawlDelay(robots, ROBOTS_AGENT);
    if (seconds !== undefined) this.lane(url.host).crawlDelayMs = seconds * 1000;
    return isAllowed(robots, ROBOTS_AGENT, url.pathname + url.search);
  }

  private async fetchRobots(origin: string): Promise<Robots> {
    const url = `${origin}/robots.txt`;
    try {
      const page = await this.follow(url, { accept: 'text/plain' }, false);
      return parseRobots(page.body.toString('utf8'));
    } catch (error) {
      const failure = error as FetchError;
      if (failure.kind === 'http' && failure.status !== undefined && failure.status >= 400 && failure.status < 500) return ALLOW_ALL;
      if (failure.kind === 'too-large') return ALLOW_ALL;
      this.options.log?.('error', { url, kind: 'robots', message: `robots.txt unreachable (${failure.message}); the host is not crawled for now` });
      return DISALLOW_ALL;
    }
  }
}
