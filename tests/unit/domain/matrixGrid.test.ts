import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOrNull, matrixLines, matrixTotals, moveCell, NO_CELLS, qtyAt, withQty, type Cells } from '../../../src/domain/matrixGrid.ts';
import type { ProductId } from '../../../src/domain/types.ts';

const P = 'P-1' as ProductId;
const product = {
  name: 'Classic Brief',
  sizes: ['S', 'M', 'L'],
  colors: [
    { code: 'BLK', name: 'Black', swatch: '#000000' },
    { code: 'RED', name: 'Red', swatch: '#ff0000' },
  ],
};

describe('matrix grid maths', () => {
  it('counts row, column and grand totals over the product’s colours and sizes only', () => {
    const cells: Cells = { BLK: { S: 2, M: 3 }, RED: { M: 1, L: 4, XXL: 9 }, OLD: { S: 5 } };
    expect(matrixTotals(cells, product)).toEqual({ rows: { BLK: 5, RED: 5 }, cols: { S: 2, M: 4, L: 4 }, total: 10 });
  });

  it('gives zero totals for an empty matrix, and a zero column for a size nobody typed', () => {
    expect(matrixTotals(NO_CELLS, product)).toEqual({ rows: { BLK: 0, RED: 0 }, cols: { S: 0, M: 0, L: 0 }, total: 0 });
    expect(matrixTotals(NO_CELLS, { sizes: [], colors: [] })).toEqual({ rows: {}, cols: {}, total: 0 });
  });

  it('sets one cell without touching the old matrix; 0 removes the cell and an emptied colour', () => {
    const a = withQty(NO_CELLS, 'BLK', 'S', 2);
    const b = withQty(a, 'BLK', 'M', 3);
    expect(a).toEqual({ BLK: { S: 2 } });
    expect(b).toEqual({ BLK: { S: 2, M: 3 } });
    expect(withQty(b, 'BLK', 'S', 0)).toEqual({ BLK: { M: 3 } });
    expect(withQty(withQty(b, 'BLK', 'S', 0), 'BLK', 'M', 0)).toEqual({});
    expect(qtyAt(b, 'RED', 'S')).toBe(0);
    expect(cellOrNull(b, 'BLK', 'M')).toBe(3);
    expect(cellOrNull(b, 'BLK', 'L')).toBeNull();
    expect(cellOrNull({ RED: { S: 0 } }, 'RED', 'S')).toBe(0);
  });

  it('makes cart lines in colour then size order, quantities above 0 only', () => {
    const cells: Cells = { RED: { L: 4, S: 1 }, BLK: { M: 3, S: 0 }, OLD: { S: 5 } };
    expect(matrixLines(P, cells, product)).toEqual([
      { productId: P, color: 'BLK', size: 'M', qty: 3 },
      { productId: P, color: 'RED', size: 'S', qty: 1 },
      { productId: P, color: 'RED', size: 'L', qty: 4 },
    ]);
    expect(matrixLines(P, NO_CELLS, product)).toEqual([]);
  });

  it.each([
    ['ArrowRight', { row: 0, col: 0 }, { row: 0, col: 1 }],
    ['ArrowLeft', { row: 1, col: 2 }, { row: 1, col: 1 }],
    ['ArrowDown', { row: 0, col: 2 }, { row: 1, col: 2 }],
    ['ArrowUp', { row: 1, col: 0 }, { row: 0, col: 0 }],
    ['ArrowLeft', { row: 0, col: 0 }, null],
    ['ArrowRight', { row: 0, col: 2 }, null],
    ['ArrowUp', { row: 0, col: 1 }, null],
    ['ArrowDown', { row: 1, col: 1 }, null],
    ['Tab', { row: 0, col: 0 }, null],
  ])('moves %s from %o to %o in a 2 × 3 matrix', (key, from, to) => {
    expect(moveCell(from, key, 2, 3)).toEqual(to);
  });

  it('always has a grand total equal to the sum of the rows and to the sum of the columns, and to the lines', () => {
    const code = fc.constantFrom('BLK', 'RED', 'OLD');
    const size = fc.constantFrom('S', 'M', 'L', 'XXL');
    fc.assert(
      fc.property(fc.array(fc.tuple(code, size, fc.nat(1000))), (edits) => {
        const cells = edits.reduce<Cells>((m, [c, s, q]) => withQty(m, c, s, q), NO_CELLS);
        const t = matrixTotals(cells, product);
        const sum = (o: Record<string, number>) => Object.values(o).reduce((n, x) => n + x, 0);
        expect(sum(t.rows)).toBe(t.total);
        expect(sum(t.cols)).toBe(t.total);
        expect(matrixLines(P, cells, product).reduce((n, l) => n + l.qty, 0)).toBe(t.total);
      }),
    );
  });
});
