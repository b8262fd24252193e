import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignBarcodePatch } from '../../src/domain/barcodes.ts';
import { SERVER_TIMESTAMP, type Patch } from '../../src/domain/patch.ts';
import { placeOrder, submitRetailerOrder } from '../../src/domain/placement.ts';
import { setStock } from '../../src/domain/stock.ts';
import type { OrderId } from '../../src/domain/types.ts';
import { propertyRuns } from '../support/propertyRuns.ts';
import { readStock } from '../unit/domain/support/readBack.ts';
import { buildSeed, ctx, L, PARTY_A, UID } from './seed.ts';

// Randomly broken records, each built from a valid patch of the domain with one thing wrong,
// are refused by database.rules.json (the server's own rules engine, in memory, for speed).
const { db } = buildSeed();

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Rec = Record<string, unknown>;
type Mutation = (record: Rec) => void;

const huge = fc.integer({ min: 801, max: 20_000 }).map((n) => 'x'.repeat(n));
const notString = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant({ a: 1 }));
const notNumber = fc.oneof(fc.string({ minLength: 1 }), fc.boolean(), fc.constant({ a: 1 }));
const badQty = fc.oneof(fc.integer({ min: -1_000_000, max: 0 }), fc.double({ min: 0.01, max: 1000, noNaN: true }).filter((x) => x % 1 !== 0), fc.integer({ min: 1_000_001 }), fc.string(), fc.boolean());
const anyValue: fc.Arbitrary<Json> = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant({ nested: 'x' }));
const extraKey = (known: readonly string[]) => fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,12}$/).filter((k) => !known.includes(k));

