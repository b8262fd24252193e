/**
 * Every query the apps make, by the collection and the child it is ordered by. A query without a
 * matching `.indexOn` makes the SDK download the whole collection and filter it on the device
 * (the server answers `no_index`), which is exactly what a year of history cannot afford. So the
 * query helpers of `src/data` take one of these specs, not a free path and child (the type is
 * branded: a spec cannot be written anywhere else), and tests/unit/tooling/queryIndexes.test.ts
 * checks each against `database.rules.json`, and that no `orderByChild` in `src` escapes this list.
 */
declare const registered: unique symbol;

/** A query the apps make: the collection and the child it is ordered by (always indexed). */
export type QuerySpec = { readonly path: string; readonly orderBy: string; readonly [registered]: true };

const spec = (path: string, orderBy: string): QuerySpec => ({ path, orderBy }) as QuerySpec;

/** Sent: the recent days, paged by day (Sent screen); those old enough for the archive (housekeeping job). */
export const SENT_BY_BILLED_AT = spec('sent', 'billedAt');
/** Sent of one party, paged by key (Sent screen's party filter). */
export const SENT_BY_PARTY = spec('sent', 'partyId');
/** Sent records of one order (the Sent screen's picked card). */
export const SENT_BY_ORDER = spec('sent', 'orderId');
/** Undelivered sent records, the newest few hundred (ticker, planner, daily reminder). */
export const SENT_BY_DELIVERY = spec('sent', 'deliveryStatus');
/** Sent records of one order number (the Sent screen's search for an order number, over all of Sent). */
export const SENT_BY_NUMBER = spec('sent', 'number');
/** Deleted orders of one party, paged by key (Deleted screen's party filter). */
export const DELETED_BY_PARTY = spec('deleted', 'partyId');
/** The deleted order with one number (Deleted screen's search for an order number). */
export const DELETED_BY_NUMBER = spec('deleted', 'number');
/** Expired orders of one party, paged by key (Expired screen's party filter). */
export const EXPIRED_BY_PARTY = spec('expired', 'partyId');
/** The expired order with one number (Expired screen's search for an order number). */
export const EXPIRED_BY_NUMBER = spec('expired', 'number');
/** Deleted orders, paged by day (Deleted screen); those past retention (purge job). */
export const DELETED_BY_DELETED_AT = spec('deleted', 'deletedAt');
/** Expired orders, paged by day (Expired screen). */
export const EXPIRED_BY_EXPIRED_AT = spec('expired', 'expiredAt');
/** Pending orders placed long enough ago to be due (expiry job, "expiring soon"). */
export const PENDING_BY_CREATED_AT = spec('orders', 'createdAt');
/** Pending orders whose own deadline has come (expiry job, "expiring soon"). */
export const PENDING_BY_EXPIRES_AT = spec('orders', 'expiresAt');
/** Orders waiting in billing, the longest-waiting first, a window that grows on demand (Billing screen). */
export const BILLING_BY_QUEUED_AT = spec('billing', 'queuedAt');
/** An order's audit trail (History button). */
export const AUDIT_BY_ORDER = spec('audit', 'orderId');
/** Retailer orders by status (Approvals; Home's count of those awaiting approval). */
export const RETAILER_ORDERS_BY_STATUS = spec('retailerOrders', 'status');
/** A retailer's own orders (the retailer portal; the only query the rules allow a retailer). */
export const RETAILER_ORDERS_BY_RETAILER = spec('retailerOrders', 'retailerUid');
/** A retailer's own support requests (the portal's Report a problem; the only query the rules allow a retailer). */
export const SUPPORT_BY_RETAILER = spec('support', 'retailerUid');
/** Support requests waiting for an admin (the Support badge). */
export const SUPPORT_BY_STATUS = spec('support', 'status');
/** The latest stock import (Stock screen). */
export const STOCK_IMPORTS_BY_AT = spec('stockImports', 'at');

/** Stock changed since the device's saved copy (src/data/deltaCollection.ts). */
export const STOCK_BY_UPDATED_AT = spec('stock', 'updatedAt');
/** Pending orders created or changed since the device's saved copy (src/data/deltaCollection.ts). */
export const PENDING_BY_UPDATED_AT = spec('orders', 'updatedAt');
/** Tombstones of pending orders removed since the device's saved copy, or older than the keep window (the trim); ordered by value, the removal time. */
export const GONE_ORDERS_BY_TIME = spec('gone/orders', '.value');
/** Products created or changed since the device's saved copy (src/data/deltaCollection.ts). */
export const CATALOG_BY_UPDATED_AT = spec('catalog', 'updatedAt');
/** Tombstones of products removed since the device's saved copy, or older than the keep window (the trim). */
export const GONE_CATALOG_BY_TIME = spec('gone/catalog', '.value');
/** Parties created or changed since the device's saved copy (src/data/deltaCollection.ts). */
export const PARTIES_BY_UPDATED_AT = spec('parties', 'updatedAt');
/** Tombstones of parties removed since the device's saved copy, or older than the keep window (the trim). */
export const GONE_PARTIES_BY_TIME = spec('gone/parties', '.value');
/** Every collection of tombstones (the housekeeping trim). */
export const GONE_BY_TIME: readonly QuerySpec[] = [GONE_ORDERS_BY_TIME, GONE_CATALOG_BY_TIME, GONE_PARTIES_BY_TIME];

/** All of the above. */
export const QUERY_SPECS: readonly QuerySpec[] = [
  SENT_BY_BILLED_AT,
  SENT_BY_PARTY,
  SENT_BY_ORDER,
  SENT_BY_DELIVERY,
  SENT_BY_NUMBER,
  DELETED_BY_PARTY,
  DELETED_BY_NUMBER,
  EXPIRED_BY_PARTY,
  EXPIRED_BY_NUMBER,
  DELETED_BY_DELETED_AT,
  EXPIRED_BY_EXPIRED_AT,
  PENDING_BY_CREATED_AT,
  PENDING_BY_EXPIRES_AT,
  BILLING_BY_QUEUED_AT,
  AUDIT_BY_ORDER,
  RETAILER_ORDERS_BY_STATUS,
  RETAILER_ORDERS_BY_RETAILER,
  SUPPORT_BY_RETAILER,
  SUPPORT_BY_STATUS,
  STOCK_IMPORTS_BY_AT,
  STOCK_BY_UPDATED_AT,
  PENDING_BY_UPDATED_AT,
  GONE_ORDERS_BY_TIME,
  CATALOG_BY_UPDATED_AT,
  GONE_CATALOG_BY_TIME,
  PARTIES_BY_UPDATED_AT,
  GONE_PARTIES_BY_TIME,
];
