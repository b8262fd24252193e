import { billingQueue, catalog } from '../../../data/collections.ts';
import { billingWaiting } from '../../../data/counts.ts';
import type { OrderId, UserRecord } from '../../../domain/types.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { BillingCard } from './BillingCard.tsx';
import type { Catalog } from './billingText.ts';
import './BillingScreen.css';

const EMPTY: Catalog = new Map();

/**
 * Billing: one card per order waiting in `billing`, the longest-waiting first, live; bill, scan,
 * remarks, delete. Orders waiting can pile up to thousands in a busy year, so the screen reads a
 * window of the oldest ones (`billingQueue`) that "Show more" widens, never the whole collection.
 */
export function BillingScreen(_props: { record: UserRecord }) {
  const orders = billingQueue.view.value;
  const products = catalog.value;
  const productMap: Catalog = products.state === 'ready' ? products.items : EMPTY;
  const entries = orders.state === 'ready' ? [...orders.items] : [];
  const waiting = billingWaiting.value;
  // Home's counter says how many wait in all; a full window may have more behind it all the same.
  const total = typeof waiting === 'number' ? Math.max(waiting, entries.length) : null;
  const hasMore = total === null ? entries.length >= billingQueue.size.value : total > entries.length;
  return (
    <main class="screen billing-screen">
      <h1>Billing</h1>
      {orders.state === 'loading' && (
        <p class="empty-state" role="status" aria-busy="true">
          Loading orders waiting for billing…
        </p>
      )}
      {orders.state === 'denied' && (
        <p class="form-error" role="alert">
          Billing orders could not be loaded: you may not have access to them. Ask an admin, or sign in again.
        </p>
      )}
      {orders.state === 'ready' && (
        <>
          {orders.invalid.length > 0 && (
            <p class="form-error" role="alert">
              {orders.invalid.length} billing record(s) could not be read and are not shown: {orders.invalid.map((i) => i.key).join(', ')}.
            </p>
          )}
          {products.state === 'denied' && (
            <p class="form-error" role="alert">
              The catalogue could not be loaded: items show their codes instead of names.
            </p>
          )}
          {orders.items.size === 0 ? (
            <p class="empty-state" data-testid="billing-empty">
              No orders waiting for billing
            </p>
          ) : (
            <div class="billing-list">
              {entries.map(([id, record]) => (
                <BillingCard key={id} id={id as OrderId} record={record} catalog={productMap} />
              ))}
              {hasMore && <ShowMore shown={entries.length} total={total} noun="orders" onMore={billingQueue.more} isLoading={billingQueue.isWidening.value} />}
            </div>
          )}
        </>
      )}
    </main>
  );
}
