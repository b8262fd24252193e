import { useState } from 'preact/hooks';
import type { SentCard } from '../../../domain/sentHistory.ts';
import type { UserRecord } from '../../../domain/types.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { ShowOlder } from '../../../ui/ShowOlder.tsx';
import { formatDate, formatWeekday } from '../../../ui/dates.ts';
import { DispatchStrip } from './DispatchStrip.tsx';
import { PlannerModal } from './PlannerModal.tsx';
import { ReminderNotifications } from './ReminderNotifications.tsx';
import { SentCardView } from './SentCardView.tsx';
import { SentToolbar } from './SentToolbar.tsx';
import { UndeliveredTicker } from './UndeliveredTicker.tsx';
import { useSentScreen } from './useSentScreen.ts';
import { filterScope } from '../../history/useHistoryFilter.ts';
import './history.css';
import { useScreenTiming } from '../../../ui/useScreenTiming.ts';

/**
 * Sent history: billing events merged per order, party and day, newest first. The last 7 days at
 * first, older weeks on "Show older", or one party's history; the search covers what is loaded.
 * Delivery status per card, the undelivered ticker, the delivery planner, and each card's image and PDF.
 */
export function SentScreen({ record }: { record: UserRecord }) {
  const s = useSentScreen();
  useScreenTiming('sent', s.status !== 'loading');
  const [isPlanning, setPlanning] = useState(false);
  const partyName = s.partyId === '' ? null : (s.parties.get(s.partyId)?.name ?? 'a removed party');
  const scope = filterScope(s.filter, partyName, formatDate) ?? (s.since !== null ? `billed since ${formatDate(s.since)}` : null);
  const card = (c: SentCard, isAlt: boolean) => (
    <SentCardView
      key={c.key}
      card={c}
      products={s.products}
      area={s.parties.get(c.partyId)?.area}
      isAlt={isAlt}
      isToggling={s.toggling.has(c.key)}
      onToggleDelivery={() => void s.toggleDelivery(c)}
      highlight={s.highlight?.key === c.key ? s.highlight.seq : 0}
    />
  );
  let alt = 0;
  return (
    <main class="screen" data-testid="sent-screen">
      <h1>Sent</h1>
      <DispatchStrip />
      <UndeliveredTicker items={s.ticker} isCapped={s.isTickerCapped} onPick={s.reveal} />
      <ReminderNotifications />
      <SentToolbar
        partyId={s.partyId}
        parties={s.parties}
        onParty={s.chooseParty}
        query={s.query}
        onQuery={s.setQuery}
        day={s.day}
        onDay={s.setDay}
        onPlanner={() => setPlanning(true)}
      />
      <p class="history-note" data-testid="search-scope">
        An order number, a party or a date is looked up in all of Sent; other words search the sent orders loaded below{scope === null ? '' : ` (${scope})`}; “Show older” at the end loads more.
      </p>
      {(s.pickedCard !== undefined || s.isPickedLoading) && (
        <section class="history-day" aria-label="Picked from the undelivered list" data-testid="picked-card">
          <div class="history-toolbar">
            <h2 class="history-day__title">Picked from the undelivered list</h2>
            <button type="button" class="button button--small button--quiet" onClick={s.closePicked} data-testid="close-picked">
              Close
            </button>
          </div>
          {s.pickedCard === undefined ? (
            <p class="empty-state" aria-busy="true">
              Loading the order…
            </p>
          ) : (
            card(s.pickedCard, false)
          )}
        </section>
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
      ) : (
        <>
          {s.days.length === 0 ? (
            <p class="empty-state" data-testid="sent-empty">
              {s.loadedCount > 0 ? 'No loaded sent orders match this search.' : s.filter.number !== null ? `No sent order ${s.filter.number}.` : partyName !== null ? `Nothing has been billed to ${partyName}.` : 'Nothing was billed in these days.'}
            </p>
          ) : (
            <>
              <p class="history-note" data-testid="sent-count">
                {s.matchCount} card(s)
              </p>
              {s.days.map((d) => (
                <section key={d.day} class="history-day" data-testid="sent-day" data-day={d.day}>
                  <h2 class="history-day__title">{formatWeekday(d.day)}</h2>
                  {d.cards.map((c) => card(c, alt++ % 2 === 1))}
                </section>
              ))}
            </>
          )}
          {s.hasMore && <ShowMore shown={s.shownCount} total={s.matchCount} noun="cards" onMore={s.showMore} />}
          <ShowOlder noun="sent orders" since={scope} older={s.older} isLoading={s.isLoadingOlder} onShowOlder={s.loadOlder} />
        </>
      )}
      {isPlanning && <PlannerModal cards={s.openCards} parties={s.parties} isAdmin={record.role === 'admin'} onClose={() => setPlanning(false)} />}
    </main>
  );
}