const setField = (field: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> => value.map((v) => (r: Rec) => void (r[field] = v));
const extraField = (known: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.tuple(extraKey(known), anyValue).map(([k, v]) => (r: Rec) => void (r[k] = v));
/** The first line of `list`: order records key their lines by line key, retailer requests keep a list. */
const firstLine = (r: Rec, list: string): Rec => Object.values(r[list] as object)[0] as Rec;
/** A mutation of the first line of `list` (field type, quantity, extra field or a huge text). */
const lineMutation = (list: string): fc.Arbitrary<Mutation> =>
  fc.oneof(
    badQty.map((q) => (r: Rec) => void (firstLine(r, list).qty = q)),
    fc.tuple(fc.constantFrom('productId', 'color', 'size'), fc.oneof(huge, notString)).map(([f, v]) => (r: Rec) => void (firstLine(r, list)[f] = v)),
    fc.tuple(extraKey(['productId', 'color', 'size', 'qty']), anyValue).map(([k, v]) => (r: Rec) => void (firstLine(r, list)[k] = v)),
  );

/** Applies `m` to the record at `path` inside a fresh copy of `patch`. */
function mutated(patch: Patch, path: string, m: Mutation): Patch {
  const copy = structuredClone(patch);
  m(copy[path] as Rec);
  return copy;
}

function refusedAll(name: string, build: () => { patch: Patch; path: string; uid: string }, mutation: fc.Arbitrary<Mutation>): void {
  it(`${name}: the valid record is accepted, every broken one refused`, () => {
    const valid = build();
    // Writes go to copies of the seed: `db` stays as read by the builders.
    expect(buildSeed().db.update(valid.patch, valid.uid)).toEqual({ ok: true });
    const { db: fresh } = buildSeed();
    fc.assert(
      fc.property(mutation, (m) => {
        const { patch, path, uid } = build();
        const r = fresh.update(mutated(patch, path, m), uid);
        expect(r.ok, JSON.stringify(mutated(patch, path, m)[path]).slice(0, 300)).toBe(false);
      }),
      { numRuns: propertyRuns(150) },
    );
  });
}

const ORDER_FIELDS = ['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered', 'expiresAt', 'picked', 'revertedAt', 'revertedBy'];

describe('randomly broken records are refused by the rules', () => {
  refusedAll(
    'orders (a placeOrder patch)',
    () => {
      const placed = placeOrder('o-rand' as OrderId, { partyId: PARTY_A, partyName: 'Partner A', note: 'two boxes', lines: [L('BLACK', 'T1', 2)] }, Number(db.get('counters/orderNumber')), ctx());
      return { patch: placed.patch, path: 'orders/o-rand', uid: UID.staff };
    },
    fc.oneof(
      fc.tuple(fc.constantFrom('number', 'partyId', 'partyName', 'note', 'createdBy'), fc.oneof(huge, notString)).chain(([f, v]) => setField(f, fc.constant(v))),
      setField('createdAt', notNumber),
      setField('source', fc.string().filter((s) => s !== 'staff' && s !== 'retailer')),
      setField('number', fc.string().filter((s) => !/^K[1-9][0-9]{0,15}$/.test(s))),
      lineMutation('lines'),
      lineMutation('ordered'),
      extraField(ORDER_FIELDS),
    ),
  );

  refusedAll(
    'parties',
    () => ({ patch: { 'parties/party-rand': { name: 'Partner R', area: 'Ponda', phone: '9876543210', updatedAt: SERVER_TIMESTAMP } }, path: 'parties/party-rand', uid: UID.staff }),
    fc.oneof(
      fc.tuple(fc.constantFrom('name', 'area', 'phone', 'email', 'address', 'gstin'), fc.oneof(huge, notString)).chain(([f, v]) => setField(f, fc.constant(v))),
      setField('name', fc.constant('')),
      extraField(['name', 'area', 'phone', 'email', 'address', 'gstin']),
    ),
  );

  refusedAll(
    'stock ledger entries (a setStock patch)',
    () => {
      const { patch } = setStock([L('BLACK', 'T1', 120)], readStock(db), 'adjust', { ...ctx(), newId: () => 'led-rand', note: 'recount' });
      return { patch, path: 'stockLedger/led-rand', uid: UID.staff };
    },
    fc.oneof(
      setField('before', fc.oneof(notNumber, fc.double({ min: 0.1, max: 10, noNaN: true }).filter((x) => x % 1 !== 0), fc.integer({ max: -1 }))),
      setField('delta', fc.oneof(notNumber, fc.double({ min: 0.1, max: 10, noNaN: true }).filter((x) => x % 1 !== 0))),
      setField('reason', fc.string().filter((s) => !['import', 'adjust', 'bill'].includes(s))),
      setField('note', fc.oneof(huge, notString)),
      setField('actor', fc.oneof(huge, notString)),
      extraField(['skuId', 'reason', 'before', 'delta', 'actor', 'at', 'orderId', 'sentId', 'billed', 'shortfall', 'note']),
    ),
  );

  refusedAll(
    'stock records (a setStock patch)',
    () => {
      const { patch } = setStock([L('SKIN', 'T2', 7)], readStock(db), 'adjust', { ...ctx(), newId: () => 'led-rand2', note: 'recount' });
      const sku = Object.keys(patch).find((k) => k.startsWith('stock/') && k.endsWith('/qty'))!.slice(0, -'/qty'.length);
      // The stock record's leaves become one record so a mutation can reach any field.
      const record: Rec = {};
      for (const [k, v] of Object.entries(patch)) if (k.startsWith(`${sku}/`)) record[k.slice(sku.length + 1)] = v;
      const whole: Patch = Object.fromEntries(Object.entries(patch).filter(([k]) => !k.startsWith(`${sku}/`)));
      whole[sku] = { ...record, qty: 7 };
      return { patch: whole, path: sku, uid: UID.staff };
    },
    fc.oneof(
      setField('qty', fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.double({ min: 0.1, max: 10, noNaN: true }).filter((x) => x % 1 !== 0), notNumber)),
      fc.tuple(fc.constantFrom('productId', 'color', 'size', 'ledgerId'), fc.oneof(huge, notString)).chain(([f, v]) => setField(f, fc.constant(v))),
      setField('updatedAt', notNumber),
      extraField(['productId', 'color', 'size', 'qty', 'updatedAt', 'ledgerId']),
    ),
  );

  refusedAll(
    'retailer orders (a submitRetailerOrder patch)',
    () => ({
      patch: submitRetailerOrder('r-rand' as OrderId, { note: 'for the weekend', lines: [L('BLACK', 'T2', 3)] }, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP).patch,
      path: 'retailerOrders/r-rand',
      uid: UID.retailerA,
    }),
    fc.oneof(
      setField('note', fc.oneof(huge, notString)),
      setField('status', fc.constantFrom('approved', 'rejected', 'sent', 'inBilling', 'bogus')),
      setField('retailerUid', fc.oneof(fc.constant(UID.retailerB), notString)),
      setField('partyId', fc.oneof(fc.constant('party-b'), notString, huge)),
      setField('createdAt', fc.oneof(notNumber, fc.integer())),
      setField('orderNumber', fc.constant('K99')),
      lineMutation('lines'),
      extraField(['retailerUid', 'partyId', 'note', 'lines', 'createdAt', 'status', 'orderNumber', 'decidedBy', 'decidedAt', 'rejectReason']),
    ),
  );

  refusedAll(
    'barcodes (an assignBarcodePatch)',
    () => ({ patch: assignBarcodePatch('RAND-1', L('BLACK', 'T2', 1), null, ctx()).patch, path: 'barcodes/RAND-1', uid: UID.staff }),
    fc.oneof(
      fc.tuple(fc.constantFrom('code', 'skuId', 'productId', 'color', 'size'), fc.oneof(huge, notString)).chain(([f, v]) => setField(f, fc.constant(v))),
      setField('updatedAt', fc.oneof(notNumber, fc.integer())),
      setField('updatedBy', fc.oneof(fc.constant(UID.admin), notString)),
      extraField(['code', 'skuId', 'productId', 'color', 'size', 'updatedAt', 'updatedBy']),
    ),
  );
});
