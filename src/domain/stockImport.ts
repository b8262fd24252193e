/**
 * The distributor's stock sheet (reference §4.7): a header row with "Product Name" and "CLS",
 * then one row per product colour and size, "ITEM-CODE, COLOUR, SIZE" and the closing stock.
 *
 * Every cell is untrusted. The parser returns one result per data row, naming its spreadsheet row
 * number and column: nothing is dropped silently. Decisions (docs/data-model.md, Stock import):
 * - the header row is found by its cells (the original's fixed row was off by one);
 * - the item is matched against the catalogue at every "-" (longest match wins), so item names
 *   containing "-" are not cut at the first one (bug 15);
 * - quantities are whole numbers from 0 up to 10⁹: 100 and more are valid (bug 15);
 * - a blank CLS is read as 0 and said so; a row with neither name nor CLS is listed as blank;
 * - rows naming the same SKU are SUMMED (each later row says which row it adds to);
 * - an unknown colour or size of a known item is a warning: the row is applied (as a new SKU,
 *   written as in the sheet) only when the person confirms that row; an unknown item is an error
 *   (stock needs a catalogue product);
 * - a SKU with any bad or unconfirmed row keeps its current quantity (never zeroed by a typo);
 * - zeroing more than 10 % of the SKUs in stock needs a typed confirmation (`zeroing`);
 * - a file that is not a workbook at all is told apart from a workbook without the header
 *   (`sheetFileProblem`).
 */
import { parseSkuId } from './ids.ts';
import { lineKey } from './lines.ts';
import { productLabel } from './productLabel.ts';
import type { Patch, TransitionCtx } from './patch.ts';
import { id, int, object, text, time, type Schema } from './schema.ts';
import { setStock, type StockChange, type StockTarget } from './stock.ts';
import type { Product, ProductId, SkuId, Time, Uid } from './types.ts';
import { LIMITS } from './validate.ts';

/** Where rows[0][0] sits in the spreadsheet: its 1-based row number and 0-based column index. */
export type SheetOrigin = { row: number; col: number };

/** The colour and/or size of a row that the catalogue product does not list, as written. */
export type UnknownParts = { color?: string; size?: string };

/**
 * One data row's outcome. `row` is the spreadsheet row number; `column` e.g. 'L (CLS)'. An 'ok'
 * row with `unknown` names a colour or size its product does not list: applied only if confirmed.
 */
export type ImportRow =
  | { kind: 'ok'; row: number; line: StockTarget; name: string; notes: string[]; unknown?: UnknownParts }
  | { kind: 'error'; row: number; column: string; message: string; sku: SkuId | null }
  | { kind: 'blank'; row: number };

/** The parsed sheet: where its header is, and every data row's outcome in sheet order. */
export type ParsedSheet = { headerRow: number; nameColumn: string; clsColumn: string; rows: ImportRow[] };

/** The sheet could not be read at all (no header, too many rows). */
export type SheetProblem = { message: string };

/** Limits on untrusted sheets. */
export const SHEET_LIMITS = { rows: 50_000, headerScanRows: 50, headerScanCols: 200, nameChars: 300 } as const;

const NAME_HEADER = 'PRODUCT NAME';
const CLS_HEADER = 'CLS';
// eslint-disable-next-line no-control-regex -- control characters are refused in stored text
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Text a spreadsheet would run as a formula if it were written back to a sheet or CSV. */
const FORMULA = /^[=+\-@]/;

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toUpperCase();

