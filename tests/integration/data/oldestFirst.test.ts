/**
 * The growing window of the oldest records (src/data/oldestFirst.ts, the Billing screen's read)
 * against the real server and the real rules file, through a proxy that records which records
 * the server sent: only the window's records arrive, the next one slides in when one leaves,
 * and widening brings the wider window while the narrower one stays shown until it answers.
 */
import { effect } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import { oldestFirst } from '../../../src/data/oldestFirst.ts';
import type { LiveCollection } from '../../../src/data/parsedCollection.ts';
import { BILLING_BY_QUEUED_AT } from '../../../src/data/querySpecs.ts';
import { storeRecord } from '../../../src/domain/orderRecords.ts';
import type { BillingRecord, Line, PartyId, ProductId, Uid } from '../../../src/domain/types.ts';
import { billingSchema } from '../../../src/domain/validate.ts';
import { until } from '../support/dbHarness.ts';
import { proxiedDb } from '../support/proxiedDb.ts';

const NOW = Date.now();
const COUNT = 30;
const LINE: Line = { productId: 'p1' as ProductId, color: 'BLACK', size: 'T1', qty: 1 };
/** Order j waits since NOW − (COUNT − j) minutes; its key sorts the other way round, so key order is not queue order. */
const keyOf = (j: number): string => `b-${String(COUNT - j).padStart(3, '0')}`;
const queuedAtOf = (j: number): number => NOW - (COUNT - j) * 60_000;
function record(j: number): BillingRecord {
  return {
    number: `K${j + 1}`,
    partyId: 'party-a' as PartyId,
    partyName: 'ASHA TRADERS',
    note: '',
    source: 'staff',
    createdAt: queuedAtOf(j) - 3_600_000,
    createdBy: 'staff-a' as Uid,
    lines: [LINE],
    ordered: [LINE],
    remarks: '',
    queuedAt: queuedAtOf(j),
    queuedBy: 'staff-a' as Uid,
  };
}
const oldest = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => keyOf(from + i));

const h = proxiedDb(() => ({ billing: Object.fromEntries(Array.from({ length: COUNT }, (_, j) => [keyOf(j), storeRecord(record(j))])) }), /^b-\d{3}$/);
const keys = (c: LiveCollection<unknown>): string[] => (c.state === 'ready' ? [...c.items.keys()] : []);

describe('oldestFirst', () => {
  it('reads the longest-waiting 10, slides the next in as one leaves, and widens by 10 on demand', async () => {
    const { db, proxy } = h;
    proxy.reset();
    const client = db.client({ uid: 'staff-a', port: proxy.port });
    const w = oldestFirst(client, BILLING_BY_QUEUED_AT, billingSchema, 10, h.report);
    const view = h.read(w.view);
    await until(() => view().state === 'ready', 'the first window');
    // In queue order (oldest first), not key order; only those ten were sent.
    expect(keys(view())).toEqual(oldest(10));
    expect(proxy.keys().sort()).toEqual(oldest(10).sort());

    // The oldest is billed: the eleventh slides in; only it and the removal of the billed one are sent.
    proxy.reset();
    await db.rest('DELETE', `/billing/${keyOf(0)}.json`);
    await until(() => keys(view()).includes(keyOf(10)), 'the next order in the window');
    expect(keys(view())).toEqual(oldest(10, 1));
    expect(proxy.keys().sort()).toEqual([keyOf(10), keyOf(0)].sort());

    // Widening: the next ten arrive (with the ten shown, listened to again), and the screen never empties meanwhile.
    proxy.reset();
    const seen: string[][] = [];
    const stopSeeing = effect(() => void seen.push(keys(w.view.value)));
    w.more();
    expect(w.isWidening.value).toBe(true);
    expect(w.size.value).toBe(20);
    w.more(); // ignored while the widening is on its way
    expect(w.size.value).toBe(20);
    await until(() => !w.isWidening.value, 'the wider window');
    stopSeeing();
    expect(keys(view())).toEqual(oldest(20, 1));
    expect(seen.every((k) => k.length >= 10)).toBe(true);
    expect(proxy.keys().sort()).toEqual(oldest(20, 1).sort());

    // A new order joins the end of the queue: outside the full window, nothing is sent.
    proxy.reset();
    await db.rest('PUT', '/billing/b-new.json', storeRecord({ ...record(COUNT), queuedAt: Date.now() }));
    await new Promise((r) => setTimeout(r, 300));
    expect(keys(view())).toEqual(oldest(20, 1));
    expect(proxy.keys()).toEqual([]);
    await db.rest('DELETE', '/billing/b-new.json');
    await db.rest('PUT', `/billing/${keyOf(0)}.json`, storeRecord(record(0)));
  });

  it('says denied when the rules refuse the listen (a retailer), and reports it', async () => {
    const { db, proxy } = h;
    await db.rest('PUT', '/users/ret-a.json', { name: 'Ret A', email: 'r@shop.in', role: 'retailer', status: 'active', partyId: 'party-a' });
    const reported: string[] = [];
    const client = db.client({ uid: 'ret-a', port: proxy.port });
    const w = oldestFirst(client, BILLING_BY_QUEUED_AT, billingSchema, 10, (p) => reported.push(p));
    const view = h.read(w.view);
    await until(() => view().state === 'denied', 'the refused listen');
    expect(reported).toEqual(['billing']);
  });
});
