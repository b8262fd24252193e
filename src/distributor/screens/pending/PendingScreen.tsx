import { useState } from 'preact/hooks';
import type { UserRecord } from '../../../domain/types.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import { OrderCard } from './OrderCard.tsx';
import { PartyFilterModal } from './PartyFilterModal.tsx';
import { PartyOrdersModal } from './PartyOrdersModal.tsx';
import { PartySummaryTable } from './PartySummaryTable.tsx';
import { applyPartyFilter, chooseView, usePendingScreen, type PendingScreenModel } from './usePendingScreen.ts';
import './PendingScreen.css';
import { useScreenTiming } from '../../../ui/useScreenTiming.ts';

/** Pending orders, summarised by party or one card per order, with a party filter. */
export function PendingScreen(_props: { record: UserRecord }) {
  const m = usePendingScreen();
  useScreenTiming('pending', m.status !== 'loading');
  const [isFilterOpen, setFilterOpen] = useState(false);
  const isFiltered = m.filter !== null;
  return (
    <main class="screen pending">
      <header class="pending__bar">
        <h1 class="pending__title">Pending</h1>
        <div class="pending__views" role="group" aria-label="View">
          <button type="button" class="pending__view" aria-pressed={m.view === 'summary'} onClick={() => chooseView('summary')}>
            Summarised
          </button>
          <button type="button" class="pending__view" aria-pressed={m.view === 'detailed'} onClick={() => chooseView('detailed')}>
            Detailed
          </button>
        </div>
        <button
          type="button"
          class={`button button--small ${isFiltered ? 'pending__filter--active' : 'button--quiet'}`}
          aria-pressed={isFiltered}
          data-testid="filter-button"
          onClick={() => setFilterOpen(true)}
        >
          Filter{isFiltered ? ` (${m.filter?.size ?? 0})` : ''}
        </button>
        {isFiltered && (
          <button type="button" class="button button--quiet button--small" onClick={() => applyPartyFilter(null)}>
            Clear filters
          </button>
        )}
      </header>
      <Body m={m} />
      {isFilterOpen && (
        <PartyFilterModal
          choices={m.choices}
          current={m.filter}
          onClose={() => setFilterOpen(false)}
          onApply={(selected) => {
            applyPartyFilter(selected);
            setFilterOpen(false);
          }}
        />
      )}
    </main>
  );
}

function Body({ m }: { m: PendingScreenModel }) {
  const [openParty, setOpenParty] = useState<string | null>(null);
  // A year of a busy business holds about a thousand pending orders from hundreds of parties: render them in steps.
  const shownTotal = m.view === 'summary' ? m.summaries.length : m.detailed.length;
  const render = useRenderLimit(shownTotal, `${m.view}|${[...(m.filter ?? [])].join(',')}`);
  if (m.status === 'loading')
    return (
      <p class="empty-state" role="status" aria-busy="true">
        Loading pending orders…
      </p>
    );
  if (m.status === 'denied')
    return (
      <p class="form-error" role="alert">
        Pending orders could not be loaded: the database refused to show them to this account.
      </p>
    );
  const invalid = m.invalidCount > 0 && (
    <p class="form-error" role="alert">
      {m.invalidCount} pending order{m.invalidCount === 1 ? '' : 's'} could not be read and {m.invalidCount === 1 ? 'is' : 'are'} not shown.
    </p>
  );
  if (m.detailed.length === 0)
    return (
      <>
        {invalid}
        <p class="empty-state" data-testid="pending-empty">
          {m.total === 0 ? 'No pending orders' : 'No pending orders for the selected parties'}
        </p>
      </>
    );
  const summary = m.summaries.find((s) => s.partyId === openParty);
  return (
    <>
      {invalid}
      {m.view === 'summary' ? (
        <>
          <PartySummaryTable summaries={m.summaries.slice(0, render.limit)} onOpen={setOpenParty} />
          {render.hasMore && <ShowMore shown={render.limit} total={shownTotal} noun="parties" onMore={render.showMore} />}
        </>
      ) : (
        <div class="pending__cards">
          {m.detailed.slice(0, render.limit).map((o) => (
            <OrderCard
              key={o.id}
              order={o}
              clock={m.clock}
              policy={m.policy}
              isExported={m.isExported(o.id)}
              catalog={m.docCatalog}
              area={m.areaOf(o.record.partyId)}
              nameOf={m.nameOf}
              stockOf={m.stockOf}
            />
          ))}
          {render.hasMore && <ShowMore shown={render.limit} total={shownTotal} noun="orders" onMore={render.showMore} />}
        </div>
      )}
      {m.view === 'summary' && summary !== undefined && (
        <PartyOrdersModal summary={summary} clock={m.clock} policy={m.policy} catalog={m.docCatalog} area={m.areaOf(summary.partyId)} onClose={() => setOpenParty(null)} />
      )}
    </>
  );
}
