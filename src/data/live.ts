import { signal, type ReadonlySignal } from '@preact/signals-core';
import { onValue, query, ref, type DataSnapshot, type QueryConstraint } from 'firebase/database';
import { parseRecord } from '../domain/validate.ts';
import type { Schema } from '../domain/schema.ts';
import { auth, db } from './firebase.ts';
import { reportSyncError } from './sync.ts';

/** A record that arrives from the database: loading until the first snapshot; `invalid` when it fails its domain schema. */
export type Live<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'missing' }
  | { state: 'invalid'; problem: string }
  | { state: 'denied' };

/**
 * Listens to `path` (narrowed by query `constraints` when given); a cancelled listen (permission
 * denied) is reported to syncState and to `onDenied`.
 */
export function listen(path: string, onData: (snap: DataSnapshot) => void, onDenied?: () => void, constraints: QueryConstraint[] = []): () => void {
  const target = constraints.length === 0 ? ref(db, path) : query(ref(db, path), ...constraints);
  return onValue(target, onData, (error) => {
    onDenied?.();
    // Signing out revokes every listen on purpose (the server re-checks rules on auth change):
    // that is not an error worth showing.
    if (auth.currentUser !== null) reportSyncError(path, error);
  });
}

/**
 * A signal fed by a database subscription that runs only while something reads the signal
 * (a component on screen, an effect): `start` subscribes and returns the unsubscribe.
 */
export function liveSignal<T>(initial: T, start: (set: (value: T) => void) => () => void): ReadonlySignal<T> {
  let stop: (() => void) | null = null;
  const s = signal<T>(initial, {
    watched() {
      stop = start((value) => (s.value = value));
    },
    unwatched() {
      stop?.();
      stop = null;
      s.value = initial;
    },
  });
  return s;
}

/** A signal of the record at `path`, checked with its domain schema; a bad record is also reported to syncState. */
export function liveRecord<T>(path: string, schema: Schema<T>): ReadonlySignal<Live<T>> {
  return liveSignal<Live<T>>({ state: 'loading' }, (set) =>
    listen(
      path,
      (snap) => {
        if (!snap.exists()) return set({ state: 'missing' });
        const result = parseRecord(schema, snap.val(), path);
        if (result.ok) return set({ state: 'ready', value: result.value });
        const problem = result.errors.map((e) => `${e.field} ${e.message}`).join('; ');
        reportSyncError(path, Object.assign(new Error(`${path} is not valid: ${problem}`), { code: 'invalid-record' }));
        set({ state: 'invalid', problem });
      },
      () => set({ state: 'denied' }),
    ),
  );
}
