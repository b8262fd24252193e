/**
 * The order kernel (src/data/orderKernel.ts) against the real server, the real rules file and
 * real SDK clients: a lost race is rebuilt on fresh data, a builder's null writes nothing, a
 * refusal that is not a race surfaces at once as an ActionError, and retries are bounded.
 * "Another device" is a second SDK client that writes in the middle of a build, after the
 * kernel's read and before its write, which is exactly when a real race bites.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../../src/data/actionError.ts';
import { DEFAULT_TRIES, RefusedError, runCommand, runOrderCommand, transitionCtxOf, type CommandCtx } from '../../../src/data/orderKernel.ts';
import { checkConservation } from '../../../src/domain/conservation.ts';
import { bill, DEFAULT_EXPIRY, expireOrder, sendToBilling, setPicked } from '../../../src/domain/lifecycle.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { storeLines } from '../../../src/domain/orderRecords.ts';
import { DAY_MS, type Transition } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import { purgeExpired } from '../../../src/domain/retention.ts';
import { setStock } from '../../../src/domain/stock.ts';
import type { Line, OrderId, OrderState, PartyId, ProductId, SentRecord, Uid } from '../../../src/domain/types.ts';
import { TestDb } from '../support/dbHarness.ts';
import { createdPaths, Device } from './devices.ts';

const P1 = 'p1' as ProductId;
const PARTY = 'party-1' as PartyId;
const L = (color: string, size: string, qty: number): Line => ({ productId: P1, color, size, qty });
const catalog = { p1: { name: 'Classic Brief', sizes: ['T1', 'T2'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true } };
const LINES = [L('BLACK', 'T1', 6), L('BLACK', 'T2', 4)];

let db: TestDb;
let a: Device;
let b: Device;
let orderSeq = 0;

/** A new pending order of LINES, placed by `b` through the kernel. */
async function newOrder(): Promise<OrderId> {
  const id = `kernel-order-${++orderSeq}` as OrderId;
  await runCommand(b.db, async (read) => placeOrder(id, { partyId: PARTY, partyName: 'Retail Partner A', note: '', lines: LINES }, await read.counter(), b.ctx()));
  return id;
}

/** A whole-database read as the owner (REST), for what was and was not written. */
async function root(): Promise<Record<string, Record<string, unknown> | number | null>> {
  return (await db.rest('GET', '/.json')).json as Record<string, Record<string, unknown> | number | null>;
}
const count = (v: unknown): number => (v === null || v === undefined ? 0 : Object.keys(v as object).length);
const exists = (all: Awaited<ReturnType<typeof root>>, path: string): boolean => {
  const [top = '', key = ''] = path.split('/');
  const col = all[top];
  return typeof col === 'object' && col !== null && key in col;
};

/** The server's clock: real time, moved ahead where a test needs an order to be due. */
let skew = 0;
const serverNow = (): number => Date.now() + skew;

beforeAll(async () => {
  db = await new TestDb({ rulesFile: resolve('database.rules.json'), clock: serverNow }).start();
  const staff = (uid: string, i: number) => [uid, { name: `Staff ${i}`, email: `${uid}@shop.in`, role: 'staff', status: 'active' }];
  const seeded = await db.rest('PATCH', '/.json', { users: Object.fromEntries([staff('staff-a', 1), staff('staff-b', 2)]), catalog, [`parties/${PARTY}`]: { name: 'Retail Partner A', area: 'Panjim' } });
  expect(seeded.status).toBe(200);
  a = new Device('staff-a' as Uid, db.client({ uid: 'staff-a' }));
  b = new Device('staff-b' as Uid, db.client({ uid: 'staff-b' }));
  const stock = setStock(
    LINES.map((l) => ({ ...l, qty: 20 })),
    await a.readStock(LINES.map(lineKey)),
    'adjust',
    { ...a.ctx(), note: 'opening count' },
  );
  expect(await a.apply(stock.patch)).toBe('accepted');
}, 60_000);

afterAll(async () => db?.close());

