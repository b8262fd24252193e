/**
 * Creating a product from the new-order screen ("Add "<text>" as a new item"). Unlike the
 * original, which kept it in memory only, the product is saved at `catalog/{newPushId}` so the
 * order lines can name it (`checkAgainstCatalog`). The rules let staff create a product but not
 * change or delete one (docs/data-model.md).
 */
import { ref, set } from 'firebase/database';
import { newProduct } from '../domain/newProduct.ts';
import { SERVER_TIMESTAMP } from '../domain/patch.ts';
import type { Product, ProductId } from '../domain/types.ts';
import { ActionError, toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { actorUid, newPushId } from './orderStore.ts';

/** How the form names each field in a message. */
export const FIELD_NAMES: Readonly<Record<string, string>> = { name: 'Item name', code: 'Code', sizes: 'Sizes' };

/** A saved product: its new id and record. */
export type CreatedProduct = { id: ProductId; product: Product };

/**
 * Saves an active product named `name` with `sizes` (in that order), the optional human `code`
 * and the colour "Any Color". Throws an ActionError naming the field ('name', 'code' or 'sizes')
 * when the form is not valid.
 */
export async function createProduct(name: string, sizes: readonly string[], code = ''): Promise<CreatedProduct> {
  const r = newProduct(name, sizes, code);
  if (!r.ok) {
    const e = r.errors[0];
    const field = e?.field ?? 'product';
    throw new ActionError(`${FIELD_NAMES[field] ?? field} ${e?.message ?? 'is not valid'}.`, field, 'invalid');
  }
  actorUid();
  const id = newPushId() as ProductId;
  try {
    await set(ref(db, `catalog/${id}`), { ...r.value, updatedAt: SERVER_TIMESTAMP });
  } catch (e) {
    throw toActionError(e);
  }
  return { id, product: r.value };
}
