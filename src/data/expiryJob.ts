/**
 * The housekeeping job every staff device runs on start and then every hour
 * (`src/data/housekeeping.ts` does the work): pending orders past their deadline move to
 * `expired`, deleted orders past the retention period are purged, sent records past
 * `settings/archiveAfterDays` move to `sentArchive`. Expiry never deletes anything:
 * an expired order is kept in `expired` until someone reverts it or an admin deletes it.
 */
import { signal, type ReadonlySignal } from '@preact/signals-core';
import { onValue, ref } from 'firebase/database';
import { toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { runHousekeeping } from './housekeeping.ts';
import { transitionCtx } from './orderStore.ts';

/** How often the job runs after the first time. */
export const JOB_INTERVAL_MS = 60 * 60 * 1000;

let offset = 0;
let stopOffset: (() => void) | null = null;

/** The caller's estimate of server time: the device clock plus `.info/serverTimeOffset`. */
export const serverClock = (): number => Date.now() + offset;

/** What the last run did. */
export type JobReport = { at: number; expired: number; purged: number; archived: number; trimmed: number; skipped: number; errors: string[] };
const lastRun = signal<JobReport | null>(null);
const running = signal(false);
/** The last run's report (null before the first run). */
export const expiryJobReport: ReadonlySignal<JobReport | null> = lastRun;
/** True while a run is in progress on this device. */
export const isExpiryJobRunning: ReadonlySignal<boolean> = running;

/** Runs the job once (concurrent calls on this device share one run). */
export async function runExpiryJob(): Promise<JobReport> {
  if (running.peek()) return lastRun.peek() ?? { at: serverClock(), expired: 0, purged: 0, archived: 0, trimmed: 0, skipped: 0, errors: [] };
  running.value = true;
  let report: JobReport = { at: serverClock(), expired: 0, purged: 0, archived: 0, trimmed: 0, skipped: 0, errors: [] };
  try {
    report = { at: report.at, ...(await runHousekeeping(db, serverClock, transitionCtx)) };
  } catch (e) {
    report.errors.push(toActionError(e).message);
  } finally {
    lastRun.value = report;
    running.value = false;
  }
  return report;
}

/** Starts the job: once now, then every hour; returns the stop function. */
export function startExpiryJob(intervalMs = JOB_INTERVAL_MS): () => void {
  stopOffset ??= onValue(ref(db, '.info/serverTimeOffset'), (s) => {
    offset = typeof s.val() === 'number' ? (s.val() as number) : 0;
  });
  void runExpiryJob();
  const timer = setInterval(() => void runExpiryJob(), intervalMs);
  return () => {
    clearInterval(timer);
    stopOffset?.();
    stopOffset = null;
  };
}
