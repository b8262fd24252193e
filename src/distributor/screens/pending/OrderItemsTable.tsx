import { totalQty } from '../../../domain/lines.ts';
import { summaryRows } from '../../../domain/pending.ts';
import type { Line, Product } from '../../../domain/types.ts';

type Props = {
  lines: readonly Line[];
  products: ReadonlyMap<string, Pick<Product, 'name' | 'colors'>>;
  /** Test hook of the table; its total cell gets `${testId}-total`. */
  testId?: string;
  /** The total as "9 pieces" instead of "9". */
  isTotalInPieces?: boolean;
};

/** Items of an order: item name with its colour underneath, sizes as "S/2, M/3", and the quantity. */
export function OrderItemsTable({ lines, products, testId = 'order-items', isTotalInPieces = false }: Props) {
  const total = totalQty(lines);
  return (
    <table class="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Sizes</th>
          <th scope="col" class="num">Qty</th>
        </tr>
      </thead>
      <tbody>
        {summaryRows(lines, products).map((r) => (
          <tr key={r.key}>
            <td>
              {r.item}
              <div class="pending__muted">Color: {r.colour}</div>
            </td>
            <td>{r.sizes}</td>
            <td class="num">{r.qty}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td class="num" data-testid={`${testId}-total`}>
            {isTotalInPieces ? (total === 1 ? '1 piece' : `${total} pieces`) : total}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
