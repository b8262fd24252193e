import type { PreviewChange } from '../../../domain/stockImport.ts';
import type { Product } from '../../../domain/types.ts';
import { skuLabel } from '../../../domain/stockImport.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';

type Props = { title: string; testId: string; list: readonly PreviewChange[]; catalog: ReadonlyMap<string, Product>; isOpen?: boolean };

/**
 * One group of an import's changes (new, changed, set to 0): product (name and code, never an
 * id), colour, size, quantity now and after, and the sheet rows. A long group scrolls inside its
 * own box and renders 50 rows per "Show more", so 5,000 changes never make 5,000 table rows.
 */
export function ImportChanges({ title, testId, list, catalog, isOpen = list.length <= 20 }: Props) {
  const { limit, hasMore, showMore } = useRenderLimit(list.length, list.length);
  if (list.length === 0) return null;
  return (
    <details class="stock-preview__group" data-testid={testId} open={isOpen}>
      <summary>
        {title}: {list.length}
      </summary>
      <div class="stock-preview__scroll" tabIndex={0} role="region" aria-label={`${title}: ${list.length} SKUs`}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Colour</th>
              <th scope="col">Size</th>
              <th scope="col" class="num">Now</th>
              <th scope="col" class="num">After</th>
              <th scope="col">Rows</th>
            </tr>
          </thead>
          <tbody>
            {list.slice(0, limit).map((c) => {
              const l = skuLabel(c.skuId, catalog);
              return (
                <tr key={c.skuId} data-testid="import-change">
                  <td>{l.product}</td>
                  <td>{l.color}</td>
                  <td>{l.size}</td>
                  <td class="num">{c.before}</td>
                  <td class="num">{c.after}</td>
                  <td>{c.rows.length === 0 ? 'not in the sheet' : c.rows.join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {hasMore && <ShowMore shown={limit} total={list.length} noun="SKUs" onMore={showMore} />}
      </div>
    </details>
  );
}
