import { describe, expect, it } from 'vitest';
import type { Line, PartyId, ProductId, RetailerOrder, RetailerOrderStatus, Uid } from '../../../src/domain/types.ts';
import { newestFirst, piecesOf, statusText, statusTone } from '../../../src/retailer/screens/home/orderStatus.ts';

const line = (qty: number): Line => ({ productId: 'P1' as ProductId, color: 'RED', size: 'M', qty });
const order = (createdAt: number, status: RetailerOrderStatus = 'submitted'): RetailerOrder => ({
  retailerUid: 'r1' as Uid,
  partyId: 'p1' as PartyId,
  note: '',
  lines: [line(1)],
  createdAt,
  status,
});

describe('statusText', () => {
  it.each<[RetailerOrderStatus, string | undefined, string]>([
    ['submitted', undefined, 'Waiting for approval'],
    ['rejected', undefined, 'Rejected'],
    ['approved', 'K12', 'Approved as K12'],
    ['inBilling', 'K12', 'Being billed (K12)'],
    ['partlySent', 'K12', 'Partly sent (K12)'],
    ['sent', 'K12', 'Sent (K12)'],
    ['cancelled', 'K12', 'Cancelled (K12)'],
    ['expired', 'K12', 'Expired (K12)'],
    ['approved', undefined, 'Approved'],
  ])('%s with number %s → %s', (status, orderNumber, text) => {
    expect(statusText(orderNumber === undefined ? { status } : { status, orderNumber })).toBe(text);
  });
});

describe('statusTone', () => {
  it.each<[RetailerOrderStatus, string]>([
    ['submitted', 'waiting'],
    ['approved', 'good'],
    ['inBilling', 'good'],
    ['partlySent', 'good'],
    ['sent', 'good'],
    ['rejected', 'bad'],
    ['cancelled', 'bad'],
    ['expired', 'bad'],
  ])('%s → %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });
});

describe('newestFirst and piecesOf', () => {
  it('lists the newest order first, ties by id (descending)', () => {
    const items = new Map([
      ['a', order(100)],
      ['c', order(300, 'rejected')],
      ['b', order(300, 'approved')],
    ]);
    expect(newestFirst(items).map((o) => o.id)).toEqual(['c', 'b', 'a']);
  });

  it('counts pieces', () => {
    expect(piecesOf({ lines: [line(1)] })).toBe('1 piece');
    expect(piecesOf({ lines: [line(2), line(5)] })).toBe('7 pieces');
  });
});
