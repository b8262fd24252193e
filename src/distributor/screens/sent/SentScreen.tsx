import { useState } from 'preact/hooks';
import type { UserRecord } from '../../../domain/types.ts';
import { formatDay } from './historyFormat.ts';
import { PlannerModal } from './PlannerModal.tsx';
import { ReminderNotifications } from './ReminderNotifications.tsx';
import { SentCardView } from './SentCardView.tsx';
import { UndeliveredTicker } from './UndeliveredTicker.tsx';
import { useSentScreen } from './useSentScreen.ts';
import './history.css';

/**
 * Sent history: billing events merged per order, party and day, newest first, in a date range
 * (default the last 30 days; older history stays in the database and is one range change away).
 * Delivery status per card, the delivery planner, and each card's image and PDF.
 */
export function SentScreen({ record }: { record: UserRecord }) {
  const s = useSentScreen();
  const [isPlanning, setPlanning] = useState(false);
  let alt = 0;
  return (
    <main class="screen" data-testid="sent-screen">
      <h1>Sent</h1>
      <UndeliveredTicker items={s.undelivered} onPick={s.reveal} />
      <ReminderNotifications />
      <div class="history-toolbar">
        <label class="field">
          <span class="field__label">From</span>
          <input class="field__input" type="date" value={s.range.from} aria-invalid={!s.isRangeValid} onInput={(e) => s.setRange({ ...s.range, from: e.currentTarget.value })} data-testid="range-from" />
        </label>
        <label class="field">
          <span class="field__label">To</span>
          <input class="field__input" type="date" value={s.range.to} aria-invalid={!s.isRangeValid} onInput={(e) => s.setRange({ ...s.range, to: e.currentTarget.value })} data-testid="range-to" />
        </label>
        <label class="field">
          <span class="field__label">Search</span>
          <input class="field__input" type="search" value={s.query} placeholder="Order, party, product, colour" onInput={(e) => s.setQuery(e.currentTarget.value)} data-testid="sent-search" />
        </label>
        <button type="button" class="button button--quiet" onClick={() => setPlanning(true)} data-testid="open-planner">
          Delivery planner
        </button>
      </div>
      {!s.isRangeValid && (
        <p class="form-error" role="alert">
          From: the first day must be on or before the last day (To).
        </p>
      )}
      {s.invalidCount > 0 && (
        <p class="form-error" role="alert">
          {s.invalidCount} sent record(s) could not be read and are not shown.
        </p>
      )}
      {s.status === 'loading' ? (
        <p class="empty-state" aria-busy="true">
          Loading sent orders…
        </p>
      ) : s.status === 'denied' ? (
        <p class="form-error" role="alert">
          Sent orders could not be loaded: you may not have access. Sign in again or ask an admin.
        </p>
      ) : s.days.length === 0 ? (
        <p class="empty-state" data-testid="sent-empty">
          {s.cards.length === 0 ? 'Nothing has been billed yet.' : 'No sent orders match this range and search. Older history is kept: widen the date range to see it.'}
        </p>
      ) : (
        <>
          <p class="history-note" data-testid="sent-count">
            {s.shownCount} card(s)
          </p>
          {s.days.map((d) => (
            <section key={d.day} class="history-day" data-testid="sent-day" data-day={d.day}>
              <h2 class="history-day__title">{formatDay(d.day)}</h2>
              {d.cards.map((c) => (
                <SentCardView
                  key={c.key}
                  card={c}
                  products={s.products}
                  area={s.parties.get(c.partyId)?.area}
                  isAlt={alt++ % 2 === 1}
                  isToggling={s.toggling.has(c.key)}
                  onToggleDelivery={() => void s.toggleDelivery(c)}
                  highlight={s.highlight?.key === c.key ? s.highlight.seq : 0}
                />
              ))}
            </section>
          ))}
        </>
      )}
      {isPlanning && <PlannerModal cards={s.cards} parties={s.parties} isAdmin={record.role === 'admin'} onClose={() => setPlanning(false)} />}
    </main>
  );
}