/** 'A', 'B', …, 'Z', 'AA' for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function findHeader(rows: readonly (readonly unknown[])[]): { index: number; name: number; cls: number } | null {
  const scan = Math.min(rows.length, SHEET_LIMITS.headerScanRows);
  for (let r = 0; r < scan; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) continue;
    let name = -1;
    let cls = -1;
    for (let c = 0; c < Math.min(row.length, SHEET_LIMITS.headerScanCols); c++) {
      const v: unknown = row[c];
      if (typeof v !== 'string' || v.length > 40) continue;
      const h = norm(v);
      if (h === NAME_HEADER && name < 0) name = c;
      else if (h === CLS_HEADER && cls < 0) cls = c;
    }
    if (name >= 0 && cls >= 0) return { index: r, name, cls };
  }
  return null;
}

/** A quantity cell: a whole number 0..10⁹, blank (null), or a message. */
function readQty(v: unknown): { qty: number | null } | { problem: string } {
  if (v === null || v === undefined) return { qty: null };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { problem: 'is not a number' };
    if (v < 0) return { problem: `${v} is negative` };
    if (!Number.isInteger(v)) return { problem: `${v} is not a whole number` };
    if (v > LIMITS.stockQty) return { problem: `${v} is more than ${LIMITS.stockQty}` };
    return { qty: v };
  }
  if (typeof v !== 'string') return { problem: `must be a number, not ${typeof v === 'boolean' ? 'true/false' : 'a date or other value'}` };
  const s = v.trim();
  if (s === '') return { qty: null };
  if (s.length > 20) return { problem: 'is not a number' };
  const plain = /^\+?(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$/.exec(s);
  if (plain?.[1] !== undefined) return readQty(Number(plain[1].replaceAll(',', '')));
  if (/^-\s*\d+(?:\.\d*)?$/.test(s)) return { problem: `"${s}" is negative` };
  if (/^\+?\d*\.\d+$/.test(s)) return { problem: `"${s}" is not a whole number` };
  return { problem: `"${shorten(s)}" is not a number` };
}

const shorten = (s: string, n = 40): string => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

/** Catalogue lookups by normalised name or id (several products may share a name: bug 12). */
type CatalogIndex = { byName: Map<string, ProductId[]>; products: ReadonlyMap<string, Product> };

function indexCatalog(catalog: ReadonlyMap<string, Product>): CatalogIndex {
  const byName = new Map<string, ProductId[]>();
  const add = (k: string, id: ProductId) => {
    const list = byName.get(k) ?? [];
    if (!list.includes(id)) list.push(id);
    byName.set(k, list);
  };
  for (const [id, p] of catalog) {
    add(norm(p.name), id as ProductId);
    add(norm(id), id as ProductId);
  }
  return { byName, products: catalog };
}

/** The longest prefix of `head` ending at a "-" or "," (or all of it) that names a catalogue product. */
function matchItem(head: string, index: CatalogIndex): { ids: ProductId[]; item: string } | null {
  const cuts = [head.length];
  for (let i = head.length - 1; i > 0; i--) if (head[i] === '-' || head[i] === ',') cuts.push(i);
  for (const cut of cuts) {
    const item = head.slice(0, cut).trim();
    const ids = index.byName.get(norm(item));
    if (ids !== undefined) return { ids, item };
  }
  return null;
}

type NameResult = { line: Omit<StockTarget, 'qty'>; unknown: UnknownParts | null } | { problem: string };

