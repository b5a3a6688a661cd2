/** Event filters as query parameters, turned into a store query once for every route that takes them. */
import { StoreError, type ClusterQuery } from '../store/store.js';
import { HttpError } from './errors.js';

export interface EventFilters {
  from?: string;
  to?: string;
  country?: string;
  actor?: string;
  cameo?: string;
  quadClass?: string;
  plover?: string;
  context?: string;
  place?: string;
  search?: string;
  minMentions?: string;
  asOf?: string;
  ids?: string;
}

export function clusterQuery(q: EventFilters): ClusterQuery {
  return {
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.country ? { country: q.country.toUpperCase() } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.cameo ? { cameo: q.cameo } : {}),
    ...(q.quadClass ? { quadClass: Number(q.quadClass) } : {}),
    ...(q.plover ? { plover: q.plover } : {}),
    ...(q.context ? { context: q.context } : {}),
    ...(q.place ? { place: q.place } : {}),
    ...(q.search ? { search: q.search } : {}),
    ...(q.minMentions ? { minMentions: Number(q.minMentions) } : {}),
    ...(q.ids ? { ids: q.ids.split(',') } : {}),
  };
}

/** A store query error (a malformed full-text search) is the client's: 400 naming `search`. */
export async function asClientError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'BAD_QUERY') throw new HttpError(400, 'validation', error.message, 'search');
    throw error;
  }
}
