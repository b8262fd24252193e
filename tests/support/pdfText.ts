/**
 * The text a PDF shows, as a reader's copy or search would get it: pdf.js (pdfjs-dist, legacy
 * build for Node) extracts each page's text through the embedded fonts' ToUnicode maps. Items on
 * one page (jsPDF writes one per `text` call) are trimmed and joined with " | ", pages with a newline.
 * A Buffer is copied into a plain Uint8Array first (pdf.js refuses Buffers).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str.trim()] : [])).join(' | '));
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

/** The names of the fonts an uncompressed PDF embeds (descriptors with a /FontFile2 TrueType program). */
export function embeddedFonts(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1');
  return [...raw.matchAll(/\/FontName\s*\/([^\s/>]+)\s*\/FontFile2\b/g)].map((m) => m[1] ?? '');
}
