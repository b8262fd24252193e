import type { UnknownRow } from '../../../domain/stockImport.ts';
import type { Product } from '../../../domain/types.ts';
import { productTitle } from '../../../domain/stockImport.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';

type Props = {
  rows: readonly UnknownRow[];
  catalog: ReadonlyMap<string, Product>;
  onInclude: (rows: readonly number[], isIncluded: boolean) => void;
};

const unknownText = (u: UnknownRow['unknown']): string =>
  [u.color === undefined ? '' : `colour "${u.color}"`, u.size === undefined ? '' : `size "${u.size}"`].filter((s) => s !== '').join(' and ');

/**
 * Rows naming a colour or size that their catalogue product does not list. Each is imported (as a
 * new SKU, written as in the sheet) only when the person ticks it; unticked rows change nothing.
 */
export function UnknownRows({ rows, catalog, onInclude }: Props) {
  const { limit, hasMore, showMore } = useRenderLimit(rows.length, rows.length);
  if (rows.length === 0) return null;
  const included = rows.filter((r) => r.isIncluded).length;
  return (
    <section class="stock-preview__warn" aria-labelledby="import-unknown-title" data-testid="import-unknown">
      <h3 class="stock-preview__title" id="import-unknown-title">
        Unknown colours or sizes: {rows.length} rows, {included} included
      </h3>
      <p class="stock-warn">
        These rows name a colour or size that the product does not have in the catalogue. A row is imported as a new SKU only if you tick it; the others are
        skipped and their SKUs keep their quantity.
      </p>
      <div class="stock-preview__actions">
        <button type="button" class="button" onClick={() => onInclude(rows.map((r) => r.row), true)} disabled={included === rows.length}>
          Include all {rows.length}
        </button>
        <button type="button" class="button button--quiet" onClick={() => onInclude(rows.map((r) => r.row), false)} disabled={included === 0}>
          Include none
        </button>
      </div>
      <div class="stock-preview__scroll" tabIndex={0} role="region" aria-label="Rows with unknown colours or sizes">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Include</th>
              <th scope="col" class="num">Row</th>
              <th scope="col">Product</th>
              <th scope="col">Not in the catalogue</th>
              <th scope="col" class="num">CLS</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((r) => {
              const p = catalog.get(r.productId);
              const product = p === undefined ? 'A product no longer in the catalogue' : productTitle(p);
              const what = unknownText(r.unknown);
              return (
                <tr key={r.row} data-testid="import-unknown-row" data-row={r.row}>
                  <td>
                    <label class="stock-preview__tick">
                      <input type="checkbox" checked={r.isIncluded} onChange={(e) => onInclude([r.row], e.currentTarget.checked)} aria-label={`Include row ${r.row}: ${product}, ${what}`} />
                    </label>
                  </td>
                  <td class="num">{r.row}</td>
                  <td>{product}</td>
                  <td>{what}</td>
                  <td class="num">{r.qty}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {hasMore && <ShowMore shown={limit} total={rows.length} noun="rows" onMore={showMore} />}
      </div>
    </section>
  );
}
