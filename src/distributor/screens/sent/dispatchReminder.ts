/**
 * How the daily "Dispatch pending" reminder reaches a person (src/data/dispatchReminders.ts
 * decides when and what): a system notification when this browser already has permission. In the
 * app it is the strip on the Sent screen (DispatchStrip) and the Sent badge, never a toast over
 * whatever screen is open. Permission is asked for only from a button
 * (`askNotificationPermission`), never on its own.
 */
import { daysAgoText, type DispatchPending } from '../../../domain/delivery.ts';

/** Most orders named in one reminder; the rest are counted. */
const SHOWN = 5;

/**
 * "Dispatch pending (3): K3 RAVI STORES (45 days), K2 … and 1 more." With `isCapped` (the read
 * stopped at its limit) the count reads "25+" and the rest "and 20 or more others".
 */
export function reminderText(due: readonly DispatchPending[], isCapped = false): string {
  const named = due.slice(0, SHOWN).map((d) => `${d.number} ${d.partyName} (${daysAgoText(d.days)})`);
  const rest = due.length - SHOWN;
  const more = rest > 0 ? (isCapped ? ` and ${rest} or more others` : ` and ${rest} more`) : isCapped ? ' and possibly more' : '';
  return `Dispatch pending (${due.length}${isCapped ? '+' : ''}): ${named.join(', ')}${more}. Mark them delivered on the Sent screen once they leave.`;
}

/** True when this browser can show system notifications. */
export const canNotify = (): boolean => typeof Notification !== 'undefined';

/** Shows the reminder as a system notification when permission was granted earlier (the Sent strip shows it in the app). */
export function showDispatchReminder(due: readonly DispatchPending[], isCapped = false): void {
  const text = reminderText(due, isCapped);
  if (!canNotify() || Notification.permission !== 'granted') return;
  try {
    new Notification('D-OMS: dispatch pending', { body: text, tag: 'doms-dispatch-pending' });
  } catch {
    // Some browsers (Android Chrome) allow notifications only from a service worker; the Sent strip shows it anyway.
  }
}

/** Asks for notification permission (call only from a button); resolves with the answer. */
export async function askNotificationPermission(): Promise<NotificationPermission> {
  if (!canNotify()) return 'denied';
  return Notification.requestPermission();
}
