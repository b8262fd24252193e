/**
 * The housekeeping job every staff device runs on start and then every hour:
 * 1. pending orders past their deadline move to `expired` (`expireOrder`), and
 * 2. deleted orders past the retention period are purged (`purgeIfDue`).
 *
 * Safe to run anywhere, any number of times, at once: each step is one order command per order
 * (`runOrderCommand`), built from a fresh read. When two devices race, the second patch carries
 * a stale revision and the rules refuse it whole; re-read, the order is no longer due (already
 * expired or purged), the domain returns null and nothing is written. The rules also refuse a
 * purge before `deletedAt + settings/retentionDays` by the server clock, so a device with a
 * wrong clock cannot purge early: that refusal counts as skipped. Expiry never deletes
 * anything: an expired order is kept in `expired` until someone reverts it or an admin deletes it.
 */
import { signal, type ReadonlySignal } from '@preact/signals-core';
import { get, onValue, ref } from 'firebase/database';
import { dueForExpiry, expireOrder } from '../domain/lifecycle.ts';
import type { Transition } from '../domain/patch.ts';
import { dueForPurge, purgeIfDue, storedSettingsSchema, withDefaults, type Settings } from '../domain/retention.ts';
import { parse, type Schema } from '../domain/schema.ts';
import type { DeletedRecord, OrderId, OrderState, PendingRecord } from '../domain/types.ts';
import { deletedSchema, pendingSchema } from '../domain/validate.ts';
import { toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { RefusedError, runOrderCommand } from './orderKernel.ts';
import { transitionCtx } from './orderStore.ts';

/** How often the job runs after the first time. */
export const JOB_INTERVAL_MS = 60 * 60 * 1000;

let offset = 0;
let stopOffset: (() => void) | null = null;

/** The caller's estimate of server time: the device clock plus `.info/serverTimeOffset`. */
export const serverClock = (): number => Date.now() + offset;

/** What the last run did. */
export type JobReport = { at: number; expired: number; purged: number; skipped: number; errors: string[] };
const lastRun = signal<JobReport | null>(null);
const running = signal(false);
/** The last run's report (null before the first run). */
export const expiryJobReport: ReadonlySignal<JobReport | null> = lastRun;
/** True while a run is in progress on this device. */
export const isExpiryJobRunning: ReadonlySignal<boolean> = running;

async function readAll<T>(path: string, schema: Schema<T>): Promise<Record<string, T>> {
  const snap = await get(ref(db, path));
  const out: Record<string, T> = {};
  snap.forEach((child) => {
    const r = parse(schema, child.val(), `${path}/${child.key as string}`);
    if (r.ok) out[child.key as string] = r.value; // a bad record is reported by the screens' listens
  });
  return out;
}

async function readSettings(): Promise<Settings> {
  const snap = await get(ref(db, 'settings'));
  const r = parse(storedSettingsSchema, snap.exists() ? snap.val() : {}, 'settings');
  return withDefaults(r.ok ? r.value : null);
}

/**
 * Builds from a fresh read and writes; a refused (stale) write is retried on fresh data, where
 * the domain usually says "not due any more" (null): 'skipped'. So is a write the rules refuse
 * outright (not due by the server's clock), or one that kept losing races.
 */
async function conditionally(id: OrderId, build: (s: OrderState) => Transition | null): Promise<'done' | 'skipped'> {
  try {
    return (await runOrderCommand(db, id, build)) === null ? 'skipped' : 'done';
  } catch (e) {
    if (e instanceof RefusedError || toActionError(e).code === 'stale') return 'skipped';
    throw e;
  }
}

/** Runs the job once (concurrent calls on this device share one run). */
export async function runExpiryJob(): Promise<JobReport> {
  if (running.peek()) return lastRun.peek() ?? { at: serverClock(), expired: 0, purged: 0, skipped: 0, errors: [] };
  running.value = true;
  const report: JobReport = { at: serverClock(), expired: 0, purged: 0, skipped: 0, errors: [] };
  try {
    const settings = await readSettings();
    const clock = serverClock();
    const pending = await readAll<PendingRecord>('orders', pendingSchema);
    for (const id of dueForExpiry(pending, clock, settings.expiry)) {
      try {
        const r = await conditionally(id as OrderId, (s) => expireOrder(s, clock, settings.expiry, transitionCtx()));
        if (r === 'done') report.expired++;
        else report.skipped++;
      } catch (e) {
        report.errors.push(`expire ${id}: ${toActionError(e).message}`);
      }
    }
    const deleted = await readAll<DeletedRecord>('deleted', deletedSchema);
    for (const id of dueForPurge(deleted, clock, settings.retentionDays)) {
      try {
        const r = await conditionally(id as OrderId, (s) => purgeIfDue(s, clock, settings.retentionDays, transitionCtx()));
        if (r === 'done') report.purged++;
        else report.skipped++;
      } catch (e) {
        report.errors.push(`purge ${id}: ${toActionError(e).message}`);
      }
    }
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
