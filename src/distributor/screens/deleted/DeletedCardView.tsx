import { userNameOf } from '../../../data/userNames.ts';
import { daysLeft, purgeDeadline } from '../../../domain/retention.ts';
import type { DeletedRecord, OrderId, Product } from '../../../domain/types.ts';
import { OrderHistoryButton } from '../../history/OrderHistory.tsx';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { daysText } from '../sent/historyFormat.ts';
import { LinesTable } from '../sent/LinesTable.tsx';

type Props = {
  orderId: OrderId;
  record: DeletedRecord;
  products: ReadonlyMap<string, Product>;
  retentionDays: number;
  clock: number;
  isAdmin: boolean;
  /** Opens the confirmation (RevertDialog); nothing moves on this click. */
  onRevert: () => void;
  onDelete: () => void;
};

const FROM = { pending: 'Pending', billing: 'Billing', both: 'Pending and billing' } as const;

/** One deleted order: number, days left, party, where from, when, by whom, why, items. */
export function DeletedCardView({ orderId, record: d, products, retentionDays, clock, isAdmin, onRevert, onDelete }: Props) {
  const left = daysLeft(purgeDeadline(d, retentionDays), clock);
  return (
    <article class="card" data-testid="deleted-card" data-order={d.number} aria-label={`Deleted ${d.number}`}>
      <header class="sent-card__head">
        <h2 class="sent-card__number">Order {d.number}</h2>
        <span class="history-badge" data-testid="days-left">
          {left === 0 ? 'Purge due' : `${daysText(left)} left`}
        </span>
      </header>
      <dl class="history-meta">
        <dt>Party</dt>
        <dd>{d.partyName}</dd>
        <dt>Order date</dt>
        <dd>{formatDate(d.createdAt)}</dd>
        <dt>Placed by</dt>
        <dd data-testid="placed-by">{userNameOf(d.createdBy)}</dd>
        <dt>Deleted from</dt>
        <dd>{FROM[d.from]}</dd>
        <dt>Deleted on</dt>
        <dd>{formatDateTime(d.deletedAt)}</dd>
        <dt>By</dt>
        <dd data-testid="deleted-by">{userNameOf(d.deletedBy)}</dd>
        <dt>Reason</dt>
        <dd data-testid="deleted-reason">{d.reason}</dd>
      </dl>
      <LinesTable lines={d.lines} products={products} />
      <div class="history-actions">
        <button type="button" class="button button--small button--primary history-actions__main" onClick={onRevert} data-testid="revert">
          Revert to pending
        </button>
        {isAdmin && (
          <button type="button" class="button button--small button--danger" onClick={onDelete} data-testid="delete-permanently">
            Delete permanently
          </button>
        )}
        <OrderHistoryButton orderId={orderId} number={d.number} />
      </div>
    </article>
  );
}
