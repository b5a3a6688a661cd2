/** `herodotus watch`: live feeds and a drop folder, coded and stored as they come (see src/watch/). */
import { readFileSync } from 'node:fs';
import type { ActorMemory } from '../../knowledge/actors/memory.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import type { CoderVersion, Store } from '../../store/store.js';
import type { DocumentQueue } from '../../queue/enqueue.js';
import { runWatch, type WatchOptions } from '../../watch/runner.js';
import { jsonLog, type Log, type WatchCounts } from '../../watch/state.js';

export { WATCH_HELP } from './watch-help.js';

/** Feed URLs from a file: one per line; blank lines and # comments ignored. */
export function readFeedList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

/**
 * The run's log and stop signal. Installed before the models load, so a SIGTERM or SIGINT that arrives
 * then still ends the run cleanly (after loading, before any fetch).
 */
export function watchControl(write: (line: string) => void): { log: Log; signal: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const log = jsonLog(write);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) return;
    log('stopping', { signal });
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    log,
    signal: stop.signal,
    dispose: () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}

export async function runWatchCommand(
  coding: { store: Store; pipeline: () => Pipeline; memory: ActorMemory; coder?: CoderVersion; queue?: DocumentQueue; maxDocBytes: number },
  options: WatchOptions,
  control: { log: Log; signal: AbortSignal },
): Promise<WatchCounts> {
  return runWatch({ ...coding, log: control.log, signal: control.signal }, options);
}
