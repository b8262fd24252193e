/**
 * The housekeeping job (src/data/housekeeping.ts, run by every staff device through
 * src/data/expiryJob.ts) against the real server and the real rules file, through a proxy that
 * records which records the server sent: it expires what is due (also an order whose own
 * deadline, set by a revert, is earlier than createdAt + afterDays), purges deleted orders past
 * retention, moves sent records billed more than a year ago to `sentArchive` (unchanged, with an
 * audit entry), and never downloads an order or a sent record outside its candidate queries.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchiveCandidates, readPurgeCandidates, readExpiryCandidates, runHousekeeping, trimTombstones } from '../../../src/data/housekeeping.ts';
import { readOrderState, transitionCtxOf } from '../../../src/data/orderKernel.ts';
import { bill, DEFAULT_EXPIRY, deleteOrder, expireOrder, revertOrder, sendToBilling } from '../../../src/domain/lifecycle.ts';
import { DAY_MS, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import type { Line, OrderId, PartyId, ProductId, Uid } from '../../../src/domain/types.ts';
import { countingProxy, type CountingProxy } from '../support/countingProxy.ts';
import { TestDb } from '../support/dbHarness.ts';

const NOW = Date.now();
const ago = (days: number): number => NOW - days * DAY_MS;
const STAFF = 'staff-a' as Uid;
const LINES: Line[] = [{ productId: 'p1' as ProductId, color: 'BLACK', size: 'T1', qty: 2 }];
const catalog = { p1: { name: 'Classic Brief', sizes: ['T1'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true } };

let db: TestDb;
let proxy: CountingProxy;
let counter = 0;
let seq = 0;
const ctx = (now: number): TransitionCtx => ({ now, actor: STAFF, newId: () => `seed-${++seq}` });

/** Writes a domain patch as the owner: the seed's times lie in the past, which the rules would refuse from a client. */
async function write(patch: Patch): Promise<void> {
  const r = await db.rest('PATCH', '/.json', patch);
  expect(r.status).toBe(200);
}
const reader = () => db.client({ uid: STAFF });
async function place(id: string, at: number): Promise<OrderId> {
  await write(placeOrder(id as OrderId, { partyId: 'party-1' as PartyId, partyName: 'ASHA TRADERS', note: '', lines: LINES }, counter++, ctx(at)).patch);
  return id as OrderId;
}

/** An order placed, sent to billing and billed whole `days` ago, its sent record named `sentId`. */
async function billed(id: string, sentId: string, days: number): Promise<void> {
  const read = reader();
  const order = await place(id, ago(days + 1));
  await write(sendToBilling(await readOrderState(read, order), LINES, ctx(ago(days))).patch);
  let first = true;
  const named: TransitionCtx = { ...ctx(ago(days)), newId: () => (first ? ((first = false), sentId) : `seed-${++seq}`) };
  await write(bill(await readOrderState(read, order), LINES, {}, named).patch);
}

beforeAll(async () => {
  db = await new TestDb({ rulesFile: resolve('database.rules.json') }).start();
  await write({ 'users/staff-a': { name: 'Staff A', email: 'a@shop.in', role: 'staff', status: 'active' }, catalog, 'parties/party-1': { name: 'ASHA TRADERS', area: 'MAPUSA' } });
  const read = reader();
  // Due by createdAt + afterDays (40): placed 45 days ago.
  await place('o-old', ago(45));
  // Due by its own deadline only: deleted the day after it was placed, reverted two days later
  // with 10 grace days, so expiresAt is 2 days ago while createdAt + 40 days is 25 days ahead.
  const reverted = await place('o-reverted', ago(15));
  await write(deleteOrder(await readOrderState(read, reverted), 'pending', 'Party cancelled', ctx(ago(14))).patch);
  await write(revertOrder(await readOrderState(read, reverted), 'deleted', ago(12), DEFAULT_EXPIRY, ctx(ago(12))).patch);
  // Old, but its revert pushed the deadline out: a candidate by createdAt, not due.
  const extended = await place('o-extended', ago(60));
  const expired = expireOrder(await readOrderState(read, extended), ago(20), DEFAULT_EXPIRY, ctx(ago(20)));
  if (expired === null) throw new Error('o-extended is not due in the seed');
  await write(expired.patch);
  await write(revertOrder(await readOrderState(read, extended), 'expired', ago(1), DEFAULT_EXPIRY, ctx(ago(1))).patch);
  // Fresh: outside both candidate queries.
  await place('o-fresh', ago(1));
  // Deleted 40 days ago: past the 30 days of retention.
  const purge = await place('o-purge', ago(50));
  await write(deleteOrder(await readOrderState(read, purge), 'pending', 'Duplicate', ctx(ago(40))).patch);
  // Deleted 3 days ago: outside the purge query.
  const recent = await place('o-recent-del', ago(5));
  await write(deleteOrder(await readOrderState(read, recent), 'pending', 'Duplicate', ctx(ago(3))).patch);
  // Billed 400 days ago (past the 365 days before the archive), and 10 days ago.
  await billed('o-billed-old', 'o-sent-old', 400);
  await billed('o-billed-new', 'o-sent-new', 10);
  // Tombstones of a product and a party an admin removed 40 days ago (trimmed), and of a party removed 3 days ago (kept).
  await write({ 'gone/catalog/p-old': ago(40), 'gone/parties/pa-old': ago(40), 'gone/parties/pa-recent': ago(3) });
  proxy = await countingProxy(db.port, /^o-[a-z-]+$/);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await proxy?.close();
});

