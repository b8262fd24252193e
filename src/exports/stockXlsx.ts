/**
 * The stock sheet in and out of xlsx (SheetJS, loaded on first use). Reading returns raw cell
 * values only: formulas, HTML and styles are not read, and the domain parser checks every cell.
 */
import { sheetFileKind, sheetFileProblem, unreadableSheetMessage } from '../domain/stockImport.ts';
import { downloadBlob } from './share.ts';
import { loadXlsx } from './xlsx.ts';

/** Files larger than this are refused before parsing (a real DMS export is well under 1 MB). */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;
/** Rows read from the sheet: enough for the parser's limit plus the header search, plus one to tell "too many". */
const MAX_ROWS_READ = 50_000 + 50 + 2;

/** The first sheet's cells as rows of raw values, and where rows[0][0] sits (1-based row, 0-based column). */
export type SheetRows = { rows: unknown[][]; origin: { row: number; col: number } };

/** A file that is not a readable workbook; its message names the file and the reason. */
export class UnreadableSheetError extends Error {
  override name = 'UnreadableSheetError';
}

/**
 * Reads the first sheet of an .xlsx or .xls file. Throws `UnreadableSheetError` ("… cannot be read
 * as a spreadsheet: <reason>") for an empty, oversized, truncated or non-spreadsheet file.
 */
export async function readSheetRows(file: Blob, fileName: string = file instanceof File ? file.name : 'The file'): Promise<SheetRows> {
  const unreadable = (reason: string, cause?: unknown) => new UnreadableSheetError(unreadableSheetMessage(fileName, reason), { cause });
  const bytes = file.size === 0 || file.size > MAX_SHEET_BYTES ? new Uint8Array(0) : new Uint8Array(await file.arrayBuffer());
  const problem = sheetFileProblem(file.size, bytes.subarray(0, 16), MAX_SHEET_BYTES);
  if (problem !== null) throw unreadable(problem);
  const XLSX = await loadXlsx();
  let wb;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false, cellDates: false, sheetRows: MAX_ROWS_READ, dense: true });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw unreadable(sheetFileKind(bytes) === 'zip' ? `the workbook is damaged or cut short (${why})` : `the workbook is damaged or of an unsupported kind (${why})`, e);
  }
  const name = wb.SheetNames[0];
  const ws = name === undefined ? undefined : wb.Sheets[name];
  if (ws === undefined) throw unreadable('it holds no sheet');
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