describe('runOrderCommand: one write path for every order command', () => {
  let id: OrderId;
  beforeEach(async () => {
    id = await newOrder();
  });

  it('rebuilds a patch refused as stale on fresh data: the builder sees the other device’s change', async () => {
    const seen: OrderState[] = [];
    const handed: Transition[] = [];
    const done = await runOrderCommand(a.db, id, async (state, read) => {
      seen.push(state);
      if (read.attempt === 0) {
        // Another device sends 2 × BLACK T1 to billing between our read and our write.
        expect(await b.apply(sendToBilling(await b.readState(id), [L('BLACK', 'T1', 2)], b.ctx()).patch)).toBe('accepted');
      }
      const t = setPicked(state, [L('BLACK', 'T1', 1)], a.ctx());
      handed.push(t);
      return t;
    });
    expect(seen.map((s) => s.rev)).toEqual([1, 2]);
    expect(seen[0]?.billing).toBeUndefined();
    expect(seen[1]?.pending?.lines).toEqual([L('BLACK', 'T1', 4), L('BLACK', 'T2', 4)]);
    expect(seen[1]?.billing?.lines).toEqual([L('BLACK', 'T1', 2)]);
    expect(done).toBe(handed[1]);

    const all = await root();
    expect((all['orderRev'] as Record<string, number>)[id]).toBe(3);
    for (const p of createdPaths(handed[0]?.patch ?? {})) expect(exists(all, p), `refused patch left ${p}`).toBe(false);
    for (const p of createdPaths(handed[1]?.patch ?? {})) expect(exists(all, p), `accepted patch wrote ${p}`).toBe(true);
    const after = await a.readState(id);
    expect(after.pending?.picked).toEqual([L('BLACK', 'T1', 1)]);
    expect(after.billing?.lines).toEqual([L('BLACK', 'T1', 2)]);
    expect(checkConservation(id, { pending: after.pending, billing: after.billing, sent: [] })).toEqual([]);
  });

  it('writes nothing when the builder returns null, and returns null', async () => {
    const before = await root();
    let calls = 0;
    const out = await runOrderCommand(a.db, id, (state) => {
      calls++;
      expect(state.rev).toBe(1);
      return null;
    });
    expect(out).toBeNull();
    expect(calls).toBe(1);
    const after = await root();
    expect(after['orderRev']).toEqual(before['orderRev']);
    expect(count(after['audit'])).toBe(count(before['audit']));
    expect(after['orders']).toEqual(before['orders']);
  });

  it('surfaces a refusal that is not a race at once, as an ActionError, without rebuilding', async () => {
    // Staff may expire an order, but only an admin may purge an expired one.
    // Expiry is due by the server's clock only: move it past the deadline for this test.
    skew = 100 * DAY_MS;
    await runOrderCommand(a.db, id, (state) => expireOrder(state, serverNow(), DEFAULT_EXPIRY, a.ctx()));
    skew = 0;
    const before = await root();
    let calls = 0;
    const err = await runOrderCommand(
      a.db,
      id,
      (state) => {
        calls++;
        return purgeExpired(state, a.ctx());
      },
      { tries: 5, refused: 'Only an admin may delete permanently.' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).code).toBe('denied');
    expect((err as ActionError).message).toBe('Only an admin may delete permanently.');
    expect(calls).toBe(1);
    const after = await root();
    expect(after['expired']).toEqual(before['expired']);
    expect(after['orderRev']).toEqual(before['orderRev']);
    expect(count(after['audit'])).toBe(count(before['audit']));

    // Without a `refused` message, the generic one.
    const plain = await runOrderCommand(a.db, id, (state) => purgeExpired(state, a.ctx())).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(RefusedError);
    expect((plain as ActionError).message).toMatch(/database refused this change/);
  });

  it('gives up after `tries` builds when every write loses a race, with an ActionError "stale" and no trace of its own', async () => {
    for (const tries of [DEFAULT_TRIES, 5]) {
      const order = tries === DEFAULT_TRIES ? id : await newOrder();
      const revs: number[] = [];
      const handed: Transition[] = [];
      const err = await runOrderCommand(
        a.db,
        order,
        async (state) => {
          revs.push(state.rev);
          // Every time, another device picks in between (a different quantity each time).
          expect(await b.apply(setPicked(await b.readState(order), [L('BLACK', 'T1', revs.length)], b.ctx()).patch)).toBe('accepted');
          const t = setPicked(state, [L('BLACK', 'T2', 1)], a.ctx());
          handed.push(t);
          return t;
        },
        tries === DEFAULT_TRIES ? {} : { tries },
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ActionError);
      expect(err).not.toBeInstanceOf(RefusedError);
      expect((err as ActionError).code).toBe('stale');
      expect((err as ActionError).message).toContain(`Order ${order} kept changing on another device`);
      expect(revs).toEqual(Array.from({ length: tries }, (_, i) => 1 + i));
      const all = await root();
      expect((all['orderRev'] as Record<string, number>)[order]).toBe(1 + tries);
      for (const t of handed) for (const p of createdPaths(t.patch)) expect(exists(all, p), `refused patch left ${p}`).toBe(false);
      expect((await a.readState(order)).pending?.picked).toEqual([L('BLACK', 'T1', tries)]);
    }
  });

  it('refuses tries below 1', async () => {
    await expect(runOrderCommand(a.db, id, () => null, { tries: 0 })).rejects.toThrow(RangeError);
  });

  it('ends with an ActionError "invalid" carrying the domain’s message when the builder throws a DomainError; nothing is written', async () => {
    const before = await root();
    let calls = 0;
    const err = await runOrderCommand(a.db, id, (state) => {
      calls++;
      return sendToBilling(state, [L('BLACK', 'T1', 99)], a.ctx());
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).code).toBe('invalid');
    expect((err as ActionError).message).toMatch(/99 is more than the 6 available/);
    expect(calls).toBe(1);
    expect((await root())['orderRev']).toEqual(before['orderRev']);
  });

  it('retries a bill refused because another order took the same stock: a race on stock, not on the revision', async () => {
    // Both orders wholly in billing.
    const other = await newOrder();
    for (const o of [id, other]) await runOrderCommand(b.db, o, (s) => sendToBilling(s, LINES, b.ctx()));
    const sku = lineKey(L('BLACK', 'T1', 0));
    const stockSeen: number[] = [];
    const revSeen: number[] = [];
    const done = await runOrderCommand(a.db, id, async (state, read: CommandCtx) => {
      revSeen.push(state.rev);
      const stock = await read.stock([sku]);
      stockSeen.push(stock[sku] ?? 0);
      if (read.attempt === 0) {
        // The other device bills 3 of the same SKU on the OTHER order: our revision does not move.
        const s = await b.readState(other);
        expect(await b.apply(bill(s, [L('BLACK', 'T1', 3)], await b.readStock([sku]), b.ctx()).patch)).toBe('accepted');
      }
      return bill(state, [L('BLACK', 'T1', 2)], stock, a.ctx());
    });
    expect(revSeen).toEqual([2, 2]);
    expect(stockSeen[1]).toBe((stockSeen[0] ?? 0) - 3);
    expect(done.shortfalls).toEqual([]);
    expect(await a.readStock([sku])).toEqual({ [sku]: (stockSeen[0] ?? 0) - 5 });
    const sent = (await db.rest('GET', `/sent/${done.sentId}.json`)).json as SentRecord;
    expect(sent.lines).toEqual(storeLines([L('BLACK', 'T1', 2)]));
  });
});

