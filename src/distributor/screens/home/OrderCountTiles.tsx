import { ORDER_COLLECTIONS, type CountedCollection, type OrderCounts } from '../../../data/counts.ts';
import './OrderCountTiles.css';

// What staff call each collection: `orders` holds the orders still to be picked.
const LABELS: Record<CountedCollection, string> = { orders: 'Pending', billing: 'Billing', sent: 'Sent', deleted: 'Deleted', expired: 'Expired' };

/** One tile per order collection with its live count. */
export function OrderCountTiles({ counts }: { counts: OrderCounts }) {
  return (
    <ul class="count-tiles" aria-label="Orders by stage">
      {ORDER_COLLECTIONS.map((c) => {
        const n = counts[c];
        return (
          <li key={c} class="count-tile" data-testid={`count-${c}`} aria-busy={n === null}>
            <span class="count-tile__value">{n ?? '…'}</span>
            <span class="count-tile__label">{LABELS[c]}</span>
          </li>
        );
      })}
    </ul>
  );
}
