import { useMemo, useState } from 'preact/hooks';
import { ActionError } from '../../../data/actionError.ts';
import { applyStockImport, previewStockImport, type StockImportPlan } from '../../../data/stockCommands.ts';
import { isZeroingConfirmed, previewImport } from '../../../domain/stockImport.ts';
import type { SheetRows } from '../../../exports/stockXlsx.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { ImportPreviewView } from './ImportPreviewView.tsx';

type Loaded = { file: string; sheet: SheetRows };

/**
 * Import the distributor's stock sheet: choose a file, see what it would change (new, changed,
 * removed SKUs and every bad row with its row and column), confirm rows with unknown colours or
 * sizes one by one and type the count of a mass zeroing, then apply it as one atomic update.
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
  // Rows with an unknown colour or size that the person ticked, and the typed count of a mass zeroing.
  const [confirmed, setConfirmed] = useState<ReadonlySet<number>>(new Set());
  const [typed, setTyped] = useState('');
  const current = useMemo(() => (plan === null ? null : confirmed.size === 0 ? plan.preview : previewImport(plan.sheet, plan.current, confirmed)), [plan, confirmed]);
  const include = (rows: readonly number[], isIncluded: boolean) =>
    setConfirmed((was) => {
      const next = new Set(was);
      for (const r of rows) {
        if (isIncluded) next.add(r);
        else next.delete(r);
      }
      return next;
    });
  const showPlan = (next: StockImportPlan | null) => {
    setPlan(next);
    setConfirmed(new Set());
    setTyped('');
  };

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
      showPlan(await previewStockImport(l.sheet.rows, l.sheet.origin, l.file));
    } catch (e) {
      showPlan(null);
      // An unreadable file's message names the file already ("… cannot be read as a spreadsheet: …").
      const isOwn = e instanceof ActionError || (e instanceof Error && e.name === 'UnreadableSheetError');
      setProblem({ message: e instanceof Error ? `${isOwn ? '' : 'File: '}${e.message}` : String(e), isStale: false });
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (plan === null || current === null || busy !== null || !isZeroingConfirmed(current.zeroing, typed)) return;
    setBusy('applying');
    setProblem(null);
    try {
      const { changes } = await applyStockImport({ ...plan, preview: current }, actorName);
      const skipped = current.unknown.filter((u) => !u.isIncluded).length;
      showToast('success', `Stock imported from ${plan.file}: ${changes.length} SKUs changed.${skipped > 0 ? ` ${skipped} rows with an unknown colour or size were skipped.` : ''}`);
      onClose();
    } catch (e) {
      setAskPassword(false);
      setProblem({ message: e instanceof Error ? e.message : String(e), isStale: e instanceof ActionError && e.code === 'stale' });
      setBusy(null);
    }
  };

  const nChanges = current === null ? 0 : current.added.length + current.changed.length + current.removed.length;
  const isGateOpen = current === null || isZeroingConfirmed(current.zeroing, typed);
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
            <button type="button" class="button button--quiet" onClick={() => (showPlan(null), setLoaded(null))} disabled={busy !== null}>
              Choose another file
            </button>
            <button type="button" class="button button--primary" onClick={() => setAskPassword(true)} disabled={busy !== null || nChanges === 0 || !isGateOpen}>
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
              <li>A colour or size the product does not have in the catalogue is a warning: tick each such row to import it as a new SKU; unticked rows are skipped.</li>
              <li>If the sheet would set more than 10 % of the SKUs in stock to 0, you see them listed and type their number to confirm.</li>
              <li>You see every change and every bad row (with its row number) before anything is written.</li>
            </ul>
          </details>
          <label class="field">
            <span class="field__label">Stock file</span>
            <input class="field__input" type="file" accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
        </>
      ) : (
        <ImportPreviewView plan={plan} preview={current ?? plan.preview} onInclude={include} typed={typed} onTyped={setTyped} />
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
      {askPassword && plan !== null && isGateOpen && (
        <ReauthDialog title={`Import ${plan.file}?`} confirmLabel="Replace stock" onConfirmed={apply} onCancel={() => setAskPassword(false)}>
          <p>Enter your password to replace the stock with this sheet. Every change is written to the stock ledger.</p>
        </ReauthDialog>
      )}
    </Modal>
  );
}
