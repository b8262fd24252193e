import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstPage, loadedSince, localDayStart, mergePages, olderPage, pinnedFirst, probeRange, untilAfterDay, type Bound, type PageContent, type PageRange, type Paging } from '../../../src/domain/historyWindows.ts';
import { DEFAULT_EXPIRY, dueForExpiry, expiryCandidateBounds, expiryDeadline, revertOrder } from '../../../src/domain/lifecycle.ts';
import { DAY_MS } from '../../../src/domain/patch.ts';
import { dueForPurge, purgeCandidateMax } from '../../../src/domain/retention.ts';
import type { DeletedRecord, PendingRecord } from '../../../src/domain/types.ts';
import { propertyRuns as runs } from '../../support/propertyRuns.ts';
import { ctxAt, L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';

/** Local time of a given day and hour, so the tests do not depend on the machine's time zone. */
const at = (y: number, m: number, d: number, h = 12, min = 0): number => new Date(y, m - 1, d, h, min).getTime();
/** Local midnight starting a day. */
const day0 = (y: number, m: number, d: number): number => at(y, m, d, 0);
const WEEK: Paging = { kind: 'days', days: 7, size: 40 };
const PARTY_PAGES: Paging = { kind: 'equal', value: 'party-1', size: 50 };

/** True when a record ordered by the time `value` lies in the days page `r`, as the database evaluates the range (keys aside). */
function inRange(r: PageRange, value: number): boolean {
  if (r.start !== undefined && value < Number(r.start.value)) return false;
  if (r.end !== undefined && (r.isEndInclusive === true ? value > Number(r.end.value) : value >= Number(r.end.value))) return false;
  return true;
}

describe('local days', () => {
  it.each([
    ['noon, same day', at(2027, 3, 10, 12), 0, at(2027, 3, 10, 0)],
    ['just after midnight', at(2027, 3, 10, 0, 1), 0, at(2027, 3, 10, 0)],
    ['six days back', at(2027, 3, 10, 23, 59), 6, at(2027, 3, 4, 0)],
    ['across a month end', at(2027, 3, 2, 8), 7, at(2027, 2, 23, 0)],
    ['across a year end', at(2027, 1, 3, 8), 7, at(2026, 12, 27, 0)],
  ])('%s', (_what, ms, back, want) => {
    expect(localDayStart(ms, back)).toBe(want);
  });
});

type Rec = { key: string; value: number };
/** -1, 0 or 1: `a` against a bound, where a bound without a key sits before (or, `isHigh`, after) every key of its value. */
function cmpBound(a: Rec, b: Bound, isHigh: boolean): number {
  const bv = Number(b.value);
  if (a.value !== bv) return a.value < bv ? -1 : 1;
  if (b.key === undefined) return isHigh ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
/** What the database answers for `r` over `recs`: ordered by (value, key), the last `limit`. */
function answer(recs: readonly Rec[], r: PageRange): Rec[] {
  const sorted = [...recs].sort((a, b) => a.value - b.value || (a.key < b.key ? -1 : 1));
  const inside = sorted.filter((x) => {
    if (r.start !== undefined && cmpBound(x, r.start, false) < 0) return false;
    if (r.end !== undefined) {
      const c = cmpBound(x, r.end, r.isEndInclusive === true);
      if (r.isEndInclusive === true ? c > 0 : c >= 0) return false;
    }
    return true;
  });
  return r.limit === undefined ? inside : inside.slice(-r.limit);
}

describe('pages by days', () => {
  it.each([
    ['the newest 40 of the last 7 local days, open at the top', WEEK, at(2027, 3, 10, 15), { start: { value: day0(2027, 3, 4) }, limit: 40 }],
    ['30 days for Deleted and Expired', { kind: 'days', days: 30, size: 40 } as Paging, at(2027, 3, 31, 9), { start: { value: day0(2027, 3, 2) }, limit: 40 }],
  ])('first page: %s', (_what, paging, now, want) => {
    expect(firstPage(paging, now)).toEqual(want);
  });

  const first = firstPage(WEEK, at(2027, 3, 10, 15));
  it.each([
    ['the week before when something is in it', at(2027, 3, 1, 10), { start: { value: day0(2027, 2, 25) }, end: { value: day0(2027, 3, 4) }, limit: 40 }],
    ['the week before when the newest older record is its first day', at(2027, 2, 25, 0), { start: { value: day0(2027, 2, 25) }, end: { value: day0(2027, 3, 4) }, limit: 40 }],
    ['further back, to the week ending on the newest older record, across empty weeks', at(2027, 1, 24, 18), { start: { value: day0(2027, 1, 18) }, end: { value: day0(2027, 3, 4) }, limit: 40 }],
  ])('older page below a page that is not full: %s', (_what, probedAt, want) => {
    expect(olderPage(WEEK, first, { key: 'k', value: at(2027, 3, 9) }, 12, { key: 'x', value: probedAt })).toEqual(want);
  });

  it('a full page continues below its oldest record, over the same days, and is then pinned', () => {
    const oldest = { key: '-N7', value: at(2027, 3, 8, 11) };
    expect(probeRange(WEEK, first, oldest, 40)).toEqual({ end: { value: oldest.value, key: '-N7' }, limit: 1 });
    expect(olderPage(WEEK, first, oldest, 40, { key: '-N6', value: at(2027, 3, 8, 10) })).toEqual({ start: { value: day0(2027, 3, 4) }, end: { value: oldest.value, key: '-N7' }, limit: 40 });
    expect(pinnedFirst(WEEK, first, oldest)).toEqual({ start: { value: oldest.value, key: '-N7' } });
    expect(pinnedFirst(WEEK, first, null)).toEqual({ start: { value: day0(2027, 3, 4) } });
    expect(loadedSince(WEEK, first, oldest, 40)).toBe(oldest.value);
  });

  it('below a page that is not full, probes one record before its days', () => {
    expect(probeRange(WEEK, first, null, 0)).toEqual({ end: { value: day0(2027, 3, 4) }, limit: 1 });
    expect(probeRange(WEEK, first, { key: 'k', value: at(2027, 3, 9) }, 39)).toEqual({ end: { value: day0(2027, 3, 4) }, limit: 1 });
    expect(loadedSince(WEEK, first, { key: 'k', value: at(2027, 3, 9) }, 39)).toBe(day0(2027, 3, 4));
  });

  it('pages by days with no records cap follow each other with no gap and no overlap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at(2026, 1, 1), max: at(2028, 1, 1) }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 400 * DAY_MS }), { minLength: 1, maxLength: 30 }),
        (now, gaps, ages) => {
          const paging: Paging = { kind: 'days', days: 7, size: 1e9 };
          const pages = [firstPage(paging, now)];
          for (const g of gaps) {
            const oldest = pages[pages.length - 1] as PageRange;
            const below = Number(oldest.start?.value) - g * 3_600_000; // the probe finds something g hours below
            const next = olderPage(paging, oldest, null, 0, { key: 'p', value: below });
            expect(next.end).toEqual(oldest.start);
            expect(Number(next.start?.value)).toBeLessThanOrEqual(below);
            expect(Number(next.start?.value)).toBeLessThan(Number(next.end?.value));
            pages.push(next);
          }
          const floor = Number(pages[pages.length - 1]?.start?.value);
          for (const age of ages) {
            const t = now - age;
            const holding = pages.filter((p) => inRange(p, t)).length;
            expect(holding).toBe(t >= floor ? 1 : 0);
          }
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('paging to the end, with records arriving meanwhile, shows every record once (property)', () => {
    const now = at(2027, 3, 10, 15);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 * 24 }), { maxLength: 150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 5 }),
        (minutesBack, size, arrivals) => {
          const paging: Paging = { kind: 'days', days: 7, size };
          // Records every few hours over the last 60 days, several in the same millisecond (same value, keys apart).
          let recs: Rec[] = minutesBack.map((m, i) => ({ key: `k${String(i).padStart(4, '0')}`, value: now - Math.floor(m / 3) * 3 * 3_600_000 }));
          const pages: PageRange[] = [firstPage(paging, now)];
          const held = (r: PageRange): Rec[] => answer(recs, r);
          for (let step = 0; step < 400; step++) {
            const oldest = pages[pages.length - 1] as PageRange;
            const got = held(oldest);
            const first = got[0] ?? null;
            const probe = probeRange(paging, oldest, first, got.length);
            const found = probe === null ? [] : held(probe);
            if (found.length === 0) break;
            if (pages.length === 1) pages[0] = pinnedFirst(paging, oldest, first);
            pages.push(olderPage(paging, oldest, first, got.length, found[found.length - 1] as Rec));
            // New bills arrive at the top while the user pages down.
            if (step < arrivals) recs = [...recs, { key: `n${step}`, value: now + step + 1 }];
          }
          const shown = pages.flatMap((r) => held(r).map((x) => x.key));
          expect(new Set(shown).size).toBe(shown.length);
          expect([...shown].sort()).toEqual(recs.map((x) => x.key).sort());
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('pages by days up to a chosen day (the date filter)', () => {
  it('the first page is the days up to the chosen day, closed above it', () => {
    const until = day0(2027, 3, 11);
    expect(firstPage({ ...WEEK, until }, at(2027, 5, 1))).toEqual({ start: { value: day0(2027, 3, 4) }, end: { value: until }, limit: 40 });
  });

  it('the pinned first page keeps its end', () => {
    const until = day0(2027, 3, 11);
    const first = firstPage({ ...WEEK, until }, 0);
    expect(pinnedFirst({ ...WEEK, until }, first, { key: 'k1', value: at(2027, 3, 9) })).toEqual({ start: { value: at(2027, 3, 9), key: 'k1' }, end: { value: until } });
    expect(pinnedFirst({ ...WEEK, until }, first, null)).toEqual({ start: first.start, end: { value: until } });
  });

  it('paging to the end shows every record before the chosen day once, and none after it (property)', () => {
    const now = at(2027, 3, 10, 15);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 * 24 }), { maxLength: 150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 50 }),
        (minutesBack, size, daysBack) => {
          const until = localDayStart(now, daysBack);
          const paging: Paging = { kind: 'days', days: 7, size, until };
          const recs: Rec[] = minutesBack.map((m, i) => ({ key: `k${String(i).padStart(4, '0')}`, value: now - Math.floor(m / 3) * 3 * 3_600_000 }));
          const pages: PageRange[] = [firstPage(paging, now)];
          const held = (r: PageRange): Rec[] => answer(recs, r);
          for (let step = 0; step < 400; step++) {
            const oldest = pages[pages.length - 1] as PageRange;
            const got = held(oldest);
            const first = got[0] ?? null;
            const probe = probeRange(paging, oldest, first, got.length);
            const found = probe === null ? [] : held(probe);
            if (found.length === 0) break;
            if (pages.length === 1) pages[0] = pinnedFirst(paging, oldest, first);
            pages.push(olderPage(paging, oldest, first, got.length, found[found.length - 1] as Rec));
          }
          const shown = pages.flatMap((r) => held(r).map((x) => x.key));
          expect(new Set(shown).size).toBe(shown.length);
          expect([...shown].sort()).toEqual(recs.filter((x) => x.value < until).map((x) => x.key).sort());
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('pages by value (one party), older ones by key', () => {
  const first = firstPage(PARTY_PAGES, 0);
  const oldest = { key: '-N050', value: 'party-1' };
  it.each([
    ['first page: the newest 50 equal to the party', first, { start: { value: 'party-1' }, end: { value: 'party-1' }, isEndInclusive: true, limit: 50 }],
    ['probe below a full page: one record before its oldest key', probeRange(PARTY_PAGES, first, oldest, 50), { start: { value: 'party-1' }, end: { value: 'party-1', key: '-N050' }, limit: 1 }],
    ['probe below a page that is not full: nothing older', probeRange(PARTY_PAGES, first, oldest, 49), null],
    ['probe below an empty page: nothing older', probeRange(PARTY_PAGES, first, null, 0), null],
    ['the next 50 below the oldest key', olderPage(PARTY_PAGES, first, oldest, 50, { key: '-N049', value: 'party-1' }), { start: { value: 'party-1' }, end: { value: 'party-1', key: '-N050' }, limit: 50 }],
    ['the newest page pinned at its oldest key once older pages hang below it', pinnedFirst(PARTY_PAGES, first, oldest), { start: { value: 'party-1', key: '-N050' }, end: { value: 'party-1' }, isEndInclusive: true }],
    [
      'a pinned page stays as it is',
      pinnedFirst(PARTY_PAGES, { start: { value: 'party-1', key: '-N050' }, end: { value: 'party-1' }, isEndInclusive: true }, { key: '-N060', value: 'party-1' }),
      { start: { value: 'party-1', key: '-N050' }, end: { value: 'party-1' }, isEndInclusive: true },
    ],
  ])('%s', (_what, got, want) => {
    expect(got).toEqual(want);
  });

  it('has no loaded-since day', () => {
    expect(loadedSince(PARTY_PAGES, first, oldest, 50)).toBeNull();
  });
});

describe('merging pages', () => {
  const ready = (entries: [string, number][], invalid: string[] = []): PageContent<number> => ({ state: 'ready', items: new Map(entries), invalid: invalid.map((key) => ({ key, problem: 'bad' })) });
  const loading: PageContent<number> = { state: 'loading' };
  const denied: PageContent<number> = { state: 'denied' };
  it.each([
    ['no pages: loading', [], { state: 'loading' }],
    ['the newest page still loading: loading', [loading, ready([['a', 1]])], { state: 'loading' }],
    ['any page refused: denied', [ready([['a', 1]]), denied], { state: 'denied' }],
    ['every record of the pages that arrived; an older page loading adds nothing yet', [ready([['a', 1]], ['x']), loading], { state: 'ready', items: new Map([['a', 1]]), invalid: [{ key: 'x', problem: 'bad' }] }],
    [
      'all pages together, with what could not be read',
      [ready([['a', 1], ['b', 2]]), ready([['c', 3]], ['y'])],
      { state: 'ready', items: new Map([['a', 1], ['b', 2], ['c', 3]]), invalid: [{ key: 'y', problem: 'bad' }] },
    ],
  ])('%s', (_what, pages, want) => {
    expect(mergePages(pages as PageContent<number>[])).toEqual(want);
  });
});

describe('candidates of the housekeeping job', () => {
  const T0 = at(2027, 6, 1, 9);
  it('purge: deletedAt at or before clock - retention, exactly the due ones', () => {
    const deleted = { due: { deletedAt: T0 - 30 * DAY_MS }, justNot: { deletedAt: T0 - 30 * DAY_MS + 1 }, old: { deletedAt: T0 - 90 * DAY_MS } };
    const max = purgeCandidateMax(T0, 30);
    expect(Object.keys(deleted).filter((k) => (deleted[k as keyof typeof deleted].deletedAt <= max))).toEqual(dueForPurge(deleted, T0, 30));
  });

  it('expiry: a deleted order reverted soon after it was placed is due before createdAt + afterDays, found by expiresAt only', () => {
    const lines = [L(P1, 'BLACK', 'T1', 2)];
    const base = { number: 'K1', partyId: PARTY, partyName: 'Retail Partner A', note: '', source: 'staff' as const, createdAt: T0 - 15 * DAY_MS, createdBy: STAFF, lines, ordered: lines };
    const deleted: DeletedRecord = { ...base, reason: 'Party cancelled', deletedAt: T0 - 14 * DAY_MS, deletedBy: STAFF, from: 'pending' };
    const reverted = revertOrder({ id: ORDER, rev: 2, deleted }, 'deleted', T0 - 12 * DAY_MS, DEFAULT_EXPIRY, ctxAt(T0 - 12 * DAY_MS));
    const expiresAt = reverted.patch[`orders/${ORDER}/expiresAt`] ?? (reverted.patch[`orders/${ORDER}`] as { expiresAt?: number } | undefined)?.expiresAt;
    expect(expiresAt).toBe(T0 - 2 * DAY_MS); // the revert's time + 10 grace days
    const record: PendingRecord = { ...base, expiresAt: expiresAt as number };
    expect(record.expiresAt).toBeLessThan(record.createdAt + DEFAULT_EXPIRY.afterDays * DAY_MS);
    expect(dueForExpiry({ [ORDER]: record }, T0, DEFAULT_EXPIRY)).toEqual([ORDER]);
    const b = expiryCandidateBounds(T0, DEFAULT_EXPIRY.afterDays);
    expect(record.createdAt <= b.createdAtMax).toBe(false); // the createdAt query alone would miss it
    expect((record.expiresAt ?? Infinity) <= b.expiresAtMax).toBe(true);
  });

  it('expiry: every pending order due by the horizon is in one of the two candidate sets (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: T0 - 400 * DAY_MS, max: T0 }),
        fc.option(fc.integer({ min: T0 - 400 * DAY_MS, max: T0 + 400 * DAY_MS }), { nil: undefined }),
        fc.integer({ min: 1, max: 365 }),
        fc.integer({ min: -20 * DAY_MS, max: 20 * DAY_MS }),
        (createdAt, expiresAt, afterDays, shift) => {
          const horizon = T0 + shift;
          const r = expiresAt === undefined ? { createdAt } : { createdAt, expiresAt };
          const b = expiryCandidateBounds(horizon, afterDays);
          const isCandidate = createdAt <= b.createdAtMax || (expiresAt !== undefined && expiresAt <= b.expiresAtMax);
          if (expiryDeadline(r, afterDays) <= horizon) expect(isCandidate).toBe(true);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

describe('the date filter: local midnight after the chosen day', () => {
  it.each([
    ['a day', '2027-03-10', day0(2027, 3, 11)],
    ['the last day of a year', '2026-12-31', day0(2027, 1, 1)],
    ['a leap day', '2028-02-29', day0(2028, 3, 1)],
    ['empty (no filter)', '', null],
    ['not a date', '2027-02-30', null],
    ['not in the input format', '10/03/2027', null],
  ])('%s', (_what, value, want) => {
    expect(untilAfterDay(value)).toBe(want);
  });
});
