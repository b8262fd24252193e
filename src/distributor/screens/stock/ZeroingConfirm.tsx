import type { Zeroing } from '../../../domain/stockImport.ts';
import { isZeroingConfirmed, MASS_ZERO_SHARE } from '../../../domain/stockImport.ts';

type Props = { zeroing: Zeroing; typed: string; onTyped: (text: string) => void };

/**
 * The gate before an import that sets more than 10 % of the SKUs in stock to 0 (usually a sheet
 * that is missing most products): the person types the number of SKUs to enable Apply.
 */
export function ZeroingConfirm({ zeroing, typed, onTyped }: Props) {
  if (!zeroing.needsTypedConfirm) return null;
  const isOk = isZeroingConfirmed(zeroing, typed);
  return (
    <section class="stock-preview__danger" aria-labelledby="import-zero-title" data-testid="import-zeroing">
      <h3 class="stock-preview__title" id="import-zero-title">
        This sheet sets {zeroing.count} of the {zeroing.stocked} SKUs in stock to 0
      </h3>
      <p>
        That is more than {MASS_ZERO_SHARE * 100} % of the stock, because those SKUs are missing from the sheet. Check the list "Set to 0" below. If the sheet is
        complete, type <strong>{zeroing.count}</strong> to enable Apply.
      </p>
      <label class="field">
        <span class="field__label">Type {zeroing.count} to confirm setting these SKUs to 0</span>
        <input
          class="field__input"
          inputMode="numeric"
          autoComplete="off"
          value={typed}
          onInput={(e) => onTyped(e.currentTarget.value)}
          aria-invalid={typed !== '' && !isOk}
          aria-describedby="import-zero-state"
        />
      </label>
      <p id="import-zero-state" class={isOk ? 'stock-ok' : 'stock-warn'} aria-live="polite" data-testid="import-zeroing-state">
        {isOk ? 'Confirmed: Apply is enabled.' : `Apply stays disabled until you type ${zeroing.count}.`}
      </p>
    </section>
  );
}
