import { useSignal } from '@preact/signals';
import { LOW_STOCK_MAX, type RetailerStockView } from '../../../domain/portal.ts';
import { toActionError } from '../../../data/actionError.ts';
import { retailerStockView, saveRetailerStockView } from '../../../data/portal.ts';

/** Admin setting: whether retailers see exact stock quantities or only bands (in stock / low / out; the default). */
export function RetailerStockSetting() {
  const error = useSignal<string | null>(null);
  const isSaving = useSignal(false);
  const choose = async (view: RetailerStockView) => {
    isSaving.value = true;
    error.value = null;
    try {
      await saveRetailerStockView(view);
    } catch (e) {
      error.value = toActionError(e).message;
    } finally {
      isSaving.value = false;
    }
  };
  const current = retailerStockView.value;
  return (
    <fieldset class="retailer-stock-setting" data-testid="retailer-stock-setting" disabled={isSaving.value}>
      <legend>Retailers see stock as</legend>
      <label>
        <input type="radio" name="retailer-stock" checked={current === 'bands'} onChange={() => void choose('bands')} /> Bands only: in stock, low (1–{LOW_STOCK_MAX}), out
      </label>
      <label>
        <input type="radio" name="retailer-stock" checked={current === 'exact'} onChange={() => void choose('exact')} /> Exact quantities
      </label>
      {error.value !== null && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
    </fieldset>
  );
}