describe('runCommand: placement, which reads the counter instead of an order', () => {
  it('takes the next number when another device took this one between the read and the write', async () => {
    const counters: number[] = [];
    const id = 'kernel-placed' as OrderId;
    let theirs: OrderId | null = null;
    const placed = await runCommand(a.db, async (read) => {
      const counter = await read.counter();
      counters.push(counter);
      if (read.attempt === 0) theirs = await newOrder();
      return placeOrder(id, { partyId: PARTY, partyName: 'Retail Partner A', note: '', lines: LINES }, counter, transitionCtxOf(a.db, a.uid));
    });
    expect(counters).toHaveLength(2);
    expect(counters[1]).toBe((counters[0] ?? 0) + 1);
    expect(placed.number).toBe(`K${(counters[0] ?? 0) + 2}`);
    const all = await root();
    expect((all['orderNumbers'] as Record<string, string>)[placed.number]).toBe(id);
    expect((all['orderNumbers'] as Record<string, string>)[`K${(counters[0] ?? 0) + 1}`]).toBe(theirs);
    expect((await a.readState(id)).pending?.number).toBe(placed.number);
    expect(await a.readCounter()).toBe((counters[0] ?? 0) + 2);
  });

  it('does not retry when the counter did not move: the refusal is the rules’ answer (here: a number already taken)', async () => {
    const counter = await a.readCounter();
    let calls = 0;
    // Building on counter − 1 claims a number that is already registered: refused, and nothing it read changes.
    const err = await runCommand(
      a.db,
      async (read) => {
        calls++;
        return placeOrder('kernel-dup' as OrderId, { partyId: PARTY, partyName: 'Retail Partner A', note: '', lines: LINES }, (await read.counter()) - 1, a.ctx());
      },
      { tries: 4 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect(calls).toBe(1);
    expect(await a.readCounter()).toBe(counter);
    expect((await db.rest('GET', '/orders/kernel-dup.json')).json).toBeNull();
  });
});
