/**
 * Time to build the PDF of a 100-line order in Chromium (issue 4 target: ≤ 1.5 s), with the
 * app's own modules served by Vite: `orderDocument` (pure rows) + `renderDocumentPdf` (jsPDF,
 * loaded lazily; the first run includes that load). Prints figures only; it is not a test.
 *
 *   npx tsx bench/app/orderPdf.ts [--lines 100] [--runs 5]
 */
import { loadavg } from 'node:os';
import type * as DocumentModule from '../../src/domain/orderDocument.ts';
import type * as PdfModule from '../../src/exports/documentPdf.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { AppStack } from '../../tests/browser/support/stack.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const LINES = arg('lines', 100);
const RUNS = arg('runs', 5);

// Only Vite matters here (no sign-in): the auth host is never contacted.
const stack = await AppStack.start('127.0.0.1:9');
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(stack.staffUrl);
  const runs = await page.evaluate(
    async ({ lines: count, runs }) => {
      // Module URLs as Vite serves them to the page (not paths Node resolves).
      const [docUrl, pdfUrl] = ['/src/domain/orderDocument.ts', '/src/exports/documentPdf.ts'];
      const docMod = (await import(/* @vite-ignore */ docUrl)) as typeof DocumentModule;
      const times: { build: number; render: number; bytes: number; pages: number }[] = [];
      const sizes = ['S', 'M', 'L', 'XL', 'XXL'];
      const colors = ['BLK', 'WHT', 'RED', 'NVY'];
      const catalog = new Map<string, { name: string; sizes: string[]; colors: { code: string; name: string; swatch: string }[] }>();
      const lines: { productId: string; color: string; size: string; qty: number }[] = [];
      for (let i = 0; lines.length < count; i++) {
        const id = `P-${i}`;
        catalog.set(id, { name: `Product with a reasonably long name ${i}`, sizes, colors: colors.map((c) => ({ code: c, name: `${c} colour`, swatch: '#123456' })) });
        for (const c of colors) for (const s of sizes) if (lines.length < count && (i + s.length + c.length) % 2 === 0) lines.push({ productId: id, color: c, size: s, qty: 1 + ((i * 7) % 40) });
      }
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        const doc = docMod.orderDocument({
          lines: lines as never,
          catalog: catalog as never,
          party: { name: 'ASHA TRADERS', area: 'MAPUSA' },
          number: 'K12345',
          dates: [{ label: 'Date', at: Date.now() }],
          createdBy: 'Bench Staff',
          notes: 'Deliver before Friday. '.repeat(10),
        });
        const t1 = performance.now();
        const { renderDocumentPdf } = (await import(/* @vite-ignore */ pdfUrl)) as typeof PdfModule;
        const blob = await renderDocumentPdf(doc);
        const t2 = performance.now();
        const text = await blob.text();
        times.push({ build: t1 - t0, render: t2 - t1, bytes: blob.size, pages: (text.match(/\/Type \/Page\b/g) ?? []).length });
      }
      return times;
    },
    { lines: LINES, runs: RUNS },
  );
  console.info(`order PDF: ${LINES} lines in Chromium; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  runs.forEach((t, i) => console.info(`  run ${i + 1}${i === 0 ? ' (cold, loads jsPDF)' : ''}: document ${ms(t.build)} + PDF ${ms(t.render)} = ${ms(t.build + t.render)}; ${t.pages} pages, ${(t.bytes / 1024).toFixed(0)} KiB`));
  const all = runs.map((t) => t.build + t.render);
  const warm = all.slice(1).sort((a, b) => a - b);
  console.info(`  cold ${ms(all[0] ?? 0)}; median warm ${ms(warm[Math.floor(warm.length / 2)] ?? all[0] ?? 0)}; target ≤ 1500 ms`);
} finally {
  await browser.close();
  await stack.stop();
}
