/**
 * A sheet of barcode labels as an A4 PDF: jsbarcode draws each code on a canvas, jsPDF places
 * the images in a 3 × 8 grid (70 × 37 mm, common label stock) with the product, colour, size and
 * MRP (when the catalogue has one). Both libraries and the PDF font (pdfFont.ts) load on first use.
 */
import type JsBarcodeFn from 'jsbarcode';
import type { BarcodeLabel } from '../domain/stockView.ts';
import { PDF_FONT, usePdfFont } from './pdfFont.ts';

const PAGE_W = 210;
const PAGE_H = 297;
const COLS = 3;
const ROWS = 8;
const LABEL_W = PAGE_W / COLS;
const LABEL_H = 37;
const TOP = (PAGE_H - ROWS * LABEL_H) / 2;
const PAD = 3;

/** The barcode symbology for a code: EAN-13 for 13 digits (when its check digit is right), else Code 128. */
const formatOf = (code: string): 'EAN13' | 'CODE128' => (/^\d{13}$/.test(code) ? 'EAN13' : 'CODE128');

/** Draws `code` and returns a PNG data URL; throws an Error naming the code when no symbology can draw it. */
function drawBarcode(JsBarcode: typeof JsBarcodeFn, code: string): string {
  const canvas = document.createElement('canvas');
  for (const format of [formatOf(code), 'CODE128'] as const) {
    let isValid = true;
    try {
      JsBarcode(canvas, code, { format, displayValue: true, fontSize: 16, height: 60, margin: 4, valid: (v) => (isValid = v) });
    } catch {
      isValid = false;
    }
    if (isValid) return canvas.toDataURL('image/png');
  }
  throw new Error(`Barcode "${code}" cannot be printed as EAN-13 or Code 128.`);
}

/** The label sheet PDF for `labels`, in order, 24 to a page. `compress` is off so tests can read the text. */
export async function renderLabelSheet(labels: readonly BarcodeLabel[], options: { compress?: boolean } = {}): Promise<Blob> {
  if (labels.length === 0) throw new Error('Select at least one SKU with a barcode.');
  const [{ jsPDF }, { default: JsBarcode }] = await Promise.all([import('jspdf'), import('jsbarcode')]);
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: options.compress ?? false });
  pdf.setProperties({ title: 'Barcode labels', creator: 'D-OMS' });
  await usePdfFont(pdf);
  labels.forEach((label, i) => {
    const slot = i % (COLS * ROWS);
    if (i > 0 && slot === 0) pdf.addPage();
    const x = (slot % COLS) * LABEL_W + PAD;
    const y = TOP + Math.floor(slot / COLS) * LABEL_H + PAD;
    const w = LABEL_W - 2 * PAD;
    pdf.setFont(PDF_FONT, 'bold');
    pdf.setFontSize(9);
    const title = (pdf.splitTextToSize(label.productName, w) as string[])[0] ?? '';
    pdf.text(title, x, y + 3);
    pdf.setFontSize(8);
    const mrpW = label.mrp === undefined ? 0 : pdf.getTextWidth(label.mrp) + 2;
    if (label.mrp !== undefined) pdf.text(label.mrp, x + w, y + 7, { align: 'right' });
    pdf.setFont(PDF_FONT, 'normal');
    const variant = (pdf.splitTextToSize(`${label.colorName} - ${label.size}`, w - mrpW) as string[])[0] ?? '';
    pdf.text(variant, x, y + 7);
    pdf.addImage(drawBarcode(JsBarcode, label.code), 'PNG', x, y + 9, w, LABEL_H - 2 * PAD - 10);
  });
  return pdf.output('blob');
}
