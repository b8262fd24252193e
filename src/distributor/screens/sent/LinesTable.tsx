import type { Line, Product } from '../../../domain/types.ts';
import { productLabel } from '../../../domain/productLabel.ts';

type Props = { lines: readonly Line[]; products: ReadonlyMap<string, Pick<Product, 'name' | 'colors' | 'sizes'>> };

/** Item | Colour | Size | Qty, one row per line (sizes in catalogue order), with the total underneath. */
export function LinesTable({ lines, products }: Props) {
  const rank = (l: Line): number => products.get(l.productId)?.sizes.indexOf(l.size) ?? -1;
  const rows = [...lines].sort((a, b) => (a.productId === b.productId ? (a.color === b.color ? rank(a) - rank(b) : a.color < b.color ? -1 : 1) : a.productId < b.productId ? -1 : 1));
  return (
    <table class="table history-lines" data-testid="lines-table">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Colour</th>
          <th scope="col">Size</th>
          <th scope="col" class="num">Qty</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((l) => {
          const product = products.get(l.productId);
          const colour = product?.colors.find((c) => c.code === l.color);
          return (
            <tr key={`${l.productId}~${l.color}~${l.size}`} data-testid="line-row">
              <td>{productLabel(product)}</td>
              <td>{colour === undefined || colour.name === l.color ? l.color : `${colour.name} (${l.color})`}</td>
              <td>{l.size}</td>
              <td class="num">{l.qty}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total quantity
          </th>
          <td class="num" data-testid="lines-total">
            {lines.reduce((n, l) => n + l.qty, 0)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
