/**
 * The new-order cart: a normalised list of lines (one per product, colour and size, qty ≥ 1).
 * Pure operations; the data layer persists the result and the screen renders it grouped per
 * product and colour, as the original's cart table did.
 */
import { lineKey, normalizeLines, totalQty } from './lines.ts';
import { productLabel } from './productLabel.ts';
import type { Line, Product, ProductId } from './types.ts';

/** One row of the cart table: a product in one colour with its sizes in catalogue order. */
export type CartGroup = {
  /** Stable key of the row: product and colour. */
  key: string;
  productId: ProductId;
  color: string;
  /** 'Comfort Bra' or the id when the product left the catalogue. */
  productName: string;
  colorName: string;
  sizes: { size: string; qty: number }[];
  total: number;
};

/** The key of a product+colour row. */
export const groupKey = (productId: string, color: string): string => `${productId}\u0000${color}`;

/** Adds lines to the cart, summing quantities of the same product, colour and size. */
export function addToCart(cart: readonly Line[], added: readonly Line[]): Line[] {
  return normalizeLines([...cart, ...added.filter((l) => l.qty > 0)]);
}

/** Sets one size's quantity (0 removes it; a missing line is added at the end). */
export function setCartQty(cart: readonly Line[], target: Pick<Line, 'productId' | 'color' | 'size'>, qty: number): Line[] {
  const k = lineKey(target);
  const q = Math.max(0, Math.floor(qty));
  const found = cart.some((l) => lineKey(l) === k);
  const next = cart.map((l) => (lineKey(l) === k ? { ...l, qty: q } : l));
  return normalizeLines(found ? next : [...next, { productId: target.productId, color: target.color, size: target.size, qty: q }]);
}

/** Replaces every size of one product+colour row with `sizes` (zeros dropped); an empty list removes the row. */
export function replaceGroup(cart: readonly Line[], productId: ProductId, color: string, sizes: readonly { size: string; qty: number }[]): Line[] {
  const k = groupKey(productId, color);
  const index = cart.findIndex((l) => groupKey(l.productId, l.color) === k);
  const rest = cart.filter((l) => groupKey(l.productId, l.color) !== k);
  const fresh = sizes.filter((s) => s.qty > 0).map((s) => ({ productId, color, size: s.size, qty: Math.floor(s.qty) }));
  // Keep the row where it was in the table.
  const at = index === -1 ? rest.length : cart.slice(0, index).filter((l) => groupKey(l.productId, l.color) !== k).length;
  return normalizeLines([...rest.slice(0, at), ...fresh, ...rest.slice(at)]);
}

/** Removes a whole product+colour row. */
export const removeGroup = (cart: readonly Line[], productId: ProductId, color: string): Line[] => replaceGroup(cart, productId, color, []);

/** The cart table rows, first-seen order, sizes in catalogue order. */
export function cartGroups(cart: readonly Line[], catalog: Readonly<Record<string, Product>>): CartGroup[] {
  const groups = new Map<string, CartGroup>();
  for (const l of normalizeLines(cart)) {
    const k = groupKey(l.productId, l.color);
    let g = groups.get(k);
    if (g === undefined) {
      const product = Object.hasOwn(catalog, l.productId) ? catalog[l.productId] : undefined;
      const colour = product?.colors.find((c) => c.code === l.color);
      g = { key: k, productId: l.productId, color: l.color, productName: productLabel(product), colorName: colour?.name ?? l.color, sizes: [], total: 0 };
      groups.set(k, g);
    }
    g.sizes.push({ size: l.size, qty: l.qty });
    g.total += l.qty;
  }
  for (const g of groups.values()) {
    const product = Object.hasOwn(catalog, g.productId) ? catalog[g.productId] : undefined;
    const order = product?.sizes ?? [];
    const rank = (s: string): number => (order.includes(s) ? order.indexOf(s) : order.length);
    g.sizes = g.sizes.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s.size) - rank(b.s.size) || a.i - b.i).map((x) => x.s);
  }
  return [...groups.values()];
}

/** "T1/2, T3/1": a cart row's sizes as the original showed them. */
export const cartSizesText = (g: Pick<CartGroup, 'sizes'>): string => g.sizes.map((s) => `${s.size}/${s.qty}`).join(', ');

/** Total pieces in the cart. */
export const cartTotal = (cart: readonly Line[]): number => totalQty(cart);

/** The grid's quantities as lines: `qty[colour][size]`, zeros skipped. */
export function gridLines(productId: ProductId, qty: ReadonlyMap<string, ReadonlyMap<string, number>>): Line[] {
  const out: Line[] = [];
  for (const [color, sizes] of qty) for (const [size, q] of sizes) if (q > 0) out.push({ productId, color, size, qty: q });
  return out;
}

/** What a quantity cell holds after typing `text`: digits only, capped at `max`; '' is 0. */
export function parseCellText(text: string, max: number): number {
  const digits = text.replace(/\D+/g, '').replace(/^0+(?=\d)/, '');
  if (digits === '') return 0;
  return Math.min(max, Number(digits.slice(0, 16)));
}
