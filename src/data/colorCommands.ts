/**
 * Adding a colour to a catalogue product from the new-order grid (the original's "[new color]",
 * which lived only in memory). `colors` is a list stored with keys 0..n-1, so a new colour goes
 * to key n; the rules accept it only where no colour exists yet, so two devices adding at once
 * cannot overwrite each other: the loser reads again and retries (docs/data-model.md).
 */
import { get, ref, update } from 'firebase/database';
import { SERVER_TIMESTAMP } from '../domain/patch.ts';
import { parse } from '../domain/schema.ts';
import type { CatalogColor, Product, ProductId } from '../domain/types.ts';
import { productSchema } from '../domain/validate.ts';
import { ActionError, isDenied, toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { actorUid } from './orderStore.ts';

/** Reads the product as stored now (the live copy may be a moment old). */
async function readProduct(productId: ProductId): Promise<Product> {
  const r = parse(productSchema, (await get(ref(db, `catalog/${productId}`))).val(), `catalog/${productId}`);
  if (!r.ok) throw new ActionError(`Product ${productId} could not be read: ${r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, 'product', 'invalid');
  return r.value;
}

/**
 * Appends `color` to `catalog/{productId}/colors`; when the product already has that code, does
 * nothing and returns the stored colour. Throws an ActionError naming the field on bad input.
 */
export async function addCatalogColor(productId: ProductId, color: CatalogColor, tries = 3): Promise<CatalogColor> {
  actorUid();
  const fresh: CatalogColor = { code: color.code.trim(), name: color.name.trim() === '' ? color.code.trim() : color.name.trim(), swatch: color.swatch };
  let lastDenied: unknown = null;
  for (let attempt = 0; attempt < tries; attempt++) {
    let product: Product;
    try {
      product = await readProduct(productId);
    } catch (e) {
      throw toActionError(e);
    }
    const same = product.colors.find((c) => c.code.toLocaleLowerCase() === fresh.code.toLocaleLowerCase());
    if (same !== undefined) return same;
    const check = parse(productSchema, { ...product, colors: [...product.colors, fresh] });
    if (!check.ok) {
      const e = check.errors[0];
      const field = e?.field.replace(/^colors\[\d+\]\./, 'colour ') ?? 'colour';
      throw new ActionError(`The new ${field} ${e?.message ?? 'is not valid'}.`, field, 'invalid');
    }
    try {
      // The product's stamp moves with it (the rules require it): devices resuming see the change.
      await update(ref(db, `catalog/${productId}`), { [`colors/${product.colors.length}`]: fresh, updatedAt: SERVER_TIMESTAMP });
      return fresh;
    } catch (e) {
      if (!isDenied(e)) throw toActionError(e);
      lastDenied = e; // another device added a colour first, or we may not: read again
    }
  }
  throw new ActionError(`The colour could not be added to ${productId}: ${lastDenied instanceof Error ? lastDenied.message : 'refused'}.`, 'colour', 'denied');
}
