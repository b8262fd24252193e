import { useState } from 'preact/hooks';
import { dispatchDue } from '../../../data/dispatchReminders.ts';
import { reminderText } from './dispatchReminder.ts';

/** Where this device remembers the day the strip was dismissed ("2027-03-10", local). */
export const STRIP_DISMISSED_KEY = 'doms.dispatchStrip.dismissedDay';

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function readDismissed(): boolean {
  try {
    return localStorage.getItem(STRIP_DISMISSED_KEY) === today();
  } catch {
    return false; // storage blocked: the strip shows again on the next open
  }
}

/**
 * "Dispatch pending (3): K3 RAVI STORES (45 days), …" at the top of Sent while undelivered orders
 * billed a day or more ago wait, until dismissed; a dismissal holds for the rest of the day on this
 * device. It replaces the toast that covered Home's greeting and actions on every screen.
 */
export function DispatchStrip() {
  const [isDismissed, setDismissed] = useState(readDismissed);
  const { due, isCapped } = dispatchDue.value;
  if (isDismissed || due.length === 0) return null;
  const dismiss = () => {
    try {
      localStorage.setItem(STRIP_DISMISSED_KEY, today());
    } catch {
      // Storage blocked or full: hidden until the next open only.
    }
    setDismissed(true);
  };
  return (
    <section class="dispatch-strip" role="status" aria-label="Dispatch pending" data-testid="dispatch-strip">
      <p class="dispatch-strip__text">{reminderText(due, isCapped).replace(' on the Sent screen', ' below')}</p>
      <button type="button" class="button button--small button--quiet" onClick={dismiss} data-testid="dismiss-dispatch-strip">
        Dismiss for today
      </button>
    </section>
  );
}
