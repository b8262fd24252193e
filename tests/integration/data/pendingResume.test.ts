/**
 * Reopening Pending is cheap (issue 11): the resumed read of src/data/resumedCollection.ts, as
 * `pendingOrders` runs it, against the real server and the real rules file with the real SDK,
 * through a proxy that records what the server sent. Device A reads the pending orders whole and
 * keeps them (its saved copy); then staff change them through the order kernel, as the app does
 * (one order placed, one picked, one deleted, one sent to billing whole, one deleted and
 * reverted); device B resumes from A's copy and ends with exactly what a full download holds,
 * having received only the changed orders and the tombstones of the removed ones. A removal
 * while B is open reaches it live.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrderCommand, transitionCtxOf } from '../../../src/data/orderKernel.ts';
import { GONE_ORDERS_BY_TIME, PENDING_BY_UPDATED_AT } from '../../../src/data/querySpecs.ts';
import { resumePoint, type Resumable } from '../../../src/data/resumedCollection.ts';
import { deleteOrder, DEFAULT_EXPIRY, revertOrder, sendToBilling, setPicked } from '../../../src/domain/lifecycle.ts';
import { SERVER_TIMESTAMP, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import { GONE_KEEP_DAYS } from '../../../src/domain/snapshot.ts';
import type { Line, OrderId, PartyId, PendingRecord, ProductId, Uid } from '../../../src/domain/types.ts';
import { pendingSchema } from '../../../src/domain/validate.ts';
import { countingProxy, type CountingProxy } from '../support/countingProxy.ts';
import { TestDb, until } from '../support/dbHarness.ts';
import { itemsOf, openResumed, sorted, wholeCopy, type Opened } from './support/resumed.ts';

const STAFF = 'staff-a' as Uid;
const LINE: Line = { productId: 'p1' as ProductId, color: 'BLACK', size: 'T1', qty: 4 };
const catalog = { p1: { name: 'Classic Brief', sizes: ['T1'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true } };
const COUNT = 30;
const idOf = (j: number): OrderId => `o-${String(j).padStart(2, '0')}` as OrderId;
const PENDING: Resumable<PendingRecord> = { spec: PENDING_BY_UPDATED_AT, schema: pendingSchema, stamp: (r) => r.updatedAt, gone: GONE_ORDERS_BY_TIME };

let db: TestDb;
let proxy: CountingProxy;
let counter = 0;
let seq = 0;
const problems: string[] = [];
const report = (p: string, e: unknown): void => void problems.push(`${p}: ${String(e)}`);
const ownerCtx = (): TransitionCtx => ({ now: SERVER_TIMESTAMP, actor: STAFF, newId: () => `seed-${++seq}` });

async function write(patch: Patch): Promise<void> {
  const r = await db.rest('PATCH', '/.json', patch);
  expect(r.status).toBe(200);
}
const place = (id: OrderId): Promise<void> => write(placeOrder(id, { partyId: 'party-1' as PartyId, partyName: 'ASHA TRADERS', note: '', lines: [LINE] }, counter++, ownerCtx()).patch);

/** Listens as a device does (through the proxy unless told) until the first ready state. */
const open = (base: ReadonlyMap<string, PendingRecord>, from: number | null, port = proxy.port): Promise<Opened<PendingRecord>> =>
  openResumed(db.client({ uid: STAFF, port }), PENDING, base, from, report);

beforeAll(async () => {
  db = await new TestDb({ rulesFile: resolve('database.rules.json') }).start();
  await write({ 'users/staff-a': { name: 'Staff A', email: 'a@shop.in', role: 'staff', status: 'active' }, catalog, 'parties/party-1': { name: 'ASHA TRADERS', area: 'MAPUSA' } });
  for (let j = 0; j < COUNT; j++) await place(idOf(j));
  proxy = await countingProxy(db.port, /^o-[a-z0-9]+$/);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await proxy?.close();
});

