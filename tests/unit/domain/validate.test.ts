import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../../src/domain/errors.ts';
import { parse, type Schema } from '../../../src/domain/schema.ts';
import {
  auditSchema,
  billingSchema,
  deletedSchema,
  expiredSchema,
  ledgerSchema,
  lineSchema,
  parsePlaceOrder,
  parseQuantities,
  parseReason,
  parseRemarks,
  parseRetailerRequest,
  partySchema,
  pendingSchema,
  productSchema,
  retailerOrderSchema,
  sentSchema,
  stockSchema,
  userSchema,
} from '../../../src/domain/validate.ts';
import { storeLines } from '../../../src/domain/orderRecords.ts';
import { catalog, L, P1, parties } from './support/fixtures.ts';

const b2 = L(P1, 'BLACK', 'T2', 3);
const s1 = L(P1, 'SKIN', 'T1', 2);
// Order records as stored: lines keyed by line key (read back into lists).
const K = storeLines;
const kb2 = 'p1~BLACK~T2';
const base = { number: 'K12', partyId: 'party-1', partyName: 'Retail Partner A', note: '', source: 'staff', createdAt: 1, createdBy: 'u1', lines: K([b2]), ordered: K([b2, s1]) };
const pending = { ...base, picked: K([L(P1, 'BLACK', 'T2', 1)]) };
const billing = { ...base, remarks: 'CANCEL', queuedAt: 2, queuedBy: 'u1' };
const sent = { ...base, orderId: 'o1', billedAt: 3, billedBy: 'u1', remarks: '', deliveryStatus: 'undelivered' };
const deleted = { ...base, reason: 'Duplicate order', deletedAt: 4, deletedBy: 'u1', from: 'pending' };
const expired = { ...base, expiredAt: 5, expiresAt: 4 };
const retailer = { retailerUid: 'r1', partyId: 'party-1', note: 'asap', lines: [b2], createdAt: 1, status: 'submitted' };
const user = { name: 'Asha', email: 'asha@example.in', role: 'retailer', status: 'active', partyId: 'party-1' };
const product = catalog['p1'];
const party = { name: 'Retail Partner A', area: 'Panjim', phone: '+91 98220 12345', gstin: '30AAAAA0000A1Z5' };
const stock = { productId: 'p1', color: 'BLACK', size: 'T2', qty: 0, updatedAt: 1, ledgerId: 'l1' };
const ledger = { skuId: 'p1~BLACK~T2', reason: 'bill', before: 2, delta: -2, actor: 'u1', at: 1, orderId: 'o1', sentId: 's1', billed: 5, shortfall: 3 };
const audit = { action: 'bill', orderId: 'o1', actor: 'u1', at: 1, rev: 3, lines: K([b2]) };

type Case = [string, Schema<unknown>, unknown, FieldError[]];
const E = (field: string, message: string): FieldError => ({ field, message });

