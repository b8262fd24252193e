/**
 * The retailer's cart (lines, their own reference, a note) kept in IndexedDB per user, so a
 * reload, a closed tab or a phone that drops the page does not lose it. Read once per user into
 * signals; every change is written back (draftStore.ts). The staff app's
 * draft (cart.ts) lives in its own database: the two apps never share a cart.
 */
import { signal, type Signal } from '@preact/signals-core';
import { REFERENCE_MAX, type GoneLine } from '../domain/portal.ts';
import { parse, text } from '../domain/schema.ts';
import type { Line } from '../domain/types.ts';
import { LIMITS, parseQuantities } from '../domain/validate.ts';
import { keepDraft, oneStoreDatabase } from './draftStore.ts';

/** The portal cart as signals; `state` is 'loading' until IndexedDB answered, 'unsaved' when it cannot. */
export type PortalCart = {
  state: Signal<'loading' | 'ready' | 'unsaved'>;
  lines: Signal<Line[]>;
  reference: Signal<string>;
  note: Signal<string>;
  /** Lines a Reorder could not put in the cart (product gone or no longer offered), shown until dismissed; not saved. */
  gone: Signal<GoneLine[]>;
};

const STORE = 'carts';
const database = oneStoreDatabase('doms-portal-cart', STORE);

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
  keepDraft({ database, store: STORE, key: uid, read: readCart }, { lines: cart.lines, reference: cart.reference, note: cart.note }, cart.state);
  return cart;
}

/** Empties the cart (after the order was sent). */
export function emptyPortalCart(cart: PortalCart): void {
  cart.lines.value = [];
  cart.reference.value = '';
  cart.note.value = '';
  cart.gone.value = [];
}
