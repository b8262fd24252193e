/**
 * How a product is named to people: its name and, when it has one, its short human code
 * ("Cotton Hipster · HIP-014"). The database key of a product is never shown: a line whose
 * product is not in the catalogue (deleted, or not loaded yet) reads "Unknown product".
 */
import type { Product } from './types.ts';

/** What a line whose product the catalogue does not know is called. */
export const UNKNOWN_PRODUCT = 'Unknown product';

/** Most characters of a product code. */
export const PRODUCT_CODE_MAX = 20;

/** Letters, digits, hyphens and inner spaces (rules/catalog.ts checks the same): what a product code may hold. */
export const PRODUCT_CODE_PATTERN = /^[A-Za-z0-9-](?:[A-Za-z0-9 -]*[A-Za-z0-9-])?$/;

/** "Name · CODE", "Name" when the product has no code, or "Unknown product". */
export function productLabel(product: Pick<Product, 'name' | 'code'> | undefined): string {
  if (product === undefined) return UNKNOWN_PRODUCT;
  const code = product.code?.trim() ?? '';
  return code === '' ? product.name : `${product.name} · ${code}`;
}

/** `catalog` looked up by id, whether a Map or a plain record (Object.hasOwn, so "__proto__" is no product). */
export function productIn(catalog: ReadonlyMap<string, Product> | Readonly<Record<string, Product>>, id: string): Product | undefined {
  if (catalog instanceof Map) return (catalog as ReadonlyMap<string, Product>).get(id);
  const record = catalog as Readonly<Record<string, Product>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}