// Each valid record first, then one broken field at a time: the error must name that field.
const cases: Case[] = [
  ['line', lineSchema, b2, []],
  ['line: qty 0', lineSchema, { ...b2, qty: 0 }, [E('qty', 'must be a whole number between 1 and 1000000')]],
  ['line: qty 1.5', lineSchema, { ...b2, qty: 1.5 }, [E('qty', 'must be a whole number between 1 and 1000000')]],
  ['line: qty as text', lineSchema, { ...b2, qty: '4.000' }, [E('qty', 'must be a whole number between 1 and 1000000')]],
  ['line: colour with edge space', lineSchema, { ...b2, color: 'BLACK ' }, [E('color', 'must not start or end with a space')]],
  ['line: unknown field', lineSchema, { ...b2, name: 'x' }, [E('name', 'is not a known field')]],
  ['line: missing size', lineSchema, { productId: 'p1', color: 'BLACK', qty: 1 }, [E('size', 'is required')]],
  ['line: bad product key', lineSchema, { ...b2, productId: 'a/b' }, [E('productId', 'must not contain . # $ [ ] / or control characters')]],
  ['pending', pendingSchema, pending, []],
  ['pending: a line qty', pendingSchema, { ...pending, lines: K([{ ...b2, qty: -1 }]) }, [E(`lines.${kb2}.qty`, 'must be a whole number between 1 and 1000000')]],
  ['pending: empty lines', pendingSchema, { ...pending, lines: {} }, [E('lines', 'must not be empty')]],
  ['pending: a line under another line\'s key', pendingSchema, { ...pending, lines: { 'p1~SKIN~T1': b2 } }, [E('lines.p1~SKIN~T1', `is keyed p1~SKIN~T1 but is ${kb2}`)]],
  ['pending: lines above ordered', pendingSchema, { ...pending, lines: K([{ ...b2, qty: 4 }]) }, [E('lines[0].qty', '4 is more than the 3 in ordered')]],
  ['pending: picked above pending', pendingSchema, { ...pending, picked: K([s1]) }, [E('picked[0].qty', '2 is more than the 0 in pending')]],
  ['pending: number', pendingSchema, { ...pending, number: '045' }, [E('number', 'must be K followed by a number')]],
  ['pending: ISO time', pendingSchema, { ...pending, createdAt: '2024-03-05T14:03:00Z' }, [E('createdAt', 'must be a whole number between 0 and 8640000000000000')]],
  ['pending: status field', pendingSchema, { ...pending, status: 'Pending' }, [E('status', 'is not a known field')]],
  ['pending: long note', pendingSchema, { ...pending, note: 'x'.repeat(501) }, [E('note', 'must be at most 500 characters')]],
  ['pending: lines as a list (the old shape)', pendingSchema, { ...pending, lines: [b2] }, [E('lines', 'must be an object keyed by line, not a list')]],
  ['billing', billingSchema, billing, []],
  ['billing: no remarks', billingSchema, { ...billing, remarks: undefined }, [E('remarks', 'is required')]],
  ['sent', sentSchema, sent, []],
  ['sent: delivery', sentSchema, { ...sent, deliveryStatus: 'Delivered' }, [E('deliveryStatus', 'must be one of undelivered, delivered')]],
  ['deleted', deletedSchema, deleted, []],
  ['deleted: empty reason', deletedSchema, { ...deleted, reason: '  ' }, [E('reason', 'is required')]],
  ['expired', expiredSchema, expired, []],
  ['retailer order', retailerOrderSchema, retailer, []],
  ['retailer order: status', retailerOrderSchema, { ...retailer, status: 'Approval Pending' }, [E('status', 'must be one of submitted, rejected, approved, inBilling, partlySent, sent, cancelled, expired')]],
  ['user', userSchema, user, []],
  ['user: retailer without party', userSchema, { ...user, partyId: undefined }, [E('partyId', 'is required for a retailer')]],
  ['user: staff with party', userSchema, { ...user, role: 'staff' }, [E('partyId', 'is only for retailers')]],
  ['user: role', userSchema, { ...user, role: 'owner' }, [E('role', 'must be one of admin, staff, retailer')]],
  ['product', productSchema, product, []],
  ['product: duplicate size', productSchema, { ...product, sizes: ['T1', 'T1'] }, [E('sizes[1]', 'size "T1" appears twice')]],
  ['product: mrp size', productSchema, { ...product, colors: [{ code: 'B', name: 'B', swatch: '#000', mrp: [{ size: 'XL', paise: 1 }] }] }, [E('colors[0].mrp[0]', 'size "XL" is not a size of this product')]],
  ['product: swatch', productSchema, { ...product, colors: [{ code: 'B', name: 'B', swatch: 'red;x' }] }, [E('colors[0].swatch', 'must be #rgb or #rrggbb, or two of them separated by a space')]],
  ['party', partySchema, party, []],
  ['party: phone', partySchema, { ...party, phone: 'call me' }, [E('phone', 'must be a phone number')]],
  ['party: no area', partySchema, { name: 'X' }, [E('area', 'is required')]],
  ['stock', stockSchema, stock, []],
  ['stock: negative', stockSchema, { ...stock, qty: -1 }, [E('qty', 'must be a whole number between 0 and 1000000000')]],
  ['stock: 3-decimal string', stockSchema, { ...stock, qty: '4.000' }, [E('qty', 'must be a whole number between 0 and 1000000000')]],
  ['ledger', ledgerSchema, ledger, []],
  ['ledger: below 0', ledgerSchema, { ...ledger, delta: -3 }, [E('delta', 'would take stock below 0 (before 2)')]],
  ['ledger: raw sku', ledgerSchema, { ...ledger, skuId: 'p1~GR.W~T2' }, [E('skuId', 'must not contain . # $ [ ] / or control characters')]],
  ['audit', auditSchema, audit, []],
  ['audit: rev 0', auditSchema, { ...audit, rev: 0 }, [E('rev', 'must be a whole number ≥ 1')]],
  ['not an object', pendingSchema, 'K12', [E('value', 'must be an object, not text')]],
];

/** A record as the domain holds it: keyed lines become lists. */
function inMemory(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('lines' in v)) return v;
  const out: Record<string, unknown> = { ...v };
  for (const f of ['lines', 'ordered', 'picked']) if (f in out) out[f] = Object.values(out[f] as object);
  return out;
}

