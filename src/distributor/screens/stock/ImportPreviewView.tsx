import type { StockImportPlan } from '../../../data/stockCommands.ts';
import type { PreviewChange } from '../../../domain/stockImport.ts';
import { skuText } from './useStockScreen.ts';

const SHOWN = 200;

function Changes({ title, testId, list }: { title: string; testId: string; list: readonly PreviewChange[] }) {
  if (list.length === 0) return null;
  return (
    <details class="stock-preview__group" data-testid={testId} open={list.length <= 20}>
      <summary>
        {title}: {list.length}
      </summary>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col" class="num">Now</th>
            <th scope="col" class="num">After</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, SHOWN).map((c) => (
            <tr key={c.skuId}>
              <td>{skuText(c.skuId)}</td>
              <td class="num">{c.before}</td>
              <td class="num">{c.after}</td>
              <td>{c.rows.length === 0 ? 'not in the sheet' : c.rows.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length > SHOWN && <p>…and {list.length - SHOWN} more.</p>}
    </details>
  );
}

/** What an import would do: counts, every row error with its row and column, notes, and the changes. */
export function ImportPreviewView({ plan }: { plan: StockImportPlan }) {
  const p = plan.preview;
  const dataRows = plan.sheet.rows.length;
  return (
    <div class="stock-preview" data-testid="import-preview">
      <p data-testid="import-summary">
        {plan.file}: header on row {plan.sheet.headerRow}, {dataRows} rows after it. {p.added.length} new, {p.changed.length} changed, {p.removed.length} removed,{' '}
        {p.unchanged} unchanged, {p.errors.length} rows with errors
        {p.blankRows.length > 0 ? `, ${p.blankRows.length} blank rows` : ''}.
      </p>
      {p.errors.length > 0 && (
        <section aria-label="Rows with errors">
          <h3 class="stock-preview__title">Rows with errors (not imported)</h3>
          <table class="table" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col" class="num">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {p.errors.map((e) => (
                <tr key={`${e.row}-${e.column}`} data-row={e.row}>
                  <td class="num">{e.row}</td>
                  <td>{e.column}</td>
                  <td class="stock-problem">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {p.kept.length > 0 && (
        <p data-testid="import-kept">
          Kept as they are because a row naming them has an error: {p.kept.map((k) => `${skuText(k.skuId)} (${k.qty}; rows ${k.rows.join(', ')})`).join('; ')}
        </p>
      )}
      {p.notes.length > 0 && (
        <details class="stock-preview__group" data-testid="import-notes">
          <summary>Notes: {p.notes.length}</summary>
          <ul>
            {p.notes.slice(0, SHOWN).map((n) => (
              <li key={`${n.row}-${n.text}`}>
                Row {n.row}: {n.text}
              </li>
            ))}
          </ul>
        </details>
      )}
      {p.blankRows.length > 0 && <p>Blank rows ignored: {p.blankRows.slice(0, 50).join(', ')}{p.blankRows.length > 50 ? '…' : ''}</p>}
      <Changes title="New" testId="import-added" list={p.added} />
      <Changes title="Changed" testId="import-changed" list={p.changed} />
      <Changes title="Removed (set to 0)" testId="import-removed" list={p.removed} />
    </div>
  );
}
