/**
 * The order PDF through the app's own renderer (src/exports/documentPdf.ts, jsPDF in Node), read
 * back with a PDF text extractor (pdf.js): ₹ and Devanagari names must come back as typed, which
 * needs an embedded font with those glyphs and a ToUnicode map (jsPDF's Helvetica has neither).
 */
import { describe, expect, it } from 'vitest';
import { orderDocument } from '../../../src/domain/orderDocument.ts';
import type { Line, Product } from '../../../src/domain/types.ts';
import { renderDocumentPdf } from '../../../src/exports/documentPdf.ts';
import { embeddedFonts, pdfText } from '../../support/pdfText.ts';

const PARTY = 'राम वस्त्र भंडार';
const PRODUCT = 'सूती कुर्ता';
const catalog = new Map<string, Pick<Product, 'name' | 'sizes' | 'colors'>>([
  ['P-KUR', { name: PRODUCT, sizes: ['M', 'L'], colors: [{ code: 'LAL', name: 'लाल', swatch: '#c00' }] }],
  ['P-TEE', { name: 'Cotton Tee', sizes: ['S', 'M'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }] }],
]);
const line = (productId: string, color: string, size: string, qty: number): Line => ({ productId, color, size, qty }) as Line;

async function render(lines: Line[], notes: string): Promise<Uint8Array> {
  const doc = orderDocument({
    lines,
    catalog,
    party: { name: PARTY, area: 'पणजी' },
    number: 'K7',
    dates: [{ label: 'Date', at: Date.UTC(2026, 0, 5, 6, 30) }],
    createdBy: 'Sita Staff',
    notes,
    timeZone: 'Asia/Kolkata',
  });
  const blob = await renderDocumentPdf(doc);
  return new Uint8Array(await blob.arrayBuffer());
}

describe('order PDF text', () => {
  it('keeps ₹, Devanagari names and Latin text extractable, in the embedded DOMS Sans', async () => {
    const bytes = await render([line('P-KUR', 'LAL', 'M', 3), line('P-KUR', 'LAL', 'L', 2), line('P-TEE', 'RED', 'S', 4)], 'Advance ₹1,500.00 received — देय राशि ₹2,250');
    const text = await pdfText(bytes);
    expect(text).toContain(`Order Summary - ${PARTY}`);
    expect(text).toContain(`${PARTY} - पणजी`);
    expect(text).toContain(PRODUCT);
    expect(text).toContain('LAL लाल');
    expect(text).toContain('Cotton Tee');
    expect(text).toContain('Total Quantity: 9');
    expect(text).toContain('Advance ₹1,500.00 received — देय राशि ₹2,250');
    expect(text).toContain('Page 1 of 1');
    // The text is in the embedded font, regular and bold (jsPDF names both by the family).
    expect(embeddedFonts(bytes)).toEqual(['DomsSans', 'DomsSans']);
  });

  it('wraps a long Devanagari note over pages without losing or reordering a character', async () => {
    const note = Array.from({ length: 160 }, (_, i) => `${PARTY} को ₹${i + 1} का भुगतान।`).join(' ');
    const text = await pdfText(await render([line('P-KUR', 'LAL', 'M', 1)], note));
    expect(text).toMatch(/Page 1 of [2-9]/);
    // Each wrapped line is one text item; the footers aside, they join back into the note.
    const items = text.split(/\n| \| /).filter((t) => !/^Page \d+ of \d+$/.test(t));
    expect(items.join(' ')).toContain(note);
  });
});
