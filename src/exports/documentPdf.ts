/**
 * Renders an OrderDocument (src/domain/orderDocument.ts) to an A4 PDF with jsPDF, loaded on
 * first use. The table is drawn by hand (no autotable plugin): cells wrap, rows never split
 * across pages, the header repeats on every page and each page gets a "Page N of M" footer.
 * Text is set in DOMS Sans (src/exports/pdfFont.ts), so ₹ and Devanagari names print.
 */
import type { OrderDocument } from '../domain/orderDocument.ts';
import { PDF_FONT, usePdfFont } from './pdfFont.ts';

/** Options: `compress` deflates the content streams (off by default so the text stays searchable in tests). */
export type PdfOptions = { compress?: boolean };

const PAGE_W = 210;
const PAGE_H = 297;
const MARGIN = 14;
const FOOTER_H = 12;
const LINE_H = 4.6; // mm per 10 pt line
const CELL_PAD = 2;
const HEADER_RGB: [number, number, number] = [41, 128, 185];
const STRIPE_RGB: [number, number, number] = [242, 244, 246];

/** The PDF of `doc` as a Blob (application/pdf). */
export async function renderDocumentPdf(doc: OrderDocument, options: PdfOptions = {}): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: options.compress ?? false });
  await usePdfFont(pdf);
  pdf.setProperties({ title: doc.title, author: 'D-OMS', creator: 'D-OMS' });
  const tableW = PAGE_W - 2 * MARGIN;
  const bottom = PAGE_H - MARGIN - FOOTER_H;
  let y = MARGIN;

  // Title, centred and wrapped.
  pdf.setFont(PDF_FONT, 'bold');
  pdf.setFontSize(18);
  for (const line of pdf.splitTextToSize(doc.title, tableW) as string[]) {
    y += 7;
    pdf.text(line, PAGE_W / 2, y, { align: 'center' });
  }
  y += 4;

  // Meta rows: "Label: value", the value wrapped beside its label.
  pdf.setFontSize(11);
  for (const m of doc.meta) {
    pdf.setFont(PDF_FONT, 'bold');
    const label = `${m.label}: `;
    const labelW = pdf.getTextWidth(label);
    pdf.setFont(PDF_FONT, 'normal');
    const valueLines = pdf.splitTextToSize(m.value, tableW - labelW) as string[];
    if (y + valueLines.length * 5.2 > bottom) {
      pdf.addPage();
      y = MARGIN;
    }
    y += 5.2;
    pdf.setFont(PDF_FONT, 'bold');
    pdf.text(label, MARGIN, y);
    pdf.setFont(PDF_FONT, 'normal');
    valueLines.forEach((v, i) => pdf.text(v, MARGIN + labelW, y + i * 5.2));
    y += (valueLines.length - 1) * 5.2;
  }
  y += 3;
  pdf.setDrawColor(200, 200, 200);
  pdf.setLineWidth(0.4);
  pdf.line(MARGIN, y, PAGE_W - MARGIN, y);
  y += 4;

  // Table.
  const cols = doc.columns.map((c) => ({ ...c, w: c.width * tableW }));
  const cellLines = (text: string, w: number): string[] => pdf.splitTextToSize(text, w - 2 * CELL_PAD) as string[];
  const drawRow = (cells: string[][], top: number, height: number, fill: [number, number, number] | null, bold: boolean, color: [number, number, number]): void => {
    if (fill !== null) {
      pdf.setFillColor(...fill);
      pdf.rect(MARGIN, top, tableW, height, 'F');
    }
    pdf.setDrawColor(210, 214, 218);
    pdf.setLineWidth(0.2);
    pdf.rect(MARGIN, top, tableW, height, 'S');
    pdf.setFont(PDF_FONT, bold ? 'bold' : 'normal');
    pdf.setTextColor(...color);
    let x = MARGIN;
    cols.forEach((c, i) => {
      if (i > 0) pdf.line(x, top, x, top + height);
      const lines = cells[i] ?? [];
      const tx = c.align === 'right' ? x + c.w - CELL_PAD : x + CELL_PAD;
      lines.forEach((l, j) => pdf.text(l, tx, top + CELL_PAD + 3.4 + j * LINE_H, { align: c.align }));
      x += c.w;
    });
    pdf.setTextColor(0, 0, 0);
  };
  const header = (): void => {
    pdf.setFontSize(10);
    pdf.setFont(PDF_FONT, 'bold');
    const cells = cols.map((c) => cellLines(c.title, c.w));
    const h = Math.max(...cells.map((l) => l.length)) * LINE_H + 2 * CELL_PAD;
    drawRow(cells, y, h, HEADER_RGB, true, [255, 255, 255]);
    y += h;
  };
  header();
  pdf.setFontSize(10);
  doc.rows.forEach((row, i) => {
    pdf.setFont(PDF_FONT, 'normal');
    const cells = cols.map((c) => cellLines(c.key === 'total' ? String(row.total) : row[c.key], c.w));
    const h = Math.max(1, ...cells.map((l) => l.length)) * LINE_H + 2 * CELL_PAD;
    if (y + h > bottom) {
      pdf.addPage();
      y = MARGIN;
      header();
      pdf.setFontSize(10);
    }
    drawRow(cells, y, h, i % 2 === 1 ? STRIPE_RGB : null, false, [20, 20, 20]);
    y += h;
  });
  if (doc.rows.length === 0) {
    pdf.setFont(PDF_FONT, 'normal');
    y += 6;
    pdf.text('No lines', MARGIN, y);
  }

  // Totals and notes.
  if (y + 12 > bottom) {
    pdf.addPage();
    y = MARGIN;
  }
  y += 9;
  pdf.setFont(PDF_FONT, 'bold');
  pdf.setFontSize(13);
  pdf.text(`Total Quantity: ${doc.totalQty}`, MARGIN, y);
  if (doc.notes !== undefined) {
    pdf.setFontSize(11);
    const noteLines = pdf.splitTextToSize(doc.notes, tableW) as string[];
    if (y + 8 > bottom) {
      pdf.addPage();
      y = MARGIN;
    }
    y += 8;
    pdf.text('Order Notes:', MARGIN, y);
    pdf.setFont(PDF_FONT, 'normal');
    for (const l of noteLines) {
      if (y + 5.2 > bottom) {
        pdf.addPage();
        y = MARGIN;
      }
      y += 5.2;
      pdf.text(l, MARGIN, y);
    }
  }

  // Footers on every page, now that the page count is known.
  const pages = pdf.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    pdf.setPage(p);
    pdf.setFont(PDF_FONT, 'normal');
    pdf.setFontSize(9);
    pdf.setTextColor(110, 110, 110);
    pdf.text(`Page ${p} of ${pages}`, PAGE_W - MARGIN, PAGE_H - MARGIN, { align: 'right' });
    if (doc.footer !== undefined) pdf.text(doc.footer, MARGIN, PAGE_H - MARGIN);
  }
  return pdf.output('blob');
}
