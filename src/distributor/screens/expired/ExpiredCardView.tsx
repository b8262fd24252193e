import { userNameOf } from '../../../data/userNames.ts';
import type { Product } from '../../../domain/types.ts';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { LinesTable } from '../sent/LinesTable.tsx';
import type { ExpiredRow } from './useExpiredScreen.ts';
import { OrderHistoryButton } from '../../history/OrderHistory.tsx';

type Props = { row: ExpiredRow; products: ReadonlyMap<string, Product>; graceDays: number; isAdmin: boolean; onRevert: () => void; onDelete: () => void };

/** One expired order: number, party, dates, where from, totals, items; revert or (admin) delete. */
export function ExpiredCardView({ row, products, graceDays, isAdmin, onRevert, onDelete }: Props) {
  const e = row.record;
  return (
    <article class="card" data-testid="expired-card" data-order={e.number} aria-label={`Expired ${e.number}`}>
      <header class="sent-card__head">
        <h2 class="sent-card__number">
          {e.number} · {e.partyName}
        </h2>
        <span class="history-badge">Expired</span>
      </header>
      <dl class="history-meta">
        <dt>Order date</dt>
        <dd>{formatDate(e.createdAt)}</dd>
        <dt>Deadline</dt>
        <dd>{formatDate(e.expiresAt)}</dd>
        <dt>Expired on</dt>
        <dd>{formatDateTime(e.expiredAt)}</dd>
        <dt>Placed by</dt>
        <dd data-testid="placed-by">{userNameOf(e.createdBy)}</dd>
        <dt>From</dt>
        <dd>Pending</dd>
        <dt>Items</dt>
        <dd>
          {e.lines.length} line(s), {e.lines.reduce((n, l) => n + l.qty, 0)} pcs
        </dd>
      </dl>
      <LinesTable lines={e.lines} products={products} />
      <div class="history-actions">
        <button type="button" class="button button--small button--primary history-actions__main" onClick={onRevert} data-testid="revert">
          {`Revert to pending (+${graceDays} days)`}
        </button>
        {isAdmin && (
          <button type="button" class="button button--small button--danger" onClick={onDelete} data-testid="delete-permanently">
            Delete permanently
          </button>
        )}
        <OrderHistoryButton orderId={row.id} number={e.number} />
      </div>
    </article>
  );
}
