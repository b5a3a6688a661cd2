/**
 * One conformance suite, several adapters (hono's `common.case.test.ts` habit): every behaviour of the
 * `Store` interface written once, run against each store by a test file that knows how to open a fresh,
 * empty one (src/store/sqlite/conformance.test.ts, src/store/postgres/conformance.test.ts).
 */
import { describe } from 'node:test';
import type { ActorIndex } from '../actor-listing.js';
import type { Store } from '../store.js';
import { actorTests } from './actors.js';
import { aggregateTests } from './aggregates.js';
import { clusterFilterTests } from './cluster-filters.js';
import { clusterTests } from './clusters.js';
import { correctionTests } from './corrections.js';
import { documentTests } from './documents.js';
import { eventTests } from './events.js';
import { historyTests } from './history.js';
import { watchTests } from './watch.js';

export interface StoreFactory {
  /** Opens a fresh, empty store; the test closes it. */
  open(): Promise<Store>;
  /** The store's actor index, to take every way of the actor listing on a small store (src/store/actor-listing.ts). */
  actorIndex?(store: Store): ActorIndex;
}

/** Opens a fresh store, runs `body` with it, closes it whatever happens. */
export async function withStore<T>(factory: StoreFactory, body: (store: Store) => Promise<T>): Promise<T> {
  const store = await factory.open();
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

/** Registers the whole suite under `name`; with `skip`, registers it skipped with that reason. */
export function storeConformance(name: string, factory: StoreFactory | { skip: string }): void {
  const skip = 'skip' in factory ? factory.skip : undefined;
  const open: StoreFactory = 'open' in factory ? factory : { open: () => Promise.reject(new Error(skip)) };
  describe(name, skip ? { skip } : {}, () => {
    describe('documents', () => documentTests(open));
    describe('events (mentions)', () => eventTests(open));
    describe('actors', () => actorTests(open));
    describe('clusters', () => clusterTests(open));
    describe('corrections', () => correctionTests(open));
    describe('cluster filters', () => clusterFilterTests(open));
    describe('aggregates', () => aggregateTests(open));
    describe('codings, as-of and relink', () => historyTests(open));
    describe('watch state', () => watchTests(open));
  });
}
