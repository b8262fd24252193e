import type { ReadonlySignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { Cells } from '../../../domain/matrixGrid.ts';
import { hasColourInfo } from '../../../domain/newProduct.ts';
import type { Product } from '../../../domain/types.ts';
import { MatrixGrid } from '../../../ui/MatrixGrid.tsx';
import { ColourInfoModal } from './ColourInfoModal.tsx';

type Props = {
  product: Product;
  quantities: ReadonlySignal<Cells>;
  stock: ReadonlySignal<Cells>;
  focusRequest: ReadonlySignal<number>;
  onChange: (color: string, size: string, qty: number) => void;
  onSubmit: () => void;
  onAddColour: () => void;
};

/**
 * The staff grid: the shared MatrixGrid with stock, 🎨 colour information and "+ Add colour".
 * It reads the quantities itself, so a keystroke redraws this grid only, not the cart below.
 */
export function OrderGrid({ product, quantities, stock, focusRequest, onChange, onSubmit, onAddColour }: Props) {
  const [isInfoOpen, setInfoOpen] = useState(false);
  return (
    <>
      <MatrixGrid
        product={product}
        quantities={quantities.value}
        stock={stock.value}
        focusRequest={focusRequest.value}
        onChange={onChange}
        onSubmit={onSubmit}
        testId="quantity-grid"
        actions={
          <>
            {hasColourInfo(product) && (
              <button type="button" class="order-grid__info" aria-label="Colour information" aria-haspopup="dialog" onClick={() => setInfoOpen(true)}>
                🎨
              </button>
            )}
            <button type="button" class="button button--quiet order-grid__add-colour" onClick={onAddColour}>
              + Add colour
            </button>
          </>
        }
      />
      {isInfoOpen && <ColourInfoModal product={product} onClose={() => setInfoOpen(false)} />}
    </>
  );
}
