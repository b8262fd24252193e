import { userNameOf } from '../../../data/userNames.ts';
import { totalQty } from '../../../domain/lines.ts';
import type { Product, StockRecord } from '../../../domain/types.ts';
import { ApprovalLines } from './ApprovalLines.tsx';
import { stockLines, waitedText, type Waiting } from './approvalView.ts';
import { partyNameOf } from './partyName.ts';

type Props = {
  waiting: Waiting;
  products: ReadonlyMap<string, Pick<Product, 'name' | 'code' | 'colors'>>;
  /** Stock by line key; null while loading. */
  stock: ReadonlyMap<string, Pick<StockRecord, 'qty'>> | null;
  clock: number;
  onApprove: () => void;
  onAdjust: () => void;
  onReject: () => void;
};

/** One retailer order waiting for a decision: who, when, the note, the lines against the stock, Approve, Adjust and Reject. */
export function ApprovalCard({ waiting, products, stock, clock, onApprove, onAdjust, onReject }: Props) {
  const { id, order } = waiting;
  const party = partyNameOf(order.partyId);
  const headingId = `approval-${id}`;
  return (
    <li class="card approval-card" data-testid="approval-card" data-id={id} aria-labelledby={headingId}>
      <div class="approval-card__head">
        <h2 class="approval-card__party" id={headingId} data-testid="approval-party">
          {party}
        </h2>
        <time class="approval-card__age" dateTime={new Date(order.createdAt).toISOString()} title={new Date(order.createdAt).toLocaleString()} data-testid="approval-age">
          {waitedText(order.createdAt, clock)}
        </time>
      </div>
      <p class="approval-card__meta">
        Ordered by <span data-testid="approval-retailer">{userNameOf(order.retailerUid)}</span>
      </p>
      {order.note !== '' && (
        <p class="approval-card__note" data-testid="approval-note">
          Note: {order.note}
        </p>
      )}
      <div class="approval-card__lines">
        <ApprovalLines rows={stockLines(order.lines, products, stock)} total={totalQty(order.lines)} />
      </div>
      <div class="approval-card__actions">
        <button type="button" class="button button--primary" onClick={onApprove} aria-describedby={headingId}>
          Approve
        </button>
        <button type="button" class="button" onClick={onAdjust} aria-describedby={headingId}>
          Adjust
        </button>
        <button type="button" class="button button--danger" onClick={onReject} aria-describedby={headingId}>
          Reject
        </button>
      </div>
    </li>
  );
}
