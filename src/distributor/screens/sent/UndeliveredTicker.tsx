import { daysAgoText, type DispatchPending } from '../../../domain/delivery.ts';

type Props = { items: readonly DispatchPending[]; isCapped: boolean; onPick: (key: string) => void };

/** Entries rendered in the strip (the most overdue); the rest are counted. */
const SHOWN = 100;

/**
 * The undelivered-orders strip (item 74): the sent cards not yet delivered, oldest first, each a
 * button that brings its card into view. A plain scrollable list, not a marquee: it can be read,
 * tabbed through and tapped. It lists the newest undelivered records only (`isCapped` when there
 * may be older ones), so it stays bounded however many were never marked, and renders the
 * `SHOWN` most overdue. Nothing is shown when everything is delivered.
 */
export function UndeliveredTicker({ items, isCapped, onPick }: Props) {
  if (items.length === 0) return null;
  return (
    <section class="ticker" aria-labelledby="ticker-title" data-testid="undelivered-ticker">
      <h2 id="ticker-title" class="ticker__title" title={isCapped ? 'The most recent undelivered orders; older ones are not listed here.' : undefined}>
        Undelivered ({items.length}
        {isCapped ? '+' : ''})
      </h2>
      <ul class="ticker__list">
        {items.slice(0, SHOWN).map((i) => (
          <li key={i.key}>
            <button type="button" class="ticker__item" onClick={() => onPick(i.key)} data-testid="ticker-item" data-order={i.number}>
              <strong>{i.number}</strong> {i.partyName} · <span data-testid="ticker-days">{daysAgoText(i.days)}</span>
            </button>
          </li>
        ))}
        {items.length > SHOWN && (
          <li class="ticker__more" data-testid="ticker-more">
            and {items.length - SHOWN} more
          </li>
        )}
      </ul>
    </section>
  );
}
