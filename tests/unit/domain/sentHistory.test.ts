import { describe, expect, it } from 'vitest';
import { combinedStatus, groupByDay, matchesSearch, mergeSent, nextDelivery, orderNumberQuery, recordsToChange, searchCards } from '../../../src/domain/sentHistory.ts';
import type { DeliveryStatus, Line, OrderId, PartyId, SentRecord, Uid } from '../../../src/domain/types.ts';
import { catalog, L, P1, P2 } from './support/fixtures.ts';

// Local noon of a given day, so the tests do not depend on the machine's time zone.
const at = (y: number, m: number, d: number, h = 12, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

function sent(orderId: string, billedAt: number, lines: Line[], extra: Partial<SentRecord> = {}): SentRecord {
  return {
    number: `K${orderId.replace(/\D/g, '') || '1'}`,
    partyId: 'party-1' as PartyId,
    partyName: 'Retail Partner A',
    note: '',
    source: 'staff',
    createdAt: at(2025, 3, 1),
    createdBy: 'staff-1' as Uid,
    lines,
    ordered: lines,
    orderId: orderId as OrderId,
    billedAt,
    billedBy: 'staff-1' as Uid,
    remarks: '',
    deliveryStatus: 'undelivered',
    ...extra,
  };
}

const names = { productName: (id: string) => catalog[id]?.name, colorName: (id: string, code: string) => catalog[id]?.colors.find((c) => c.code === code)?.name };

describe('mergeSent', () => {
  it('merges records of one order, party and local day; sums equal lines; keeps every sent id', () => {
    const cards = mergeSent([
      ['s1', sent('o1', at(2025, 3, 10, 9), [L(P1, 'BLACK', 'T1', 2), L(P1, 'SKIN', 'T2', 1)], { remarks: 'urgent' })],
      ['s2', sent('o1', at(2025, 3, 10, 18), [L(P1, 'BLACK', 'T1', 3)], { billedBy: 'staff-2' as Uid, remarks: 'urgent' })],
      ['s3', sent('o1', at(2025, 3, 11, 9), [L(P1, 'BLACK', 'T1', 1)])],
      ['s4', sent('o2', at(2025, 3, 10, 10), [L(P2, 'GR.W', 'S', 4)])],
    ]);
    expect(cards.map((c) => [c.number, c.day, c.sentIds])).toEqual([
      ['K1', '2025-03-11', ['s3']],
      ['K1', '2025-03-10', ['s1', 's2']],
      ['K2', '2025-03-10', ['s4']],
    ]);
    const merged = cards[1];
    expect(merged?.lines).toEqual([L(P1, 'BLACK', 'T1', 5), L(P1, 'SKIN', 'T2', 1)]);
    expect(merged?.total).toBe(6);
    expect(merged?.billDates).toEqual([at(2025, 3, 10, 9), at(2025, 3, 10, 18)]);
    expect(merged?.billedBy).toEqual(['staff-1', 'staff-2']);
    expect(merged?.remarks).toEqual(['urgent']);
  });

  it('splits a day at local midnight, not at UTC midnight', () => {
    const cards = mergeSent([
      ['a', sent('o1', at(2025, 3, 10, 23, 59), [L(P1, 'BLACK', 'T1', 1)])],
      ['b', sent('o1', at(2025, 3, 11, 0, 1), [L(P1, 'BLACK', 'T1', 1)])],
    ]);
    expect(cards.map((c) => c.day)).toEqual(['2025-03-11', '2025-03-10']);
  });

  it('combines delivery statuses: all delivered, none, or mixed', () => {
    const d: DeliveryStatus = 'delivered';
    const cards = mergeSent([
      ['a', sent('o1', at(2025, 3, 10, 9), [L(P1, 'BLACK', 'T1', 1)], { deliveryStatus: d })],
      ['b', sent('o1', at(2025, 3, 10, 10), [L(P1, 'BLACK', 'T1', 1)])],
    ]);
    expect(cards[0]?.deliveryStatus).toBe('mixed');
    expect(combinedStatus(['delivered', 'delivered'])).toBe('delivered');
    expect(combinedStatus(['undelivered'])).toBe('undelivered');
    // A mixed card's button marks everything delivered, and changes only the records that differ (bug 26).
    const card = cards[0];
    if (card === undefined) throw new Error('no card');
    expect(nextDelivery(card)).toBe('delivered');
    expect(recordsToChange(card, 'delivered')).toEqual(['b']);
    expect(recordsToChange(card, 'undelivered')).toEqual(['a']);
    expect(nextDelivery({ deliveryStatus: 'delivered' })).toBe('undelivered');
  });
});

describe('filters', () => {
  const cards = mergeSent([
    ['a', sent('o1', at(2025, 3, 1), [L(P1, 'BLACK', 'T1', 1)])],
    ['b', sent('o2', at(2025, 3, 15), [L(P2, 'GR.W', 'M', 1)], { partyName: 'Shree Ganesh Stores' })],
    ['c', sent('o3', at(2025, 3, 31), [L(P1, 'SKIN', 'T3', 1)])],
  ]);

  it('an empty search keeps every card, newest first', () => {
    expect(searchCards(cards, '', names).map((c) => c.number)).toEqual(['K3', 'K2', 'K1']);
    expect(searchCards(cards, '   ', names)).toHaveLength(3);
  });

  it.each([
    ['k2', ['K2']],
    ['ganesh', ['K2']],
    ['sports vest', ['K2']],
    ['classic', ['K3', 'K1']],
    ['skin', ['K3']],
    ['grey/white', ['K2']],
    ['partner skin', ['K3']],
    ['nothing-like-this', []],
  ])('search %s', (q, want) => {
    expect(searchCards(cards, q, names).map((c) => c.number)).toEqual(want);
  });

  it('matches without names too (product id and colour code)', () => {
    expect(matchesSearch({ number: 'K9', partyName: 'X', lines: [L(P1, 'BLACK', 'T1', 1)] }, 'p1 black', { productName: () => undefined })).toBe(true);
  });

  it('groups by day, newest first', () => {
    expect(groupByDay(cards).map((g) => g.day)).toEqual(['2025-03-31', '2025-03-15', '2025-03-01']);
  });
});

describe('an order number typed in a search (read from the database over all records)', () => {
  it.each([
    ['K1234', 'K1234'],
    ['k1234', 'K1234'],
    [' K 77 ', 'K77'],
    ['1234', 'K1234'],
    ['K0123', null], // numbers have no leading zeros
    ['K', null],
    ['ravi', null],
    ['K12 ravi', null],
    ['', null],
  ])('%j → %j', (query, want) => {
    expect(orderNumberQuery(query)).toBe(want);
  });
});
