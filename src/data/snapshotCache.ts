/**
 * The last good copy of chosen live collections, and of the signed-in user's own record, kept
 * in IndexedDB per user: a screen opened without a database connection (or before its listen
 * has delivered) shows what it showed last time, marked with when that was. Only validated
 * records are saved, at most once per SAVE_EVERY_MS per collection; what is read back is
 * validated again and must carry the signed-in uid. Signing out deletes every copy on the device.
 */
import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals-core';
import type { Schema } from '../domain/schema.ts';
import { collectionSource, readStoredSnapshot, saveDelay, snapshotKey, toStoredSnapshot, type SavedCopy, type StoredSnapshot } from '../domain/snapshot.ts';
import type { UserRecord } from '../domain/types.ts';
import { userSchema } from '../domain/validate.ts';
import { currentUser, userRecord } from './auth.ts';
import { oneStoreDatabase } from './draftStore.ts';
import type { LiveCollection } from './liveCollection.ts';
import type { Live } from './live.ts';
import { syncState } from './sync.ts';

/** Minimum gap between two writes of one collection: live changes can arrive many times a second. */
export const SAVE_EVERY_MS = 3000;

const STORE = 'snapshots';
const database = oneStoreDatabase('doms-snapshots', STORE);

// The copy of each (uid, path) in memory: undefined while IndexedDB is read, null when there is none.
const copies = new Map<string, Signal<SavedCopy<unknown> | null | undefined>>();

function copyOf<T>(uid: string, path: string, schema: Schema<T>): Signal<SavedCopy<T> | null | undefined> {
  const key = snapshotKey(uid, path);
  const existing = copies.get(key);
  if (existing !== undefined) return existing as Signal<SavedCopy<T> | null | undefined>;
  const s = signal<SavedCopy<T> | null | undefined>(undefined);
  copies.set(key, s as Signal<SavedCopy<unknown> | null | undefined>);
  // A live delivery that lands first is fresher than the stored copy: keep it.
  database()
    .then((db) => db.get(STORE, key))
    .then((raw) => {
      if (s.peek() === undefined) s.value = readStoredSnapshot(raw, uid, path, schema);
    })
    .catch(() => {
      if (s.peek() === undefined) s.value = null; // storage blocked: no copy, live only
    });
  return s;
}

type Writer = { timer: ReturnType<typeof setTimeout> | null; lastAt: number | null; next: (() => StoredSnapshot) | null };

/**
 * Runs `task` when the page is idle (after the frame that shows the data is painted), or within
 * 2 s: shaping and cloning a year's pending orders for IndexedDB takes a tenth of a second of the
 * main thread, which must not delay a screen's first paint.
 */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else task();
}
const writers = new Map<string, Writer>();

/** Keeps `items` in memory now and writes them to IndexedDB soon (throttled per collection), each as `store` shapes it. */
function save<T>(uid: string, path: string, items: ReadonlyMap<string, T>, schema: Schema<T>, store?: (record: T) => unknown): void {
  const now = Date.now();
  copyOf(uid, path, schema).value = { savedAt: now, items };
  const key = snapshotKey(uid, path);
  let w = writers.get(key);
  if (w === undefined) writers.set(key, (w = { timer: null, lastAt: null, next: null }));
  // Shaped when written, from the latest items: a burst of deliveries is shaped once.
  w.next = () => toStoredSnapshot(uid, path, now, items, store);
  if (w.timer !== null) return;
  const writer = w;
  writer.timer = setTimeout(
    () =>
      whenIdle(() => {
        writer.timer = null;
        const next = writer.next;
        writer.next = null;
        // Signed out (or someone else signed in) meanwhile: this user's copy must not come back.
        if (next === null || currentUser.peek()?.uid !== uid) return;
        writer.lastAt = Date.now();
        const snapshot = next();
        // A failed write only means an older copy offline; the live screen is unaffected.
        database()
          .then((db) => db.put(STORE, snapshot, key))
          .catch(() => undefined);
      }),
    saveDelay(now, w.lastAt, SAVE_EVERY_MS),
  );
}

/** The saved copy of `path` for `uid` once IndexedDB has been read (null when there is none). */
export function savedCopy<T>(uid: string, path: string, schema: Schema<T>): Promise<SavedCopy<T> | null> {
  const s = copyOf(uid, path, schema);
  return new Promise((resolve) => {
    const stop = effect(() => {
      const v = s.value;
      if (v === undefined) return;
      resolve(v);
      // Disposing inside the effect's own run is not allowed; let it finish first.
      queueMicrotask(() => stop());
    });
  });
}

/** Deletes every saved copy, in memory and in IndexedDB. */
function clearAll(): void {
  for (const w of writers.values()) if (w.timer !== null) clearTimeout(w.timer);
  writers.clear();
  copies.clear();
  database()
    .then((db) => db.clear(STORE))
    .catch(() => undefined);
}

// Nobody signed in (signed out, or the session ended): no copy of anyone's data stays on the device.
effect(() => {
  if (currentUser.value === null) clearAll();
});

/**
 * `live`, or its saved copy (a ready collection with `cachedAt`) while live is loading or the
 * connection is down; every live delivery received while connected is saved for next time, each
 * record as the database stores it (`store`, when that differs from the parsed record: order
 * records key their lines), since the copy is read back through `schema`.
 */
export function withSavedCopy<T>(path: string, schema: Schema<T>, live: ReadonlySignal<LiveCollection<T>>, store?: (record: T) => unknown): ReadonlySignal<LiveCollection<T>> {
  let stopSaving: (() => void) | null = null;
  return computed<LiveCollection<T>>(
    () => {
      const l = live.value;
      const uid = currentUser.value?.uid;
      const isConnected = syncState.value.isConnected;
      if (uid === undefined || l.state === 'denied') return l;
      const copy = copyOf(uid, path, schema).value;
      if (copy == null || collectionSource(l.state, true, isConnected) === 'live') return l;
      return { state: 'ready', items: copy.items, invalid: [], cachedAt: copy.savedAt };
    },
    {
      watched() {
        let last: LiveCollection<T> | null = null;
        stopSaving = effect(() => {
          const l = live.value;
          const uid = currentUser.value?.uid;
          // Only what arrived while connected (not a local echo made offline), each delivery once.
          if (l === last || l.state !== 'ready' || uid === undefined || !syncState.value.isConnected) return;
          last = l;
          save(uid, path, l.items, schema, store);
        });
      },
      unwatched() {
        stopSaving?.();
        stopSaving = null;
      },
    },
  );
}

/**
 * The signed-in user's record for the staff app: live, or while it loads (no connection) the
 * copy saved for this uid, so the shell can open offline; each validated record is saved.
 */
export const userRecordWithCopy: ReadonlySignal<Live<UserRecord>> = (() => {
  let stopSaving: (() => void) | null = null;
  return computed<Live<UserRecord>>(
    () => {
      const live = userRecord.value;
      const uid = currentUser.value?.uid;
      if (uid === undefined || live.state !== 'loading') return live;
      const value = copyOf(uid, 'users', userSchema).value?.items.get(uid);
      return value === undefined ? live : { state: 'ready', value };
    },
    {
      watched() {
        let last: Live<UserRecord> | null = null;
        stopSaving = effect(() => {
          const live = userRecord.value;
          const uid = currentUser.value?.uid;
          if (live === last || live.state !== 'ready' || uid === undefined || !syncState.value.isConnected) return;
          last = live;
          save(uid, 'users', new Map([[uid, live.value]]), userSchema);
        });
      },
      unwatched() {
        stopSaving?.();
        stopSaving = null;
      },
    },
  );
})();
