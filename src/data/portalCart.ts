/**
 * The retailer's cart (lines, their own reference, a note) kept in IndexedDB per user, so a
 * reload, a closed tab or a phone that drops the page does not lose it. Read once per user into
 * signals; every change is written back (the last write wins; writes are tiny). The staff app's
 * draft (cart.ts) lives in its own database: the two apps never share a cart.
 */
import { effect, signal, type Signal } from '@preact/signals-core';
import { openDB, type IDBPDatabase } from 'idb';
import { REFERENCE_MAX, type GoneLine } from '../domain/portal.ts';
import { parse, text } from '../domain/schema.ts';
import type { Line } from '../domain/types.ts';
import { LIMITS, parseQuantities } from '../domain/validate.ts';

/** The portal cart as signals; `state` is 'loading' until IndexedDB answered, 'unsaved' when it cannot. */
export type PortalCart = {
  state: Signal<'loading' | 'ready' | 'unsaved'>;
  lines: Signal<Line[]>;
  reference: Signal<string>;
  note: Signal<string>;
  /** Lines a Reorder could not put in the cart (product gone or no longer offered), shown until dismissed; not saved. */
  gone: Signal<GoneLine[]>;
};

const DB_NAME = 'doms-portal-cart';
const STORE = 'carts';
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
const referenceSchema = text({ max: REFERENCE_MAX });

/** A stored cart checked field by field: what fails its schema is dropped, not the whole cart. */
function readCart(raw: unknown): { lines: Line[]; reference: string; note: string } {
  const v = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const lines = parseQuantities(v['lines'] ?? [], 'lines', true);
  const note = parse(noteSchema, v['note'] ?? '');
  const reference = parse(referenceSchema, v['reference'] ?? '');
  return { lines: lines.ok ? lines.value : [], reference: reference.ok ? reference.value : '', note: note.ok ? note.value : '' };
}

const carts = new Map<string, PortalCart>();

/** The cart of user `uid`: loaded from IndexedDB on first use, saved on every change. */
export function portalCart(uid: string): PortalCart {
  const existing = carts.get(uid);
  if (existing !== undefined) return existing;
  const cart: PortalCart = { state: signal('loading'), lines: signal([]), reference: signal(''), note: signal(''), gone: signal([]) };
  carts.set(uid, cart);
  void (async () => {
    try {
      const stored = readCart(await (await database()).get(STORE, uid));
      // Anything put in the cart while IndexedDB was opening (a Reorder) wins over the stored cart.
      if (cart.lines.peek().length === 0) cart.lines.value = stored.lines;
      if (cart.reference.peek() === '') cart.reference.value = stored.reference;
      if (cart.note.peek() === '') cart.note.value = stored.note;
      cart.state.value = 'ready';
    } catch {
      cart.state.value = 'unsaved'; // private mode or blocked storage: the cart still works, unsaved
    }
    effect(() => {
      const value = { lines: cart.lines.value, reference: cart.reference.value, note: cart.note.value };
      if (cart.state.peek() === 'loading') return;
      void database()
        .then((db) => db.put(STORE, value, uid))
        .catch(() => (cart.state.value = 'unsaved'));
    });
  })();
  return cart;
}

/** Empties the cart (after the order was sent). */
export function emptyPortalCart(cart: PortalCart): void {
  cart.lines.value = [];
  cart.reference.value = '';
  cart.note.value = '';
  cart.gone.value = [];
}
