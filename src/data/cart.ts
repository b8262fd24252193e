/**
 * The new-order draft (cart lines, chosen party, note) kept in IndexedDB per user, so a reload
 * or a closed tab does not lose a half-built order. The draft is read once per user into
 * signals; every change is written back (draftStore.ts).
 */
import { signal, type Signal } from '@preact/signals-core';
import { parse } from '../domain/schema.ts';
import type { Line, PartyId } from '../domain/types.ts';
import { parseQuantities, LIMITS } from '../domain/validate.ts';
import { text } from '../domain/schema.ts';
import { keepDraft, oneStoreDatabase } from './draftStore.ts';

/** What is saved between visits. */
export type CartDraft = { lines: Line[]; partyId: PartyId | null; note: string };

/** The draft as signals; `state` is 'loading' until IndexedDB answered. */
export type CartStore = {
  state: Signal<'loading' | 'ready' | 'unsaved'>;
  lines: Signal<Line[]>;
  partyId: Signal<PartyId | null>;
  note: Signal<string>;
};

const STORE = 'drafts';
const database = oneStoreDatabase('doms-new-order', STORE);

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
  keepDraft<CartDraft>({ database, store: STORE, key: uid, read: readDraft }, { lines: store.lines, partyId: store.partyId, note: store.note }, store.state);
  return store;
}

/** Empties the draft (after an order was placed): lines and note go, the party stays chosen off. */
export function clearCart(store: CartStore): void {
  store.lines.value = [];
  store.note.value = '';
  store.partyId.value = null;
}
