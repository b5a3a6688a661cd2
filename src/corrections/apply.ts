/**
 * Corrections applied to event clusters: which correction is in force for each cluster (the latest one
 * made on a report the cluster now holds; a `revert` withdraws those before it), and the cluster as
 * corrected. Pure: no I/O.
 */
import type { Correction, EventCluster } from '../store/store.js';

/** The correction in force per cluster id, by the clusters the anchored reports are in now. */
export function correctionsInForce(corrections: readonly Correction[]): Map<string, Correction> {
  const latest = new Map<string, Correction>();
  for (const c of [...corrections].sort((a, b) => a.id - b.id)) {
    if (c.current) latest.set(c.current.clusterId, c);
  }
  for (const [id, c] of latest) if (c.kind === 'revert') latest.delete(id);
  return latest;
}

/** The cluster with the correction's fields in place of the coded ones, and `correction` saying so. */
export function applyCorrection(cluster: EventCluster, correction: Correction): EventCluster {
  if (correction.kind === 'revert') return cluster;
  const f = correction.kind === 'correct' ? correction.fields : {};
  const coded = { cameo: cluster.cameo, plover: cluster.plover, source: cluster.source, target: cluster.target, date: cluster.date, place: cluster.place };
  return {
    ...cluster,
    ...(f.cameo ? { cameo: { ...f.cameo } } : {}),
    ...(f.plover ? { plover: { type: f.plover.type, ...(f.plover.mode ? { mode: f.plover.mode } : {}), contexts: [...cluster.plover.contexts] } } : {}),
    ...(f.source !== undefined ? { source: f.source } : {}),
    ...(f.target !== undefined ? { target: f.target } : {}),
    ...(f.date ? { date: { ...f.date } } : {}),
    ...(f.place !== undefined ? { place: f.place } : {}),
    correction: {
      id: correction.id,
      kind: correction.kind,
      author: correction.author,
      at: correction.at,
      ...(correction.note !== undefined ? { note: correction.note } : {}),
      fields: (Object.keys(f) as Array<keyof typeof f>).filter((k) => f[k] !== undefined),
      coded,
    },
  };
}

/** Whether a cluster was marked wrong by an analyst (left out of counts, maps, networks and GDELT/ICEWS exports). */
export function isMarkedWrong(cluster: EventCluster): boolean {
  return cluster.correction?.kind === 'wrong';
}