describe('housekeeping reads only candidates', () => {
  it('the candidate queries hold every due order and none of the fresh ones', async () => {
    const read = reader();
    expect(Object.keys(await readExpiryCandidates(read, NOW, DEFAULT_EXPIRY.afterDays)).sort()).toEqual(['o-extended', 'o-old', 'o-reverted']);
    expect(Object.keys(await readPurgeCandidates(read, NOW, 30))).toEqual(['o-purge']);
    expect(Object.keys(await readArchiveCandidates(read, NOW, 365))).toEqual(['o-sent-old']);
  });

  it('expires what is due, purges what is past retention, archives old sent records, and never downloads an order or sent record outside the candidates', async () => {
    const oldSent = (await db.rest('GET', '/sent/o-sent-old.json')).json;
    expect(oldSent).toMatchObject({ orderId: 'o-billed-old' });
    proxy.reset();
    const client = db.client({ uid: STAFF, port: proxy.port });
    const result = await runHousekeeping(client, () => Date.now(), () => transitionCtxOf(client, STAFF));
    // Tombstones older than 30 days: o-purge (removed from pending 40 days ago), o-billed-old (sent
    // whole 400 days ago), the product p-old and the party pa-old.
    expect(result).toEqual({ expired: 2, purged: 1, archived: 1, trimmed: 4, skipped: 0, errors: [] });

    const seen = new Set(proxy.keys());
    for (const id of ['o-old', 'o-reverted', 'o-extended', 'o-purge']) expect(seen).toContain(id); // the proxy sees the queries' records
    expect(seen).not.toContain('o-fresh');
    expect(seen).not.toContain('o-recent-del');
    expect(seen).toContain('o-sent-old');
    expect(seen).not.toContain('o-sent-new');

    const tree = (await db.rest('GET', '/.json')).json as Record<string, Record<string, unknown>>;
    expect(Object.keys(tree['expired'] ?? {}).sort()).toEqual(['o-old', 'o-reverted']);
    expect(Object.keys(tree['orders'] ?? {}).sort()).toEqual(['o-extended', 'o-fresh']);
    expect(Object.keys(tree['deleted'] ?? {})).toEqual(['o-recent-del']);
    // Tombstones: the two expired now, and those younger than 30 days; re-created orders have none.
    expect(Object.keys(tree['gone']?.['orders'] ?? {}).sort()).toEqual(['o-billed-new', 'o-old', 'o-recent-del', 'o-reverted']);
    expect(tree['gone']?.['catalog']).toBeUndefined();
    expect(Object.keys(tree['gone']?.['parties'] ?? {})).toEqual(['pa-recent']);
    // Moved whole and unchanged, with the order's audit entry; the recent record stays.
    expect(Object.keys(tree['sent'] ?? {})).toEqual(['o-sent-new']);
    expect(tree['sentArchive']).toEqual({ 'o-sent-old': oldSent });
    const auditId = (tree['orderAudit'] as Record<string, string>)['o-billed-old'] as string;
    expect((tree['audit'] as Record<string, unknown>)[auditId]).toMatchObject({ action: 'archive', detail: 'o-sent-old', actor: STAFF });

    // Run again at once: nothing is due any more, nothing is written.
    expect(await runHousekeeping(client, () => Date.now(), () => transitionCtxOf(client, STAFF))).toEqual({ expired: 0, purged: 0, archived: 0, trimmed: 0, skipped: 0, errors: [] });
  });
});

describe('the tombstone trim is bounded', () => {
  it('removes at most `limit` old tombstones in all, across orders, products and parties; the next runs take the rest', async () => {
    await write({ 'gone/orders/o-gone-a': ago(50), 'gone/catalog/p-gone-a': ago(50), 'gone/catalog/p-gone-b': ago(45), 'gone/parties/pa-gone-a': ago(60) });
    const client = reader();
    expect(await trimTombstones(client, Date.now(), 3)).toBe(3);
    expect(await trimTombstones(client, Date.now(), 3)).toBe(1);
    expect(await trimTombstones(client, Date.now(), 3)).toBe(0);
    const gone = (await db.rest('GET', '/gone.json')).json as Record<string, Record<string, unknown>>;
    expect(gone['orders']?.['o-gone-a']).toBeUndefined();
    expect(gone['catalog']).toBeUndefined();
    expect(Object.keys(gone['parties'] ?? {})).toEqual(['pa-recent']);
  });
});
