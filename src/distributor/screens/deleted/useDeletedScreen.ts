import { useMemo, useState } from 'preact/hooks';
import { catalog, itemsOf, parties } from '../../../data/collections.ts';
import { serverClock } from '../../../data/expiryJob.ts';
import { deletedWindows } from '../../../data/historyCollections.ts';
import { deletePermanently, revertToPending } from '../../../data/historyCommands.ts';
import { retentionDays, settingsStatus } from '../../../data/settings.ts';
import { matchesSearch } from '../../../domain/sentHistory.ts';
import type { DeletedRecord, OrderId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import { pagedListState } from '../../history/pagedList.ts';
import { useHistoryFilter } from '../../history/useHistoryFilter.ts';

/** One deleted order as the screen lists it. */
export type DeletedRow = { id: OrderId; record: DeletedRecord };

/** Deleted orders rendered at first and per "Show more": each card lists its lines, so fewer than other lists. */
const DELETED_STEP = 20;

/**
 * The Deleted screen's state: the orders deleted in the last 30 days (older ones on "Show older"),
 * or as the filters narrow them over every retained record (an order number, one party, the days
 * up to a date), newest first, rendered 20 at a time; revert (after a confirmation) and (admin)
 * permanent delete.
 */
export function useDeletedScreen() {
  const [confirming, setConfirming] = useState<DeletedRow | null>(null);
  const [reverting, setReverting] = useState<DeletedRow | null>(null);
  const f = useHistoryFilter();
  const windows = useMemo(() => deletedWindows(f.filter, serverClock()), [f.filter]);
  const view = windows.view.value;
  const products = itemsOf(catalog.value);
  const all = useMemo(
    () => [...itemsOf(view)].map(([id, record]): DeletedRow => ({ id: id as OrderId, record })).sort((a, b) => b.record.deletedAt - a.record.deletedAt),
    [view],
  );
  const names = { productName: (id: string) => products.get(id)?.name, colorName: (id: string, code: string) => products.get(id)?.colors.find((c) => c.code === code)?.name };
  const rows = all.filter((r) => matchesSearch(r.record, f.textQuery, names));
  const render = useRenderLimit(rows.length, f.key, DELETED_STEP);

  const revert = async (r: DeletedRow): Promise<void> => {
    const { isMerged } = await revertToPending(r.id, 'deleted');
    setReverting(null);
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
    loadedCount: all.length,
    ...pagedListState(view, windows, render),
    filters: f,
    parties: itemsOf(parties.value),
    products,
    retentionDays: retentionDays.value,
    isSettingsLoading: settingsStatus.value === 'loading',
    clock: serverClock(),
    revert,
    reverting,
    setReverting,
    confirming,
    setConfirming,
    purge,
  };
}
