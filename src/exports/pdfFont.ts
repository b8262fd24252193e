/**
 * The font of every PDF the apps make: DOMS Sans, a subset of Noto Sans and Noto Sans Devanagari
 * covering Latin, Latin-1, General Punctuation, ₹ and Devanagari (jsPDF's built-in Helvetica has
 * none of ₹ or Devanagari). The font data loads on the first PDF, not with the app.
 *
 * jsPDF draws one glyph per character and does no complex-script shaping: Devanagari conjuncts
 * show as consonant + virama + consonant and the i-matra (ि) after its consonant, not before.
 * The text layer keeps the characters as typed, so copying or searching the PDF finds them.
 */
import type { jsPDF } from 'jspdf';

/** The family name to pass to `pdf.setFont`, with style 'normal' or 'bold'. */
export const PDF_FONT = 'DomsSans';

let data: Promise<{ regular: string; bold: string }> | undefined;

/** The base64 of each weight's TTF, loaded once (a separate chunk). */
function fontData(): Promise<{ regular: string; bold: string }> {
  data ??= import('./fonts/domsSans.ts').then(({ DOMS_SANS }) => ({
    regular: base64Of(DOMS_SANS.regular),
    bold: base64Of(DOMS_SANS.bold),
  }));
  return data;
}

/** The base64 part of a `data:…;base64,` URL. */
function base64Of(dataUrl: string): string {
  const i = dataUrl.indexOf(';base64,');
  if (i < 0) throw new Error('The PDF font did not load as base64 data.');
  return dataUrl.slice(i + ';base64,'.length);
}

/** Registers DOMS Sans (normal and bold) with `pdf` and selects it. Call once per document, before any text. */
export async function usePdfFont(pdf: jsPDF): Promise<void> {
  const { regular, bold } = await fontData();
  pdf.addFileToVFS('DomsSans-Regular.ttf', regular);
  pdf.addFont('DomsSans-Regular.ttf', PDF_FONT, 'normal');
  pdf.addFileToVFS('DomsSans-Bold.ttf', bold);
  pdf.addFont('DomsSans-Bold.ttf', PDF_FONT, 'bold');
  pdf.setFont(PDF_FONT, 'normal');
}
