/**
 * The new-order screen's "Add "<text>" as a new item" (original §4.1 item 2) and the colour
 * information list (🎨). Pure: the screen passes the typed values and the product in.
 */
import type { FieldError } from './errors.ts';
import { parse } from './schema.ts';
import type { CatalogColor, Product } from './types.ts';
import { LIMITS, productSchema } from './validate.ts';

/** The original's "Number Cup Size" checkboxes, in its order (21 sizes). */
export const CUP_SIZES = ['32B', '32C', '32D', '32Z', '34B', '34C', '34D', '34Z', '36B', '36C', '36D', '36Z', '38B', '38C', '38D', '38Z', '40B', '40C', '40D', '42B', '42C'] as const;
/** The original's "General Size" checkboxes. */
export const GENERAL_SIZES = ['XS', 'S', 'M', 'L', 'XL', '2XL'] as const;
/** How many custom sizes the form offers. */
export const CUSTOM_SIZE_SLOTS = 2;
/** The one colour of a new item: any colour, on a neutral grey swatch. */
export const ANY_COLOR: CatalogColor = { code: 'ANY', name: 'Any Color', swatch: '#9ca3af' };

/**
 * A new active product named `name` (trimmed) with `sizes` in the order given (trimmed), the
 * optional human `code` (trimmed; empty means none) and the single colour "Any Color"; or the
 * problems, each naming the form field ('name', 'code', 'sizes').
 */
export function newProduct(name: string, sizes: readonly string[], code = ''): { ok: true; value: Product } | { ok: false; errors: FieldError[] } {
  const n = name.trim();
  const c = code.trim();
  const s = sizes.map((x) => x.trim());
  const errors: FieldError[] = [];
  if (n === '') errors.push({ field: 'name', message: 'is required' });
  if (s.length === 0) errors.push({ field: 'sizes', message: 'need at least one ticked size' });
  const twice = s.find((x, i) => s.indexOf(x) !== i);
  if (twice !== undefined) errors.push({ field: 'sizes', message: `has "${twice}" twice` });
  if (errors.length > 0) return { ok: false, errors };
  // An empty code field means no code: the product is then shown by its name alone.
  const r = parse(productSchema, { name: n, ...(c === '' ? {} : { code: c }), sizes: s, colors: [ANY_COLOR], active: true });
  if (r.ok) return r;
  return { ok: false, errors: r.errors.map((e) => ({ field: e.field.startsWith('sizes') ? 'sizes' : e.field, message: e.field.startsWith('sizes[') ? `${e.message} (size ${e.field.slice(5)})` : e.message })) };
}

/** Checks one custom size as typed: null when it may be added, else why not. */
export function customSizeProblem(size: string, taken: readonly string[]): string | null {
  const s = size.trim();
  if (s === '') return 'is empty';
  if ([...s].length > LIMITS.size) return `must be at most ${LIMITS.size} characters`;
  if (taken.includes(s)) return `"${s}" is already a size`;
  return null;
}

/** Paise as rupees with two decimals and Indian digit grouping: 129900 → "₹1,299.00". Exact (integer arithmetic). */
export function formatPaise(paise: number): string {
  const sign = paise < 0 ? '-' : '';
  const p = Math.abs(Math.trunc(paise));
  const rupees = String((p - (p % 100)) / 100);
  // Indian grouping: the last three digits, then groups of two.
  const head = rupees.slice(0, -3);
  const grouped = head === '' ? rupees : `${head.replace(/\B(?=(\d{2})+$)/g, ',')},${rupees.slice(-3)}`;
  return `${sign}₹${grouped}.${String(p % 100).padStart(2, '0')}`;
}

/** One row of the colour information list. */
export type ColourInfo = { code: string; name: string; mrp: { size: string; text: string }[] };

/** True when the colour information is worth showing: some colour has a full name or an MRP. */
export function hasColourInfo(product: Product): boolean {
  return product.colors.some((c) => c.name !== c.code || (c.mrp?.length ?? 0) > 0);
}

/** Each colour's code, full name and MRP per size, sizes in the product's order. */
export function colourInfo(product: Product): ColourInfo[] {
  const order = (size: string): number => {
    const i = product.sizes.indexOf(size);
    return i === -1 ? product.sizes.length : i;
  };
  return product.colors.map((c) => ({
    code: c.code,
    name: c.name,
    mrp: [...(c.mrp ?? [])].sort((a, b) => order(a.size) - order(b.size)).map((m) => ({ size: m.size, text: formatPaise(m.paise) })),
  }));
}
