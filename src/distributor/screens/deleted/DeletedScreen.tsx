import type { UserRecord } from '../../../domain/types.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { ShowOlder } from '../../../ui/ShowOlder.tsx';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import { formatDate } from '../../../ui/dates.ts';
import { DeletedCardView } from './DeletedCardView.tsx';
import { RetentionEditor } from './RetentionEditor.tsx';
import { useDeletedScreen } from './useDeletedScreen.ts';
import { HistoryFilters } from '../../history/HistoryFilters.tsx';
import { RevertDialog } from '../../history/RevertDialog.tsx';
import { filterScope } from '../../history/useHistoryFilter.ts';
import '../sent/history.css';
import { useScreenTiming } from '../../../ui/useScreenTiming.ts';

/** Deleted orders, newest first, the last 30 days and older on demand: reason, who and when, days left before the purge; revert, or (admin) delete permanently. */
export function DeletedScreen({ record }: { record: UserRecord }) {
  const s = useDeletedScreen();
  useScreenTiming('deleted', s.status !== 'loading');
  const isAdmin = record.role === 'admin';
  const confirming = s.confirming;
  const reverting = s.reverting;
  const f = s.filters;
  const partyName = f.partyId === '' ? null : (s.parties.get(f.partyId)?.name ?? 'a removed party');
  const scope = filterScope(f.filter, partyName, formatDate);
  return (
    <main class="screen" data-testid="deleted-screen">
      <h1>Deleted orders</h1>
      <p class="history-note">
        Deleted orders are kept for {s.retentionDays} days{s.isSettingsLoading ? ' (loading settings…)' : ''}, then removed for good. Revert one to put it back in Pending.
      </p>
      {isAdmin && <RetentionEditor days={s.retentionDays} />}
      <div class="history-toolbar">
        <HistoryFilters id="deleted" query={f.query} onQuery={f.setQuery} partyId={f.partyId} parties={s.parties} onParty={f.setPartyId} day={f.day} onDay={f.setDay} />
      </div>
      <p class="history-note" data-testid="search-scope">
        An order number, a party or a date is looked up in every kept deleted order; other words search those loaded below{scope === null ? '' : ` (${scope})`}.
      </p>
      {s.invalidCount > 0 && (
        <p class="form-error" role="alert">
          {s.invalidCount} deleted record(s) could not be read and are not shown.
        </p>
      )}
      {s.status === 'loading' ? (
        <p class="empty-state" aria-busy="true">
          Loading deleted orders…
        </p>
      ) : s.status === 'denied' ? (
        <p class="form-error" role="alert">
          Deleted orders could not be loaded: you may not have access.
        </p>
      ) : (
        <>
          {s.rows.length === 0 ? (
            <p class="empty-state" data-testid="deleted-empty">
              {s.loadedCount > 0 ? 'No loaded deleted orders match this search.' : f.filter.number !== null ? `No deleted order ${f.filter.number}.` : partyName !== null ? `No deleted orders of ${partyName}.` : 'No orders were deleted in these days.'}
            </p>
          ) : (
            s.rows.map((r) => (
              <DeletedCardView
                key={r.id}
                orderId={r.id}
                record={r.record}
                products={s.products}
                retentionDays={s.retentionDays}
                clock={s.clock}
                isAdmin={isAdmin}
                onRevert={() => s.setReverting(r)}
                onDelete={() => s.setConfirming(r)}
              />
            ))
          )}
          {s.hasMore && <ShowMore shown={s.rows.length} total={s.total} noun="deleted orders" onMore={s.showMore} />}
          <ShowOlder noun="deleted orders" since={scope ?? (s.since === null ? null : `since ${formatDate(s.since)}`)} older={s.older} isLoading={s.isLoadingOlder} onShowOlder={s.loadOlder} />
        </>
      )}
      {reverting !== null && <RevertDialog record={reverting.record} products={s.products} onConfirm={() => s.revert(reverting)} onCancel={() => s.setReverting(null)} />}
      {confirming !== null && (
        <ReauthDialog title={`Delete ${confirming.record.number} permanently?`} confirmLabel="Delete permanently" isDanger onConfirmed={s.purge} onCancel={() => s.setConfirming(null)}>
          <p>
            {confirming.record.partyName}: {confirming.record.lines.reduce((n, l) => n + l.qty, 0)} pcs. This cannot be undone; the audit log keeps a record of it.
          </p>
        </ReauthDialog>
      )}
    </main>
  );
}
