/**
 * Speed of the stock import preview (issue 4: ≤ 2 s for 5,000 rows). Generates a DMS-like
 * sheet with SheetJS, then times, over several runs: reading the xlsx into rows (the same
 * `readSheetRows` the app uses), parsing them against the catalogue and building the preview
 * against a stock of the same size. Prints figures only; it is not a test.
 *
 *   npx tsx bench/app/stockImportPreview.ts [--rows 5000] [--runs 5]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as XLSX from '@e965/xlsx';
import { skuId } from '../../src/domain/ids.ts';
import { parseStockSheet, previewImport } from '../../src/domain/stockImport.ts';
import type { Product, SkuId } from '../../src/domain/types.ts';
import { readSheetRows } from '../../src/exports/stockXlsx.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const ROWS = arg('rows', 5000);
const RUNS = arg('runs', 5);

// 125 products × 5 colours × 8 sizes = 5,000 SKUs; names with hyphens to exercise the matching.
const SIZES = ['S', 'M', 'L', 'XL', 'XXL', '32B', '34B', '36B'];
const COLORS = ['BLK', 'WHT', 'RED', 'NVY', 'SKN'];
const catalog = new Map<string, Product>();
for (let p = 0; p < Math.ceil(ROWS / 40); p++) {
  catalog.set(`P${p}`, { name: `T-Shirt Model-${p}`, sizes: SIZES, colors: COLORS.map((c) => ({ code: c, name: `${c} name`, swatch: '#123456' })), active: true });
}
const rows: unknown[][] = [['DIXDMS'], [], [], [], [], [], ['Sr', 'Product Name', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'CLS']];
const current: Partial<Record<SkuId, number>> = {};
let n = 0;
outer: for (const [id, p] of catalog) {
  for (const c of p.colors) {
    for (const s of p.sizes) {
      if (n >= ROWS) break outer;
      n++;
      rows.push([n, `${p.name}-ART${n}, ${c.name}, ${s}`, '', '', '', '', '', '', '', '', '', n % 7 === 0 ? 'bad' : n % 150]);
      if (n % 3 === 0) current[skuId(id, c.code, s)] = n % 50;
    }
  }
}
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Stock');
const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
const blob = new Blob([new Uint8Array(bytes)]);

console.info(`stock import preview: ${n} data rows, ${(bytes.length / 1024).toFixed(0)} KiB xlsx, ${catalog.size} products, ${Object.keys(current).length} SKUs in stock; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const times: { read: number; parse: number; preview: number; total: number }[] = [];
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const sheet = await readSheetRows(blob);
  const t1 = performance.now();
  const parsed = parseStockSheet(sheet.rows, catalog, sheet.origin);
  const t2 = performance.now();
  if ('message' in parsed) throw new Error(parsed.message);
  const preview = previewImport(parsed, current);
  const t3 = performance.now();
  times.push({ read: t1 - t0, parse: t2 - t1, preview: t3 - t2, total: t3 - t0 });
  if (r === 0) console.info(`  preview: ${preview.added.length} new, ${preview.changed.length} changed, ${preview.removed.length} removed, ${preview.errors.length} errors, ${preview.unchanged} unchanged`);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
times.forEach((t, i) => console.info(`  run ${i + 1}${i === 0 ? ' (cold)' : ''}: read xlsx ${ms(t.read)} + parse ${ms(t.parse)} + preview ${ms(t.preview)} = ${ms(t.total)}`));
const warm = times.slice(1).map((t) => t.total).sort((a, b) => a - b);
console.info(`  median warm total ${ms(warm[Math.floor(warm.length / 2)] ?? times[0]?.total ?? 0)}; spec ≤ 2000 ms`);
