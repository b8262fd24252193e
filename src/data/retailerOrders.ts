/**
 * Reading retailer orders: the admins' queue of orders awaiting a decision, and a retailer's own
 * orders (the one query the rules allow a retailer). Deciding them is retailerOrderCommands.ts,
 * kept apart so that the portal does not load the staff app's commands.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import type { RetailerOrder, Uid } from '../domain/types.ts';
import { retailerOrderSchema } from '../domain/validate.ts';
import { liveQueryCollection, type LiveCollection } from './liveCollection.ts';
import { RETAILER_ORDERS_BY_RETAILER, RETAILER_ORDERS_BY_STATUS } from './querySpecs.ts';

/** Retailer orders by id, each checked with `retailerOrderSchema`; bad records are listed apart. */
export type RetailerOrderList = LiveCollection<RetailerOrder>;

const liveRetailerOrders = (by: typeof RETAILER_ORDERS_BY_STATUS, value: string): ReadonlySignal<RetailerOrderList> => liveQueryCollection(by, value, retailerOrderSchema);

/** Retailer orders waiting for an admin's decision (status `submitted`), live while on screen. */
export const submittedRetailerOrders: ReadonlySignal<RetailerOrderList> = liveRetailerOrders(RETAILER_ORDERS_BY_STATUS, 'submitted');

const mine = new Map<Uid, ReadonlySignal<RetailerOrderList>>();

/** A retailer's own orders (the one query the rules allow a retailer), live while on screen. */
export function retailerOrdersOf(uid: Uid): ReadonlySignal<RetailerOrderList> {
  let s = mine.get(uid);
  if (s === undefined) {
    s = liveRetailerOrders(RETAILER_ORDERS_BY_RETAILER, uid);
    mine.set(uid, s);
  }
  return s;
}

