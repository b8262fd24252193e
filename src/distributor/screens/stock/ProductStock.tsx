import { useState } from 'preact/hooks';
import type { ProductGroup } from '../../../domain/stockView.ts';
import type { SkuId } from '../../../domain/types.ts';
import { codesBySku } from './useStockScreen.ts';

type Props = {
  product: ProductGroup;
  isOpenByDefault: boolean;
  selected: ReadonlySet<SkuId>;
  onToggle: (sku: SkuId) => void;
  onAdjust: (sku: SkuId) => void;
  onBarcodes: (sku: SkuId) => void;
  /** Adjust and barcode changes off (the saved copy is on screen, offline). */
  isReadOnly?: boolean;
};

/**
 * One product: a summary line (name, total, low count, a red mark when the catalogue does not
 * know it or one of its colours or sizes), and, once opened, a row per colour and size.
 */
export function ProductStock({ product: p, isOpenByDefault, selected, onToggle, onAdjust, onBarcodes, isReadOnly = false }: Props) {
  const [isOpenByUser, setOpen] = useState<boolean | null>(null);
  const isOpen = isOpenByUser ?? isOpenByDefault;
  const codes = codesBySku.value;
  return (
    <section class={`card stock-product${p.hasUnknown ? ' stock-product--unknown' : ''}`} data-testid="stock-product" data-product={p.productId}>
      <button type="button" class="stock-product__head" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        <span class="stock-product__name">{p.name}</span>
        <span class="stock-product__total">{p.total} pcs</span>
        {p.lowCount > 0 && <span class="stock-badge stock-badge--low">{p.lowCount} low</span>}
        {p.hasUnknown && <span class="stock-badge stock-badge--unknown">{p.isKnownProduct ? 'not in catalogue: colour/size' : 'not in catalogue'}</span>}
      </button>
      {isOpen && (
        <table class="table stock-table">
          <thead>
            <tr>
              <th scope="col"><span class="visually-hidden">Select for labels</span></th>
              <th scope="col">Colour</th>
              <th scope="col">Size</th>
              <th scope="col" class="num">Qty</th>
              <th scope="col">Barcodes</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {p.colors.flatMap((c) =>
              c.sizes.map((s, i) => {
                const label = `${p.name} ${c.colorName} ${s.size}`;
                const skuCodes = codes.get(s.skuId) ?? [];
                return (
                  <tr key={s.skuId} data-testid="stock-row" data-sku={s.skuId} class={s.isLow ? 'stock-row--low' : undefined}>
                    <td>
                      <input type="checkbox" aria-label={`Select ${label} for labels`} checked={selected.has(s.skuId)} onChange={() => onToggle(s.skuId)} />
                    </td>
                    <td class={c.isKnownColor ? undefined : 'stock-unknown'}>{i === 0 ? `${c.colorName} (${c.total})` : ''}</td>
                    <td class={s.isKnownSize ? undefined : 'stock-unknown'}>{s.size}</td>
                    <td class="num" data-testid="stock-qty">
                      {s.qty}
                      {s.isLow && <span class="stock-badge stock-badge--low" title="Low stock">low</span>}
                    </td>
                    <td class="stock-codes">{skuCodes.length === 0 ? '—' : skuCodes.join(', ')}</td>
                    <td class="stock-row__actions">
                      <button type="button" class="button button--quiet button--small" aria-label={`Adjust ${label}`} onClick={() => onAdjust(s.skuId)} disabled={isReadOnly}>
                        Adjust
                      </button>
                      <button type="button" class="button button--quiet button--small" aria-label={`Barcodes of ${label}`} onClick={() => onBarcodes(s.skuId)} disabled={isReadOnly}>
                        Barcodes
                      </button>
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
