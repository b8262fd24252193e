import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { cellOrNull, matrixTotals, moveCell, qtyAt, type CellAt, type Cells, type MatrixProduct } from '../domain/matrixGrid.ts';
import { swatchBackground, textColorFor } from '../domain/swatch.ts';
import { MatrixCell, type CellNote } from './MatrixCell.tsx';
import './MatrixGrid.css';

type Props = {
  product: MatrixProduct;
  /** Quantities typed, per colour code and size. */
  quantities: Cells;
  /** Stock on hand per colour code and size (a missing cell shows "no stock"); leave it out to show no stock at all. */
  stock?: Cells;
  onChange: (color: string, size: string, qty: number) => void;
  /** Enter in a cell: the screen adds the quantities to its cart. */
  onSubmit: () => void;
  /** Instead of `stock`: the availability text of each cell (the retailer portal). */
  noteOf?: (color: string, size: string) => CellNote;
  /** The most one cell takes (the portal: 100,000; the staff app: LIMITS.qty). */
  maxQty?: number;
  /** Extra buttons beside the heading (add a colour, colour information). */
  actions?: ComponentChildren;
  /** A new non-zero value (also at mount) moves focus to the first cell of the colour shown. */
  focusRequest?: number;
  testId?: string;
};

let measured = 0;
/** `grid-input`: from a keystroke's event time to the cell and its totals drawn (read by bench/app/gridKeystroke.ts). */
const measureInput = (start: number): void => {
  performance.measure('grid-input', { start, end: performance.now() });
  if (++measured % 2000 === 0) performance.clearMeasures('grid-input');
};

/**
 * The colour × size quantity matrix of one product: colours as rows, sizes as columns, stock
 * under each cell, row, column and grand totals. Arrows and Tab move between cells, digits type,
 * Enter submits. On phones (≤ 600 px) one colour shows at a time, picked from a row of colour
 * chips with their totals. Plain props and no data imports, so both apps use it as it is; key
 * it by product so the colour shown on phones starts at the first.
 */
export function MatrixGrid({ product, quantities, stock, noteOf, maxQty, onChange, onSubmit, actions, focusRequest = 0, testId = 'matrix-grid' }: Props) {
  const { sizes, colors } = product;
  const [chosen, setChosen] = useState(0);
  const current = Math.min(chosen, Math.max(0, colors.length - 1));
  const root = useRef<HTMLElement>(null);
  const pendingFocus = useRef<CellAt | null>(null);
  const pendingMeasure = useRef<number | null>(null);
  const totals = matrixTotals(quantities, product);

  const cellInput = (at: CellAt): HTMLInputElement | null => root.current?.querySelector<HTMLInputElement>(`[data-cell="${at.row}:${at.col}"]`) ?? null;
  // A cell of a colour not shown (phones) has no box: show that colour first, then focus.
  const focusCell = (at: CellAt): void => {
    const input = cellInput(at);
    if (input !== null && input.getClientRects().length > 0) return input.focus();
    pendingFocus.current = at;
    setChosen(at.row);
  };
  useLayoutEffect(() => {
    if (pendingMeasure.current !== null) measureInput(pendingMeasure.current);
    pendingMeasure.current = null;
    const at = pendingFocus.current;
    pendingFocus.current = null;
    if (at !== null) cellInput(at)?.focus();
  });
  useEffect(() => {
    if (focusRequest !== 0) focusCell({ row: current, col: 0 });
  }, [focusRequest]); // only a new request moves focus, not a change of colour or product

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLElement>) => {
    const at = (e.target as HTMLElement).dataset['cell'];
    if (at === undefined) return;
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      onSubmit();
      return;
    }
    const [row, col] = at.split(':').map(Number) as [number, number];
    const next = moveCell({ row, col }, e.key, colors.length, sizes.length);
    if (next === null) return;
    e.preventDefault();
    focusCell(next);
  };

  return (
    <section ref={root} class="matrix-grid" aria-label={`Quantities of ${product.name}`} data-testid={testId} onKeyDown={onKeyDown}>
      <div class="matrix-grid__head">
        <h2 class="matrix-grid__title">
          {product.name}
          {product.code !== undefined && product.code !== '' && <span class="matrix-grid__code"> {product.code}</span>}
        </h2>
        {actions}
      </div>
      <div class="matrix-grid__chips" role="group" aria-label="Colour shown">
        {colors.map((color, r) => (
          <button type="button" key={color.code} class="matrix-grid__chip" aria-pressed={r === current} data-testid={`chip-${color.code}`} onClick={() => setChosen(r)}>
            <span class="matrix-grid__dot" aria-hidden="true" style={{ background: swatchBackground(color.swatch) }} />
            <span class="matrix-grid__chip-code">{color.code}</span>
            <span class="matrix-grid__chip-total">{totals.rows[color.code] ?? 0}</span>
          </button>
        ))}
      </div>
      <div class="matrix-grid__scroll">
        <table class="matrix-grid__table">
          <thead>
            <tr>
              <th scope="col" class="matrix-grid__corner">Colour</th>
              {sizes.map((size) => (
                <th scope="col" key={size} class="matrix-grid__size">
                  {size}
                </th>
              ))}
              <th scope="col" class="matrix-grid__size">Total</th>
            </tr>
          </thead>
          <tbody>
            {colors.map((color, r) => (
              <tr key={color.code} class={r === current ? 'matrix-grid__row matrix-grid__row--current' : 'matrix-grid__row'} data-testid={`colour-${color.code}`}>
                <th scope="row" class="matrix-grid__colour" style={{ background: swatchBackground(color.swatch), color: textColorFor(color.swatch) }}>
                  {color.code}
                  {color.name !== color.code && <span class="matrix-grid__colour-name"> · {color.name}</span>}
                </th>
                {sizes.map((size, c) => (
                  <td key={size} class="matrix-grid__cell">
                    <MatrixCell
                      color={color.code}
                      size={size}
                      row={r}
                      col={c}
                      qty={qtyAt(quantities, color.code, size)}
                      stock={stock === undefined ? undefined : cellOrNull(stock, color.code, size)}
                      note={noteOf?.(color.code, size)}
                      {...(maxQty !== undefined && { maxQty })}
                      onChange={(q) => onChange(color.code, size, q)}
                      onFocus={() => r !== current && setChosen(r)}
                      onChanging={(t) => (pendingMeasure.current = t)}
                      onUnchanged={measureInput}
                    />
                  </td>
                ))}
                <td class="matrix-grid__row-total" aria-label={`${color.code} total`}>
                  {totals.rows[color.code] ?? 0}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" class="matrix-grid__corner">
                Total
              </th>
              {sizes.map((size) => (
                <td key={size} class="matrix-grid__col-total" aria-label={`${size} total`}>
                  {totals.cols[size] ?? 0}
                </td>
              ))}
              <td class="matrix-grid__sum" data-testid="grid-total">
                {totals.total}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
