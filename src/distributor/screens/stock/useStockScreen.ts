import { computed, signal, useComputed, useSignal } from '@preact/signals';
import { barcodes } from '../../../data/barcodes.ts';
import { catalog, itemsOf, stock } from '../../../data/collections.ts';
import { parseSkuId } from '../../../domain/ids.ts';
import { barcodeLabels, buildStockView, DEFAULT_LOW_AT, parseLowAt, stockExportFileName, stockExportRows } from '../../../domain/stockView.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import type { SkuId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';

/** Codes assigned to each SKU, sorted, live. */
export const codesBySku = computed(() => {
  const out = new Map<SkuId, string[]>();
  for (const b of itemsOf(barcodes.value).values()) out.set(b.skuId, [...(out.get(b.skuId) ?? []), b.code].sort());
  return out;
});

/** "Comfort Bra · Black · 32B" for any SKU key, from the live catalogue. */
export function skuText(sku: SkuId): string {
  try {
    const r = parseSkuId(sku);
    const p = itemsOf(catalog.value).get(r.productId);
    return `${productLabel(p)} · ${p?.colors.find((c) => c.code === r.color)?.name ?? r.color} · ${r.size}`;
  } catch {
    return sku;
  }
}

/** Which dialog is open. */
export type StockDialog = { kind: 'import' } | { kind: 'adjust'; sku: SkuId } | { kind: 'barcodes'; sku: SkuId } | null;

/** Label printing in progress (one at a time for the whole screen). */
const isPrinting = signal(false);
const isExporting = signal(false);

const stamp = (d: Date): string => stockExportFileName(d).replace('stock_export_', '').replace('.xlsx', '');

/** The Stock screen's state: filters, selection, dialogs, and the export and label actions. */
export function useStockScreen() {
  const query = useSignal('');
  const lowAtText = useSignal(String(DEFAULT_LOW_AT));
  const onlyLow = useSignal(false);
  const selected = useSignal<ReadonlySet<SkuId>>(new Set());
  const dialog = useSignal<StockDialog>(null);
  const lowAt = useComputed(() => parseLowAt(lowAtText.value));
  const view = useComputed(() =>
    buildStockView(itemsOf(stock.value), itemsOf(catalog.value), { query: query.value, lowAt: lowAt.value ?? DEFAULT_LOW_AT, onlyLow: onlyLow.value }),
  );

  const toggle = (sku: SkuId) => {
    const next = new Set(selected.value);
    if (!next.delete(sku)) next.add(sku);
    selected.value = next;
  };

  const exportXlsx = async () => {
    if (isExporting.value) return;
    isExporting.value = true;
    try {
      const { downloadStockXlsx } = await import('../../../exports/stockXlsx.ts');
      const name = stockExportFileName(new Date());
      await downloadStockXlsx(stockExportRows(itemsOf(stock.value), itemsOf(catalog.value)), name);
      showToast('success', `Exported ${name}`);
    } catch (e) {
      showToast('error', `Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      isExporting.value = false;
    }
  };

  const printLabels = async () => {
    if (isPrinting.value) return;
    const chosen = [...selected.value];
    const { labels, missing } = barcodeLabels(chosen, codesBySku.value, parseSkuId, itemsOf(catalog.value));
    if (labels.length === 0) {
      showToast('error', chosen.length === 0 ? 'Labels: select SKUs first.' : 'Labels: none of the selected SKUs has a barcode. Assign one first.');
      return;
    }
    isPrinting.value = true;
    try {
      const [{ renderLabelSheet }, { downloadBlob }] = await Promise.all([import('../../../exports/labelSheet.ts'), import('../../../exports/share.ts')]);
      const name = `barcode_labels_${stamp(new Date())}.pdf`;
      downloadBlob(await renderLabelSheet(labels), name);
      if (missing.length > 0) showToast('warning', `${labels.length} labels in ${name}. No barcode, so no label: ${missing.map(skuText).join('; ')}`);
      else showToast('success', `${labels.length} labels in ${name}`);
    } catch (e) {
      showToast('error', `Labels failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      isPrinting.value = false;
    }
  };

  return { query, lowAtText, lowAt, onlyLow, selected, dialog, view, toggle, exportXlsx, printLabels, isPrinting, isExporting };
}
