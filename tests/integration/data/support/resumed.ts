/**
 * What the resumed-read tests share (pendingResume.test.ts, masterResume.test.ts): a device
 * listening to a collection as src/data/resumedCollection.ts does, until its first ready state.
 */
import type { Database } from 'firebase/database';
import type { LiveCollection, ReadProblem } from '../../../../src/data/parsedCollection.ts';
import { listenResumed, type Resumable } from '../../../../src/data/resumedCollection.ts';
import type { CountingProxy } from '../../support/countingProxy.ts';
import { until } from '../../support/dbHarness.ts';

/** A device's open collection: the latest state it shows, and the stop. */
export type Opened<T> = { latest: () => LiveCollection<T>; stop: () => void };

/** Listens to `r` on `db` from `base` and `from` (null: whole) until the first state that is not loading. */
export async function openResumed<T>(db: Database, r: Resumable<T>, base: ReadonlyMap<string, T>, from: number | null, report: ReadProblem): Promise<Opened<T>> {
  let latest: LiveCollection<T> = { state: 'loading' };
  const stop = listenResumed(db, r, base, from, report, (c) => (latest = c));
  await until(() => latest.state !== 'loading', r.spec.path);
  return { latest: () => latest, stop };
}

/** The records of a ready collection, else none. */
export const itemsOf = <T>(c: LiveCollection<T>): ReadonlyMap<string, T> => (c.state === 'ready' ? c.items : new Map());

/** Entries by key, to compare two collections. */
export const sorted = (m: ReadonlyMap<string, unknown>): [string, unknown][] => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

/** Device A: no copy, so the whole collection through `proxy`; what it showed is its saved copy, and what that cost. */
export async function wholeCopy<T>(proxy: CountingProxy, open: (base: ReadonlyMap<string, T>, from: null) => Promise<Opened<T>>): Promise<{ copy: ReadonlyMap<string, T>; wholeBytes: number }> {
  proxy.reset();
  const a = await open(new Map(), null);
  const copy = itemsOf(a.latest());
  a.stop();
  return { copy, wholeBytes: proxy.bytes() };
}
