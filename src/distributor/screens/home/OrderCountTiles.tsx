import { HOME_TILES, type HomeTile, type OrderCounts, type TileCount } from '../../../data/counts.ts';
import './OrderCountTiles.css';

// What staff call each tile: `orders` holds the orders still to be picked; the last three are
// recent activity, not all time (docs/data-model.md, "Home's counts").
const LABELS: Record<HomeTile, string> = { orders: 'Pending', billing: 'In billing', sent: 'Sent today', deleted: 'Deleted this week', expired: 'Expired this week' };

/** The number ("20+" for at least 20), '…' while loading, '?' when the count cannot be known (denied, or a counter that is not valid). */
const shown = (n: TileCount): string => (typeof n === 'number' ? String(n) : typeof n === 'object' ? `${n.atLeast}+` : n === 'loading' ? '…' : '?');

/** One tile per stage with its live count. */
export function OrderCountTiles({ counts }: { counts: OrderCounts }) {
  return (
    <ul class="count-tiles" aria-label="Orders by stage">
      {HOME_TILES.map((c) => {
        const n = counts[c];
        return (
          <li key={c} class="count-tile" data-testid={`count-${c}`} aria-busy={n === 'loading'} title={n === 'unknown' ? 'This count is not available right now' : undefined}>
            <span class="count-tile__value">{shown(n)}</span>
            <span class="count-tile__label">{LABELS[c]}</span>
          </li>
        );
      })}
    </ul>
  );
}
