/**
 * The oldest records of a collection by an indexed child, live, as a window that grows on
 * demand: `limitToFirst(size)` on `spec`, `more()` widening it by `step`. For a working set that
 * can pile up (orders waiting in billing: 2,826 of them, 5 MB, in a busy seeded year), the screen
 * reads the longest-waiting ones and never the whole collection. As records leave the window
 * (billed, deleted), the next ones slide into it. Widening re-listens with the larger limit: the
 * records already shown stay on screen until the wider window answers (it downloads them again:
 * the cost of one tap, bounded by the window). Takes its database as a parameter, so tests drive
 * it on the local server.
 */
import { signal, type ReadonlySignal } from '@preact/signals-core';
import { limitToFirst, onValue, orderByChild, query, ref, type Database } from 'firebase/database';
import type { Schema } from '../domain/schema.ts';
import { parsedCollection, type LiveCollection, type ReadProblem } from './parsedCollection.ts';
import type { QuerySpec } from './querySpecs.ts';

export type GrowingWindow<T> = {
  /** The records in the window, in `spec.orderBy` order (oldest first); listened to while read. */
  readonly view: ReadonlySignal<LiveCollection<T>>;
  /** How many records the window may hold now. */
  readonly size: ReadonlySignal<number>;
  /** True while a widened window is on its way. */
  readonly isWidening: ReadonlySignal<boolean>;
  /** Widens the window by one step (ignored while a widening is on its way). */
  more(): void;
};

export function oldestFirst<T>(db: Database, spec: QuerySpec, schema: Schema<T>, step: number, report: ReadProblem): GrowingWindow<T> {
  const size = signal(step);
  const isWidening = signal(false);
  const reported = new Set<string>();
  let stop: (() => void) | null = null;
  let isWatched = false;

  const start = (): void => {
    const previous = stop;
    let isFirst = true;
    stop = onValue(
      query(ref(db, spec.path), orderByChild(spec.orderBy), limitToFirst(size.peek())),
      (snap) => {
        view.value = parsedCollection(snap, spec.path, schema, reported, report);
        if (isFirst) {
          isFirst = false;
          isWidening.value = false;
          // The narrower window is dropped once this one has answered, so the screen never empties.
          previous?.();
        }
      },
      (error) => {
        previous?.();
        isWidening.value = false;
        view.value = { state: 'denied' };
        report(spec.path, error);
      },
    );
  };

  const view = signal<LiveCollection<T>>(
    { state: 'loading' },
    {
      watched() {
        isWatched = true;
        start();
      },
      unwatched() {
        isWatched = false;
        stop?.();
        stop = null;
        isWidening.value = false;
        view.value = { state: 'loading' };
      },
    },
  );

  const more = (): void => {
    if (isWidening.peek()) return;
    size.value += step;
    if (!isWatched) return;
    isWidening.value = true;
    start();
  };

  return { view, size, isWidening, more };
}
