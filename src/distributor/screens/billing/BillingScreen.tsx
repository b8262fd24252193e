import { billingOrders, catalog } from '../../../data/collections.ts';
import type { OrderId, UserRecord } from '../../../domain/types.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import { BillingCard } from './BillingCard.tsx';
import type { Catalog } from './billingText.ts';
import './BillingScreen.css';

const EMPTY: Catalog = new Map();

/** Billing: one card per order waiting in `billing`, live; bill, scan, remarks, delete. */
export function BillingScreen(_props: { record: UserRecord }) {
  const orders = billingOrders.value;
  const products = catalog.value;
  const productMap: Catalog = products.state === 'ready' ? products.items : EMPTY;
  const entries = orders.state === 'ready' ? [...orders.items] : [];
  // Orders waiting for billing can pile up to thousands in a busy year: render them in steps.
  const render = useRenderLimit(entries.length, null);
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
              {entries.slice(0, render.limit).map(([id, record]) => (
                <BillingCard key={id} id={id as OrderId} record={record} catalog={productMap} />
              ))}
              {render.hasMore && <ShowMore shown={render.limit} total={entries.length} noun="orders" onMore={render.showMore} />}
            </div>
          )}
        </>
      )}
    </main>
  );
}
