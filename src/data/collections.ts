/**
 * The staff app's live collections: pending orders, the billing queue, the catalogue, parties
 * and stock, each resumed from the device's saved copy. The generic pieces (a live collection of
 * any path or query, checked record by record) are in liveCollection.ts, which the retailer
 * portal uses without loading these.
 */
import { storeRecord } from '../domain/orderRecords.ts';
import type { BillingRecord, Party, PendingRecord, Product, StockRecord } from '../domain/types.ts';
import { billingSchema, partySchema, pendingSchema, productSchema, stockSchema } from '../domain/validate.ts';
import { db } from './firebase.ts';
import { hold, reportRead } from './liveCollection.ts';
import { BILLING_BY_QUEUED_AT, CATALOG_BY_UPDATED_AT, GONE_CATALOG_BY_TIME, GONE_ORDERS_BY_TIME, GONE_PARTIES_BY_TIME, PARTIES_BY_UPDATED_AT, PENDING_BY_UPDATED_AT, STOCK_BY_UPDATED_AT } from './querySpecs.ts';
import { oldestFirst, type GrowingWindow } from './oldestFirst.ts';
import { deltaCollection } from './deltaCollection.ts';
import { withSavedCopy } from './snapshotCache.ts';

export type { LiveCollection } from './parsedCollection.ts';
export { hold, itemsOf, liveCollection, liveQueryCollection, reportRead } from './liveCollection.ts';

// Pending, catalogue, parties and stock fall back to their saved copy offline (the original read them from IndexedDB).
// Pending is resumed from the saved copy: a reopen downloads only the orders placed, changed or removed since.
export const pendingOrders = withSavedCopy(
  'orders',
  pendingSchema,
  deltaCollection<PendingRecord>({ spec: PENDING_BY_UPDATED_AT, schema: pendingSchema, stamp: (r) => r.updatedAt, gone: GONE_ORDERS_BY_TIME }),
  // Saved with keyed lines, as stored: pendingSchema reads the copy back (a parsed record's line lists fail it).
  storeRecord,
);
/** Orders waiting in billing as many as the Billing screen shows: the longest-waiting first, more on demand. */
export const BILLING_WINDOW_STEP = 50;
export const billingQueue: GrowingWindow<BillingRecord> = oldestFirst(db, BILLING_BY_QUEUED_AT, billingSchema, BILLING_WINDOW_STEP, reportRead);
// Sent, deleted and expired are history: they grow all year, so screens read them in pages
// (src/data/historyCollections.ts), never whole.
// The catalogue and the parties are resumed like pending orders: a reopen downloads only the
// products and parties created, changed or removed since (staff only: `gone/` is staff's).
export const catalog = withSavedCopy('catalog', productSchema, deltaCollection<Product>({ spec: CATALOG_BY_UPDATED_AT, schema: productSchema, stamp: (r) => r.updatedAt, gone: GONE_CATALOG_BY_TIME }));
export const parties = withSavedCopy('parties', partySchema, deltaCollection<Party>({ spec: PARTIES_BY_UPDATED_AT, schema: partySchema, stamp: (r) => r.updatedAt, gone: GONE_PARTIES_BY_TIME }));
// Stock is resumed from the saved copy: a reopen downloads only the SKUs changed since.
export const stock = withSavedCopy('stock', stockSchema, deltaCollection<StockRecord>({ spec: STOCK_BY_UPDATED_AT, schema: stockSchema, stamp: (r) => r.updatedAt }));


/**
 * Keeps the catalogue and the parties listened to until the returned stop is called (the staff
 * app: for the rest of the session). Nearly every screen needs them; without this each screen
 * change stopped the listens and the next screen downloaded both again (about 190 KB on a
 * 90-day × 3 business). Held, they cost one download per session and then only their changes.
 */
export const holdMasterData = (): (() => void) => hold(catalog, parties);
