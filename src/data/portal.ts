/**
 * The retailer portal's reads: the catalogue, what the retailer may see of stock (exact
 * quantities or bands, as the admin chose in `settings/retailerStock`, which admins set here) and
 * the count of their orders awaiting a decision. Sending an order is src/data/portalOrder.ts.
 */
import { computed, type ReadonlySignal } from '@preact/signals-core';
import { ref, set } from 'firebase/database';
import { lineKey } from '../domain/lines.ts';
import { awaitingCount, AWAITING, DEFAULT_RETAILER_STOCK_VIEW, STOCK_BANDS, type Availability, type RetailerStockView, type StockBand } from '../domain/portal.ts';
import { oneOf } from '../domain/schema.ts';
import type { Line, Product, Uid } from '../domain/types.ts';
import { productSchema, stockSchema } from '../domain/validate.ts';
import { ActionError, toActionError } from './actionError.ts';
import { hold, itemsOf, liveCollection } from './liveCollection.ts';
import { db } from './firebase.ts';
import { listen, liveRecord, liveSignal } from './live.ts';
import { withSavedCopy } from './snapshotCache.ts';

const viewSchema = oneOf(['exact', 'bands'] as const);
const bandSchema = oneOf(['in', 'low', 'out'] as const);

/** What retailers see of stock, live ('bands' when unset or unreadable). */
export const retailerStockView: ReadonlySignal<RetailerStockView> = (() => {
  const r = liveRecord('settings/retailerStock', viewSchema);
  return computed(() => {
    const v = r.value;
    return v.state === 'ready' ? v.value : DEFAULT_RETAILER_STOCK_VIEW;
  });
})();

/** Admin: chooses what retailers see of stock. */
export async function saveRetailerStockView(view: RetailerStockView): Promise<void> {
  try {
    await set(ref(db, 'settings/retailerStock'), view);
  } catch (e) {
    const err = toActionError(e);
    throw err.code === 'denied' ? new ActionError('Only an admin may change what retailers see of stock.', 'retailerStock', 'denied') : err;
  }
}

/**
 * The catalogue as the portal reads it: the whole of `catalog`, live while on screen, with the
 * copy saved on this device shown until the live one arrives (Place order opens without waiting
 * for the connection; src/data/snapshotCache.ts).
 */
export const portalCatalog = withSavedCopy('catalog', productSchema, liveCollection<Product>('catalog', productSchema));

/** The catalogue's products by id (empty while loading). */
export const catalogById: ReadonlySignal<Readonly<Record<string, Product>>> = computed(() => Object.fromEntries(itemsOf(portalCatalog.value)));

const exactStock = liveCollection('stock', stockSchema);
const bands = withSavedCopy(STOCK_BANDS, bandSchema, liveCollection<StockBand>(STOCK_BANDS, bandSchema));

/** Whether availability is loading, shown, or refused. */
export const availabilityState: ReadonlySignal<'loading' | 'ready' | 'denied'> = computed(() => {
  const c = retailerStockView.value === 'exact' ? exactStock.value : bands.value;
  return c.state === 'loading' ? 'loading' : c.state === 'denied' ? 'denied' : 'ready';
});

/** Each SKU's availability as this retailer may see it (a SKU with no record is out of stock). */
export const availability: ReadonlySignal<(line: Pick<Line, 'productId' | 'color' | 'size'>) => Availability> = computed(() => {
  if (retailerStockView.value === 'exact') {
    const items = itemsOf(exactStock.value);
    return (l) => ({ kind: 'exact', qty: items.get(lineKey(l))?.qty ?? 0 });
  }
  const items = itemsOf(bands.value);
  return (l) => ({ kind: 'band', band: items.get(lineKey(l)) ?? 'out' });
});

const awaitingOf = new Map<Uid, ReadonlySignal<number | null>>();
/** The retailer's orders awaiting a decision by their counter (null while loading or unreadable). */
export function awaitingCountOf(uid: Uid): ReadonlySignal<number | null> {
  let s = awaitingOf.get(uid);
  if (s === undefined) {
    s = liveSignal<number | null>(null, (setValue) => listen(`${AWAITING}/${uid}`, (snap) => setValue(awaitingCount(snap.val())), () => setValue(null)));
    awaitingOf.set(uid, s);
  }
  return s;
}

/**
 * Keeps the catalogue listened to until the returned stop is called: the portal holds it once
 * Home is on screen, so Place order and Stock check open on it live, and its saved copy on the
 * device is fresh for the next visit (one download per session, then changes). Availability is
 * not held: at year scale it is a record per SKU (tens of thousands), which a retailer who only
 * looks at their orders should not download; Place order and Stock check read it while open.
 */
export const holdOrderingData = (): (() => void) => hold(portalCatalog);
