/** Default intervals and limits of `herodotus watch` (a module of its own: the command line reads them at start-up). */
import type { WatchOptions } from './runner.js';

export const WATCH_DEFAULTS: Omit<WatchOptions, 'feeds' | 'dirs' | 'once'> = {
  everyMs: 15 * 60_000,
  scanMs: 5_000,
  delayMs: 1_000,
  timeoutMs: 30_000,
  maxPageBytes: 5_000_000,
  maxRedirects: 5,
  retries: 2,
  backoffMs: 2_000,
  maxAttempts: 3,
  settleMs: 2_000,
};
