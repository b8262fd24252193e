/**
 * Writes the purchase-order sheet (rows from src/domain/purchaseOrderSheet.ts) to an .xlsx Blob
 * with SheetJS, loaded on first use.
 */
import { PURCHASE_ORDER_SHEET, PURCHASE_ORDER_WIDTHS, type Cell } from '../domain/purchaseOrderSheet.ts';
import { loadXlsx } from './xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook with one sheet "Purchase Order" holding `rows`, column widths as the original's. */
export async function purchaseOrderXlsx(rows: readonly (readonly Cell[])[]): Promise<Blob> {
  const XLSX = await loadXlsx();
  const sheet = XLSX.utils.aoa_to_sheet(rows.map((r) => [...r]));
  sheet['!cols'] = PURCHASE_ORDER_WIDTHS.map((wch) => ({ wch }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, PURCHASE_ORDER_SHEET);
  const bytes = XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer;
  return new Blob([bytes], { type: XLSX_TYPE });
}
