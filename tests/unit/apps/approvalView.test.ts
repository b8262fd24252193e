import { describe, expect, it } from 'vitest';
import type { Line, Product, ProductId, RetailerOrder, Uid, PartyId } from '../../../src/domain/types.ts';
import { summaryRows } from '../../../src/domain/pending.ts';
import { piecesText, stockLines, waitedText, waitingOrders } from '../../../src/distributor/screens/approvals/approvalView.ts';

const MIN = 60_000;
const line = (productId: string, color: string, size: string, qty: number): Line => ({ productId: productId as ProductId, color, size, qty });
const order = (createdAt: number, status: RetailerOrder['status'] = 'submitted', lines: Line[] = [line('P1', 'RED', 'M', 1)]): RetailerOrder => ({
  retailerUid: 'r1' as Uid,
  partyId: 'p1' as PartyId,
  note: '',
  lines,
  createdAt,
  status,
});

describe('waitedText', () => {
  it.each([
    [0, 'just now'],
    [59_999, 'just now'],
    [MIN, '1 min ago'],
    [59 * MIN, '59 min ago'],
    [60 * MIN, '1 h ago'],
    [23 * 60 * MIN + 59 * MIN, '23 h ago'],
    [24 * 60 * MIN, '1 day ago'],
    [47 * 60 * MIN, '1 day ago'],
    [48 * 60 * MIN, '2 days ago'],
    [-5 * MIN, 'just now'], // a device clock behind the server's never shows a negative age
  ])('%i ms after → %s', (elapsed, text) => {
    expect(waitedText(1_700_000_000_000, 1_700_000_000_000 + elapsed)).toBe(text);
  });
});

describe('waitingOrders', () => {
  it('keeps submitted orders only, oldest first, ties by id', () => {
    const items = new Map<string, RetailerOrder>([
      ['b', order(200)],
      ['a', order(200)],
      ['old', order(100)],
      ['done', order(50, 'approved')],
      ['no', order(10, 'rejected')],
    ]);
    expect(waitingOrders(items).map((w) => w.id)).toEqual(['old', 'a', 'b']);
    expect(waitingOrders(new Map())).toEqual([]);
  });
});

describe('summaryRows', () => {
  const products = new Map<string, Pick<Product, 'name' | 'colors'>>([
    ['P1', { name: 'Cotton Tee', colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }] }],
  ]);

  it('groups by product × colour in the given order, sizes as "S/2, M/3", with catalogue names', () => {
    const lines = [line('P1', 'RED', 'M', 3), line('P2', 'BLK', '32B', 4), line('P1', 'RED', 'L', 2), line('P1', 'NVY', 'S', 1)];
    expect(summaryRows(lines, products)).toEqual([
      { key: 'P1~RED', item: 'Cotton Tee', colour: 'Red (RED)', sizes: 'M/3, L/2', qty: 5 },
      // Unknown product or colour: never dropped; the colour by its code, the product never by its id.
      { key: 'P2~BLK', item: 'Unknown product', colour: 'BLK', sizes: '32B/4', qty: 4 },
      { key: 'P1~NVY', item: 'Cotton Tee', colour: 'NVY', sizes: 'S/1', qty: 1 },
    ]);
  });

  it('keeps text as given (markup is escaped by Preact when shown)', () => {
    const named = new Map([['P<b>', { name: '<img src=x onerror=alert(1)>', colors: [] }]]);
    expect(summaryRows([line('P<b>', '<i>', 'M', 1)], named)).toEqual([{ key: 'P<b>~<i>', item: '<img src=x onerror=alert(1)>', colour: '<i>', sizes: 'M/1', qty: 1 }]);
  });
});

describe('piecesText', () => {
  it.each([
    [[line('P1', 'RED', 'M', 1)], '1 piece'],
    [[line('P1', 'RED', 'M', 3), line('P1', 'RED', 'L', 2)], '5 pieces'],
    [[], '0 pieces'],
  ])('%j → %s', (lines, text) => {
    expect(piecesText(lines)).toBe(text);
  });
});

describe('stockLines', () => {
  const products = new Map<string, Pick<Product, 'name' | 'code' | 'colors'>>([['P1', { name: 'Tee', code: 'T-1', colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }] }]]);
  const lines = [line('P1', 'RED', 'M', 5), line('P1', 'RED', 'L', 2), line('GONE', 'BLU', 'S', 1)];

  it('puts each line against its stock record: available, and short by what the stock does not cover', () => {
    const stock = new Map([
      ['P1~RED~M', { qty: 3 }],
      ['P1~RED~L', { qty: 9 }],
    ]);
    expect(stockLines(lines, products, stock).map((r) => [r.item, r.colour, r.size, r.qty, r.available, r.short])).toEqual([
      ['Tee · T-1', 'Red (RED)', 'M', 5, 3, 2],
      ['Tee · T-1', 'Red (RED)', 'L', 2, 9, 0],
      // No stock record: none available; an unknown product is named as such, its colour by code.
      [expect.any(String), 'BLU', 'S', 1, 0, 1],
    ]);
  });

  it('shows no shortage while the stock is loading', () => {
    expect(stockLines(lines, products, null).map((r) => [r.available, r.short])).toEqual([
      [null, 0],
      [null, 0],
      [null, 0],
    ]);
  });
});
