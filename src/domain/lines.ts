/**
 * Quantity arithmetic on line arrays. Lines are matched by `lineKey` (product, colour, size);
 * results are normalised: one line per key, in first-seen order, no zero quantities.
 */
import { DomainError } from './errors.ts';
import { skuId } from './ids.ts';
import type { Line, SkuId } from './types.ts';

/** The key that identifies a line's product, colour and size (the same as its stock key). */
export const lineKey = (l: Pick<Line, 'productId' | 'color' | 'size'>): SkuId => skuId(l.productId, l.color, l.size);

/** A readable name for a line in messages: 'P1 BLACK T2'. */
export const lineLabel = (l: Pick<Line, 'productId' | 'color' | 'size'>): string => `${l.productId} ${l.color} ${l.size}`;

/** Quantities by line key. */
export function qtyMap(lines: readonly Line[]): Map<SkuId, number> {
  const m = new Map<SkuId, number>();
  for (const l of lines) m.set(lineKey(l), (m.get(lineKey(l)) ?? 0) + l.qty);
  return m;
}

/** Merges duplicate lines (summing), drops zero quantities; keeps first-seen order. */
export function normalizeLines(lines: readonly Line[]): Line[] {
  const byKey = new Map<SkuId, Line>();
  for (const l of lines) {
    const k = lineKey(l);
    const seen = byKey.get(k);
    byKey.set(k, { productId: l.productId, color: l.color, size: l.size, qty: (seen?.qty ?? 0) + l.qty });
  }
  return [...byKey.values()].filter((l) => l.qty !== 0);
}

/** a + b, normalised. */
export const addLines = (a: readonly Line[], b: readonly Line[]): Line[] => normalizeLines([...a, ...b]);

/** a − b, normalised; throws a DomainError naming every line of b that exceeds a. */
export function subtractLines(a: readonly Line[], b: readonly Line[], field = 'lines'): Line[] {
  const have = qtyMap(a);
  const want = normalizeLines(b);
  const errors = want.flatMap((l, i) => {
    const avail = have.get(lineKey(l)) ?? 0;
    return l.qty > avail ? [{ field: `${field}[${i}].qty`, message: `${lineLabel(l)}: ${l.qty} is more than the ${avail} available` }] : [];
  });
  if (errors.length > 0) throw new DomainError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return normalizeLines([...a, ...want.map((l) => ({ ...l, qty: -l.qty }))]);
}

/** True when every quantity of b is available in a. */
export function containsLines(a: readonly Line[], b: readonly Line[]): boolean {
  const have = qtyMap(a);
  return normalizeLines(b).every((l) => l.qty <= (have.get(lineKey(l)) ?? 0));
}

/** The sum of all quantities. */
export const totalQty = (lines: readonly Line[]): number => lines.reduce((n, l) => n + l.qty, 0);

/** True when two line arrays hold the same quantity for every key (order ignored). */
export function sameLines(a: readonly Line[], b: readonly Line[]): boolean {
  const ma = qtyMap(normalizeLines(a));
  const mb = qtyMap(normalizeLines(b));
  return ma.size === mb.size && [...ma].every(([k, q]) => mb.get(k) === q);
}

/** Lines keyed by line key, the stored shape of order records' and audit entries' lines. Lines must be normalised (one per key). */
export function storeLines(lines: readonly Line[]): Record<string, Line> {
  const out: Record<string, Line> = {};
  for (const l of lines) out[lineKey(l)] = { productId: l.productId, color: l.color, size: l.size, qty: l.qty };
  return out;
}
