import { useState } from 'preact/hooks';
import { assignBarcode, removeBarcode } from '../../../data/barcodes.ts';
import { parseSkuId } from '../../../domain/ids.ts';
import type { SkuId } from '../../../domain/types.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { codesBySku, skuText } from './useStockScreen.ts';

/** Lists, assigns and removes the barcodes of one SKU. A scanner typing into the field works too. */
export function BarcodeDialog({ sku, onClose }: { sku: SkuId; onClose: () => void }) {
  const codes = codesBySku.value.get(sku) ?? [];
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, work: () => Promise<unknown>, done: string) => {
    if (busy !== null) return;
    setBusy(key);
    setProblem(null);
    try {
      await work();
      showToast('success', done);
      if (key === 'add') setCode('');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const add = (e: Event) => {
    e.preventDefault();
    const c = code.trim();
    if (c === '') return setProblem('Barcode: type or scan a code.');
    void run('add', () => assignBarcode(c, parseSkuId(sku)), `Barcode ${c} assigned to ${skuText(sku)}`);
  };

  return (
    <Modal
      title={`Barcodes of ${skuText(sku)}`}
      onClose={onClose}
      testId="barcode-dialog"
      footer={
        <button type="button" class="button button--quiet" onClick={onClose}>
          Done
        </button>
      }
    >
      {codes.length === 0 ? (
        <p class="empty-state">No barcode yet.</p>
      ) : (
        <ul class="stock-code-list" aria-label="Assigned barcodes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
              <button type="button" class="button button--danger button--small" aria-label={`Remove barcode ${c}`} disabled={busy !== null} onClick={() => void run(`rm:${c}`, () => removeBarcode(c), `Barcode ${c} removed`)}>
                {busy === `rm:${c}` ? 'Removing…' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="stock-form" onSubmit={add} noValidate>
        <label class="field">
          <span class="field__label">Barcode</span>
          <input class="field__input" value={code} maxLength={64} autoComplete="off" aria-invalid={problem !== null} onInput={(e) => setCode(e.currentTarget.value)} autoFocus />
        </label>
        <button type="submit" class="button button--primary" disabled={busy !== null}>
          {busy === 'add' ? 'Assigning…' : 'Assign barcode'}
        </button>
        {problem !== null && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
