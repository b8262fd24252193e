import { useMemo, useState } from 'preact/hooks';
import { catalog, itemsOf } from '../../../data/collections.ts';
import { serverClock } from '../../../data/expiryJob.ts';
import { recentDeleted } from '../../../data/historyCollections.ts';
import { deletePermanently, revertToPending } from '../../../data/historyCommands.ts';
import { retentionDays, settingsStatus } from '../../../data/settings.ts';
import type { DeletedRecord, OrderId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import { pagedListState } from '../../history/pagedList.ts';

/** One deleted order as the screen lists it. */
export type DeletedRow = { id: OrderId; record: DeletedRecord };

/**
 * The Deleted screen's state: the orders deleted in the last 30 days (older ones on "Show older"),
 * newest first, rendered 50 at a time; revert and (admin) permanent delete.
 */
export function useDeletedScreen() {
  const [confirming, setConfirming] = useState<DeletedRow | null>(null);
  const windows = useMemo(() => recentDeleted(serverClock()), []);
  const view = windows.view.value;
  const rows = useMemo(
    () => [...itemsOf(view)].map(([id, record]): DeletedRow => ({ id: id as OrderId, record })).sort((a, b) => b.record.deletedAt - a.record.deletedAt),
    [view],
  );
  const render = useRenderLimit(rows.length, null);

  const revert = async (r: DeletedRow): Promise<void> => {
    const { isMerged } = await revertToPending(r.id, 'deleted');
    showToast('success', isMerged ? `${r.record.number} is pending again, added to its pending part` : `${r.record.number} is pending again`);
  };
  const purge = async (): Promise<void> => {
    if (confirming === null) return;
    await deletePermanently(confirming.id, 'deleted');
    setConfirming(null);
    showToast('success', `${confirming.record.number} deleted permanently`);
  };

  return {
    status: view.state,
    invalidCount: view.state === 'ready' ? view.invalid.length : 0,
    rows: rows.slice(0, render.limit),
    total: rows.length,
    ...pagedListState(view, windows, render),
    products: itemsOf(catalog.value),
    retentionDays: retentionDays.value,
    isSettingsLoading: settingsStatus.value === 'loading',
    clock: serverClock(),
    revert,
    confirming,
    setConfirming,
    purge,
  };
}
