/**
 * The printable document of an order-like thing (an order summary, a pending order, a sent
 * record): title, labelled meta rows, one table row per product and colour, the total quantity
 * and notes. Pure: the renderers in src/exports turn it into a PDF or a PNG; nothing here
 * knows about jsPDF or canvases, so the content is unit-tested as plain data.
 */
import { normalizeLines } from './lines.ts';
import { productLabel } from './productLabel.ts';
import type { Line, Product } from './types.ts';

/** One labelled value under the title ("Order no." → "K12"). */
export type DocumentMeta = { label: string; value: string };

/** The fields of a table row, in column order. */
export type DocumentColumnKey = 'item' | 'colour' | 'sizes' | 'total';

/** A table column: `width` is a share of the table width (the shares add up to 1). */
export type DocumentColumn = { key: DocumentColumnKey; title: string; width: number; align: 'left' | 'right' };

/** One row: a product in one colour, its sizes as "T1: 2, T3: 1" and their total. */
export type DocumentRow = { item: string; colour: string; sizes: string; total: number };

/** A document ready to render. `fileBase` is a safe file name without extension. */
export type OrderDocument = {
  title: string;
  meta: DocumentMeta[];
  columns: DocumentColumn[];
  rows: DocumentRow[];
  totalQty: number;
  notes?: string;
  footer?: string;
  fileBase: string;
};

/** What a document needs of the catalogue: product names, size order and colour names. */
export type DocumentCatalog = ReadonlyMap<string, Pick<Product, 'name' | 'code' | 'sizes' | 'colors'>>;

/** Input of `orderDocument`. Times are epoch ms; `timeZone` makes the dates deterministic (tests). */
export type OrderDocumentInput = {
  /** Defaults to "Order Summary". The party name is appended: "Order Summary - ACME". */
  title?: string;
  lines: readonly Line[];
  catalog: DocumentCatalog;
  party: { name: string; area?: string };
  /** The order number ('K12'); absent for a document made before a number exists. */
  number?: string;
  /** Dates to show, in order: [{ label: 'Date', at: createdAt }]. */
  dates?: readonly { label: string; at: number }[];
  /** Name of who created the order. */
  createdBy?: string;
  notes?: string;
  /** Extra meta rows after the standard ones (e.g. remarks, delivery status). */
  extraMeta?: readonly DocumentMeta[];
  footer?: string;
  timeZone?: string;
};

/** The standard columns: Item, Colour, Size/Qty, Total. */
export const ORDER_COLUMNS: readonly DocumentColumn[] = [
  { key: 'item', title: 'Item', width: 0.3, align: 'left' },
  { key: 'colour', title: 'Colour', width: 0.22, align: 'left' },
  { key: 'sizes', title: 'Size/Qty', width: 0.36, align: 'left' },
  { key: 'total', title: 'Total', width: 0.12, align: 'right' },
];

/** "12 Mar 2025, 14:05" in the given time zone (the runtime's when absent). */
export function formatDateTime(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(at);
}

/** A file-name-safe version of `s`: every run of non-alphanumeric characters becomes one "_". */
export function safeFileName(s: string): string {
  const out = s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return out === '' ? 'document' : out.slice(0, 80);
}

/** Sizes of one row in catalogue order (unknown sizes after, in first-seen order). */
function orderSizes(sizes: Map<string, number>, catalogSizes: readonly string[]): [string, number][] {
  const rank = (s: string): number => {
    const i = catalogSizes.indexOf(s);
    return i === -1 ? catalogSizes.length : i;
  };
  return [...sizes].map((e, i) => ({ e, i })).sort((a, b) => rank(a.e[0]) - rank(b.e[0]) || a.i - b.i).map((x) => x.e);
}

/** "T1: 2, T3: 1" (separator and joiner are parameters so the cart can show "T1/2, T3/1"). */
export function sizesText(sizes: readonly (readonly [string, number])[], sep = ': '): string {
  return sizes.map(([s, q]) => `${s}${sep}${q}`).join(', ');
}

/** The table rows of `lines`: one per product and colour, first-seen order, sizes in catalogue order. */
export function documentRows(lines: readonly Line[], catalog: DocumentCatalog): DocumentRow[] {
  const groups = new Map<string, { productId: string; color: string; sizes: Map<string, number> }>();
  for (const l of normalizeLines(lines)) {
    const k = `${l.productId}\u0000${l.color}`;
    const g = groups.get(k) ?? { productId: l.productId, color: l.color, sizes: new Map<string, number>() };
    g.sizes.set(l.size, (g.sizes.get(l.size) ?? 0) + l.qty);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => {
    const product = catalog.get(g.productId);
    const colour = product?.colors.find((c) => c.code === g.color);
    const sizes = orderSizes(g.sizes, product?.sizes ?? []);
    return {
      item: productLabel(product),
      colour: colour === undefined || colour.name === '' || colour.name === colour.code ? g.color : `${colour.code} ${colour.name}`,
      sizes: sizesText(sizes),
      total: sizes.reduce((n, [, q]) => n + q, 0),
    };
  });
}

/** Builds the document of an order from its lines, the catalogue, the party and who/when. */
export function orderDocument(input: OrderDocumentInput): OrderDocument {
  const partyLabel = input.party.area === undefined || input.party.area === '' ? input.party.name : `${input.party.name} - ${input.party.area}`;
  const meta: DocumentMeta[] = [];
  if (input.number !== undefined) meta.push({ label: 'Order no.', value: input.number });
  meta.push({ label: 'Party', value: partyLabel });
  for (const d of input.dates ?? []) meta.push({ label: d.label, value: formatDateTime(d.at, input.timeZone) });
  if (input.createdBy !== undefined && input.createdBy !== '') meta.push({ label: 'Created by', value: input.createdBy });
  meta.push(...(input.extraMeta ?? []));
  const rows = documentRows(input.lines, input.catalog);
  const notes = input.notes?.trim();
  const firstDate = input.dates?.[0];
  const datePart = firstDate === undefined ? '' : `_${new Intl.DateTimeFormat('en-CA', { timeZone: input.timeZone }).format(firstDate.at)}`;
  return {
    title: `${input.title ?? 'Order Summary'} - ${input.party.name}`,
    meta,
    columns: ORDER_COLUMNS.map((c) => ({ ...c })),
    rows,
    totalQty: rows.reduce((n, r) => n + r.total, 0),
    ...(notes === undefined || notes === '' ? {} : { notes }),
    ...(input.footer === undefined ? {} : { footer: input.footer }),
    fileBase: safeFileName(`${input.number === undefined ? '' : `${input.number}_`}${input.party.name}${datePart}`),
  };
}
