/**
 * GET /feeds: what `herodotus watch` has done with each feed it polls (last poll and its status, the last
 * success, items seen and stored, items by outcome, errors in all and in a row, the last error). Read-only: the
 * watcher writes this state into the same database the server reads.
 */
import type { FastifyInstance } from 'fastify';
import type { FeedStatus, Store } from '../store/store.js';
import { errorResponses } from './schemas.js';

const feedStatusSchema = {
  type: 'object',
  properties: {
    url: { type: 'string' },
    lastPoll: { type: ['string', 'null'] },
    lastStatus: { type: ['string', 'null'] },
    lastOk: { type: ['string', 'null'] },
    itemsSeen: { type: 'integer' },
    itemsStored: { type: 'integer' },
    items: { type: 'object', additionalProperties: { type: 'integer' }, description: 'items by outcome: stored, duplicate, disallowed, too-large, error …' },
    errors: { type: 'integer' },
    consecutiveErrors: { type: 'integer' },
    lastError: { type: ['string', 'null'] },
    healthy: { type: 'boolean', description: 'polled at least once and the last poll succeeded' },
  },
} as const;

export const feedsSchema = {
  summary: 'Feeds polled by `herodotus watch`: last poll, new items, errors',
  tags: ['feeds'],
  response: {
    200: { description: 'One entry per feed, by URL', type: 'object', properties: { count: { type: 'integer' }, feeds: { type: 'array', items: feedStatusSchema } } },
    ...errorResponses,
  },
};

/** A feed's status as the API shows it (validators such as ETags stay internal). */
export function feedView(feed: FeedStatus): Record<string, unknown> {
  return {
    url: feed.url,
    lastPoll: feed.lastPoll,
    lastStatus: feed.lastStatus,
    lastOk: feed.lastOk,
    itemsSeen: feed.itemsSeen,
    itemsStored: feed.itemsStored,
    items: feed.items,
    errors: feed.errors,
    consecutiveErrors: feed.consecutiveErrors,
    lastError: feed.lastError,
    healthy: feed.lastPoll !== null && feed.consecutiveErrors === 0,
  };
}

export function registerFeedRoutes(app: FastifyInstance, store: Store): void {
  app.get('/feeds', { schema: feedsSchema }, async () => {
    const feeds = (await store.feedStatus()).map(feedView);
    return { count: feeds.length, feeds };
  });
}
