import { retailerOrdersOf } from '../../../data/retailerOrders.ts';
import type { Uid } from '../../../domain/types.ts';
import { ReorderButton } from '../order/ReorderButton.tsx';
import { newestFirst, piecesOf, statusText, statusTone } from './orderStatus.ts';

const dayFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });
const day = (at: number): string => dayFmt.format(at);

/** The signed-in retailer's own orders with their status in plain words, any reject reason and any change made at approval, live. */
export function YourOrders({ uid }: { uid: Uid }) {
  const list = retailerOrdersOf(uid).value;
  const rows = list.state === 'ready' ? newestFirst(list.items) : [];
  return (
    <section class="your-orders" aria-labelledby="your-orders-title" data-testid="your-orders" aria-busy={list.state === 'loading'}>
      <h2 id="your-orders-title" class="your-orders__title">
        Your orders
      </h2>
      {list.state === 'loading' && <p class="your-orders__empty">Loading your orders…</p>}
      {list.state === 'denied' && (
        <p class="form-error" role="alert">
          Your orders cannot be shown right now. Contact your distributor.
        </p>
      )}
      {list.state === 'ready' && rows.length === 0 && list.invalid.length === 0 && <p class="your-orders__empty">No orders yet.</p>}
      {list.state === 'ready' && list.invalid.length > 0 && (
        <p class="form-error" role="alert">
          {list.invalid.length === 1 ? '1 order' : `${list.invalid.length} orders`} cannot be shown. Contact your distributor.
        </p>
      )}
      {rows.length > 0 && (
        <ul class="your-orders__list">
          {rows.map(({ id, order }) => (
            <li key={id} class="your-orders__item" data-testid="your-order" data-id={id}>
              <div class="your-orders__head">
                <span class={`your-orders__status your-orders__status--${statusTone(order.status)}`} data-testid="your-order-status">
                  {statusText(order)}
                </span>
                <span class="your-orders__meta">
                  {day(order.createdAt)} · {piecesOf(order)}
                </span>
              </div>
              {order.note !== '' && <p class="your-orders__note">Note: {order.note}</p>}
              {order.reference !== undefined && <p class="your-orders__note">Your reference: {order.reference}</p>}
              {order.rejectReason !== undefined && (
                <p class="your-orders__reason" data-testid="your-order-reason">
                  Reason: {order.rejectReason}
                </p>
              )}
              {order.adjustReason !== undefined && (
                <div class="your-orders__reason" data-testid="your-order-adjusted">
                  <p>Changed at approval: {order.adjustReason}</p>
                  <ul>
                    {Object.entries(order.adjustments ?? {}).map(([k, a]) => {
                      const l = order.lines[a.line];
                      return <li key={k}>{`${l === undefined ? k : `${l.productId} ${l.color} ${l.size}`}: ${a.from} → ${a.to === 0 ? '0 (removed)' : a.to}`}</li>;
                    })}
                  </ul>
                </div>
              )}
              <div class="your-orders__actions">
                <ReorderButton uid={uid} lines={order.lines} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