function readName(v: unknown, index: CatalogIndex): NameResult {
  if (typeof v !== 'string') return { problem: `must be text, not ${typeof v === 'number' ? 'a number' : 'this value'}` };
  const name = v.trim();
  const chars = [...name].length;
  if (chars > SHEET_LIMITS.nameChars) return { problem: `is ${chars} characters long; at most ${SHEET_LIMITS.nameChars}` };
  if (CONTROL.test(name)) return { problem: 'contains control characters' };
  if (FORMULA.test(name)) return { problem: `"${shorten(name)}" looks like a formula; it must be a product name` };
  const parts = name.split(',');
  if (parts.length < 3) return { problem: `"${shorten(name)}" is not in the form ITEM, COLOUR, SIZE` };
  const size = (parts.at(-1) ?? '').trim();
  const colorText = (parts.at(-2) ?? '').trim();
  const head = parts.slice(0, -2).join(',').trim();
  if (head === '') return { problem: 'has no item before the colour' };
  if (colorText === '') return { problem: 'has an empty colour' };
  if (size === '') return { problem: 'has an empty size' };
  for (const [what, text, max] of [['colour', colorText, LIMITS.colorCode], ['size', size, LIMITS.size]] as const) {
    if ([...text].length > max) return { problem: `${what} "${shorten(text)}" is longer than ${max} characters` };
    if (FORMULA.test(text)) return { problem: `${what} "${shorten(text)}" looks like a formula` };
  }
  const match = matchItem(head, index);
  if (match === null) return { problem: `item "${shorten(head)}" is not in the catalogue` };
  if (match.ids.length > 1) return { problem: `item "${shorten(match.item)}" matches ${match.ids.length} catalogue products (${match.ids.map((id) => productLabel(index.products.get(id))).join(', ')})` };
  const productId = match.ids[0] as ProductId;
  const product = index.products.get(productId) as Product;
  const c = norm(colorText);
  const colour = product.colors.find((x) => norm(x.code) === c) ?? product.colors.find((x) => norm(x.name) === c);
  const sizeMatch = product.sizes.find((s) => norm(s) === norm(size));
  const unknown: UnknownParts = {};
  if (colour === undefined) unknown.color = colorText;
  if (sizeMatch === undefined) unknown.size = size;
  return { line: { productId, color: colour?.code ?? colorText, size: sizeMatch ?? size }, unknown: colour === undefined || sizeMatch === undefined ? unknown : null };
}

/**
 * Parses the sheet's rows (arrays of raw cell values, `rows[0]` at `origin`) against the
 * catalogue. Returns the header it found and one outcome per row after it, or why it cannot.
 */
export function parseStockSheet(rows: readonly (readonly unknown[])[], catalog: ReadonlyMap<string, Product>, origin: SheetOrigin = { row: 1, col: 0 }): ParsedSheet | SheetProblem {
  if (!Array.isArray(rows)) return { message: 'The file has no sheet to read.' };
  const header = findHeader(rows);
  if (header === null) return { message: `No header row with "Product Name" and "CLS" in the first ${SHEET_LIMITS.headerScanRows} rows. Is this the stock file from DIXDMS?` };
  const dataRows = rows.length - header.index - 1;
  if (dataRows > SHEET_LIMITS.rows) return { message: `The sheet has ${dataRows} rows after its header; at most ${SHEET_LIMITS.rows} can be imported at once.` };
  const nameColumn = `${columnLetter(origin.col + header.name)} (Product Name)`;
  const clsColumn = `${columnLetter(origin.col + header.cls)} (CLS)`;
  const index = indexCatalog(catalog);
  const out: ImportRow[] = [];
  const firstRowOf = new Map<SkuId, number>();
  for (let r = header.index + 1; r < rows.length; r++) {
    const row = origin.row + r;
    const cells: unknown = rows[r];
    const rawName: unknown = Array.isArray(cells) ? cells[header.name] : undefined;
    const rawQty: unknown = Array.isArray(cells) ? cells[header.cls] : undefined;
    const isBlankName = rawName === null || rawName === undefined || (typeof rawName === 'string' && rawName.trim() === '');
    const q = readQty(rawQty);
    if (isBlankName && 'qty' in q && q.qty === null) {
      out.push({ kind: 'blank', row });
      continue;
    }
    if (isBlankName) {
      out.push({ kind: 'error', row, column: nameColumn, message: 'Product Name is empty', sku: null });
      continue;
    }
    const name = readName(rawName, index);
    if ('problem' in name) {
      out.push({ kind: 'error', row, column: nameColumn, message: `Product Name ${name.problem}`, sku: null });
      continue;
    }
    const sku = lineKey(name.line);
    if ('problem' in q) {
      out.push({ kind: 'error', row, column: clsColumn, message: `CLS ${q.problem}`, sku });
      continue;
    }
    const notes: string[] = [];
    if (q.qty === null) notes.push('CLS is blank: counted as 0');
    const first = firstRowOf.get(sku);
    if (first === undefined) firstRowOf.set(sku, row);
    else notes.push(`same SKU as row ${first}: quantities added`);
    const ok: ImportRow = { kind: 'ok', row, line: { ...name.line, qty: q.qty ?? 0 }, name: (rawName as string).trim(), notes };
    if (name.unknown !== null) ok.unknown = name.unknown;
    out.push(ok);
  }
  return { headerRow: origin.row + header.index, nameColumn, clsColumn, rows: out };
}

