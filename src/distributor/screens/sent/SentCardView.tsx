import { useEffect, useRef } from 'preact/hooks';
import { userNameOf } from '../../../data/userNames.ts';
import type { SentCard } from '../../../domain/sentHistory.ts';
import type { Product } from '../../../domain/types.ts';
import { deliveryLabel, saveCardImage, saveCardPdf } from './cardFiles.ts';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { LinesTable } from './LinesTable.tsx';
import { useBusy } from './useBusy.ts';

type Props = {
  card: SentCard;
  products: ReadonlyMap<string, Product>;
  area: string | undefined;
  isAlt: boolean;
  isToggling: boolean;
  onToggleDelivery: () => void;
  /** Non-zero while the card is highlighted; a new number scrolls to it again. */
  highlight: number;
};

/** One merged sent card: order, dates, party, who billed, remarks, items, delivery status and files. */
export function SentCardView({ card, products, area, isAlt, isToggling, onToggleDelivery, highlight }: Props) {
  const { busy, run } = useBusy();
  const self = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = self.current;
    if (highlight === 0 || el === null) return;
    const isReduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: isReduced ? 'auto' : 'smooth' });
    el.focus({ preventScroll: true }); // keyboard and screen-reader users land on the card too
  }, [highlight]);
  const billedBy = card.billedBy.map(userNameOf).join(', ');
  const ctx = { catalog: products, area, billedBy };
  const isDelivered = card.deliveryStatus === 'delivered';
  return (
    <article
      ref={self}
      tabIndex={-1}
      class={`card sent-card ${isAlt ? 'sent-card--alt' : ''} ${highlight !== 0 ? 'sent-card--highlight' : ''}`}
      data-testid="sent-card" data-order={card.number} aria-label={`Sent ${card.number} ${card.partyName}`}>
      <header class="sent-card__head">
        <h3 class="sent-card__number">{card.number}</h3>
        <span class={`sent-card__status sent-card__status--${card.deliveryStatus}`} data-testid="delivery-status">
          {deliveryLabel(card.deliveryStatus)}
        </span>
      </header>
      <dl class="history-meta">
        <dt>Party</dt>
        <dd data-testid="card-party">
          {card.partyName}
          {area !== undefined && ` · ${area}`}
        </dd>
        <dt>Order date</dt>
        <dd>{formatDate(card.orderDate)}</dd>
        <dt>{card.billDates.length === 1 ? 'Bill date' : 'Bill dates'}</dt>
        <dd data-testid="bill-dates">{card.billDates.map(formatDateTime).join(' · ')}</dd>
        <dt>Billed by</dt>
        <dd>{billedBy}</dd>
        {card.remarks.length > 0 && (
          <>
            <dt>Remarks</dt>
            <dd data-testid="card-remarks">{card.remarks.join('; ')}</dd>
          </>
        )}
      </dl>
      <LinesTable lines={card.lines} products={products} />
      <div class="history-actions">
        <button type="button" class={`button button--small ${isDelivered ? 'button--quiet' : 'button--primary'} history-actions__main`} onClick={onToggleDelivery} disabled={isToggling} data-testid="toggle-delivery">
          {isToggling ? 'Saving…' : isDelivered ? 'Mark undelivered' : 'Mark delivered'}
        </button>
        <button type="button" class="button button--small button--quiet" disabled={busy !== null} onClick={() => void run('image', () => saveCardImage(card, ctx))} data-testid="card-image">
          {busy === 'image' ? 'Making image…' : 'Image'}
        </button>
        <button type="button" class="button button--small button--quiet" disabled={busy !== null} onClick={() => void run('pdf', () => saveCardPdf(card, ctx))} data-testid="card-pdf">
          {busy === 'pdf' ? 'Making PDF…' : 'PDF'}
        </button>
      </div>
    </article>
  );
}
