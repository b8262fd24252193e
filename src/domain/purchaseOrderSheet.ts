/**
 * The purchase-order sheet of one pending order (reference §6.3): the rows of the sheet
 * "Purchase Order" (Item Name, Color, Size, Quantity, one row per line), then how to paste them
 * into the company's order form and the macro that does the matching.
 *
 * The original's instructions said "paste from A5838" while its macro read the pasted rows from
 * 4352 on, so one of them was always wrong. Here no row number is written down: the person pastes
 * below the form and the macro asks for the first pasted row; the form is every row from 3 up
 * to the row above it. The columns (style D, colour F, size K, quantity into O) are the original
 * macro's, and the instructions say so, so a different form is noticed, not silently mis-filled.
 */
import type { Line, ProductId } from './types.ts';

/** The sheet's name. */
export const PURCHASE_ORDER_SHEET = 'Purchase Order';
/** The header row. */
export const PURCHASE_ORDER_HEADER = ['Item Name', 'Color', 'Size', 'Quantity'] as const;
/** Column widths in characters, as the original set them. */
export const PURCHASE_ORDER_WIDTHS = [30, 15, 10, 10] as const;

/** One cell value. */
export type Cell = string | number;

/** The macro pasted into the company's order form (VBA); its layout assumptions are stated in its comments. */
export const PURCHASE_ORDER_MACRO = [
  'Sub FillPurchaseOrder()',
  "    ' Company order form: style in column D, colour in F, size in K, from row 3 down to the row",
  "    ' above the pasted data. The pasted rows hold Item Name, Color, Size, Quantity in A:D.",
  "    ' Each pasted row that matches a form row writes its quantity into column O of that row;",
  "    ' a pasted row that matches nothing is coloured red.",
  '    Dim ws As Worksheet, firstInput As Long, lastInput As Long, r As Long, f As Long',
  '    Dim matched As Long, unmatched As Long, isFound As Boolean',
  '    Set ws = ActiveSheet',
  '    firstInput = Application.InputBox("First row of the pasted data (the row number you noted):", "Purchase order", Type:=1)',
  '    If firstInput < 4 Then Exit Sub',
  '    lastInput = ws.Cells(ws.Rows.Count, "A").End(xlUp).Row',
  '    For r = firstInput To lastInput',
  '        isFound = False',
  '        For f = 3 To firstInput - 1',
  '            If UCase(Trim(CStr(ws.Cells(f, "D").Value))) = UCase(Trim(CStr(ws.Cells(r, "A").Value))) _',
  '               And UCase(Trim(CStr(ws.Cells(f, "F").Value))) = UCase(Trim(CStr(ws.Cells(r, "B").Value))) _',
  '               And UCase(Trim(CStr(ws.Cells(f, "K").Value))) = UCase(Trim(CStr(ws.Cells(r, "C").Value))) Then',
  '                ws.Cells(f, "O").Value = ws.Cells(r, "D").Value',
  '                isFound = True',
  '                Exit For',
  '            End If',
  '        Next f',
  '        If isFound Then',
  '            matched = matched + 1',
  '        Else',
  '            unmatched = unmatched + 1',
  '            ws.Range(ws.Cells(r, "A"), ws.Cells(r, "D")).Interior.Color = RGB(255, 0, 0)',
  '        End If',
  '    Next r',
  '    MsgBox matched & " row(s) filled in column O; " & unmatched & " not found (coloured red).", vbInformation, "Purchase order"',
  'End Sub',
].join('\n');

/** The instruction rows under the data (one text cell each). */
export const PURCHASE_ORDER_INSTRUCTIONS = [
  'HOW TO USE THIS SHEET',
  "1. Open the company's order form. The macro expects style in column D, colour in F and size in K (from row 3), and writes quantities into column O.",
  '2. Copy the rows above WITHOUT the header (Item Name to Quantity) and paste them into column A of the first empty row below the form. Note that row number.',
  '3. Press Alt+F11, choose Insert > Module, paste the code below, then run FillPurchaseOrder (F5).',
  '4. Enter the row number you noted. Matched quantities go into column O; pasted rows that match nothing turn red; a message gives the counts.',
] as const;

/**
 * All rows of the sheet: header, one row per line with a quantity above 0 (item name from
 * `nameOf`, the colour and size as stored), a blank row, the instructions, "CODE:" and the macro.
 */
export function purchaseOrderRows(lines: readonly Line[], nameOf: (id: ProductId) => string): Cell[][] {
  const data = lines.filter((l) => l.qty > 0).map((l): Cell[] => [nameOf(l.productId), l.color, l.size, l.qty]);
  return [[...PURCHASE_ORDER_HEADER], ...data, [], ...PURCHASE_ORDER_INSTRUCTIONS.map((t): Cell[] => [t]), ['CODE:'], [PURCHASE_ORDER_MACRO]];
}

/** "purchase_order_K12.xlsx". */
export const purchaseOrderFileName = (orderNumber: string): string => `purchase_order_${orderNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.xlsx`;
