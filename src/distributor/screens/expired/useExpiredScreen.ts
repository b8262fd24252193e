import { useMemo, useState } from 'preact/hooks';
import { catalog, itemsOf, parties } from '../../../data/collections.ts';
import { expiryJobReport, isExpiryJobRunning, runExpiryJob, serverClock } from '../../../data/expiryJob.ts';
import { expiredWindows, pendingDueBy } from '../../../data/historyCollections.ts';
import { revertToPending } from '../../../data/historyCommands.ts';
import { expiryPolicy } from '../../../data/settings.ts';
import { DAY_MS } from '../../../domain/patch.ts';
import { EXPIRING_SOON_DAYS, expiringSoon } from '../../../domain/retention.ts';
import { matchesSearch } from '../../../domain/sentHistory.ts';
import type { ExpiredRecord, OrderId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import { pagedListState } from '../../history/pagedList.ts';
import { useHistoryFilter } from '../../history/useHistoryFilter.ts';

/** Expired orders rendered at first and per "Show more": each card lists its lines, so fewer than other lists. */
const EXPIRED_STEP = 20;

/** One expired order as the screen lists it. */
export type ExpiredRow = { id: OrderId; record: ExpiredRecord };

/**
 * The Expired screen's state: orders expired in the last 30 days (older ones on "Show older"), or
 * as the filters narrow them over every kept record (an order number, one party, the days up to a
 * date), searched, newest expiry first, 20 rendered at a time; the count of pending orders expiring
 * soon (read through the expiry job's candidate queries, never all pending orders); revert (after a
 * confirmation) and the on-demand check.
 */
export function useExpiredScreen() {
  const f = useHistoryFilter();
  const [reverting, setReverting] = useState<ExpiredRow | null>(null);
  const policy = expiryPolicy.value;
  const windows = useMemo(() => expiredWindows(f.filter, serverClock()), [f.filter]);
  const view = windows.view.value;
  const clock = serverClock();
  const soon = useMemo(() => pendingDueBy(serverClock() + EXPIRING_SOON_DAYS * DAY_MS, policy.afterDays), [policy.afterDays]);
  const candidates = soon.value;
  const products = itemsOf(catalog.value);
  const all = useMemo(() => [...itemsOf(view)].map(([id, record]): ExpiredRow => ({ id: id as OrderId, record })).sort((a, b) => b.record.expiredAt - a.record.expiredAt), [view]);
  const names = { productName: (id: string) => products.get(id)?.name, colorName: (id: string, code: string) => products.get(id)?.colors.find((c) => c.code === code)?.name };
  const rows = all.filter((r) => matchesSearch({ number: r.record.number, partyName: r.record.partyName, lines: r.record.lines }, f.textQuery, names));
  const render = useRenderLimit(rows.length, f.key, EXPIRED_STEP);

  const revert = async (r: ExpiredRow): Promise<void> => {
    const { isMerged } = await revertToPending(r.id, 'expired');
    setReverting(null);
    showToast('success', `${r.record.number} is pending again${isMerged ? ', added to its pending part,' : ''} with ${policy.graceDays} more days`);
  };
  const checkNow = async (): Promise<void> => {
    const report = await runExpiryJob();
    if (report.errors.length > 0) showToast('error', `Expiry check: ${report.errors.join('; ')}`);
    else showToast('success', `Expiry check done: ${report.expired} expired, ${report.purged} purged, ${report.archived} sent record(s) archived`);
  };

  return {
    status: view.state,
    candidatesStatus: candidates.state,
    invalidCount: view.state === 'ready' ? view.invalid.length : 0,
    rows: rows.slice(0, render.limit),
    matchCount: rows.length,
    ...pagedListState(view, windows, render),
    expiredCount: all.length,
    expiringSoonCount: expiringSoon(Object.fromEntries(itemsOf(candidates)), clock, policy).length,
    filters: f,
    parties: itemsOf(parties.value),
    loadedCount: all.length,
    reverting,
    setReverting,
    products,
    policy,
    revert,
    checkNow,
    isChecking: isExpiryJobRunning.value,
    report: expiryJobReport.value,
  };
}
