import { useState } from 'preact/hooks';
import { deletePendingOrder, sendOrderToBilling } from '../../../data/pendingCommands.ts';
import { userNameOf } from '../../../data/userNames.ts';
import { UNKNOWN_PRODUCT } from '../../../domain/productLabel.ts';
import type { ExpiryPolicy } from '../../../domain/lifecycle.ts';
import { totalQty } from '../../../domain/lines.ts';
import { ageLabel, daysSince, expiryInfo, type PendingOrder } from '../../../domain/pending.ts';
import type { OrderId, ProductId, SkuId } from '../../../domain/types.ts';
import type { DocumentCatalog } from '../../../domain/orderDocument.ts';
import { showToast } from '../../../ui/toasts.ts';
import { DeleteOrderModal } from './DeleteOrderModal.tsx';
import { DocumentButtons } from './DocumentButtons.tsx';
import { ExpiryPill } from './ExpiryPill.tsx';
import { formatDate } from '../../../ui/dates.ts';
import { exportPurchaseOrder } from './orderFiles.ts';
import { PickStepper } from './PickStepper.tsx';
import { SendToBillingModal } from './SendToBillingModal.tsx';
import { useBusy } from './useBusy.ts';
import { usePicking, type PickSaveState } from './usePicking.ts';
import { OrderHistoryButton } from '../../history/OrderHistory.tsx';

type Props = {
  order: PendingOrder;
  clock: number;
  policy: ExpiryPolicy;
  isExported: boolean;
  catalog: DocumentCatalog;
  area: string | undefined;
  nameOf: (id: ProductId) => string;
  stockOf: (key: SkuId) => number;
};

const SAVE_TEXT: Record<PickSaveState, string> = { idle: '', pending: 'Not saved yet…', saving: 'Saving…', saved: 'Saved', error: 'Not saved' };
const COVERAGE_TEXT = { enough: 'in stock', partial: 'part in stock', none: 'no stock' } as const;

/** One pending order: header, picking table, and its actions (send to billing, export, delete, files). */
export function OrderCard({ order, clock, policy, isExported, catalog, area, nameOf, stockOf }: Props) {
  const { id, record } = order;
  const orderId = id as OrderId;
  const picking = usePicking(orderId, record, stockOf);
  const [dialog, setDialog] = useState<'send' | 'delete' | null>(null);
  const { busy, run } = useBusy();
  const pickedTotal = totalQty(picking.picked);
  return (
    <article class="card order-card" data-testid="order-card" data-order={record.number} aria-label={`Order ${record.number}`}>
      <header class="order-card__head">
        <h2 class="order-card__title">Order No. {record.number}</h2>
        <span class={`export-mark export-mark--${isExported ? 'yes' : 'no'}`} data-testid="export-mark" title={isExported ? 'Purchase order exported' : 'Not exported yet'}>
          {isExported ? '✓' : '✕'}
          <span class="visually-hidden">{isExported ? 'exported' : 'not exported'}</span>
        </span>
        <ExpiryPill info={expiryInfo(record, clock, policy)} />
      </header>
      <dl class="order-card__meta">
        <div>
          <dt>Party</dt>
          <dd data-testid="order-party">{record.partyName}</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>
            {formatDate(record.createdAt)} ({ageLabel(daysSince(record.createdAt, clock))})
          </dd>
        </div>
        <div>
          <dt>Placed by</dt>
          <dd>{userNameOf(record.createdBy)}</dd>
        </div>
        {record.note !== '' && (
          <div>
            <dt>Note</dt>
            <dd class="pending__note">{record.note}</dd>
          </div>
        )}
      </dl>
      <table class="table pick-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Order</th>
            <th scope="col">Picked</th>
          </tr>
        </thead>
        <tbody>
          {picking.rows.map((r) => {
            const label = `${nameOf(r.line.productId)} ${r.line.color} ${r.line.size}`;
            return (
              <tr key={r.key} class={`pick-row pick-row--${r.coverage}`} data-testid="pick-row" data-coverage={r.coverage} data-line={label}>
                <td>
                  {nameOf(r.line.productId)} ({r.line.color})<div class="pending__muted">{COVERAGE_TEXT[r.coverage]}: {r.available}</div>
                </td>
                <td>
                  {r.line.size}/{r.line.qty}
                </td>
                <td>
                  <PickStepper label={label} value={r.picked} max={r.line.qty} onChange={(q) => picking.setQty(r.key, q)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="order-card__save" role="status" data-testid="pick-save-state" data-state={picking.state}>
        {SAVE_TEXT[picking.state]}
      </p>
      <DocumentButtons record={record} context={{ catalog, area }} />
      <footer class="order-card__actions">
        <button type="button" class="button button--quiet" disabled={busy !== null} onClick={() => setDialog('delete')}>
          Delete
        </button>
        <OrderHistoryButton orderId={orderId} number={record.number} />
        <button
          type="button"
          class="button button--quiet"
          disabled={busy !== null}
          onClick={() =>
            void run('export', `Export of ${record.number} failed`, async () => {
              // The company's macro matches the style name, so the sheet carries the bare name (no code).
              await exportPurchaseOrder(orderId, record, (pid) => catalog.get(pid)?.name ?? UNKNOWN_PRODUCT);
              showToast('success', `Purchase order ${record.number} exported`);
            })
          }
        >
          {busy === 'export' ? 'Exporting…' : 'Export xlsx'}
        </button>
        <button type="button" class="button button--primary" disabled={pickedTotal === 0} onClick={() => setDialog('send')}>
          Send to billing{pickedTotal > 0 ? ` (${pickedTotal})` : ''}
        </button>
      </footer>
      {dialog === 'send' && (
        <SendToBillingModal
          record={record}
          picked={picking.picked}
          products={catalog}
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            await sendOrderToBilling(orderId, picking.picked);
            picking.discard();
            setDialog(null);
            showToast('success', `${record.number}: ${pickedTotal} pc sent to billing`);
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteOrderModal
          record={record}
          onCancel={() => setDialog(null)}
          onDelete={async (reason) => {
            await deletePendingOrder(orderId, reason);
            showToast('success', `${record.number} moved to Deleted`);
          }}
        />
      )}
    </article>
  );
}
