import { describe, expect, it } from 'vitest';
import { documentRows, orderDocument, safeFileName, sizesText } from '../../../src/domain/orderDocument.ts';
import { catalog as catalogRecord, L, P1, P2 } from './support/fixtures.ts';
import type { ProductId } from '../../../src/domain/types.ts';

const catalog = new Map(Object.entries(catalogRecord));
const AT = Date.UTC(2025, 2, 12, 8, 35); // 12 Mar 2025, 14:05 in Asia/Kolkata

describe('documentRows', () => {
  it('groups lines by product and colour in first-seen order, sizes in catalogue order', () => {
    const rows = documentRows([L(P1, 'BLACK', 'T3', 1), L(P2, 'GR.W', 'M', 4), L(P1, 'BLACK', 'T1', 2), L(P1, 'SKIN', 'T2', 5), L(P1, 'BLACK', 'T3', 2)], catalog);
    expect(rows).toEqual([
      { item: 'Classic Brief', colour: 'BLACK Black', sizes: 'T1: 2, T3: 3', total: 5 },
      { item: 'Sports Vest', colour: 'GR.W Grey/White', sizes: 'M: 4', total: 4 },
      { item: 'Classic Brief', colour: 'SKIN Skin', sizes: 'T2: 5', total: 5 },
    ]);
  });

  it('names an unknown product "Unknown product" (never its id) and an unknown colour by its code; unknown sizes go last', () => {
    const rows = documentRows([L('gone' as ProductId, 'RED', 'XL', 1), L(P1, 'NEWC', 'Z9', 2), L(P1, 'NEWC', 'T1', 1)], catalog);
    expect(rows).toEqual([
      { item: 'Unknown product', colour: 'RED', sizes: 'XL: 1', total: 1 },
      { item: 'Classic Brief', colour: 'NEWC', sizes: 'T1: 1, Z9: 2', total: 3 },
    ]);
  });

  it('names a product with a code "Name · CODE" (the PDF item column)', () => {
    const coded = new Map([...catalog, [P1, { ...catalogRecord[P1]!, code: 'BRF-001' }]]);
    expect(documentRows([L(P1, 'BLACK', 'T1', 2)], coded).map((r) => r.item)).toEqual(['Classic Brief · BRF-001']);
  });

  it('drops zero quantities', () => {
    expect(documentRows([L(P1, 'BLACK', 'T1', 0)], catalog)).toEqual([]);
  });
});

describe('orderDocument', () => {
  it('carries the number, party, dates, creator, totals, notes and a safe file name', () => {
    const doc = orderDocument({
      lines: [L(P1, 'BLACK', 'T1', 2), L(P1, 'BLACK', 'T3', 1), L(P2, 'GR.W', 'S', 4)],
      catalog,
      party: { name: 'Retail Partner A', area: 'Panjim' },
      number: 'K12',
      dates: [{ label: 'Date', at: AT }],
      createdBy: 'Asha',
      notes: '  deliver by Friday  ',
      timeZone: 'Asia/Kolkata',
    });
    expect(doc.title).toBe('Order Summary - Retail Partner A');
    expect(doc.meta).toEqual([
      { label: 'Order no.', value: 'K12' },
      { label: 'Party', value: 'Retail Partner A - Panjim' },
      { label: 'Date', value: expect.stringMatching(/^12 Mar 2025, 14:05$/) as unknown as string },
      { label: 'Created by', value: 'Asha' },
    ]);
    expect(doc.columns.map((c) => c.title)).toEqual(['Item', 'Colour', 'Size/Qty', 'Total']);
    expect(doc.columns.reduce((n, c) => n + c.width, 0)).toBeCloseTo(1);
    expect(doc.rows.map((r) => r.sizes)).toEqual(['T1: 2, T3: 1', 'S: 4']);
    expect(doc.totalQty).toBe(7);
    expect(doc.notes).toBe('deliver by Friday');
    expect(doc.fileBase).toBe('K12_Retail_Partner_A_2025_03_12');
  });

  it('omits what is absent: no number, blank notes, no creator; custom title and extra meta', () => {
    const doc = orderDocument({
      title: 'Sent',
      lines: [],
      catalog,
      party: { name: '<img src=x onerror=alert(1)>' },
      notes: '   ',
      extraMeta: [{ label: 'Remarks', value: 'urgent' }],
      footer: 'D-OMS',
    });
    expect(doc.title).toBe('Sent - <img src=x onerror=alert(1)>');
    expect(doc.meta).toEqual([
      { label: 'Party', value: '<img src=x onerror=alert(1)>' },
      { label: 'Remarks', value: 'urgent' },
    ]);
    expect(doc.notes).toBeUndefined();
    expect(doc.footer).toBe('D-OMS');
    expect(doc.rows).toEqual([]);
    expect(doc.totalQty).toBe(0);
    expect(doc.fileBase).toBe('img_src_x_onerror_alert_1');
  });
});

describe('text helpers', () => {
  it.each([
    ['a b/c', 'a_b_c'],
    ['***', 'document'],
    ['Ünïcode Shop', 'n_code_Shop'],
  ])('safeFileName(%j) is %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('sizesText joins with the given separator', () => {
    expect(sizesText([['T1', 2], ['T3', 1]])).toBe('T1: 2, T3: 1');
    expect(sizesText([['T1', 2], ['T3', 1]], '/')).toBe('T1/2, T3/1');
  });
});
