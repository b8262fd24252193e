/**
 * The colour × size quantity matrix of one product, as plain values: what a cell holds, the row,
 * column and grand totals, the cart lines it makes and where an arrow key moves. Pure; the
 * shared `MatrixGrid` component (src/ui) and both apps' order screens build on it.
 */
import type { Line, ProductId } from './types.ts';

/** A value per colour code and size: quantities typed, or stock on hand. A missing cell is absent (0 for quantities). */
export type Cells = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What the matrix needs of a product: its name, optional human code, sizes (columns) and colours (rows). */
export type MatrixProduct = {
  name: string;
  code?: string;
  sizes: readonly string[];
  colors: readonly { code: string; name: string; swatch: string }[];
};

/** The totals of a matrix, counted over the product's current colours and sizes only. */
export type MatrixTotals = { rows: Record<string, number>; cols: Record<string, number>; total: number };

/** An empty matrix. */
export const NO_CELLS: Cells = Object.freeze({});

/** The value of one cell, or null when the cell is absent (no stock record, for instance). */
export function cellOrNull(cells: Cells, color: string, size: string): number | null {
  const v = cells[color]?.[size];
  return v === undefined ? null : v;
}

/** The quantity of one cell (0 when absent). */
export const qtyAt = (cells: Cells, color: string, size: string): number => cells[color]?.[size] ?? 0;

/** `cells` with one cell set to `qty` (a new object; 0 removes the cell, and an empty colour with it). */
export function withQty(cells: Cells, color: string, size: string, qty: number): Cells {
  const row: Record<string, number> = { ...cells[color] };
  if (qty > 0) row[size] = qty;
  else delete row[size];
  const out: Record<string, Readonly<Record<string, number>>> = { ...cells };
  if (Object.keys(row).length === 0) delete out[color];
  else out[color] = row;
  return out;
}

/** Row (per colour), column (per size) and grand totals of `cells` over the product's colours and sizes. */
export function matrixTotals(cells: Cells, product: Pick<MatrixProduct, 'sizes' | 'colors'>): MatrixTotals {
  const rows: Record<string, number> = {};
  const cols: Record<string, number> = Object.fromEntries(product.sizes.map((s) => [s, 0]));
  let total = 0;
  for (const { code } of product.colors) {
    let row = 0;
    for (const size of product.sizes) {
      const q = qtyAt(cells, code, size);
      row += q;
      cols[size] = (cols[size] ?? 0) + q;
    }
    rows[code] = row;
    total += row;
  }
  return { rows, cols, total };
}

/** The cart lines of a matrix: one per colour and size above 0, in the product's colour and size order. */
export function matrixLines(productId: ProductId, cells: Cells, product: Pick<MatrixProduct, 'sizes' | 'colors'>): Line[] {
  const out: Line[] = [];
  for (const { code } of product.colors) {
    for (const size of product.sizes) {
      const qty = qtyAt(cells, code, size);
      if (qty > 0) out.push({ productId, color: code, size, qty });
    }
  }
  return out;
}

/** A cell's place: row (colour index) and column (size index). */
export type CellAt = { row: number; col: number };

const MOVES: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };

/** Where an arrow key moves from `at` in a rows × cols matrix: null for other keys and at the edges (no wrapping). */
export function moveCell(at: CellAt, key: string, rows: number, cols: number): CellAt | null {
  const move = MOVES[key];
  if (move === undefined) return null;
  const next = { row: at.row + move[0], col: at.col + move[1] };
  return next.row >= 0 && next.row < rows && next.col >= 0 && next.col < cols ? next : null;
}