/** One SKU in the preview: quantity before and after, and the sheet rows that set it. */
export type PreviewChange = StockChange & { rows: number[] };
/** A SKU left as it is because a row naming it has an error. */
export type KeptSku = { skuId: SkuId; qty: number; rows: number[] };
/** A row naming a colour or size its product does not list; applied only when `isIncluded`. */
export type UnknownRow = { row: number; skuId: SkuId; productId: ProductId; qty: number; unknown: UnknownParts; isIncluded: boolean };
/** SKUs the import would set to 0, out of the SKUs in stock now (qty > 0); `needsTypedConfirm` above the share. */
export type Zeroing = { count: number; stocked: number; needsTypedConfirm: boolean };

/** Zeroing more than this share of the SKUs in stock needs the count typed in (issue 12). */
export const MASS_ZERO_SHARE = 0.1;

/** What applying the sheet would do, against the stock read at `current`. */
export type ImportPreview = {
  added: PreviewChange[];
  changed: PreviewChange[];
  removed: PreviewChange[];
  kept: KeptSku[];
  unchanged: number;
  /** Every row with an unknown colour or size, in sheet order, and whether the person included it. */
  unknown: UnknownRow[];
  /** The SKUs in `removed` against the SKUs in stock: a mass zeroing needs a typed confirmation. */
  zeroing: Zeroing;
  errors: Extract<ImportRow, { kind: 'error' }>[];
  notes: { row: number; text: string }[];
  blankRows: number[];
  /** What `setStock` gets: every SKU of the sheet (summed) and 0 for each removed one. */
  targets: StockTarget[];
  /** The quantities the preview was computed from; the apply re-checks them. */
  basis: Readonly<Partial<Record<SkuId, number>>>;
};

/**
 * Compares the parsed sheet with the current stock. The import replaces the stock: SKUs in stock
 * but not in the sheet go to 0 ("removed"), except those a bad row names ("kept"). A row with an
 * unknown colour or size counts only if its row number is in `confirmed`; otherwise its SKU is
 * left as it is (neither set nor zeroed).
 */
