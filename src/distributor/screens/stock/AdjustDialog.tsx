import { useRef, useState } from 'preact/hooks';
import { ActionError } from '../../../data/actionError.ts';
import { itemsOf, stock } from '../../../data/collections.ts';
import { adjustStock } from '../../../data/stockCommands.ts';
import { parseSkuId } from '../../../domain/ids.ts';
import type { SkuId } from '../../../domain/types.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { skuText } from './useStockScreen.ts';

/** Sets one SKU to a counted quantity, with a required reason (ledgered as 'adjust'). */
export function AdjustDialog({ sku, onClose }: { sku: SkuId; onClose: () => void }) {
  const live = itemsOf(stock.value).get(sku)?.qty ?? 0;
  const seen = useRef(live);
  const [qtyText, setQty] = useState(String(live));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    const qty = /^\s*\d{1,10}\s*$/.test(qtyText) ? Number(qtyText) : Number.NaN;
    if (!Number.isSafeInteger(qty)) return setProblem({ field: 'qty', message: 'New quantity: a whole number, 0 or more.' });
    if (reason.trim() === '') return setProblem({ field: 'reason', message: 'Reason: say why the stock changes.' });
    setBusy(true);
    setProblem(null);
    try {
      const change = await adjustStock(parseSkuId(sku), seen.current, qty, reason);
      showToast('success', change === null ? `${skuText(sku)} already holds ${qty}; nothing changed.` : `${skuText(sku)}: ${change.before} → ${change.after}`);
      onClose();
    } catch (err) {
      const field = err instanceof ActionError ? err.field : null;
      setProblem({ field, message: err instanceof Error ? err.message : String(err) });
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Adjust ${skuText(sku)}`}
      onClose={onClose}
      testId="adjust-dialog"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onClose} disabled={isBusy}>
            Cancel
          </button>
          <button type="submit" form="adjust-form" class="button button--primary" disabled={isBusy}>
            {isBusy ? 'Saving…' : 'Save adjustment'}
          </button>
        </>
      }
    >
      <form id="adjust-form" class="stock-form" onSubmit={(e) => void save(e)} noValidate>
        <p>
          In stock now: <strong data-testid="adjust-current">{live}</strong>
          {live !== seen.current && <span class="stock-warn"> (was {seen.current} when you opened this; saving will ask you to check again)</span>}
        </p>
        <label class="field">
          <span class="field__label">New quantity</span>
          <input class="field__input" inputMode="numeric" value={qtyText} aria-invalid={problem?.field === 'qty'} onInput={(e) => setQty(e.currentTarget.value)} autoFocus />
        </label>
        <label class="field">
          <span class="field__label">Reason</span>
          <input class="field__input" maxLength={500} value={reason} placeholder="Counted on the shelf, damaged, found…" aria-invalid={problem?.field === 'reason'} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        {problem !== null && (
          <p class="form-error" role="alert">
            {problem.message}
          </p>
        )}
      </form>
    </Modal>
  );
}
