import { useState } from 'preact/hooks';
import { userNameOf } from '../../../data/userNames.ts';
import { lineKey, subtractLines, totalQty } from '../../../domain/lines.ts';
import type { BillingRecord, OrderId, SkuId } from '../../../domain/types.ts';
import { billedLines, formatDate, fullQuantities, itemName, labelOf, linesSignature, type Catalog } from './billingText.ts';
import { BillStepper } from './BillStepper.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { RemarksDialog } from './RemarksDialog.tsx';
import { ScanPanel } from './ScanPanel.tsx';
import { ShortfallDialog } from './ShortfallDialog.tsx';
import { useBill } from './useBill.ts';
import { OrderHistoryButton } from '../../history/OrderHistory.tsx';

type Props = { id: OrderId; record: BillingRecord; catalog: Catalog };
type Open = 'none' | 'scan' | 'remarks' | 'delete';

/**
 * One billing order: header, remarks banner, a Bill stepper per line (pre-filled with all that
 * is in billing), and Bill. Each card keeps its own dialogs and quantities, so remarks, scan and
 * delete always act on this order (the original shared one "current order" between them).
 */
export function BillingCard({ id, record, catalog }: Props) {
  // `seen`: the lines the quantities were entered against. A bill is refused when billing no
  // longer holds exactly these (another device billed or sent more), so nothing is billed twice
  // and nothing jumps under the person's finger; they review and bill again.
  const [seen, setSeen] = useState(record.lines);
  const [quantities, setQuantities] = useState<ReadonlyMap<SkuId, number>>(() => fullQuantities(record.lines));
  const [open, setOpen] = useState<Open>('none');
  // After our own bill the rest is what we expect to see: not "changed on another device".
  const billing = useBill(id, (billed, before) => {
    const rest = subtractLines(before, billed, 'billed');
    setSeen(rest);
    setQuantities(fullQuantities(rest));
  });
  const isChanged = linesSignature(seen) !== linesSignature(record.lines);
  const review = () => {
    setSeen(record.lines);
    setQuantities(fullQuantities(record.lines));
  };

  const billed = billedLines(record.lines, quantities).map((l, i) => ({ ...l, qty: Math.min(l.qty, record.lines[i]?.qty ?? 0) }));
  const toBill = totalQty(billed);
  const label = labelOf(catalog);
  return (
    <article class="card billing-card" data-testid="billing-card" data-order={record.number} aria-label={`Order ${record.number}`}>
      <header class="billing-card__header">
        <div>
          <h2 class="billing-card__number">{record.number}</h2>
          <p class="billing-card__party">{record.partyName}</p>
          <p class="billing-card__meta">
            {formatDate(record.createdAt)} · placed by {userNameOf(record.createdBy)} · sent to billing by {userNameOf(record.queuedBy)}
          </p>
        </div>
        <div class="billing-card__actions">
          <button type="button" class="button button--quiet button--small" onClick={() => setOpen('scan')}>
            Scan
          </button>
          <button type="button" class="button button--quiet button--small" onClick={() => setOpen('remarks')}>
            Remarks
          </button>
          <button type="button" class="button button--quiet button--small billing-card__delete" onClick={() => setOpen('delete')}>
            Delete
          </button>
          <OrderHistoryButton orderId={id} number={record.number} />
        </div>
      </header>
      {record.remarks !== '' && (
        <p class="billing-remarks" data-testid="remarks-banner">
          📌 Remarks: {record.remarks}
        </p>
      )}
      {record.note !== '' && <p class="billing-card__note">Note: {record.note}</p>}
      {isChanged && (
        <div class="billing-changed" role="alert" data-testid="changed-notice">
          <p>This order changed on another device while you were entering quantities. Check what is in billing now.</p>
          <button type="button" class="button button--quiet button--small" onClick={review}>
            Start again from what is in billing
          </button>
        </div>
      )}
      <table class="table bill-table">
        <thead>
          <tr>
            <th>Item</th>
            <th>Size</th>
            <th class="num">In billing</th>
            <th class="num">Bill</th>
          </tr>
        </thead>
        <tbody>
          {record.lines.map((l) => {
            const k = lineKey(l);
            return (
              <tr key={k} data-testid="bill-line">
                <td>{itemName(l, catalog)}</td>
                <td>{l.size}</td>
                <td class="num">{l.qty}</td>
                <td class="num">
                  <BillStepper value={Math.min(quantities.get(k) ?? 0, l.qty)} max={l.qty} label={`Bill ${itemName(l, catalog)} ${l.size}`} onChange={(q) => setQuantities((m) => new Map(m).set(k, q))} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" class="button button--primary button--bill" disabled={billing.isBusy || toBill === 0} onClick={() => void billing.submit(billed, seen)}>
        {billing.isBusy ? 'Billing…' : toBill === totalQty(record.lines) ? `Bill all (${toBill})` : `Bill ${toBill} of ${totalQty(record.lines)}`}
      </button>
      {open === 'scan' && (
        <ScanPanel id={id} record={record} catalog={catalog} isBusy={billing.isBusy} isPaused={billing.pending !== null} onBill={(b, scanSeen) => billing.submit(b, scanSeen)} onClose={() => setOpen('none')} />
      )}
      {open === 'remarks' && <RemarksDialog id={id} number={record.number} current={record.remarks} onClose={() => setOpen('none')} />}
      {open === 'delete' && <DeleteDialog id={id} number={record.number} partyName={record.partyName} onClose={() => setOpen('none')} />}
      {billing.pending !== null && (
        <ShortfallDialog
          number={record.number}
          shortfalls={billing.pending.shortfalls}
          label={(s) => label(s.line)}
          onConfirm={async () => {
            if ((await billing.confirm()) && open === 'scan') setOpen('none');
          }}
          onCancel={billing.cancel}
        />
      )}
    </article>
  );
}