export function previewImport(sheet: ParsedSheet, current: Readonly<Partial<Record<SkuId, number>>>, confirmed: ReadonlySet<number> = new Set()): ImportPreview {
  const sums = new Map<SkuId, { line: Omit<StockTarget, 'qty'>; qty: number; rows: number[] }>();
  const keptRows = new Map<SkuId, number[]>();
  const held = new Set<SkuId>();
  const unknown: UnknownRow[] = [];
  const errors: ImportPreview['errors'] = [];
  const notes: ImportPreview['notes'] = [];
  const blankRows: number[] = [];
  for (const r of sheet.rows) {
    if (r.kind === 'ok' && r.unknown !== undefined) {
      const isIncluded = confirmed.has(r.row);
      unknown.push({ row: r.row, skuId: lineKey(r.line), productId: r.line.productId, qty: r.line.qty, unknown: { ...r.unknown }, isIncluded });
      if (!isIncluded) {
        held.add(lineKey(r.line));
        continue;
      }
    }
    if (r.kind === 'blank') blankRows.push(r.row);
    else if (r.kind === 'error') {
      errors.push(r);
      if (r.sku !== null) keptRows.set(r.sku, [...(keptRows.get(r.sku) ?? []), r.row]);
    } else {
      for (const text of r.notes) notes.push({ row: r.row, text });
      const k = lineKey(r.line);
      const s = sums.get(k);
      if (s === undefined) sums.set(k, { line: { productId: r.line.productId, color: r.line.color, size: r.line.size }, qty: r.line.qty, rows: [r.row] });
      else {
        s.qty += r.line.qty;
        s.rows.push(r.row);
      }
    }
  }
  const added: PreviewChange[] = [];
  const changed: PreviewChange[] = [];
  const removed: PreviewChange[] = [];
  const kept: KeptSku[] = [];
  const targets: StockTarget[] = [];
  let unchanged = 0;
  const basis: Partial<Record<SkuId, number>> = {};
  for (const [skuId, rows] of keptRows) {
    kept.push({ skuId, qty: current[skuId] ?? 0, rows: [...(sums.get(skuId)?.rows ?? []), ...rows].sort((a, b) => a - b) });
    basis[skuId] = current[skuId] ?? 0;
  }
  // A SKU with an unconfirmed row keeps its quantity, whatever its other rows say.
  for (const skuId of held) {
    if (!keptRows.has(skuId)) basis[skuId] = current[skuId] ?? 0;
  }
  for (const [skuId, s] of sums) {
    if (keptRows.has(skuId) || held.has(skuId)) continue;
    const before = current[skuId];
    basis[skuId] = before ?? 0;
    if (s.qty > LIMITS.stockQty) {
      errors.push({ kind: 'error', row: s.rows.at(-1) ?? 0, column: sheet.clsColumn, message: `CLS of rows ${s.rows.join(', ')} adds up to ${s.qty}, more than ${LIMITS.stockQty}`, sku: skuId });
      kept.push({ skuId, qty: before ?? 0, rows: s.rows });
      continue;
    }
    const after = s.qty;
    targets.push({ ...s.line, qty: after });
    if ((before ?? 0) === after) unchanged++;
    else (before === undefined ? added : changed).push({ skuId, before: before ?? 0, after, rows: s.rows });
  }
  for (const skuId of Object.keys(current) as SkuId[]) {
    if (sums.has(skuId) || keptRows.has(skuId) || held.has(skuId)) continue;
    const before = current[skuId] ?? 0;
    basis[skuId] = before;
    if (before === 0) continue;
    targets.push({ ...parseSkuId(skuId), qty: 0 });
    removed.push({ skuId, before, after: 0, rows: [] });
  }
  errors.sort((a, b) => a.row - b.row);
  const stocked = Object.values(current).filter((q) => (q ?? 0) > 0).length;
  const zeroing: Zeroing = { count: removed.length, stocked, needsTypedConfirm: removed.length > stocked * MASS_ZERO_SHARE };
  return { added, changed, removed, kept, unchanged, unknown, zeroing, errors, notes, blankRows, targets, basis };
}

/** Whether `typed` confirms the mass zeroing: the number of SKUs set to 0, as digits. */
export function isZeroingConfirmed(zeroing: Zeroing, typed: string): boolean {
  return !zeroing.needsTypedConfirm || typed.replace(/[\s,]/g, '') === String(zeroing.count);
}

/** A SKU as a person reads it: product name (with its code when it has one), colour name, size. Never an internal id. */
export function skuLabel(sku: SkuId, catalog: ReadonlyMap<string, Product>): { product: string; color: string; size: string } {
  let parts: { productId: ProductId; color: string; size: string };
  try {
    parts = parseSkuId(sku);
  } catch {
    return { product: 'Unreadable SKU', color: '', size: '' };
  }
  const p = catalog.get(parts.productId);
  if (p === undefined) return { product: 'A product no longer in the catalogue', color: parts.color, size: parts.size };
  return { product: productTitle(p), color: p.colors.find((c) => c.code === parts.color)?.name ?? parts.color, size: parts.size };
}

/** "Name (CODE)" when the product has a human code, else the name alone. */
export function productTitle(p: Product): string {
  // `code` is optional on products (added in issue 12); read it defensively so a catalogue without it still reads.
  const code: unknown = (p as Product & { code?: unknown }).code;
  return typeof code === 'string' && code.trim() !== '' && norm(code) !== norm(p.name) ? `${p.name} (${code.trim()})` : p.name;
}

