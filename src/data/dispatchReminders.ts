/**
 * The daily "Dispatch pending" reminder on staff devices (docs/decisions/003-dispatch-reminders.md):
 * once a day after 8 AM local time, the undelivered sent cards billed a day or more ago are handed
 * to `remind` (a system notification, when allowed). The same cards, live, are `dispatchDue`
 * (the strip on the Sent screen) and their count `dispatchWaiting` (the navigation's Sent badge). The last run is
 * kept in this device's localStorage. Nothing is ever marked delivered here: only people do that.
 * It reads the undelivered sent records only (`undeliveredSent`: an indexed query for
 * `deliveryStatus = undelivered`, the newest `UNDELIVERED_LIMIT`), never the whole of `sent`.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals-core';
import { dueForReminder, isReminderRunDue, type DispatchPending } from '../domain/delivery.ts';
import { mergeSent } from '../domain/sentHistory.ts';
import type { SentRecord } from '../domain/types.ts';
import { itemsOf, type LiveCollection } from './liveCollection.ts';
import { UNDELIVERED_LIMIT, undeliveredSent } from './historyCollections.ts';

/** Where this device remembers its last reminder run (ms since epoch). */
export const LAST_RUN_KEY = 'doms.dispatchReminders.lastRun';
/** How often a running app looks at the clock (also on focus and when shown again). */
export const CHECK_INTERVAL_MS = 60_000;

function readLastRun(): number | null {
  try {
    const n = Number(localStorage.getItem(LAST_RUN_KEY));
    return Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null; // storage blocked: remind, at worst once per app start after 8 AM
  }
}

function writeLastRun(t: number): void {
  try {
    localStorage.setItem(LAST_RUN_KEY, String(t));
  } catch {
    // Storage blocked or full: the reminder may repeat; never worth an error.
  }
}

/** The device clock as of the last check (every `CHECK_INTERVAL_MS` while the reminder runs): what "a day or more ago" is counted from. */
const checkedAt = signal(Date.now());

/**
 * The undelivered sent cards billed a day or more ago, oldest first, live (empty while loading or
 * refused), and whether the read stopped at its limit (there may be more). Reading it listens to
 * the undelivered records (`UNDELIVERED_LIMIT` of them, about 2 KB each).
 */
export const dispatchDue: ReadonlySignal<{ due: DispatchPending[]; isCapped: boolean }> = computed(() => {
  const sent = undeliveredSent.value;
  if (sent.state !== 'ready') return { due: [], isCapped: false };
  return { due: dueForReminder(mergeSent(itemsOf(sent)), checkedAt.value), isCapped: sent.items.size >= UNDELIVERED_LIMIT };
});

/** How many sent orders wait for dispatch (undelivered, billed a day or more ago): the count for the navigation's Sent badge. */
export const dispatchWaiting: ReadonlySignal<number> = computed(() => dispatchDue.value.due.length);

/** Resolves with the undelivered sent records once loaded (undefined when the listen is refused), listening only meanwhile. */
function loadUndeliveredOnce(): Promise<LiveCollection<SentRecord> | undefined> {
  return new Promise((resolve) => {
    let isDone = false;
    const stop = effect(() => {
      const sent = undeliveredSent.value;
      if (isDone || sent.state === 'loading') return;
      isDone = true;
      // Disposing inside the effect's own run is not allowed; let it finish first.
      queueMicrotask(() => stop());
      resolve(sent.state === 'ready' ? sent : undefined);
    });
  });
}

/**
 * Starts the reminder on this device; `remind` gets the due cards (oldest first) at most once a
 * day, only when there are any, and whether the list was cut at the read limit (there may be more). `clock` is the device clock (the reminder is about the person's
 * morning). Returns the stop function.
 */
export function startDispatchReminders(remind: (due: DispatchPending[], isCapped: boolean) => void, clock: () => number = () => Date.now()): () => void {
  let isChecking = false;
  let isStopped = false;
  const check = async (): Promise<void> => {
    checkedAt.value = clock();
    if (isChecking || isStopped || !isReminderRunDue(readLastRun(), clock())) return;
    isChecking = true;
    try {
      const sent = await loadUndeliveredOnce();
      if (sent === undefined || isStopped) return; // refused: try again at the next check
      const t = clock();
      if (!isReminderRunDue(readLastRun(), t)) return; // another tab ran it meanwhile
      writeLastRun(t);
      const due = dueForReminder(mergeSent(itemsOf(sent)), t);
      // Only the newest UNDELIVERED_LIMIT undelivered records are read: when that many came, there may be more.
      if (due.length > 0) remind(due, sent.state === 'ready' && sent.items.size >= UNDELIVERED_LIMIT);
    } finally {
      isChecking = false;
    }
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') void check();
  };
  const onFocus = () => void check();
  void check();
  const timer = setInterval(() => void check(), CHECK_INTERVAL_MS);
  addEventListener('focus', onFocus);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    isStopped = true;
    clearInterval(timer);
    removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
