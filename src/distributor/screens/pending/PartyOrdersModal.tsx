import { useState } from 'preact/hooks';
import { userNameOf } from '../../../data/userNames.ts';
import type { ExpiryPolicy } from '../../../domain/lifecycle.ts';
import type { DocumentCatalog } from '../../../domain/orderDocument.ts';
import { ageLabel, daysSince, expiryInfo, type PartySummary } from '../../../domain/pending.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { DocumentButtons } from './DocumentButtons.tsx';
import { ExpiryPill } from './ExpiryPill.tsx';
import { formatDate } from '../../../ui/dates.ts';
import { OrderItemsTable } from './OrderItemsTable.tsx';

type Props = { summary: PartySummary; clock: number; policy: ExpiryPolicy; catalog: DocumentCatalog; area: string | undefined; onClose: () => void };

/** A party's pending orders, one tab per order, newest first. */
export function PartyOrdersModal({ summary, clock, policy, catalog, area, onClose }: Props) {
  const [chosen, setChosen] = useState(summary.orders[0]?.id ?? '');
  const current = summary.orders.find((o) => o.id === chosen) ?? summary.orders[0];
  return (
    <Modal title={summary.partyName} onClose={onClose} testId="party-orders">
      <div role="tablist" class="pending-tabs" aria-label="Orders">
        {summary.orders.map((o) => (
          <button
            key={o.id}
            type="button"
            role="tab"
            id={`tab-${o.id}`}
            aria-selected={o.id === current?.id}
            aria-controls="party-order-panel"
            class="pending-tabs__tab"
            onClick={() => setChosen(o.id)}
          >
            Order #{o.record.number}
          </button>
        ))}
      </div>
      {current === undefined ? (
        <p class="empty-state">This party has no pending orders any more.</p>
      ) : (
        <section id="party-order-panel" role="tabpanel" aria-labelledby={`tab-${current.id}`} class="pending-tabs__panel" data-testid="party-order-panel">
          <p>
            📅 {formatDate(current.record.createdAt)} ({ageLabel(daysSince(current.record.createdAt, clock))}) <ExpiryPill info={expiryInfo(current.record, clock, policy)} />
          </p>
          <p data-testid="placed-by">Placed by {userNameOf(current.record.createdBy)}</p>
          {current.record.note !== '' && <p class="pending__note">Note: {current.record.note}</p>}
          <DocumentButtons record={current.record} context={{ catalog, area }} />
          <OrderItemsTable lines={current.record.lines} products={catalog} />
        </section>
      )}
    </Modal>
  );
}