describe('record schemas', () => {
  it.each(cases)('%s', (_name, schema, input, errors) => {
    const r = parse(schema, input);
    if (errors.length === 0) expect(r).toEqual({ ok: true, value: inMemory(input) });
    else expect(r).toEqual({ ok: false, errors });
  });

  it('prefixes fields with the path of the record read back', () => {
    expect(parse(pendingSchema, { ...pending, lines: K([{ ...b2, qty: 0 }]) }, 'orders/o1')).toEqual({
      ok: false,
      errors: [E(`orders/o1.lines.${kb2}.qty`, 'must be a whole number between 1 and 1000000')],
    });
  });
});

describe('forms', () => {
  const refs = { catalog, parties };
  it.each<[string, unknown, FieldError[]]>([
    ['empty cart', { partyId: 'party-1', note: '', lines: [] }, [E('lines', 'must not be empty')]],
    ['unknown party', { partyId: 'nobody', note: '', lines: [b2] }, [E('partyId', 'is not a known party')]],
    ['no party', { note: '', lines: [b2] }, [E('partyId', 'is required')]],
    ['qty 0', { partyId: 'party-1', note: '', lines: [b2, s1, { ...b2, qty: 0 }] }, [E('lines[2].qty', 'must be a whole number between 1 and 1000000')]],
    ['unknown product', { partyId: 'party-1', note: '', lines: [{ ...b2, productId: 'zz' }] }, [E('lines[0].productId', 'names a product that is not in the catalogue')]],
    ['inactive product', { partyId: 'party-1', note: '', lines: [{ ...b2, productId: 'old', size: 'T1' }] }, [E('lines[0].productId', 'Retired is no longer sold')]],
    ['colour and size not offered', { partyId: 'party-1', note: '', lines: [{ ...b2, color: 'RED', size: 'T9' }] }, [E('lines[0].color', '"RED" is not a colour of Classic Brief'), E('lines[0].size', '"T9" is not a size of Classic Brief')]],
    ['prototype key', JSON.parse('{"partyId":"party-1","note":"","lines":[],"__proto__":{"x":1}}'), [E('__proto__', 'is not a known field'), E('lines', 'must not be empty')]],
  ])('parsePlaceOrder refuses %s', (_name, input, errors) => {
    expect(parsePlaceOrder(input, refs)).toEqual({ ok: false, errors });
  });

  it('parsePlaceOrder trims the note, merges duplicate lines and takes the party name from the master list', () => {
    expect(parsePlaceOrder({ partyId: 'party-1', note: '  urgent ', lines: [b2, s1, b2] }, refs)).toEqual({
      ok: true,
      value: { partyId: 'party-1', partyName: 'Retail Partner A', note: 'urgent', lines: [{ ...b2, qty: 6 }, s1] },
    });
  });

  it('a retailer request cannot choose its party', () => {
    expect(parseRetailerRequest({ note: '', lines: [b2], partyId: 'party-2' }, catalog)).toEqual({ ok: false, errors: [E('partyId', 'is not a known field')] });
    expect(parseRetailerRequest({ note: '', lines: [b2] }, catalog)).toEqual({ ok: true, value: { note: '', lines: [b2] } });
  });

  it.each<[unknown, boolean, ReturnType<typeof parseQuantities>]>([
    [[b2, { ...s1, qty: 0 }], false, { ok: true, value: [b2] }],
    [[{ ...s1, qty: 0 }], false, { ok: false, errors: [E('lines', 'must have at least one quantity above 0')] }],
    [[{ ...s1, qty: 0 }], true, { ok: true, value: [] }],
    [[{ ...s1, qty: -2 }], false, { ok: false, errors: [E('lines[0].qty', 'must be a whole number between 0 and 1000000')] }],
  ])('parseQuantities(%j, allowEmpty %s)', (input, allowEmpty, expected) => {
    expect(parseQuantities(input, 'lines', allowEmpty)).toEqual(expected);
  });

  it('reasons are required and remarks bounded', () => {
    expect(parseReason('  ')).toEqual({ ok: false, errors: [E('reason', 'is required')] });
    expect(parseReason(' Duplicate order ')).toEqual({ ok: true, value: 'Duplicate order' });
    expect(parseRemarks('x'.repeat(201))).toEqual({ ok: false, errors: [E('remarks', 'must be at most 200 characters')] });
    expect(parseRemarks('')).toEqual({ ok: true, value: '' });
  });
});
