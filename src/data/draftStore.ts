/**
 * What both apps keep in IndexedDB per user: the staff app's new-order draft (cart.ts) and the
 * retailer's cart (portalCart.ts), each in a database of its own with one store. A draft is a
 * set of signals, read once from IndexedDB and written back on every change (the last write wins;
 * writes are tiny). The snapshot cache (snapshotCache.ts) opens its database the same way.
 */
import { effect, type Signal } from '@preact/signals-core';
import { openDB, type IDBPDatabase } from 'idb';

/** Opens (once) the database `name` with its single object store `store`, created on first use. */
export function oneStoreDatabase(name: string, store: string): () => Promise<IDBPDatabase> {
  let opened: Promise<IDBPDatabase> | null = null;
  return () =>
    (opened ??= openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore(store);
      },
    }));
}

/** Whether a draft field holds nothing yet (an empty list, an empty text, no choice). */
const isUnset = (v: unknown): boolean => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Where a draft is kept, and how a stored value is read back (untrusted: `read` checks it field by field). */
export type DraftPlace<T> = { database: () => Promise<IDBPDatabase>; store: string; key: string; read: (raw: unknown) => T };

/**
 * Loads `fields` from IndexedDB and saves them on every change. A field given a value while
 * IndexedDB was opening (typed, or put there by a Reorder) keeps it. `state` becomes 'ready', or
 * 'unsaved' when storage is refused (private mode, blocked storage): the draft still works, unsaved.
 */
export function keepDraft<T extends Record<string, unknown>>(place: DraftPlace<T>, fields: { [K in keyof T]: Signal<T[K]> }, state: Signal<'loading' | 'ready' | 'unsaved'>): void {
  const names = Object.keys(fields) as (keyof T)[];
  void (async () => {
    try {
      const stored = place.read(await (await place.database()).get(place.store, place.key));
      for (const k of names) if (isUnset(fields[k].peek())) fields[k].value = stored[k];
      state.value = 'ready';
    } catch {
      state.value = 'unsaved';
    }
    effect(() => {
      const value = Object.fromEntries(names.map((k) => [k, fields[k].value]));
      if (state.peek() === 'loading') return;
      void place
        .database()
        .then((db) => db.put(place.store, value, place.key))
        .catch(() => (state.value = 'unsaved'));
    });
  })();
}
