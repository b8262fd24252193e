/**
 * The windowed collection (src/data/windowedCollection.ts) against the real server and the real
 * rules file, through a proxy that records which records the server actually sent: only the
 * open pages' records arrive (plus the one record each probe looks at), an older page brings
 * its own records, and the pages already loaded are never sent again.
 */
import { describe, expect, it } from 'vitest';
import { SENT_BY_BILLED_AT, SENT_BY_PARTY } from '../../../src/data/querySpecs.ts';
import { windowedCollection, type WindowedCollection, type WindowedView } from '../../../src/data/windowedCollection.ts';
import { localDayStart } from '../../../src/domain/historyWindows.ts';
import { storeRecord } from '../../../src/domain/orderRecords.ts';
import { DAY_MS } from '../../../src/domain/patch.ts';
import type { Line, OrderId, PartyId, ProductId, SentRecord, Uid } from '../../../src/domain/types.ts';
import { sentSchema } from '../../../src/domain/validate.ts';
import { until } from '../support/dbHarness.ts';
import { proxiedDb } from '../support/proxiedDb.ts';

const NOW = Date.now();
const SPAN = 60 * DAY_MS;
const COUNT = 100;
const LINE: Line = { productId: 'p1' as ProductId, color: 'BLACK', size: 'T1', qty: 1 };

/** Record j (0 the oldest) of the seed: keys sort as the bills were made, like push ids. */
const keyOf = (j: number): string => `s-${String(j).padStart(3, '0')}`;
const billedAtOf = (j: number): number => NOW - 60_000 - Math.round(((COUNT - 1 - j) * SPAN) / (COUNT - 1));
const partyOf = (j: number): PartyId => (j % 3 === 0 ? 'party-b' : 'party-a') as PartyId;
function record(j: number, billedAt = billedAtOf(j)): SentRecord {
  return {
    number: `K${j + 1}`,
    partyId: partyOf(j),
    partyName: partyOf(j) === 'party-a' ? 'ASHA TRADERS' : 'RAVI STORES',
    note: '',
    source: 'staff',
    createdAt: billedAt - DAY_MS,
    createdBy: 'staff-a' as Uid,
    lines: [LINE],
    ordered: [LINE],
    orderId: `o-${j}` as OrderId,
    billedAt,
    billedBy: 'staff-a' as Uid,
    remarks: '',
    deliveryStatus: 'undelivered',
  };
}
const ALL = Array.from({ length: COUNT }, (_, j) => j);
const keysWhere = (pred: (j: number) => boolean): string[] => ALL.filter(pred).map(keyOf);

const h = proxiedDb(() => ({ sent: Object.fromEntries(ALL.map((j) => [keyOf(j), storeRecord(record(j))])) }), /^s-\d{3}$/);
/** Opens `w` as a screen would (reads its view), and returns a reader of the latest view. */
const open = <T>(w: WindowedCollection<T>): (() => WindowedView<T>) => h.read(w.view);
/** Resolves once the pages are in and the probe below them has answered. */
const settled = (view: () => WindowedView<unknown>, pages: number) =>
  until(() => view().state === 'ready' && view().pageCount === pages && !view().isLoadingOlder && view().older !== 'unknown', `${pages} page(s) loaded and probed`);
const sorted = (keys: Iterable<string>): string[] => [...keys].sort();
/** The keys a view holds, sorted (none while loading or denied). */
const held = (v: WindowedView<unknown>): string[] => (v.state === 'ready' ? sorted(v.items.keys()) : []);
const counts = (keys: string[]): Map<string, number> => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

