import type { StockImportPlan } from '../../../data/stockCommands.ts';
import type { ImportPreview } from '../../../domain/stockImport.ts';
import { skuLabel } from '../../../domain/stockImport.ts';
import { ImportChanges } from './ImportChanges.tsx';
import { UnknownRows } from './UnknownRows.tsx';
import { ZeroingConfirm } from './ZeroingConfirm.tsx';

const SHOWN = 200;

type Props = {
  plan: StockImportPlan;
  /** The preview with the person's confirmations applied (`previewImport(plan.sheet, plan.current, confirmed)`). */
  preview: ImportPreview;
  onInclude: (rows: readonly number[], isIncluded: boolean) => void;
  typed: string;
  onTyped: (text: string) => void;
};

/**
 * What an import would do: counts, every row error with its row and column, rows with unknown
 * colours or sizes to confirm one by one, the typed confirmation of a mass zeroing, and the changes.
 */
export function ImportPreviewView({ plan, preview: p, onInclude, typed, onTyped }: Props) {
  const dataRows = plan.sheet.rows.length;
  const skipped = p.unknown.filter((u) => !u.isIncluded).length;
  const text = (sku: Parameters<typeof skuLabel>[0]) => Object.values(skuLabel(sku, plan.catalog)).filter((s) => s !== '').join(' · ');
  return (
    <div class="stock-preview" data-testid="import-preview">
      <p data-testid="import-summary">
        {plan.file}: header on row {plan.sheet.headerRow}, {dataRows} rows after it. {p.added.length} new, {p.changed.length} changed, {p.removed.length} removed,{' '}
        {p.unchanged} unchanged, {p.errors.length} rows with errors
        {p.blankRows.length > 0 ? `, ${p.blankRows.length} blank rows` : ''}.
        {p.unknown.length > 0 && ` ${p.unknown.length} rows with an unknown colour or size: ${p.unknown.length - skipped} included, ${skipped} skipped (left untouched).`}
      </p>
      {p.errors.length > 0 && (
        <section aria-label="Rows with errors">
          <h3 class="stock-preview__title">Rows with errors (not imported)</h3>
          <div class="stock-preview__scroll">
            <table class="table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col" class="num">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {p.errors.slice(0, SHOWN).map((e) => (
                  <tr key={`${e.row}-${e.column}`} data-row={e.row}>
                    <td class="num">{e.row}</td>
                    <td>{e.column}</td>
                    <td class="stock-problem">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {p.errors.length > SHOWN && <p>…and {p.errors.length - SHOWN} more rows with errors.</p>}
          </div>
        </section>
      )}
      <UnknownRows rows={p.unknown} catalog={plan.catalog} onInclude={onInclude} />
      <ZeroingConfirm zeroing={p.zeroing} typed={typed} onTyped={onTyped} />
      {p.kept.length > 0 && (
        <p data-testid="import-kept">
          Kept as they are because a row naming them has an error:{' '}
          {p.kept
            .slice(0, SHOWN)
            .map((k) => `${text(k.skuId)} (${k.qty}; rows ${k.rows.join(', ')})`)
            .join('; ')}
          {p.kept.length > SHOWN ? `; and ${p.kept.length - SHOWN} more` : ''}
        </p>
      )}
      {p.notes.length > 0 && (
        <details class="stock-preview__group" data-testid="import-notes">
          <summary>Notes: {p.notes.length}</summary>
          <ul class="stock-preview__scroll">
            {p.notes.slice(0, SHOWN).map((n) => (
              <li key={`${n.row}-${n.text}`}>
                Row {n.row}: {n.text}
              </li>
            ))}
          </ul>
          {p.notes.length > SHOWN && <p>…and {p.notes.length - SHOWN} more.</p>}
        </details>
      )}
      {p.blankRows.length > 0 && (
        <p>
          Blank rows ignored: {p.blankRows.slice(0, 50).join(', ')}
          {p.blankRows.length > 50 ? '…' : ''}
        </p>
      )}
      <ImportChanges title="New" testId="import-added" list={p.added} catalog={plan.catalog} />
      <ImportChanges title="Changed" testId="import-changed" list={p.changed} catalog={plan.catalog} />
      <ImportChanges title="Set to 0 (missing from the sheet)" testId="import-removed" list={p.removed} catalog={plan.catalog} isOpen={p.removed.length <= 20 || p.zeroing.needsTypedConfirm} />
    </div>
  );
}
