/**
 * The order tally (`orderTally/{orderId}/{lineKey}`: ordered, sent, purged) in database.rules.json:
 * each attack starts from a patch the domain builds and changes the tally, or the records with it,
 * so that the conservation law still balances; only the tally's own rules can refuse it. Each
 * test also shows the untampered patch is accepted.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { lineKey } from '../../src/domain/lines.ts';
import { sendToBilling } from '../../src/domain/lifecycle.ts';
import { stamp, type Patch } from '../../src/domain/patch.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import type { OrderId } from '../../src/domain/types.ts';
import { readState } from '../unit/domain/support/readBack.ts';
import { RulesDb } from '../unit/domain/support/rulesDb.ts';
import { buildSeed, ctx, L, O, PARTY_A, UID } from './seed.ts';

let db: RulesDb;
beforeEach(() => {
  db = buildSeed().db;
});

const ok = { ok: true };
const NEW = 'o-tally' as OrderId;
const T1 = lineKey(L('BLACK', 'T1', 1));
const T2 = lineKey(L('BLACK', 'T2', 1));
const counter = (): number => Number(db.get('counters/orderNumber'));
const place = (): Patch => placeOrder(NEW, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 2)] }, counter(), ctx()).patch;
/** A revision bump of `id` with its audit entry, for a hand-written change to ride on. */
const bump = (id: OrderId): Patch => stamp(readState(db, id), 'pick', ctx()).patch;
/** `patch` with the new order's tally line T1 and record lines changed by `change`. */
function placedWith(change: (tally: Record<string, unknown>, line: Record<string, unknown>) => void): Patch {
  const patch = structuredClone(place());
  const tally = (patch[`orderTally/${NEW}`] as Record<string, Record<string, unknown>>)[T1] as Record<string, unknown>;
  const order = patch[`orders/${NEW}`] as Record<string, Record<string, Record<string, unknown>>>;
  change(tally, order['lines']?.[T1] as Record<string, unknown>);
  return patch;
}
/** Refused, and nothing written. */
function expectRefused(patch: Patch): void {
  const before = structuredClone(db.data);
  expect(db.update(patch, UID.staff)).toMatchObject({ ok: false });
  expect(db.data).toEqual(before);
}
/** Accepted, on a copy (the test's database stays as it was). */
function expectAccepted(patch: Patch): void {
  const copy = new RulesDb(db.clock);
  copy.data = structuredClone(db.data);
  expect(copy.update(patch, UID.staff)).toEqual(ok);
}

describe('a new order starts its tally with nothing sent or purged', () => {
  it('placing as the domain does is accepted', () => expectAccepted(place()));

  it.each<[string, (tally: Record<string, unknown>, line: Record<string, unknown>) => void]>([
    // Each keeps ordered = pending + sent + purged, so the law alone would not refuse it.
    ['a phantom piece already sent', (t) => Object.assign(t, { ordered: 3, sent: 1 })],
    ['a last sent record named at once', (t) => void (t['lastSent'] = 'sent-x')],
    ['a tally line of another product than its key', (t, l) => Object.assign(t, { size: 'T2' }, void Object.assign(l, { size: 'T2' }))],
    ['a product id that is not text', (t) => void (t['productId'] = 7)],
    ['an unknown field', (t) => void (t['note'] = 'x')],
    ['no purged total', (t) => void delete t['purged']],
  ])('refuses %s', (_what, change) => {
    expectRefused(placedWith(change));
  });
});

describe('an order keeps its tally', () => {
  it('an admin placing an order cannot start it with pieces already purged (everything else agreeing)', () => {
    const patch = placedWith((t) => Object.assign(t, { ordered: 3, purged: 1 }));
    // The order's ordered copy and its place entry agree with the tally; the tally's purged total refuses it.
    (patch[`orders/${NEW}`] as { ordered: Record<string, { qty: number }> }).ordered[T1]!.qty = 3;
    const entry = Object.entries(patch).find(([k]) => k.startsWith('audit/'))?.[1] as { lines: Record<string, { qty: number }>; actor: string };
    entry.lines[T1]!.qty = 3;
    entry.actor = UID.admin;
    const asAdmin = { ...patch, [`orders/${NEW}/createdBy`]: UID.admin };
    const order = asAdmin[`orders/${NEW}`] as { createdBy: string };
    delete asAdmin[`orders/${NEW}/createdBy`];
    order.createdBy = UID.admin;
    const before = structuredClone(db.data);
    expect(db.update(asAdmin, UID.admin)).toMatchObject({ ok: false, reason: expect.stringContaining(`/orderTally/${NEW}/${T1}`) as unknown });
    expect(db.data).toEqual(before);
  });

  it('what was ordered never changes, even with the pending line changed to match', () => {
    expectRefused({ ...bump(O.o1), [`orderTally/${O.o1}/${T1}/ordered`]: 6, [`orders/${O.o1}/lines/${T1}/qty`]: 6 });
  });

  it("a line's product, colour and size never change", () => {
    for (const [field, value] of [['productId', 'P-OTHER'], ['color', 'SKIN'], ['size', 'T2']] as const) {
      expectRefused({ ...bump(O.o1), [`orderTally/${O.o1}/${T1}/${field}`]: value });
    }
  });

  it('no line is added to an existing order, even with its pieces pending', () => {
    expectRefused({
      ...bump(O.o1),
      [`orderTally/${O.o1}/${T2}`]: { productId: L('BLACK', 'T2', 1).productId, color: 'BLACK', size: 'T2', ordered: 1, sent: 0, purged: 0 },
      [`orders/${O.o1}/lines/${T2}`]: L('BLACK', 'T2', 1),
      [`orders/${O.o1}/ordered/${T2}`]: L('BLACK', 'T2', 1),
    });
  });

  it('the tally is never removed, line by line or whole, nor written whole again', () => {
    expectRefused({ ...bump(O.o1), [`orderTally/${O.o1}/${T1}`]: null });
    expectRefused({ ...bump(O.o1), [`orderTally/${O.o1}`]: null });
    expectRefused({ ...bump(O.o1), [`orderTally/${O.o1}`]: db.get(`orderTally/${O.o1}`) });
  });

  it('a tally write needs the revision bump of its order', () => {
    const send = sendToBilling(readState(db, O.o1), [L('BLACK', 'T1', 1)], ctx()).patch;
    expectAccepted(send);
    // A bill-like growth of sent with a new sent record, but no revision bump.
    const noRev = Object.fromEntries(Object.entries(send).filter(([k]) => !k.startsWith('orderRev/') && !k.startsWith('orderAudit/') && !k.startsWith('audit/')));
    expectRefused({ ...noRev, [`orderTally/${O.o1}/${T1}/purged`]: 0 });
  });
});