describe('windowedCollection by days', () => {
  it('receives only the last 7 days, then only the week below on "Show older"; a new record arrives alone', async () => {
    h.proxy.reset();
    const client = h.db.client({ uid: 'staff-a', port: h.proxy.port });
    const w = windowedCollection(client, SENT_BY_BILLED_AT, sentSchema, { kind: 'days', days: 7, size: 1000 }, NOW, h.report);
    const view = open(w);
    await settled(view, 1);

    const week1Start = localDayStart(NOW, 6);
    const week1 = keysWhere((j) => billedAtOf(j) >= week1Start);
    const newestBelow1 = keyOf(Math.max(...ALL.filter((j) => billedAtOf(j) < week1Start)));
    expect(week1.length).toBeGreaterThan(5);
    expect(held(view())).toEqual(week1);
    // Each record of the window exactly once, plus the one record the probe looked at below it.
    expect(counts(h.proxy.keys())).toEqual(counts([...week1, newestBelow1]));
    expect(view().older).toBe('some');
    expect(view().since).toBe(week1Start);
    const wholeBytes = JSON.stringify((await h.db.rest('GET', '/sent.json')).json).length;
    expect(h.proxy.bytes()).toBeLessThan(wholeBytes / 3);

    h.proxy.reset();
    w.loadOlder();
    await settled(view, 2);
    const week2Start = localDayStart(NOW, 13);
    const week2 = keysWhere((j) => billedAtOf(j) >= week2Start && billedAtOf(j) < week1Start);
    const newestBelow2 = keyOf(Math.max(...ALL.filter((j) => billedAtOf(j) < week2Start)));
    expect(week2.length).toBeGreaterThan(5);
    // The week below, and the first page once more: it is re-listened without its limit (pinned at
    // its oldest record), since a page of "the newest N" slides up as new bills arrive and would
    // otherwise drop a record between the pages. Only on the first "Show older".
    expect(counts(h.proxy.keys())).toEqual(counts([...week1, ...week2, newestBelow2]));
    expect(held(view())).toEqual(sorted([...week1, ...week2]));
    expect(view().since).toBe(week2Start);

    h.proxy.reset();
    await h.db.rest('PUT', '/sent/s-100.json', storeRecord(record(100, Date.now())));
    await until(() => held(view()).includes('s-100'), 'the new record');
    expect(h.proxy.keys()).toEqual(['s-100']);
    await h.db.rest('DELETE', '/sent/s-100.json');
  });

  it('jumps over empty weeks to the next week that holds a record, and says when nothing is older', async () => {
    const client = h.db.client({ uid: 'staff-a', port: h.proxy.port });
    // Ten weeks from now on the device clock: the newest record is three weeks below the first page.
    const later = NOW + 70 * DAY_MS;
    const w = windowedCollection(client, SENT_BY_BILLED_AT, sentSchema, { kind: 'days', days: 7, size: 1000 }, later, h.report);
    const view = open(w);
    await settled(view, 1);
    expect(held(view())).toEqual([]);
    w.loadOlder();
    await settled(view, 2);
    const newest = keyOf(COUNT - 1);
    expect(held(view())).toContain(newest);
    expect(view().since).toBe(localDayStart(billedAtOf(COUNT - 1), 6));
    while (view().older === 'some') {
      const pages = view().pageCount;
      w.loadOlder();
      await settled(view, pages + 1);
    }
    expect(view().older).toBe('none');
    expect(held(view())).toEqual(ALL.map(keyOf));
  });

  it('reads a busy week a few records a page (the newest first), and paging to the end shows every record once', async () => {
    h.proxy.reset();
    const client = h.db.client({ uid: 'staff-a', port: h.proxy.port });
    const w = windowedCollection(client, SENT_BY_BILLED_AT, sentSchema, { kind: 'days', days: 7, size: 3 }, NOW, h.report);
    const view = open(w);
    await settled(view, 1);
    const newestThree = [...ALL].sort((a, b) => billedAtOf(a) - billedAtOf(b)).slice(-3).map(keyOf);
    expect(held(view())).toEqual(sorted(newestThree));
    expect(h.proxy.keys().length).toBeLessThanOrEqual(4); // three, and the probe's one
    w.loadOlder();
    await settled(view, 2);
    // The next three of the same days, right below the first page.
    const newestSix = [...ALL].sort((a, b) => billedAtOf(a) - billedAtOf(b)).slice(-6).map(keyOf);
    expect(held(view())).toEqual(sorted(newestSix));
    while (view().older === 'some') {
      const pages = view().pageCount;
      w.loadOlder();
      await settled(view, pages + 1);
    }
    expect(held(view())).toEqual(ALL.map(keyOf));
    // Each record came once, the probes' and the first page's one re-listen aside.
    const times = counts(h.proxy.keys());
    expect(Math.max(...times.values())).toBeLessThanOrEqual(3);
  });

  it('is denied, not empty, for someone the rules do not let read sent', async () => {
    const w = windowedCollection(h.db.client({ uid: 'stranger' }), SENT_BY_BILLED_AT, sentSchema, { kind: 'days', days: 7, size: 1000 }, NOW, () => {});
    const view = open(w);
    await until(() => view().state === 'denied', 'the refusal');
  });
});

describe('windowedCollection of one party, by key', () => {
  it('receives the newest 20 of the party, then 20 older per page; the pages loaded are not sent again, and a new bill leaves no gap', async () => {
    h.proxy.reset();
    const client = h.db.client({ uid: 'staff-a', port: h.proxy.port });
    const w = windowedCollection(client, SENT_BY_PARTY, sentSchema, { kind: 'equal', value: 'party-a', size: 20 }, NOW, h.report);
    const view = open(w);
    const mine = keysWhere((j) => partyOf(j) === 'party-a'); // oldest first
    const items = () => held(view());
    await settled(view, 1);
    expect(items()).toEqual(mine.slice(-20));
    expect(counts(h.proxy.keys())).toEqual(counts([...mine.slice(-20), mine.at(-21) as string]));

    h.proxy.reset();
    w.loadOlder();
    await settled(view, 2);
    expect(items()).toEqual(mine.slice(-40));
    // The newest page is pinned at its oldest key once a page hangs below it: re-read once.
    expect(counts(h.proxy.keys())).toEqual(counts([...mine.slice(-40), mine.at(-41) as string]));

    h.proxy.reset();
    w.loadOlder();
    await settled(view, 3);
    expect(items()).toEqual(mine.slice(-60));
    expect(counts(h.proxy.keys())).toEqual(counts([...mine.slice(-60, -40), mine.at(-61) as string])); // only the new page and its probe

    h.proxy.reset();
    await h.db.rest('PUT', '/sent/s-101.json', storeRecord({ ...record(101, Date.now()), partyId: 'party-a' as PartyId }));
    await until(() => items().includes('s-101'), 'the new bill');
    expect(items()).toEqual([...mine.slice(-60), 's-101']); // nothing fell between the pages
    expect(h.proxy.keys()).toEqual(['s-101']);

    w.loadOlder();
    await settled(view, 4);
    expect(view().older).toBe('none');
    expect(items()).toEqual([...mine, 's-101']);
    await h.db.rest('DELETE', '/sent/s-101.json');
  });
});
