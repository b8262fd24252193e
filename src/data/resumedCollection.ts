/**
 * A collection read as "the device's saved copy, plus what changed since": its records are stamped
 * with the server time of their last change (`spec.orderBy`, required by the rules), so an indexed
 * query from the copy's newest stamp brings every record created or changed since. A collection
 * whose records are also removed (pending orders, the catalogue, the parties) names its tombstones (`gone`: removed key →
 * server time of the removal, ordered by value), read the same way and taken out of the copy.
 * Tombstones are trimmed after GONE_KEEP_DAYS, so a copy older than that is not resumed: the
 * collection is read whole. Kept apart from `firebase.ts` (the database comes in as an argument)
 * so tests run it on the local server with the real SDK.
 */
import { onValue, query, ref, startAt, type Database, type DataSnapshot } from 'firebase/database';
import type { Schema } from '../domain/schema.ts';
import { GONE_KEEP_DAYS, resumeFrom, resumeWithRemovalsFrom, withChanges } from '../domain/snapshot.ts';
import { parsedCollection, type LiveCollection, type ReadProblem } from './parsedCollection.ts';
import type { QuerySpec } from './querySpecs.ts';
import { orderedBy } from './rangeQuery.ts';

/** How a collection resumes: its records by their change stamp (`spec.orderBy`, read by `stamp`), and its tombstones when records can be removed. */
export type Resumable<T> = { spec: QuerySpec; schema: Schema<T>; stamp: (record: T) => number | undefined; gone?: QuerySpec };

/** Where `r` resumes from a saved copy holding `items`, at `clock` (the server time estimate); null: read it whole. */
export function resumePoint<T>(r: Resumable<T>, items: ReadonlyMap<string, T>, clock: number): number | null {
  return r.gone === undefined ? resumeFrom(items, r.stamp) : resumeWithRemovalsFrom(items, r.stamp, clock, GONE_KEEP_DAYS);
}

/** The tombstones of a snapshot: key → removal time (anything but a number is not a tombstone). */
function tombstones(snap: DataSnapshot): Map<string, number> {
  const out = new Map<string, number>();
  snap.forEach((child) => {
    const v: unknown = child.val();
    if (typeof v === 'number') out.set(child.key as string, v);
  });
  return out;
}

/**
 * Listens to `r`'s collection on `db` as `base` with the changes since `from` laid over it (and
 * its removals since taken out), or, with `from` null, to the whole collection (`base` unused).
 * `set` gets each state; returns the stop.
 */
export function listenResumed<T>(db: Database, r: Resumable<T>, base: ReadonlyMap<string, T>, from: number | null, report: ReadProblem, set: (c: LiveCollection<T>) => void): () => void {
  const reported = new Set<string>();
  let isDenied = false;
  const denied = (path: string) => (error: Error) => {
    isDenied = true;
    set({ state: 'denied' });
    report(path, error);
  };
  if (from === null) {
    return onValue(ref(db, r.spec.path), (snap) => set(parsedCollection(snap, r.spec.path, r.schema, reported, report)), denied(r.spec.path));
  }
  let changed: LiveCollection<T> | null = null;
  let gone: ReadonlyMap<string, number> | null = r.gone === undefined ? new Map() : null;
  // Both listens must have answered: the changes alone would bring back a record removed since.
  const emit = (): void => {
    if (isDenied || changed === null || gone === null) return;
    if (changed.state !== 'ready') set(changed);
    else set({ ...changed, items: withChanges(base, changed.items, r.gone === undefined ? undefined : { gone, stamp: r.stamp }) });
  };
  const stops = [
    onValue(
      query(ref(db, r.spec.path), orderedBy(r.spec), startAt(from)),
      (snap) => {
        changed = parsedCollection(snap, r.spec.path, r.schema, reported, report);
        emit();
      },
      denied(r.spec.path),
    ),
  ];
  if (r.gone !== undefined) {
    const spec = r.gone;
    stops.push(
      onValue(
        query(ref(db, spec.path), orderedBy(spec), startAt(from)),
        (snap) => {
          gone = tombstones(snap);
          emit();
        },
        denied(spec.path),
      ),
    );
  }
  return () => stops.forEach((stop) => stop());
}
