import type { UserRecord } from '../../../domain/types.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { ShowOlder } from '../../../ui/ShowOlder.tsx';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import { formatDate } from '../../../ui/dates.ts';
import { DeletedCardView } from './DeletedCardView.tsx';
import { RetentionEditor } from './RetentionEditor.tsx';
import { useDeletedScreen } from './useDeletedScreen.ts';
import '../sent/history.css';

/** Deleted orders, newest first, the last 30 days and older on demand: reason, who and when, days left before the purge; revert, or (admin) delete permanently. */
export function DeletedScreen({ record }: { record: UserRecord }) {
  const s = useDeletedScreen();
  const isAdmin = record.role === 'admin';
  const confirming = s.confirming;
  return (
    <main class="screen" data-testid="deleted-screen">
      <h1>Deleted orders</h1>
      <p class="history-note">
        Deleted orders are kept for {s.retentionDays} days{s.isSettingsLoading ? ' (loading settings…)' : ''}, then removed for good. Revert one to put it back in Pending.
      </p>
      {isAdmin && <RetentionEditor days={s.retentionDays} />}
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
              No orders were deleted in these days.
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
                onRevert={() => s.revert(r)}
                onDelete={() => s.setConfirming(r)}
              />
            ))
          )}
          {s.hasMore && <ShowMore shown={s.rows.length} total={s.total} noun="deleted orders" onMore={s.showMore} />}
          <ShowOlder noun="deleted orders" since={s.since === null ? null : `since ${formatDate(s.since)}`} older={s.older} isLoading={s.isLoadingOlder} onShowOlder={s.loadOlder} />
        </>
      )}
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
