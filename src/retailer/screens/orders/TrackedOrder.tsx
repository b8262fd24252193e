import { useState } from 'preact/hooks';
import type { RetailerOrder } from '../../../domain/types.ts';
import { statusText, statusTone, piecesOf } from '../home/orderStatus.ts';
import { OrderItems } from './OrderItems.tsx';
import { timeline } from './timeline.ts';

const dayFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short' });
const timeFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });
const formatDay = (at: number): string => dayFmt.format(at);

/** The retailer's own reference, once the ordering screen stores one (absent on older orders). */
const referenceOf = (order: RetailerOrder): string | undefined => {
  const r = (order as { reference?: unknown }).reference;
  return typeof r === 'string' && r !== '' ? r : undefined;
};

/** One order: reference, date, pieces, status and its live timeline; items and PDF on demand. */
export function TrackedOrder({ id, order, partyId }: { id: string; order: RetailerOrder; partyId: string }) {
  const [isOpen, setOpen] = useState(false);
  const steps = timeline(order, formatDay);
  const reference = referenceOf(order);
  const title = order.orderNumber ?? 'Order awaiting a number';
  const panelId = `items-${id}`;
  return (
    <li class="card tracked-order" data-testid="tracked-order" data-id={id} data-status={order.status}>
      <div class="tracked-order__head">
        <h2 class="tracked-order__title" data-testid="tracked-order-title">
          {title}
          {reference !== undefined && <span class="tracked-order__ref"> · your ref. {reference}</span>}
        </h2>
        <span class={`your-orders__status your-orders__status--${statusTone(order.status)}`} data-testid="tracked-order-status">
          {statusText(order)}
        </span>
      </div>
      <p class="tracked-order__meta">
        {timeFmt.format(order.createdAt)} · {piecesOf(order)}
      </p>
      <ol class="timeline" aria-label={`Progress of ${title}`} data-testid="timeline">
        {steps.map((s) => (
          <li key={s.key} class={`timeline__step timeline__step--${s.state}`} data-testid="timeline-step" data-step={s.key} data-state={s.state}>
            <span class="timeline__label">{s.label}</span>
            {s.at !== undefined && (
              <time class="timeline__time" dateTime={new Date(s.at).toISOString()}>
                {timeFmt.format(s.at)}
              </time>
            )}
            {s.detail !== undefined && s.detail !== '' && <span class="timeline__detail">{s.detail}</span>}
          </li>
        ))}
      </ol>
      <button type="button" class="button button--quiet button--small" aria-expanded={isOpen} aria-controls={panelId} onClick={() => setOpen(!isOpen)}>
        {isOpen ? 'Hide items' : 'Items and PDF'}
      </button>
      {isOpen && <OrderItems id={panelId} order={order} partyId={partyId} />}
    </li>
  );
}
