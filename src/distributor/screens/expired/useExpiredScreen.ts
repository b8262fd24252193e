import { useState } from 'preact/hooks';
import { catalog, expiredOrders, itemsOf, pendingOrders } from '../../../data/collections.ts';
import { expiryJobReport, isExpiryJobRunning, runExpiryJob, serverClock } from '../../../data/expiryJob.ts';
import { revertToPending } from '../../../data/historyCommands.ts';
import { expiryPolicy } from '../../../data/settings.ts';
import { expiringSoon } from '../../../domain/retention.ts';
import { matchesSearch } from '../../../domain/sentHistory.ts';
import type { ExpiredRecord, OrderId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';

/** One expired order as the screen lists it. */
export type ExpiredRow = { id: OrderId; record: ExpiredRecord };

/** The Expired screen's state: rows (searched, newest expiry first), counters, revert and the on-demand check. */
export function useExpiredScreen() {
  const [query, setQuery] = useState('');
  const expired = expiredOrders.value;
  const pending = pendingOrders.value;
  const products = itemsOf(catalog.value);
  const policy = expiryPolicy.value;
  const all = [...itemsOf(expired)].map(([id, record]): ExpiredRow => ({ id: id as OrderId, record })).sort((a, b) => b.record.expiredAt - a.record.expiredAt);
  const names = { productName: (id: string) => products.get(id)?.name, colorName: (id: string, code: string) => products.get(id)?.colors.find((c) => c.code === code)?.name };
  const rows = all.filter((r) => matchesSearch({ number: r.record.number, partyName: r.record.partyName, lines: r.record.lines }, query, names));

  const revert = async (r: ExpiredRow): Promise<void> => {
    await revertToPending(r.id, 'expired');
    showToast('success', `${r.record.number} is pending again, with ${policy.graceDays} more days`);
  };
  const checkNow = async (): Promise<void> => {
    const report = await runExpiryJob();
    if (report.errors.length > 0) showToast('error', `Expiry check: ${report.errors.join('; ')}`);
    else showToast('success', `Expiry check done: ${report.expired} expired, ${report.purged} purged`);
  };

  return {
    status: expired.state,
    pendingStatus: pending.state,
    invalidCount: expired.state === 'ready' ? expired.invalid.length : 0,
    rows,
    expiredCount: all.length,
    expiringSoonCount: expiringSoon(Object.fromEntries(itemsOf(pending)), serverClock(), policy).length,
    query,
    setQuery,
    products,
    policy,
    revert,
    checkNow,
    isChecking: isExpiryJobRunning.value,
    report: expiryJobReport.value,
  };
}
