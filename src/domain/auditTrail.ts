/**
 * An order's history as people read it: its audit entries (one per revision, each naming who
 * acted and when) in revision order, with a plain label and the pieces the step moved.
 */
import type { AuditAction, AuditEntry, Uid } from './types.ts';

/** What each audit action is called on screen. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  place: 'Placed',
  approve: 'Approved (retailer order)',
  reject: 'Rejected (retailer order)',
  pick: 'Picking saved',
  sendToBilling: 'Sent to billing',
  remarks: 'Remarks',
  bill: 'Billed',
  delivery: 'Delivery status',
  delete: 'Deleted',
  revert: 'Reverted to pending',
  expire: 'Expired',
  purge: 'Removed permanently',
  archive: 'Billing record archived',
};

/** A delivery entry's detail is `<sentId>: <status>`; people read the status. */
function deliveryText(detail: string): string {
  const status = detail.slice(detail.lastIndexOf(':') + 1).trim();
  return status === 'delivered' ? 'marked delivered' : status === 'undelivered' ? 'marked not delivered' : detail;
}

/** One step of the history. */
export type HistoryStep = { key: string; rev: number; label: string; actor: Uid; at: number; pieces: number | null; detail: string | null };

/** The entries (by audit id) as steps, oldest first (by revision, then time). */
export function historySteps(entries: ReadonlyMap<string, AuditEntry>): HistoryStep[] {
  return [...entries]
    .map(([key, e]) => ({
      key,
      rev: e.rev,
      label: ACTION_LABELS[e.action],
      actor: e.actor,
      at: e.at,
      pieces: e.lines === undefined ? null : e.lines.reduce((n, l) => n + l.qty, 0),
      detail: e.detail === undefined ? null : e.action === 'delivery' ? deliveryText(e.detail) : e.detail,
    }))
    .sort((a, b) => a.rev - b.rev || a.at - b.at || a.key.localeCompare(b.key));
}
