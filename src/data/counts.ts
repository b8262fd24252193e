import type { ReadonlySignal } from '@preact/signals-core';
import { equalTo, onValue, orderByChild, query, ref } from 'firebase/database';
import { db } from './firebase.ts';
import { listen, liveSignal } from './live.ts';

/** The five top-level collections an order moves through (docs/data-model.md). */
export const ORDER_COLLECTIONS = ['orders', 'billing', 'sent', 'deleted', 'expired'] as const;
export type CountedCollection = (typeof ORDER_COLLECTIONS)[number];

/** Orders per collection; null until that collection's first snapshot (or when it is denied). */
export type OrderCounts = Record<CountedCollection, number | null>;

const UNKNOWN: OrderCounts = { orders: null, billing: null, sent: null, deleted: null, expired: null };

/**
 * Live order counts of the five collections, listened to while on screen. Counts the direct
 * children of each collection, which downloads the collections whole: fine at demo sizes; a
 * per-collection counter kept by the commands replaces it when collections grow.
 */
export const orderCounts: ReadonlySignal<OrderCounts> = liveSignal<OrderCounts>(UNKNOWN, (set) => {
  let counts = UNKNOWN;
  const stops = ORDER_COLLECTIONS.map((collection) =>
    listen(collection, (snap) => {
      counts = { ...counts, [collection]: snap.size };
      set(counts);
    }),
  );
  return () => stops.forEach((stop) => stop());
});

/** Retailer orders waiting for a staff decision (status `submitted`); null until known or when denied. */
export const awaitingApprovalCount: ReadonlySignal<number | null> = liveSignal<number | null>(null, (set) =>
  onValue(
    query(ref(db, 'retailerOrders'), orderByChild('status'), equalTo('submitted')),
    (snap) => set(snap.size),
    () => set(null),
  ),
);
