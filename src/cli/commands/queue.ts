/** `herodotus queue status` and `herodotus queue retry-failed`. */
import type { QueueTarget } from '../../queue/connection.js';
import { failedJobs, inspectQueue, queueCounts, retryFailed, type FailedJob, type QueueCounts } from '../../queue/status.js';

export interface StatusReport {
  queue: string;
  url: string;
  counts: QueueCounts;
  failedJobs?: FailedJob[];
}

export async function runQueueStatus(target: QueueTarget, options: { failed: boolean; limit: number; json: boolean }, write: (s: string) => void): Promise<StatusReport> {
  const queue = await inspectQueue(target);
  try {
    const report: StatusReport = { queue: target.name, url: target.shown, counts: await queueCounts(queue) };
    if (options.failed) report.failedJobs = await failedJobs(queue, options.limit);
    write(options.json ? JSON.stringify(report) + '\n' : statusText(report));
    return report;
  } finally {
    await queue.close();
  }
}

function statusText(report: StatusReport): string {
  const c = report.counts;
  const rows: Array<[string, number | string]> = [
    ['waiting', c.waiting],
    ['active', c.active],
    ['delayed', c.delayed],
    ['failed', c.failed],
    ['completed', c.completed],
    ['workers', c.workers ?? 'unknown'],
  ];
  const lines = [`queue ${report.queue} on ${report.url}`, ...rows.map(([k, v]) => `${k.padEnd(10)}${String(v).padStart(8)}`)];
  if (report.failedJobs) {
    lines.push('', report.failedJobs.length === 0 ? 'no failed jobs' : `failed jobs (latest first${report.failedJobs.length < c.failed ? `, ${report.failedJobs.length} of ${c.failed}` : ''}):`);
    for (const j of report.failedJobs) {
      lines.push(`${j.id.slice(0, 16)}…  ${j.failedAt ?? '-'}  ${j.attemptsMade}/${j.attempts} attempts  ${j.origin ?? '-'}`, `    ${j.error.replace(/\s+/g, ' ')}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function runRetryFailed(target: QueueTarget): Promise<number> {
  const queue = await inspectQueue(target);
  try {
    return await retryFailed(queue);
  } finally {
    await queue.close();
  }
}