/** What the first bytes of a file say it is: an xlsx (zip), an xls (OLE compound file), markup (XML/HTML sheets), or none of these. */
export type SheetFileKind = 'zip' | 'cfb' | 'markup' | 'other';

/** Tells the workbook formats apart by their first bytes (at least 8 of them when the file has them). */
export function sheetFileKind(head: Uint8Array): SheetFileKind {
  const starts = (sig: readonly number[]) => sig.every((b, i) => head[i] === b);
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb';
  // An XML Spreadsheet 2003 or an HTML table saved as .xls: text starting with "<" (after a BOM and blanks).
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x3c ? 'markup' : 'other';
}

/**
 * Why a file cannot be read as a stock sheet before any parsing, or null: empty, too large, or
 * not a workbook at all (plain text, a PDF, an image; SheetJS would read those as one-column text).
 */
export function sheetFileProblem(size: number, head: Uint8Array, maxBytes: number): string | null {
  if (size === 0) return 'the file is empty (0 bytes)';
  if (size > maxBytes) return `the file is ${(size / 1048576).toFixed(1)} MB; at most ${maxBytes / 1048576} MB`;
  if (sheetFileKind(head) === 'other') return 'it is not an Excel workbook (.xlsx or .xls); its content is of another kind';
  return null;
}

/** The message for a file that cannot be read as a spreadsheet, naming the file. */
export function unreadableSheetMessage(file: string, reason: string): string {
  return `"${shorten(storedFileName(file), 80)}" cannot be read as a spreadsheet: ${reason}.`;
}

/** The SKUs whose stock moved away from the preview's basis (a bill or another import since). */
export function staleSkus(preview: Pick<ImportPreview, 'basis'>, now: Readonly<Partial<Record<SkuId, number>>>): SkuId[] {
  const out: SkuId[] = [];
  const keys = new Set([...Object.keys(preview.basis), ...Object.keys(now)] as SkuId[]);
  for (const k of keys) if ((preview.basis[k] ?? 0) !== (now[k] ?? 0)) out.push(k);
  return out;
}

/** `stockImports/{importId}`: who imported which file when, and what it changed. */
export type ImportRecord<T extends Time = number> = {
  actor: Uid;
  actorName: string;
  at: T;
  file: string;
  rows: number;
  added: number;
  changed: number;
  removed: number;
  errors: number;
};

const count = int(0, 1_000_000);
/** `stockImports/{id}` read back. */
export const importRecordSchema: Schema<ImportRecord> = object({
  actor: id<Uid>(),
  actorName: text({ max: LIMITS.name }),
  at: time,
  file: text({ max: 200 }),
  rows: int(0, SHEET_LIMITS.rows),
  added: count,
  changed: count,
  removed: count,
  errors: int(0, SHEET_LIMITS.rows),
});

// eslint-disable-next-line no-control-regex -- file names from the OS may carry control characters
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;
/** A file name as stored: control characters dropped, at most 200 characters. */
export const storedFileName = (name: string): string => [...name.replace(CONTROL_ALL, '')].slice(0, 200).join('').trim() || 'stock.xlsx';

/**
 * The import's whole write: `setStock` for every target (one ledger entry per changed SKU, each
 * conditional on the quantity the preview read and naming the import) and the `stockImports`
 * record, in one patch.
 */
export function importPatch(
  preview: ImportPreview,
  who: { actorName: string; file: string; rows: number },
  ctx: TransitionCtx,
): { patch: Patch; changes: StockChange[]; importId: string } {
  const importId = ctx.newId();
  const file = storedFileName(who.file);
  const { patch, changes } = setStock(preview.targets, preview.basis, 'import', { ...ctx, importId, note: `${file} (stockImports/${importId})` });
  const record: ImportRecord<Time> = {
    actor: ctx.actor,
    actorName: who.actorName,
    at: ctx.now,
    file,
    rows: who.rows,
    added: preview.added.length,
    changed: preview.changed.length,
    removed: preview.removed.length,
    errors: preview.errors.length,
  };
  patch[`stockImports/${importId}`] = record;
  return { patch, changes, importId };
}
