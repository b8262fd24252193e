import { useState } from 'preact/hooks';
import { catalog, deletedOrders, itemsOf, pendingOrders } from '../../../data/collections.ts';
import { serverClock } from '../../../data/expiryJob.ts';
import { deletePermanently, revertToPending } from '../../../data/historyCommands.ts';
import { retentionDays, settingsStatus } from '../../../data/settings.ts';
import type { DeletedRecord, OrderId, UserRecord } from '../../../domain/types.ts';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { DeletedCardView } from './DeletedCardView.tsx';
import { RetentionEditor } from './RetentionEditor.tsx';
import '../sent/history.css';

/** Deleted orders, newest first: reason, who and when, days left before the purge; revert, or (admin) delete permanently. */
export function DeletedScreen({ record }: { record: UserRecord }) {
  const [confirming, setConfirming] = useState<[OrderId, DeletedRecord] | null>(null);
  const deleted = deletedOrders.value;
  const products = itemsOf(catalog.value);
  const pending = itemsOf(pendingOrders.value);
  const days = retentionDays.value;
  const isAdmin = record.role === 'admin';
  const rows = [...itemsOf(deleted)].sort((a, b) => b[1].deletedAt - a[1].deletedAt);
  const clock = serverClock();

  const revert = async (id: OrderId, d: DeletedRecord) => {
    await revertToPending(id, 'deleted');
    showToast('success', `${d.number} is pending again`);
  };
  const purge = async () => {
    if (confirming === null) return;
    const [id, d] = confirming;
    await deletePermanently(id, 'deleted');
    setConfirming(null);
    showToast('success', `${d.number} deleted permanently`);
  };

  return (
    <main class="screen" data-testid="deleted-screen">
      <h1>Deleted orders</h1>
      <p class="history-note">
        Deleted orders are kept for {days} days{settingsStatus.value === 'loading' ? ' (loading settings…)' : ''}, then removed for good. Revert one to put it back in Pending.
      </p>
      {isAdmin && <RetentionEditor days={days} />}
      {deleted.state === 'ready' && deleted.invalid.length > 0 && (
        <p class="form-error" role="alert">
          {deleted.invalid.length} deleted record(s) could not be read and are not shown.
        </p>
      )}
      {deleted.state === 'loading' ? (
        <p class="empty-state" aria-busy="true">
          Loading deleted orders…
        </p>
      ) : deleted.state === 'denied' ? (
        <p class="form-error" role="alert">
          Deleted orders could not be loaded: you may not have access.
        </p>
      ) : rows.length === 0 ? (
        <p class="empty-state" data-testid="deleted-empty">
          No deleted orders.
        </p>
      ) : (
        rows.map(([id, d]) => (
          <DeletedCardView
            key={id}
            orderId={id as OrderId}
            record={d}
            products={products}
            hasPendingPart={pending.has(id)}
            retentionDays={days}
            clock={clock}
            isAdmin={isAdmin}
            onRevert={() => revert(id as OrderId, d)}
            onDelete={() => setConfirming([id as OrderId, d])}
          />
        ))
      )}
      {confirming !== null && (
        <ReauthDialog title={`Delete ${confirming[1].number} permanently?`} confirmLabel="Delete permanently" isDanger onConfirmed={purge} onCancel={() => setConfirming(null)}>
          <p>
            {confirming[1].partyName}: {confirming[1].lines.reduce((n, l) => n + l.qty, 0)} pcs. This cannot be undone; the audit log keeps a record of it.
          </p>
        </ReauthDialog>
      )}
    </main>
  );
}
