import type { PortalCart } from '../../../data/portalCart.ts';
import { catalogById } from '../../../data/portal.ts';

/** The lines a Reorder left out, each with why, until dismissed. */
export function GoneLines({ cart }: { cart: PortalCart }) {
  const gone = cart.gone.value;
  if (gone.length === 0) return null;
  const catalog = catalogById.value;
  return (
    <section class="place-order__gone" role="status" data-testid="reorder-gone">
      <strong>Not added from your earlier order:</strong>
      <ul>
        {gone.map((g) => (
          <li key={`${g.line.productId}|${g.line.color}|${g.line.size}`} data-testid="gone-line">
            {catalog[g.line.productId]?.name ?? 'A product'} {g.line.color} {g.line.size} × {g.line.qty}: {g.reason}
          </li>
        ))}
      </ul>
      <button type="button" class="button button--small button--quiet" onClick={() => (cart.gone.value = [])}>
        Dismiss
      </button>
    </section>
  );
}
