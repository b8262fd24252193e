import type { TargetedKeyboardEvent } from 'preact';
import { useState } from 'preact/hooks';
import { skuId } from '../../../domain/ids.ts';
import { hasColourInfo } from '../../../domain/newProduct.ts';
import { swatchBackground, textColorFor } from '../../../domain/swatch.ts';
import { ColourInfoModal } from './ColourInfoModal.tsx';
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

/**
 * The colour × size grid of the picked product: a tap on a colour opens or closes its sizes,
 * arrows move between the open cells, Enter adds to the cart.
 */
export function QuantityGrid({ grid, stock, onAdd, onAddColour }: Props) {
  const product = grid.product.value;
  const [isInfoOpen, setInfoOpen] = useState(false);
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
    // A closed tile has no inputs on the page, so up and down skip it to the next open one.
    for (let k = r + move[0]; k >= 0 && k < product.colors.length; k += move[0] === 0 ? product.colors.length : move[0]) {
      const next = e.currentTarget.querySelector<HTMLInputElement>(`[data-cell="${k}:${c + move[1]}"]`);
      if (next !== null) {
        e.preventDefault();
        next.focus();
        return;
      }
    }
  };
  return (
    <section class="quantity-grid" aria-label={`Quantities of ${product.name}`} data-testid="quantity-grid" onKeyDown={onKeyDown}>
      <h2 class="quantity-grid__title">
        {product.name} <span class="quantity-grid__code">{grid.productId}</span>
        {hasColourInfo(product) && (
          <button type="button" class="quantity-grid__info" aria-label="Colour information" aria-haspopup="dialog" onClick={() => setInfoOpen(true)}>
            🎨
          </button>
        )}
      </h2>
      {product.colors.map((color, r) => {
        const open = grid.isOpen(color.code);
        const sizesId = `sizes-${grid.productId}-${r}`;
        return (
          <div class={open.value ? 'colour-tile' : 'colour-tile colour-tile--closed'} key={color.code} data-testid={`colour-${color.code}`}>
            <button
              type="button"
              class="colour-tile__head"
              aria-expanded={open.value}
              aria-controls={sizesId}
              title={open.value ? 'Hide sizes' : 'Show sizes'}
              style={{ background: swatchBackground(color.swatch), color: textColorFor(color.swatch) }}
              onClick={() => (open.value = !open.value)}
            >
              <span class="colour-tile__name">
                <span aria-hidden="true">{open.value ? '▾ ' : '▸ '}</span>
                {color.code}
                {color.name !== color.code && <span class="colour-tile__full"> · {color.name}</span>}
              </span>
              <span class="colour-tile__total" aria-label={`${color.code} total`}>
                {grid.rowTotal(color.code)}
              </span>
            </button>
            {open.value && (
              <div class="colour-tile__sizes" id={sizesId}>
                {product.sizes.map((size, c) => (
                  <SizeCell key={size} colorCode={color.code} size={size} row={r} col={c} cell={grid.cell(color.code, size)} available={stock.get(skuId(grid.productId, color.code, size)) ?? null} />
                ))}
              </div>
            )}
          </div>
        );
      })}
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
      {isInfoOpen && <ColourInfoModal product={product} onClose={() => setInfoOpen(false)} />}
    </section>
  );
}
