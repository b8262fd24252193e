/**
 * The quantity grid of one product as fine-grained signals: one signal per cell and computed
 * row, column and grid totals. A keystroke sets one cell, and only the text nodes bound to that
 * cell and its totals update (no component re-renders), which keeps a keystroke well under a
 * frame even with a long cart on screen.
 */
import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { gridLines } from '../../../domain/cart.ts';
import type { Line, Product, ProductId } from '../../../domain/types.ts';

/** The grid of one product; colours can be added to `product` later without losing cells. */
export type Grid = {
  productId: ProductId;
  /** The live catalogue record: a colour added later joins the grid, typed cells stay. */
  product: ReadonlySignal<Product>;
  cell: (color: string, size: string) => Signal<number>;
  rowTotal: (color: string) => ReadonlySignal<number>;
  colTotal: (size: string) => ReadonlySignal<number>;
  total: ReadonlySignal<number>;
  /** Whether a colour tile shows its size inputs; a closed tile keeps its cells and totals. */
  isOpen: (color: string) => Signal<boolean>;
  lines: () => Line[];
  clear: () => void;
};

/** A new empty grid for the product `product` follows; tiles start open unless `openByDefault` is false. */
export function createGrid(productId: ProductId, product: ReadonlySignal<Product>, openByDefault = true): Grid {
  const cells = new Map<string, Map<string, Signal<number>>>();
  const cell = (color: string, size: string): Signal<number> => {
    let row = cells.get(color);
    if (row === undefined) cells.set(color, (row = new Map()));
    let c = row.get(size);
    if (c === undefined) row.set(size, (c = signal(0)));
    return c;
  };
  const rows = new Map<string, ReadonlySignal<number>>();
  const cols = new Map<string, ReadonlySignal<number>>();
  const rowTotal = (color: string): ReadonlySignal<number> => {
    let r = rows.get(color);
    if (r === undefined) rows.set(color, (r = computed(() => product.value.sizes.reduce((n, s) => n + cell(color, s).value, 0))));
    return r;
  };
  const colTotal = (size: string): ReadonlySignal<number> => {
    let c = cols.get(size);
    if (c === undefined) cols.set(size, (c = computed(() => product.value.colors.reduce((n, col) => n + cell(col.code, size).value, 0))));
    return c;
  };
  const total = computed(() => product.value.colors.reduce((n, col) => n + rowTotal(col.code).value, 0));
  const lines = (): Line[] => {
    const qty = new Map<string, Map<string, number>>();
    for (const col of product.peek().colors) qty.set(col.code, new Map(product.peek().sizes.map((s) => [s, cell(col.code, s).peek()])));
    return gridLines(productId, qty);
  };
  const open = new Map<string, Signal<boolean>>();
  const isOpen = (color: string): Signal<boolean> => {
    let o = open.get(color);
    if (o === undefined) open.set(color, (o = signal(openByDefault)));
    return o;
  };
  const clear = (): void => batch(() => cells.forEach((row) => row.forEach((c) => (c.value = 0))));
  return { productId, product, cell, rowTotal, colTotal, total, isOpen, lines, clear };
}
