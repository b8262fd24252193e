/**
 * Approval with adjusted quantities (src/domain/adjustment.ts): the domain's checks, the patch
 * (the approved order and its tally carry the new quantities; the request records {line, from, to}
 * and the reason), and database.rules.json judging forged variants of that patch.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { adjustmentProblems, adjustRequest, parseAdjustmentForm } from '../../../src/domain/adjustment.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { PATHS, stamp, type Patch } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import { parse } from '../../../src/domain/schema.ts';
import type { RetailerOrder, Uid } from '../../../src/domain/types.ts';
import { retailerOrderSchema } from '../../../src/domain/validate.ts';
import { ctxAt, L, ORDER, P1, P2, PARTY, STAFF } from './support/fixtures.ts';
import { RulesDb } from './support/rulesDb.ts';

const ADMIN = 'admin-1' as Uid;
const RETAILER = 'ret-1' as Uid;
const RETAILER_B = 'ret-2' as Uid;
const NEWBIE = 'new-1' as Uid;
const black = L(P1, 'BLACK', 'T1', 4);
const skin = L(P1, 'SKIN', 'T2', 3);
const vest = L(P2, 'GR.W', 'M', 2);
const REQUEST = [black, skin, vest];

describe('adjustmentProblems and adjustRequest', () => {
  it('reduces a line, removes one at 0, and records {line, from, to} by line key with the trimmed reason', () => {
    const a = adjustRequest(REQUEST, [2, 3, 0], '  Only 2 black in stock  ');
    expect(a.lines).toEqual([{ ...black, qty: 2 }, skin]);
    expect(a.adjustments).toEqual({ [lineKey(black)]: { line: 0, from: 4, to: 2 }, [lineKey(vest)]: { line: 2, from: 2, to: 0 } });
    expect(a.reason).toBe('Only 2 black in stock');
  });

  it.each([
    ['a negative quantity', [-1, 3, 2], 'lines[0].qty', 'must be a whole number from 0 to 4'],
    ['a fractional quantity', [1.5, 3, 2], 'lines[0].qty', 'must be a whole number from 0 to 4'],
    ['more than ordered (increases are refused)', [5, 3, 2], 'lines[0].qty', 'cannot be more than the 4 ordered'],
    ['no change at all', [4, 3, 2], 'lines', 'no quantity was changed'],
    ['every line removed', [0, 0, 0], 'lines', 'at least one line must remain'],
    ['a missing quantity', [4, 3], 'lines', 'must have 3 quantities'],
  ])('refuses %s, naming the field', (_, qty, field, message) => {
    const problems = adjustmentProblems(REQUEST, qty, 'reason');
    expect(problems).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining(message) as unknown }]));
    expect(() => adjustRequest(REQUEST, qty, 'reason')).toThrow(DomainError);
  });

  it.each([
    ['empty', '   ', 'is required'],
    ['10,000 characters', 'x'.repeat(10_000), 'must be at most 200 characters'],
  ])('refuses a reason that is %s', (_, reason, message) => {
    expect(adjustmentProblems(REQUEST, [2, 3, 2], reason)).toEqual([{ field: 'reason', message }]);
  });

  it('parses the form texts: "-1", "1.5", "2e0" and "" are not quantities', () => {
    for (const bad of ['-1', '1.5', '2e0', '', 'two']) {
      const r = parseAdjustmentForm(REQUEST, [bad, '3', '2'], 'why');
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.errors[0]?.field).toBe('lines[0].qty');
    }
    expect(parseAdjustmentForm(REQUEST, [' 1 ', '3', '0'], ' why ')).toEqual({ ok: true, qty: [1, 3, 0], reason: 'why' });
  });
});

describe('the approval patch with changes', () => {
  const request: RetailerOrder = { retailerUid: RETAILER, partyId: PARTY, note: '', lines: REQUEST, createdAt: 1, status: 'submitted' };

  it('carries the adjusted quantities into the order and the tally (conservation from the start), and the change into the request', () => {
    const t = approveRetailerOrder({ id: ORDER, rev: 0 }, request, 'Retail Partner A', 7, ctxAt(1000, ADMIN), { qty: [2, 3, 0], reason: 'Only 2 black' });
    const order = t.patch[`orders/${ORDER}`] as { lines: Record<string, { qty: number }>; ordered: Record<string, { qty: number }> };
    expect(Object.fromEntries(Object.entries(order.lines).map(([k, l]) => [k, l.qty]))).toEqual({ [lineKey(black)]: 2, [lineKey(skin)]: 3 });
    expect(order.ordered).toEqual(order.lines);
    const tally = t.patch[`orderTally/${ORDER}`] as Record<string, { ordered: number }>;
    expect(Object.fromEntries(Object.entries(tally).map(([k, l]) => [k, l.ordered]))).toEqual({ [lineKey(black)]: 2, [lineKey(skin)]: 3 });
    expect(t.patch[`retailerOrders/${ORDER}/adjustments`]).toEqual({ [lineKey(black)]: { line: 0, from: 4, to: 2 }, [lineKey(vest)]: { line: 2, from: 2, to: 0 } });
    expect(t.patch[`retailerOrders/${ORDER}/adjustReason`]).toBe('Only 2 black');
    expect(t.number).toBe('K8');
  });

  it('without changes writes neither adjustments nor a reason', () => {
    const t = approveRetailerOrder({ id: ORDER, rev: 0 }, request, 'Retail Partner A', 7, ctxAt(1000, ADMIN));
    expect(Object.keys(t.patch).filter((k) => k.includes('adjust'))).toEqual([]);
  });

  it('reads back: an approved request with adjustments parses; an increase recorded as an adjustment does not', () => {
    const stored = { ...request, status: 'approved', orderNumber: 'K8', adjustments: { [lineKey(black)]: { line: 0, from: 4, to: 2 } }, adjustReason: 'Only 2' };
    expect(parse(retailerOrderSchema, stored).ok).toBe(true);
    const up = { ...stored, adjustments: { [lineKey(black)]: { line: 0, from: 4, to: 5 } } };
    expect(parse(retailerOrderSchema, up)).toMatchObject({ ok: false, errors: [{ field: `adjustments.${lineKey(black)}.to` }] });
  });
});

describe('database.rules.json and adjustments', () => {
  let db: RulesDb;
  const asAdmin = (patch: Patch) => db.update(patch, ADMIN, { auth_time: Math.floor(db.clock / 1000) });
  const counter = () => Number(db.get(PATHS.orderCounter) ?? 0);
  const stored = () => db.get(`retailerOrders/${ORDER}`) as RetailerOrder;
  const approve = (qty: number[], reason = 'Short of stock') =>
    approveRetailerOrder({ id: ORDER, rev: 0 }, stored(), 'Retail Partner A', counter(), ctxAt(undefined, ADMIN, 'a'), { qty, reason }).patch;
  const K = lineKey(black);
  const V = lineKey(vest);

  beforeEach(() => {
    db = new RulesDb();
    db.seed(`users/${STAFF}`, { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
    db.seed(`users/${ADMIN}`, { name: 'A', email: 'a@x.in', role: 'admin', status: 'active' });
    db.seed(`users/${RETAILER}`, { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: PARTY });
    db.seed(`users/${RETAILER_B}`, { name: 'B', email: 'b@x.in', role: 'retailer', status: 'active', partyId: 'party-2' });
    db.seed(`users/${NEWBIE}`, { name: 'N', email: 'n@x.in', role: 'staff', status: 'pending' });
    db.seed(`parties/${PARTY}`, { name: 'Retail Partner A', area: 'Panjim' });
    db.seed('parties/party-2', { name: 'Retail Partner B', area: 'Margao' });
    // A retailer orders only products in the catalogue and still sold (rules/portal.ts).
    db.seed(`catalog/${P1}`, { name: 'Classic Brief', sizes: ['T1', 'T2'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }, { code: 'SKIN', name: 'Skin', swatch: '#e0c0a0' }], active: true });
    db.seed(`catalog/${P2}`, { name: 'Gym Vest', sizes: ['M'], colors: [{ code: 'GR.W', name: 'Grey White', swatch: '#888' }], active: true });
    expect(db.update(submitRetailerOrder(ORDER, { note: '', lines: REQUEST }, { uid: RETAILER, partyId: PARTY }, { '.sv': 'timestamp' }).patch, RETAILER)).toEqual({ ok: true });
  });

  it('accepts the domain patch of an admin who signed in just now', () => {
    expect(asAdmin(approve([2, 3, 0]))).toEqual({ ok: true });
    expect(db.get(`retailerOrders/${ORDER}/adjustments/${K}`)).toEqual({ line: 0, from: 4, to: 2 });
    expect(db.get(`orders/${ORDER}/lines/${K}/qty`)).toBe(2);
  });

  it('refuses a retailer, a second retailer, staff and a new sign-up writing adjustments or a reason', () => {
    const forged = { [`retailerOrders/${ORDER}/adjustments/${K}`]: { line: 0, from: 4, to: 1 }, [`retailerOrders/${ORDER}/adjustReason`]: 'we changed it' };
    for (const uid of [RETAILER, RETAILER_B, STAFF, NEWBIE]) expect(db.update(forged, uid, { auth_time: Math.floor(db.clock / 1000) }), uid).toMatchObject({ ok: false });
    // Nor may a retailer submit a request that arrives "already adjusted".
    const own = submitRetailerOrder('order-2' as typeof ORDER, { note: '', lines: REQUEST }, { uid: RETAILER, partyId: PARTY }, { '.sv': 'timestamp' }).patch;
    const record = own['retailerOrders/order-2'] as object;
    expect(db.update({ 'retailerOrders/order-2': { ...record, adjustments: { [K]: { line: 0, from: 4, to: 1 } }, adjustReason: 'x' } }, RETAILER)).toMatchObject({ ok: false });
  });

  it('refuses adjustments that do not match the approved order or the request', () => {
    const p = approve([2, 3, 0]);
    const adj = `retailerOrders/${ORDER}/adjustments`;
    const cases: [string, Patch][] = [
      ['to ≠ the order line', { ...p, [adj]: { [K]: { line: 0, from: 4, to: 1 }, [V]: { line: 2, from: 2, to: 0 } } }],
      ['from ≠ what was asked', { ...p, [adj]: { [K]: { line: 0, from: 3, to: 2 }, [V]: { line: 2, from: 2, to: 0 } } }],
      ['line pointing at another request line', { ...p, [adj]: { [K]: { line: 1, from: 3, to: 2 }, [V]: { line: 2, from: 2, to: 0 } } }],
      ['a removal of a line the order still holds', { ...p, [adj]: { [K]: { line: 0, from: 4, to: 2 }, [lineKey(skin)]: { line: 1, from: 3, to: 0 } } }],
      ['to ≥ from (an increase)', { ...p, [adj]: { [K]: { line: 0, from: 4, to: 4 } } }],
      ['a negative to', { ...p, [adj]: { [K]: { line: 0, from: 4, to: -1 } } }],
      ['a fractional to', { ...p, [adj]: { [K]: { line: 0, from: 4, to: 1.5 } } }],
      ['an extra field', { ...p, [adj]: { [K]: { line: 0, from: 4, to: 2, by: 'x' } } }],
      ['adjustments without a reason', { ...p, [`retailerOrders/${ORDER}/adjustReason`]: null }],
      ['an empty reason', { ...p, [`retailerOrders/${ORDER}/adjustReason`]: '' }],
      ['a 10,000-character reason', { ...p, [`retailerOrders/${ORDER}/adjustReason`]: 'x'.repeat(10_000) }],
      ['a reason without adjustments', { ...p, [adj]: null }],
    ];
    for (const [what, patch] of cases) expect(asAdmin(patch), what).toMatchObject({ ok: false });
  });

  it('refuses changing or removing the adjustments and the reason after the approval', () => {
    expect(asAdmin(approve([2, 3, 0]))).toEqual({ ok: true });
    let bumps = 0;
    const bump = (actor: Uid = ADMIN) => stamp({ id: ORDER, rev: Number(db.get(`orderRev/${ORDER}`)) }, 'pick', ctxAt(undefined, actor, `b${++bumps}`)).patch;
    const after: [string, Patch][] = [
      ['a new adjustment', { [`retailerOrders/${ORDER}/adjustments/${lineKey(skin)}`]: { line: 1, from: 3, to: 1 } }],
      ['a changed to', { [`retailerOrders/${ORDER}/adjustments/${K}/to`]: 1 }],
      ['a changed reason', { [`retailerOrders/${ORDER}/adjustReason`]: 'something else' }],
      ['the reason removed', { [`retailerOrders/${ORDER}/adjustReason`]: null }],
      ['all adjustments removed', { [`retailerOrders/${ORDER}/adjustments`]: null }],
    ];
    // The bump alone is a valid write (so each refusal below is the adjustment's).
    expect(db.update(bump(STAFF), STAFF)).toEqual({ ok: true });
    expect(asAdmin(bump())).toEqual({ ok: true });
    for (const [what, patch] of after) {
      expect(asAdmin({ ...bump(), ...patch }), `${what} (admin, with the revision bump)`).toMatchObject({ ok: false });
      expect(db.update({ ...bump(STAFF), ...patch }, STAFF), `${what} (staff)`).toMatchObject({ ok: false });
    }
    expect(db.get(`retailerOrders/${ORDER}/adjustReason`)).toBe('Short of stock');
  });
});
