import type { TargetedKeyboardEvent } from 'preact';
import { skuId } from '../../../domain/ids.ts';
import { swatchBackground, textColorFor } from '../../../domain/swatch.ts';
import type { Grid } from './gridState.ts';
import { SizeCell } from './SizeCell.tsx';
import './QuantityGrid.css';

type Props = {
  grid: Grid;
  /** Stock by skuId (absent: no stock record). */
  stock: ReadonlyMap<string, number>;
  onAdd: () => void;
  onAddColour: () => void;
};

const MOVES: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };

/** The colour × size grid of the picked product: arrows move between cells, Enter adds to the cart. */
export function QuantityGrid({ grid, stock, onAdd, onAddColour }: Props) {
  const product = grid.product.value;
  const onKeyDown = (e: TargetedKeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    const at = target.dataset['cell'];
    if (at === undefined) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      onAdd();
      return;
    }
    const move = MOVES[e.key];
    if (move === undefined) return;
    const [r, c] = at.split(':').map(Number) as [number, number];
    const next = e.currentTarget.querySelector<HTMLInputElement>(`[data-cell="${r + move[0]}:${c + move[1]}"]`);
    if (next !== null) {
      e.preventDefault();
      next.focus();
    }
  };
  return (
    <section class="quantity-grid" aria-label={`Quantities of ${product.name}`} data-testid="quantity-grid" onKeyDown={onKeyDown}>
      <h2 class="quantity-grid__title">
        {product.name} <span class="quantity-grid__code">{grid.productId}</span>
      </h2>
      {product.colors.map((color, r) => (
        <div class="colour-tile" key={color.code} data-testid={`colour-${color.code}`}>
          <div class="colour-tile__head" style={{ background: swatchBackground(color.swatch), color: textColorFor(color.swatch) }}>
            <span class="colour-tile__name">
              {color.code}
              {color.name !== color.code && <span class="colour-tile__full"> · {color.name}</span>}
            </span>
            <span class="colour-tile__total" aria-label={`${color.code} total`}>
              {grid.rowTotal(color.code)}
            </span>
          </div>
          <div class="colour-tile__sizes">
            {product.sizes.map((size, c) => (
              <SizeCell key={size} colorCode={color.code} size={size} row={r} col={c} cell={grid.cell(color.code, size)} available={stock.get(skuId(grid.productId, color.code, size)) ?? null} />
            ))}
          </div>
        </div>
      ))}
      <button type="button" class="button button--quiet button--small quantity-grid__add-colour" onClick={onAddColour}>
        + Add colour
      </button>
      <div class="quantity-grid__totals" data-testid="grid-totals">
        {product.sizes.map((size) => (
          <span class="quantity-grid__col" key={size}>
            {size}: <strong aria-label={`${size} total`}>{grid.colTotal(size)}</strong>
          </span>
        ))}
        <span class="quantity-grid__sum">
          Total: <strong data-testid="grid-total">{grid.total}</strong>
        </span>
      </div>
    </section>
  );
}