describe('a reopen of Pending resumes from the saved copy', () => {
  it('downloads only what changed since, and ends equal to a full download', async () => {
    const { copy, wholeBytes } = await wholeCopy(proxy, open);
    expect(copy.size).toBe(COUNT);
    expect(new Set(proxy.keys())).toEqual(new Set(Array.from({ length: COUNT }, (_, j) => idOf(j))));
    const from = resumePoint(PENDING, copy, Date.now());
    expect(from).not.toBeNull();

    // Staff change the pending orders through the order kernel and the rules, as the app does.
    const staff = db.client({ uid: STAFF });
    const ctx = (): TransitionCtx => transitionCtxOf(staff, STAFF);
    await place('o-new' as OrderId);
    await runOrderCommand(staff, idOf(3), (s) => setPicked(s, [{ ...LINE, qty: 1 }], ctx()));
    await runOrderCommand(staff, idOf(5), (s) => deleteOrder(s, 'pending', 'Duplicate', ctx()));
    await runOrderCommand(staff, idOf(7), (s) => sendToBilling(s, [LINE], ctx()));
    await runOrderCommand(staff, idOf(9), (s) => deleteOrder(s, 'pending', 'Wrong party', ctx()));
    await runOrderCommand(staff, idOf(9), (s) => revertOrder(s, 'deleted', Date.now(), DEFAULT_EXPIRY, ctx()));
    const tree = (await db.rest('GET', '/.json')).json as { orders: Record<string, { updatedAt: number }>; gone: { orders: Record<string, number> } };
    expect(Object.keys(tree.gone.orders).sort()).toEqual([idOf(5), idOf(7)]);
    expect(tree.orders[idOf(9)]?.updatedAt).toBeGreaterThanOrEqual(from as number);

    // Device B reopens with A's copy.
    proxy.reset();
    const b = await open(copy, from);
    const resumedBytes = proxy.bytes();
    const received = new Set(proxy.keys());
    // The changed orders, the tombstones of the removed ones, and at most the orders stamped at
    // the very millisecond it resumes from (read again: startAt is inclusive); nothing else.
    const atFrom = [...copy].filter(([, r]) => r.updatedAt === from).map(([k]) => k);
    expect(atFrom.length).toBeLessThan(3);
    const changed = ['o-new', idOf(3), idOf(5), idOf(7), idOf(9)];
    for (const k of changed) expect(received, k).toContain(k);
    expect([...received].filter((k) => !changed.includes(k) && !atFrom.includes(k))).toEqual([]);
    expect(resumedBytes).toBeLessThan(wholeBytes / 3);

    // What B shows is what a full download holds.
    const full = await open(new Map(), null, db.port);
    full.stop();
    expect(sorted(itemsOf(b.latest()))).toEqual(sorted(itemsOf(full.latest())));
    expect(itemsOf(b.latest()).has(idOf(5))).toBe(false);
    expect(itemsOf(b.latest()).has(idOf(7))).toBe(false);
    expect(itemsOf(b.latest()).get(idOf(9))?.revertedBy).toBe(STAFF);
    expect(itemsOf(b.latest()).get(idOf(3))?.picked).toEqual([{ ...LINE, qty: 1 }]);
    expect(itemsOf(b.latest()).size).toBe(COUNT - 1);

    // A removal while B is open reaches it live, by its tombstone (the order was in the copy, not in the changes).
    await runOrderCommand(staff, idOf(11), (s) => deleteOrder(s, 'pending', 'Cancelled', ctx()));
    await until(() => !itemsOf(b.latest()).has(idOf(11)), 'the live removal');
    // A re-created order comes back live too.
    await runOrderCommand(staff, idOf(5), (s) => revertOrder(s, 'deleted', Date.now(), DEFAULT_EXPIRY, ctx()));
    await until(() => itemsOf(b.latest()).has(idOf(5)), 'the live re-creation');
    b.stop();
    expect(problems).toEqual([]);
  });

  it('a copy older than the tombstones are kept is read whole (its removals may be trimmed)', async () => {
    const now = Date.now();
    const copy = new Map([[idOf(0), { updatedAt: now - 2 * GONE_KEEP_DAYS * 86_400_000 } as PendingRecord]]);
    expect(resumePoint(PENDING, copy, now)).toBeNull();
    expect(resumePoint(PENDING, new Map(), now)).toBeNull();
  });
});
