import { describe, expect, it } from 'vitest';
import { PURCHASE_ORDER_HEADER, PURCHASE_ORDER_INSTRUCTIONS, PURCHASE_ORDER_MACRO, purchaseOrderFileName, purchaseOrderRows } from '../../../src/domain/purchaseOrderSheet.ts';
import type { ProductId } from '../../../src/domain/types.ts';
import { catalog, L, P1, P2 } from './support/fixtures.ts';

const nameOf = (id: ProductId) => catalog[id]?.name ?? id;

describe('purchase-order sheet', () => {
  const rows = purchaseOrderRows([L(P1, 'BLACK', 'T2', 3), L(P2, 'GR.W', 'L/XL', 120), L('gone' as ProductId, 'RED', 'S', 1)], nameOf);

  it('has the header, then one row per line, then a blank row', () => {
    expect(rows.slice(0, 5)).toEqual([
      ['Item Name', 'Color', 'Size', 'Quantity'],
      ['Classic Brief', 'BLACK', 'T2', 3],
      ['Sports Vest', 'GR.W', 'L/XL', 120],
      ['gone', 'RED', 'S', 1],
      [],
    ]);
    expect(PURCHASE_ORDER_HEADER).toEqual(rows[0]);
  });

  it('ends with the instructions, "CODE:" and the macro in one cell', () => {
    expect(rows.slice(5)).toEqual([...PURCHASE_ORDER_INSTRUCTIONS.map((t) => [t]), ['CODE:'], [PURCHASE_ORDER_MACRO]]);
  });

  it('states no fixed paste row: the instructions and the macro agree on asking for it', () => {
    const text = [...PURCHASE_ORDER_INSTRUCTIONS, PURCHASE_ORDER_MACRO].join('\n');
    // The original's bug: "A5838" in the instructions, 4352 in the macro.
    expect(text).not.toMatch(/\b(5838|4351|4352)\b/);
    expect(PURCHASE_ORDER_MACRO).toContain('Application.InputBox');
    expect(PURCHASE_ORDER_INSTRUCTIONS.join(' ')).toContain('Note that row number');
    // The columns named in the instructions are the ones the macro uses.
    for (const col of ['"D"', '"F"', '"K"', '"O"']) expect(PURCHASE_ORDER_MACRO).toContain(col);
    expect(PURCHASE_ORDER_INSTRUCTIONS[1]).toMatch(/column D.*F.*K.*column O/);
    expect(PURCHASE_ORDER_MACRO.match(/^Sub FillPurchaseOrder\(\)$/m)).not.toBeNull();
    expect(PURCHASE_ORDER_MACRO.trim().endsWith('End Sub')).toBe(true);
  });

  it('leaves out lines without quantity and names the file after the order number', () => {
    expect(purchaseOrderRows([L(P1, 'BLACK', 'T2', 0)], nameOf)[1]).toEqual([]);
    expect(purchaseOrderFileName('K12')).toBe('purchase_order_K12.xlsx');
  });
});
