import { catalog, stock } from '../../../data/collections.ts';
import type { UserRecord } from '../../../domain/types.ts';
import { AdjustDialog } from './AdjustDialog.tsx';
import { BarcodeDialog } from './BarcodeDialog.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { LastChange } from './LastChange.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';
import { ProductStock } from './ProductStock.tsx';
import { RetailerStockSetting } from './RetailerStockSetting.tsx';
import { useStockScreen } from './useStockScreen.ts';
import { ShowMore } from '../../../ui/ShowMore.tsx';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import './StockScreen.css';
import { useScreenTiming } from '../../../ui/useScreenTiming.ts';

/** Stock: live view by product, colour and size; import, adjust, export, barcodes and labels. */
export function StockScreen({ record }: { record: UserRecord }) {
  const s = useStockScreen();
  const v = s.view.value;
  const stockState = stock.value.state;
  // The saved copy is on screen (no connection, or live not delivered yet): read-only.
  const cachedAt = stock.value.state === 'ready' ? (stock.value.cachedAt ?? null) : null;
  const isCached = cachedAt !== null;
  const isLoading = stockState === 'loading' || catalog.value.state === 'loading';
  useScreenTiming('stock', !isLoading);
  const d = s.dialog.value;
  const close = () => (s.dialog.value = null);
  const nSelected = s.selected.value.size;
  // A year-scale catalogue has thousands of products (46,000 SKUs): render them in steps; the
  // search and the low-stock filter still run over every SKU (buildStockView), not what is drawn.
  const render = useRenderLimit(v.products.length, `${s.query.value}|${s.onlyLow.value}|${s.lowAt.value ?? ''}`);
  return (
    <main class="screen stock-screen">
      <header class="stock-head">
        <h1 class="stock-head__title">Stock</h1>
        <LastChange lastChange={v.lastChange} />
      </header>
      {isCached && <OfflineBanner savedAt={cachedAt} />}

      <section class="stock-filters" aria-label="Filters">
        <label class="field stock-filters__search">
          <span class="field__label">Search</span>
          <input class="field__input" type="search" placeholder="Product, code, colour or size" value={s.query.value} onInput={(e) => (s.query.value = e.currentTarget.value)} />
        </label>
        <label class="field stock-filters__low">
          <span class="field__label">Low at or below</span>
          <input
            class="field__input"
            inputMode="numeric"
            value={s.lowAtText.value}
            aria-invalid={s.lowAt.value === null}
            aria-describedby="low-at-error"
            onInput={(e) => (s.lowAtText.value = e.currentTarget.value)}
          />
        </label>
        <label class="stock-filters__only">
          <input type="checkbox" checked={s.onlyLow.value} onChange={(e) => (s.onlyLow.value = e.currentTarget.checked)} /> Only low stock
        </label>
        {s.lowAt.value === null && (
          <p class="form-error" id="low-at-error" role="alert">
            Low at or below: a whole number from 0 to 1,000,000 (using 2 meanwhile).
          </p>
        )}
      </section>

      {/* Above the list: the list is long and grows as it is scrolled. */}
      <div class="stock-actions">
        <button type="button" class="button button--primary" onClick={() => (s.dialog.value = { kind: 'import' })} disabled={isCached}>
          Import stock sheet
        </button>
        <button type="button" class="button button--quiet" onClick={() => void s.exportXlsx()} disabled={s.isExporting.value || isLoading}>
          {s.isExporting.value ? 'Exporting…' : 'Export to Excel'}
        </button>
        <button type="button" class="button button--quiet" onClick={() => void s.printLabels()} disabled={s.isPrinting.value || nSelected === 0}>
          {s.isPrinting.value ? 'Making labels…' : `Print labels (${nSelected})`}
        </button>
        {nSelected > 0 && (
          <button type="button" class="button button--quiet button--small" onClick={() => (s.selected.value = new Set())}>
            Clear selection
          </button>
        )}
      </div>

      {record.role === 'admin' && <RetailerStockSetting />}

      <p class="stock-totals" data-testid="stock-totals" aria-live="polite" aria-busy={isLoading}>
        {isLoading ? 'Loading stock…' : `${v.skuCount} SKUs · ${v.total} pieces shown${v.total !== v.allTotal ? ` of ${v.allTotal}` : ''} · ${v.lowCount} low`}
      </p>

      {stockState === 'denied' && <p class="form-error" role="alert">You may not read stock. Ask an admin to check your account.</p>}
      {!isLoading && stockState !== 'denied' && v.products.length === 0 && (
        <p class="empty-state">{s.query.value !== '' || s.onlyLow.value ? 'Nothing matches these filters.' : 'No stock yet. Import the stock sheet to start.'}</p>
      )}

      <ul class="stock-list" aria-label="Stock by product">
        {v.products.slice(0, render.limit).map((p) => (
          <li key={p.productId}>
            <ProductStock
              product={p}
              isOpenByDefault={s.query.value.trim() !== '' && v.skuCount <= 60}
              selected={s.selected.value}
              onToggle={s.toggle}
              isReadOnly={isCached}
              onAdjust={(sku) => (s.dialog.value = { kind: 'adjust', sku })}
              onBarcodes={(sku) => (s.dialog.value = { kind: 'barcodes', sku })}
            />
          </li>
        ))}
      </ul>
      {render.hasMore && <ShowMore shown={render.limit} total={v.products.length} noun="products" onMore={render.showMore} />}

      {d?.kind === 'import' && <ImportDialog actorName={record.name} onClose={close} />}
      {d?.kind === 'adjust' && <AdjustDialog sku={d.sku} onClose={close} />}
      {d?.kind === 'barcodes' && <BarcodeDialog sku={d.sku} onClose={close} />}
    </main>
  );
}
