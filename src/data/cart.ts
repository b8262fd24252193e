/**
 * The new-order draft (cart lines, chosen party, note) kept in IndexedDB per user, so a reload
 * or a closed tab does not lose a half-built order. The draft is read once per user into
 * signals; every change is written back (the last write wins; writes are tiny).
 */
import { effect, signal, type Signal } from '@preact/signals-core';
import { openDB, type IDBPDatabase } from 'idb';
import { parse } from '../domain/schema.ts';
import type { Line, PartyId } from '../domain/types.ts';
import { parseQuantities, LIMITS } from '../domain/validate.ts';
import { text } from '../domain/schema.ts';

/** What is saved between visits. */
export type CartDraft = { lines: Line[]; partyId: PartyId | null; note: string };

/** The draft as signals; `state` is 'loading' until IndexedDB answered. */
export type CartStore = {
  state: Signal<'loading' | 'ready' | 'unsaved'>;
  lines: Signal<Line[]>;
  partyId: Signal<PartyId | null>;
  note: Signal<string>;
};

const DB_NAME = 'doms-new-order';
const STORE = 'drafts';
let dbPromise: Promise<IDBPDatabase> | null = null;

function database(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });
  return dbPromise;
}

const noteSchema = text({ max: LIMITS.note, multiline: true });

/** A stored draft checked field by field: what fails its schema is dropped, not the whole draft. */
function readDraft(raw: unknown): CartDraft {
  const v = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const lines = parseQuantities(v['lines'] ?? [], 'lines', true);
  const note = parse(noteSchema, v['note'] ?? '');
  const partyId = typeof v['partyId'] === 'string' && v['partyId'] !== '' ? (v['partyId'] as PartyId) : null;
  return { lines: lines.ok ? lines.value : [], partyId, note: note.ok ? note.value : '' };
}

const stores = new Map<string, CartStore>();

/** The draft of user `uid`: loaded from IndexedDB on first use, saved on every change. */
export function cartStore(uid: string): CartStore {
  const existing = stores.get(uid);
  if (existing !== undefined) return existing;
  const store: CartStore = { state: signal('loading'), lines: signal([]), partyId: signal(null), note: signal('') };
  stores.set(uid, store);
  void (async () => {
    try {
      const draft = readDraft(await (await database()).get(STORE, uid));
      // Something typed while IndexedDB was opening wins over the stored draft.
      if (store.lines.peek().length === 0) store.lines.value = draft.lines;
      if (store.partyId.peek() === null) store.partyId.value = draft.partyId;
      if (store.note.peek() === '') store.note.value = draft.note;
      store.state.value = 'ready';
    } catch {
      store.state.value = 'unsaved'; // private mode or blocked storage: the cart still works, unsaved
    }
    effect(() => {
      const draft: CartDraft = { lines: store.lines.value, partyId: store.partyId.value, note: store.note.value };
      if (store.state.peek() === 'loading') return;
      void database()
        .then((db) => db.put(STORE, draft, uid))
        .catch(() => (store.state.value = 'unsaved'));
    });
  })();
  return store;
}

/** Empties the draft (after an order was placed): lines and note go, the party stays chosen off. */
export function clearCart(store: CartStore): void {
  store.lines.value = [];
  store.note.value = '';
  store.partyId.value = null;
}
