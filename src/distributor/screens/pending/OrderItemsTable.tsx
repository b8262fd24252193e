import { groupItems } from '../../../domain/pending.ts';
import type { Line, Product } from '../../../domain/types.ts';

type Props = { lines: readonly Line[]; products: ReadonlyMap<string, Pick<Product, 'name' | 'colors'>> };

/** Items of an order: item name with its colour underneath, sizes as "S/2, M/3", and the quantity. */
export function OrderItemsTable({ lines, products }: Props) {
  const groups = groupItems(lines);
  return (
    <table class="table" data-testid="order-items">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Sizes</th>
          <th scope="col" class="num">Qty</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const product = products.get(g.productId);
          const colour = product?.colors.find((c) => c.code === g.color);
          return (
            <tr key={`${g.productId}~${g.color}`}>
              <td>
                {product?.name ?? g.productId}
                <div class="pending__muted">Color: {colour === undefined ? g.color : `${colour.name} (${g.color})`}</div>
              </td>
              <td>{g.sizes}</td>
              <td class="num">{g.qty}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td class="num">{groups.reduce((n, g) => n + g.qty, 0)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
