import { useState } from 'preact/hooks';
import { deletePermanently } from '../../../data/historyCommands.ts';
import type { UserRecord } from '../../../domain/types.ts';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { ShowOlder } from '../../../ui/ShowOlder.tsx';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { ExpiredCardView } from './ExpiredCardView.tsx';
import { ExpiryPolicyEditor } from './ExpiryPolicyEditor.tsx';
import { useExpiredScreen, type ExpiredRow } from './useExpiredScreen.ts';
import { HistoryFilters } from '../../history/HistoryFilters.tsx';
import { RevertDialog } from '../../history/RevertDialog.tsx';
import { filterScope } from '../../history/useHistoryFilter.ts';
import '../sent/history.css';
import { useScreenTiming } from '../../../ui/useScreenTiming.ts';

/** Expired orders, the last 30 days and older on demand: counters, search, revert (+grace days), and (admin) permanent delete; the expiry check on demand. */
export function ExpiredScreen({ record }: { record: UserRecord }) {
  const s = useExpiredScreen();
  useScreenTiming('expired', s.status !== 'loading');
  const [confirming, setConfirming] = useState<ExpiredRow | null>(null);
  const isAdmin = record.role === 'admin';
  const purge = async () => {
    if (confirming === null) return;
    await deletePermanently(confirming.id, 'expired');
    setConfirming(null);
    showToast('success', `${confirming.record.number} deleted permanently`);
  };
  const report = s.report;
  const f = s.filters;
  const partyName = f.partyId === '' ? null : (s.parties.get(f.partyId)?.name ?? 'a removed party');
  const since = filterScope(f.filter, partyName, formatDate) ?? (s.since === null ? null : `since ${formatDate(s.since)}`);
  const reverting = s.reverting;
  return (
    <main class="screen" data-testid="expired-screen">
      <h1>Expired orders</h1>
      <p class="history-note">
        Pending orders expire {s.policy.afterDays} days after they were placed; reverting gives {s.policy.graceDays} more days.
      </p>
      {isAdmin && <ExpiryPolicyEditor policy={s.policy} />}
      <div class="history-counters">
        <div class="card history-counter" data-testid="count-expired">
          <strong>{s.status === 'ready' ? s.expiredCount : '…'}</strong> Expired {since ?? ''}
        </div>
        <div class="card history-counter" data-testid="count-expiring">
          <strong>{s.candidatesStatus === 'ready' ? s.expiringSoonCount : '…'}</strong> Expiring within 10 days
        </div>
      </div>
      <div class="history-toolbar">
        <HistoryFilters id="expired" query={f.query} onQuery={f.setQuery} partyId={f.partyId} parties={s.parties} onParty={f.setPartyId} day={f.day} onDay={f.setDay} />
        <button type="button" class="button button--quiet" disabled={s.isChecking} onClick={() => void s.checkNow()} data-testid="check-expiry">
          {s.isChecking ? 'Checking…' : 'Check expiry now'}
        </button>
      </div>
      <p class="history-note" data-testid="search-scope">
        An order number, a party or a date is looked up in every kept expired order; other words search those loaded below.
      </p>
      {report !== null && (
        <p class="history-note" data-testid="job-report">
          Last check {formatDateTime(report.at)}: {report.expired} expired, {report.purged} deleted order(s) purged, {report.archived} old sent record(s) archived{report.errors.length > 0 ? `; problems: ${report.errors.join('; ')}` : ''}.
        </p>
      )}
      {s.invalidCount > 0 && (
        <p class="form-error" role="alert">
          {s.invalidCount} expired record(s) could not be read and are not shown.
        </p>
      )}
      {s.status === 'loading' ? (
        <p class="empty-state" aria-busy="true">
          Loading expired orders…
        </p>
      ) : s.status === 'denied' ? (
        <p class="form-error" role="alert">
          Expired orders could not be loaded: you may not have access.
        </p>
      ) : (
        <>
          {s.rows.length === 0 ? (
            <p class="empty-state" data-testid="expired-empty">
              {s.expiredCount > 0 ? 'No loaded expired orders match the search.' : f.filter.number !== null ? `No expired order ${f.filter.number}.` : partyName !== null ? `No expired orders of ${partyName}.` : 'No orders expired in these days.'}
            </p>
          ) : (
            s.rows.map((r) => (
              <ExpiredCardView key={r.id} row={r} products={s.products} graceDays={s.policy.graceDays} isAdmin={isAdmin} onRevert={() => s.setReverting(r)} onDelete={() => setConfirming(r)} />
            ))
          )}
          {s.hasMore && <ShowMore shown={s.rows.length} total={s.matchCount} noun="expired orders" onMore={s.showMore} />}
          <ShowOlder noun="expired orders" since={since} older={s.older} isLoading={s.isLoadingOlder} onShowOlder={s.loadOlder} />
        </>
      )}
      {reverting !== null && (
        <RevertDialog
          record={reverting.record}
          products={s.products}
          note={`It gets ${s.policy.graceDays} more days before it expires again.`}
          onConfirm={() => s.revert(reverting)}
          onCancel={() => s.setReverting(null)}
        />
      )}
      {confirming !== null && (
        <ReauthDialog title={`Delete ${confirming.record.number} permanently?`} confirmLabel="Delete permanently" isDanger onConfirmed={purge} onCancel={() => setConfirming(null)}>
          <p>{confirming.record.partyName}: this cannot be undone; the audit log keeps a record of it.</p>
        </ReauthDialog>
      )}
    </main>
  );
}
