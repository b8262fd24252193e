import { useState } from 'preact/hooks';
import { ActionError } from '../../../data/actionError.ts';
import { applyStockImport, previewStockImport, type StockImportPlan } from '../../../data/stockCommands.ts';
import type { SheetRows } from '../../../exports/stockXlsx.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { ImportPreviewView } from './ImportPreviewView.tsx';

type Loaded = { file: string; sheet: SheetRows };

/**
 * Import the distributor's stock sheet: choose a file, see what it would change (new, changed,
 * removed SKUs and every bad row with its row and column), then apply it as one atomic update.
 */
export function ImportDialog({ actorName, onClose }: { actorName: string; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [plan, setPlan] = useState<StockImportPlan | null>(null);
  const [busy, setBusy] = useState<'reading' | 'applying' | null>(null);
  const [problem, setProblem] = useState<{ message: string; isStale: boolean } | null>(null);
  // Applying replaces the whole stock: the person re-enters their password first (and the rules
  // refuse an import record without a recent sign-in).
  const [askPassword, setAskPassword] = useState(false);

  const preview = async (source: Loaded | null) => {
    if (busy !== null) return;
    setBusy('reading');
    setProblem(null);
    try {
      let l = source;
      if (l === null) {
        if (file === null) throw new ActionError('File: choose the stock sheet (.xlsx or .xls) first.', 'file', 'invalid');
        const { readSheetRows } = await import('../../../exports/stockXlsx.ts');
        l = { file: file.name, sheet: await readSheetRows(file) };
      }
      setLoaded(l);
      setPlan(await previewStockImport(l.sheet.rows, l.sheet.origin, l.file));
    } catch (e) {
      setPlan(null);
      setProblem({ message: e instanceof Error ? `${e instanceof ActionError ? '' : 'File: '}${e.message}` : String(e), isStale: false });
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (plan === null || busy !== null) return;
    setBusy('applying');
    setProblem(null);
    try {
      const { changes } = await applyStockImport(plan, actorName);
      showToast('success', `Stock imported from ${plan.file}: ${changes.length} SKUs changed.`);
      onClose();
    } catch (e) {
      setAskPassword(false);
      setProblem({ message: e instanceof Error ? e.message : String(e), isStale: e instanceof ActionError && e.code === 'stale' });
      setBusy(null);
    }
  };

  const nChanges = plan === null ? 0 : plan.preview.added.length + plan.preview.changed.length + plan.preview.removed.length;
  return (
    <Modal
      title="Import stock sheet"
      onClose={onClose}
      testId="import-dialog"
      footer={
        plan === null ? (
          <>
            <button type="button" class="button button--quiet" onClick={onClose} disabled={busy !== null}>
              Cancel
            </button>
            <button type="button" class="button button--primary" onClick={() => void preview(null)} disabled={busy !== null || file === null}>
              {busy === 'reading' ? 'Reading…' : 'Preview'}
            </button>
          </>
        ) : (
          <>
            <button type="button" class="button button--quiet" onClick={() => (setPlan(null), setLoaded(null))} disabled={busy !== null}>
              Choose another file
            </button>
            <button type="button" class="button button--primary" onClick={() => setAskPassword(true)} disabled={busy !== null || nChanges === 0}>
              {busy === 'applying' ? 'Applying…' : nChanges === 0 ? 'Nothing to change' : `Apply import (${nChanges} changes)`}
            </button>
          </>
        )
      }
    >
      <p class="stock-note" role="note">
        The import replaces the current stock: SKUs missing from the sheet go to 0. Rows with errors change nothing, and the SKUs they name keep their quantity.
      </p>
      {plan === null ? (
        <>
          <details class="stock-howto">
            <summary>How to upload?</summary>
            <ul>
              <li>Export the raw stock file from DIXDMS (.xlsx or .xls) and choose it here unchanged.</li>
              <li>The sheet needs a header row with the columns "Product Name" and "CLS" (closing stock); the row is found wherever it is.</li>
              <li>Product Name reads "ITEM-CODE, COLOUR, SIZE": the item is matched to the catalogue, colour and size come after the last two commas.</li>
              <li>Any whole CLS of 0 or more is imported (100 and more too); a blank CLS counts as 0; rows for the same SKU are added up.</li>
              <li>You see every change and every bad row (with its row number) before anything is written.</li>
            </ul>
          </details>
          <label class="field">
            <span class="field__label">Stock file</span>
            <input class="field__input" type="file" accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
        </>
      ) : (
        <ImportPreviewView plan={plan} />
      )}
      {problem !== null && (
        <div class="form-error" role="alert">
          <p class="stock-problem">{problem.message}</p>
          {problem.isStale && loaded !== null && (
            <button type="button" class="button button--small" onClick={() => void preview(loaded)} disabled={busy !== null}>
              Preview again
            </button>
          )}
        </div>
      )}
      {askPassword && plan !== null && (
        <ReauthDialog title={`Import ${plan.file}?`} confirmLabel="Replace stock" onConfirmed={apply} onCancel={() => setAskPassword(false)}>
          <p>Enter your password to replace the stock with this sheet. Every change is written to the stock ledger.</p>
        </ReauthDialog>
      )}
    </Modal>
  );
}
