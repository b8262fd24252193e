import { pickTotals } from '../../../domain/pending.ts';
import type { Line, PendingRecord, Product } from '../../../domain/types.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import { lineKey, qtyMap } from '../../../domain/lines.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';

type Props = {
  record: PendingRecord;
  picked: readonly Line[];
  products: ReadonlyMap<string, Pick<Product, 'name' | 'colors'>>;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
};

/** What leaves for billing (removed) and what stays pending (P), per line, with the totals. */
export function SendToBillingModal({ record, picked, products, onConfirm, onCancel }: Props) {
  const removed = qtyMap([...picked]);
  const totals = pickTotals(record.lines, picked);
  return (
    <ConfirmDialog title={`Send ${record.number} to billing · ${record.partyName}`} confirmLabel={`Send ${totals.removed} pc to billing`} onConfirm={onConfirm} onCancel={onCancel}>
      <table class="table" data-testid="send-lines">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Size</th>
            <th scope="col" class="num">Removed</th>
            <th scope="col" class="num">P</th>
          </tr>
        </thead>
        <tbody>
          {record.lines.map((l) => {
            const r = Math.min(l.qty, removed.get(lineKey(l)) ?? 0);
            return (
              <tr key={lineKey(l)} class={r === 0 ? 'pending__muted' : ''}>
                <td>
                  {productLabel(products.get(l.productId))} ({l.color})
                </td>
                <td>{l.size}</td>
                <td class="num">{r}</td>
                <td class="num">{l.qty - r}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl class="send-totals" data-testid="send-totals">
        <div>
          <dt>Total order</dt>
          <dd>{totals.order} pc</dd>
        </div>
        <div>
          <dt>Total removed</dt>
          <dd>{totals.removed} pc</dd>
        </div>
        <div>
          <dt>Total pending</dt>
          <dd>{totals.pending} pc</dd>
        </div>
      </dl>
      <p class="pending__muted">The removed pieces go to billing (added to this order's billing card if it has one); the rest stays pending.</p>
    </ConfirmDialog>
  );
}
