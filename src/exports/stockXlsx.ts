/**
 * The stock sheet in and out of xlsx (SheetJS, loaded on first use). Reading returns raw cell
 * values only: formulas, HTML and styles are not read, and the domain parser checks every cell.
 */
import { downloadBlob } from './share.ts';
import { loadXlsx } from './xlsx.ts';

/** Files larger than this are refused before parsing (a real DMS export is well under 1 MB). */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;
/** Rows read from the sheet: enough for the parser's limit plus the header search, plus one to tell "too many". */
const MAX_ROWS_READ = 50_000 + 50 + 2;

/** The first sheet's cells as rows of raw values, and where rows[0][0] sits (1-based row, 0-based column). */
export type SheetRows = { rows: unknown[][]; origin: { row: number; col: number } };

/** Reads the first sheet of an .xlsx or .xls file. Throws an Error a person can read. */
export async function readSheetRows(file: Blob): Promise<SheetRows> {
  if (file.size === 0) throw new Error('The file is empty.');
  if (file.size > MAX_SHEET_BYTES) throw new Error(`The file is ${(file.size / 1048576).toFixed(1)} MB; at most ${MAX_SHEET_BYTES / 1048576} MB.`);
  const XLSX = await loadXlsx();
  let wb;
  try {
    wb = XLSX.read(new Uint8Array(await file.arrayBuffer()), { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false, cellDates: false, sheetRows: MAX_ROWS_READ, dense: true });
  } catch (e) {
    throw new Error(`This is not a spreadsheet SheetJS can read (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
  const name = wb.SheetNames[0];
  const ws = name === undefined ? undefined : wb.Sheets[name];
  if (ws === undefined) throw new Error('The file has no sheet.');
  const ref = ws['!ref'];
  if (ref === undefined) return { rows: [], origin: { row: 1, col: 0 } };
  const start = XLSX.utils.decode_range(ref).s;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  return { rows, origin: { row: start.r + 1, col: start.c } };
}

/** Builds the xlsx of `rows` (first row is the header) in a sheet named `sheetName`. */
export async function sheetBlob(rows: readonly (readonly (string | number)[])[], sheetName: string, widths: readonly number[] = []): Promise<Blob> {
  const XLSX = await loadXlsx();
  // aoa_to_sheet writes strings as text cells ('s'), never formulas: "=HYPERLINK(…)" stays text.
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => [...r]));
  ws['!cols'] = widths.map((wch) => ({ wch }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  const data = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  return new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Downloads the stock export (sheet "Current Stock": Item Name, Color, Size, Quantity). */
export async function downloadStockXlsx(rows: readonly (readonly (string | number)[])[], fileName: string): Promise<void> {
  downloadBlob(await sheetBlob(rows, 'Current Stock', [30, 15, 10, 10]), fileName);
}
