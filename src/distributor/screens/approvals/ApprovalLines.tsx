import type { StockLine } from './approvalView.ts';

type Props = { rows: readonly StockLine[]; total: number };

/** The lines of a retailer order against the stock on hand: asked, in stock, and short (marked). */
export function ApprovalLines({ rows, total }: Props) {
  return (
    <table class="table approval-lines" data-testid="approval-lines">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Size</th>
          <th scope="col" class="num">
            Qty
          </th>
          <th scope="col" class="num">
            In stock
          </th>
          <th scope="col" class="num">
            Short
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid="approval-line" class={r.short > 0 ? 'approval-lines__row--short' : undefined}>
            <td>
              {r.item}
              <div class="pending__muted">Color: {r.colour}</div>
            </td>
            <td>{r.size}</td>
            <td class="num" data-testid="line-qty">
              {r.qty}
            </td>
            <td class="num" data-testid="line-available">
              {r.available ?? '…'}
            </td>
            <td class="num" data-testid="line-short">
              {r.short > 0 ? <strong class="approval-lines__short">{r.short}</strong> : '–'}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td class="num" data-testid="approval-lines-total" colSpan={3}>
            {total === 1 ? '1 piece' : `${total} pieces`}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
