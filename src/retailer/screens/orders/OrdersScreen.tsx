import { retailerOrdersOf } from '../../../data/retailerOrders.ts';
import type { PartyId, Uid } from '../../../domain/types.ts';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import { newestFirst } from '../home/orderStatus.ts';
import { TrackedOrder } from './TrackedOrder.tsx';
import './OrdersScreen.css';

/** The retailer's own orders, each with its live status timeline, items and PDF. */
export function OrdersScreen({ uid, partyId }: { uid: Uid; partyId: PartyId }) {
  const list = retailerOrdersOf(uid).value;
  const rows = list.state === 'ready' ? newestFirst(list.items) : [];
  const { limit, hasMore, showMore } = useRenderLimit(rows.length, uid, 20);
  return (
    <main class="screen" data-testid="orders-screen" aria-busy={list.state === 'loading'}>
      <h1>Your orders</h1>
      {list.state === 'loading' && <p class="empty-state">Loading your orders…</p>}
      {list.state === 'denied' && (
        <p class="form-error" role="alert">
          Your orders cannot be shown right now. Contact your distributor.
        </p>
      )}
      {list.state === 'ready' && list.invalid.length > 0 && (
        <p class="form-error" role="alert">
          {list.invalid.length === 1 ? '1 order' : `${list.invalid.length} orders`} cannot be shown. Contact your distributor.
        </p>
      )}
      {list.state === 'ready' && rows.length === 0 && list.invalid.length === 0 && <p class="empty-state">No orders yet.</p>}
      {rows.length > 0 && (
        <ul class="tracked-orders" aria-label="Your orders">
          {rows.slice(0, limit).map(({ id, order }) => (
            <TrackedOrder key={id} id={id} order={order} partyId={partyId} />
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" class="button button--quiet" onClick={showMore}>
          Show more
        </button>
      )}
    </main>
  );
}
