/**
 * Home's live counts, each bounded whatever the size of the business (issue 11):
 * - Pending and In billing come from the counters `counts/orders` and `counts/billing` (one small
 *   record each), moved by every transition that creates or removes such a record, in the same
 *   atomic patch, and guarded by the rules (docs/data-model.md, "Home's counts");
 * - Sent today, Deleted this week and Expired this week are indexed range queries on `billedAt`,
 *   `deletedAt` and `expiredAt`, each at most RECENT_CAP records ("20+" past it).
 */
import { computed, type ReadonlySignal } from '@preact/signals-core';
import { equalTo, limitToLast, onValue, orderByChild, query, ref, startAt } from 'firebase/database';
import { nextLocalDay, RECENT_CAP, recentSince, recentTally, type RecentCollection } from '../domain/recentActivity.ts';
import { DELETED_BY_DELETED_AT, EXPIRED_BY_EXPIRED_AT, SENT_BY_BILLED_AT, type QuerySpec } from './querySpecs.ts';
import type { CountedCollection, RecordCount } from '../domain/types.ts';
import { recordCountSchema } from '../domain/validate.ts';
import { serverClock } from './expiryJob.ts';
import { db } from './firebase.ts';
import { listen, liveRecord, liveSignal, type Live } from './live.ts';

/** Home's five tiles, in order: the two counters, then recent activity. */
export const HOME_TILES = ['orders', 'billing', 'sent', 'deleted', 'expired'] as const;
export type HomeTile = (typeof HOME_TILES)[number];

/** A tile's number (or at least so many: a capped recent window); 'loading' until its first snapshot; 'unknown' when denied or the counter is not valid. */
export type TileCount = number | { atLeast: number } | 'loading' | 'unknown';
/** What Home shows, per tile. */
export type OrderCounts = Record<HomeTile, TileCount>;

/** A rolling "this week" window is re-queried this often, so records age out of it while Home stays open. */
const WEEK_REFRESH_MS = 60 * 60 * 1000;

/** A counter as a tile count: an absent counter is 0 (nothing counted yet); a bad one is unknown. */
function fromCounter(live: Live<RecordCount>): TileCount {
  switch (live.state) {
    case 'loading':
      return 'loading';
    case 'ready':
      return live.value.n;
    case 'missing':
      return 0;
    default:
      return 'unknown';
  }
}

/** The indexed query of each recent window (its child is RECENT_FIELD's). */
const RECENT_SPEC: Record<RecentCollection, QuerySpec> = { sent: SENT_BY_BILLED_AT, deleted: DELETED_BY_DELETED_AT, expired: EXPIRED_BY_EXPIRED_AT };

const counter = (c: CountedCollection): ReadonlySignal<Live<RecordCount>> => liveRecord(`counts/${c}`, recordCountSchema);

/**
 * How many records of `collection` fall in its recent window, live: an indexed query from the
 * window's start. It is re-run when the window moves: at the next local midnight for "today",
 * hourly for the rolling week.
 */
function recentCount(collection: RecentCollection): ReadonlySignal<TileCount> {
  return liveSignal<TileCount>('loading', (set) => {
    let stop = (): void => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (): void => {
      stop();
      const clock = serverClock();
      // At most RECENT_CAP records: a tile says "20+" rather than download a busy day whole.
      const window = [orderByChild(RECENT_SPEC[collection].orderBy), startAt(recentSince(collection, clock)), limitToLast(RECENT_CAP)];
      stop = listen(collection, (snap) => set(recentTally(snap.size)), () => set('unknown'), window);
      timer = setTimeout(run, collection === 'sent' ? nextLocalDay(clock) - clock + 1000 : WEEK_REFRESH_MS);
    };
    run();
    return () => {
      clearTimeout(timer);
      stop();
    };
  });
}

const sources = {
  orders: counter('orders'),
  billing: counter('billing'),
  sent: recentCount('sent'),
  deleted: recentCount('deleted'),
  expired: recentCount('expired'),
};

/** Home's five counts, live while something reads them (a component on screen). */
export const orderCounts: ReadonlySignal<OrderCounts> = computed(() => ({
  orders: fromCounter(sources.orders.value),
  billing: fromCounter(sources.billing.value),
  sent: sources.sent.value,
  deleted: sources.deleted.value,
  expired: sources.expired.value,
}));

/** How many orders are pending (the counter alone, for the navigation's badge). */
export const pendingWaiting: ReadonlySignal<TileCount> = computed(() => fromCounter(sources.orders.value));

/** How many orders wait in billing (the counter alone, for the Billing screen's foot and the navigation's badge). */
export const billingWaiting: ReadonlySignal<TileCount> = computed(() => fromCounter(sources.billing.value));

/** Retailer orders waiting for a staff decision (status `submitted`); null until known or when denied. */
export const awaitingApprovalCount: ReadonlySignal<number | null> = liveSignal<number | null>(null, (set) =>
  onValue(
    query(ref(db, 'retailerOrders'), orderByChild('status'), equalTo('submitted')),
    (snap) => set(snap.size),
    () => set(null),
  ),
);
