/**
 * The barcode collection and its commands. A code names one SKU; the rules refuse to point an
 * existing code at another SKU, so two devices assigning the same code at once cannot both win.
 */
import { get, ref } from 'firebase/database';
import { assignBarcodePatch, barcodeKey, barcodeSchema, BARCODES_PATH, parseCode, removeBarcodePatch, skuLabel, type BarcodeRecord, type SkuRef } from '../domain/barcodes.ts';
import { DomainError } from '../domain/errors.ts';
import { SERVER_TIMESTAMP } from '../domain/patch.ts';
import { parse } from '../domain/schema.ts';
import type { Product, Time } from '../domain/types.ts';
import { productSchema } from '../domain/validate.ts';
import { ActionError, toActionError } from './actionError.ts';
import { liveCollection } from './liveCollection.ts';
import { db } from './firebase.ts';
import { actorUid, applyPatch } from './orderStore.ts';

/** Every barcode, live, by its database key (`barcodeKey(code)`); use `lookup` from the domain to resolve a scan. */
export const barcodes = liveCollection<BarcodeRecord>(BARCODES_PATH, barcodeSchema);

async function readBarcode(key: string): Promise<BarcodeRecord | null> {
  const v = (await get(ref(db, `${BARCODES_PATH}/${key}`))).val() as unknown;
  if (v === null) return null;
  const r = parse(barcodeSchema, v, `${BARCODES_PATH}/${key}`);
  if (!r.ok) throw new ActionError(`${BARCODES_PATH}/${key} is not a valid barcode record; remove it and assign it again.`, 'code', 'invalid');
  return r.value;
}

async function describeSku(ref_: SkuRef): Promise<string> {
  const v = (await get(ref(db, `catalog/${ref_.productId}`))).val() as unknown;
  const p = v === null ? null : parse<Product>(productSchema, v);
  return skuLabel(ref_, p?.ok === true ? { [ref_.productId]: p.value } : {});
}

/**
 * Assigns a scanned or typed code to a SKU. Refuses (ActionError on `code`) a code that is
 * empty, too long, or already used by another SKU, naming that SKU.
 */
export async function assignBarcode(code: string, sku: SkuRef): Promise<BarcodeRecord<Time>> {
  const parsed = parseCode(code);
  if (!parsed.ok) throw new ActionError(`Barcode ${parsed.errors[0]?.message ?? 'is not valid'}.`, 'code', 'invalid');
  const key = barcodeKey(parsed.value);
  try {
    const existing = await readBarcode(key);
    const owner = existing === null ? '' : await describeSku(existing);
    const { patch, record } = assignBarcodePatch(parsed.value, sku, existing, { now: SERVER_TIMESTAMP, actor: actorUid() }, () => owner);
    try {
      await applyPatch(patch);
    } catch (e) {
      // Refused: most likely another device took the code in between. Say who has it now.
      const now = await readBarcode(key).catch(() => null);
      if (now !== null && now.skuId !== record.skuId) throw new ActionError(`Barcode ${parsed.value} is already used by ${await describeSku(now)}; remove it there first.`, 'code', 'invalid');
      throw e;
    }
    return record;
  } catch (e) {
    throw asBarcodeError(e);
  }
}

const asBarcodeError = (e: unknown): ActionError =>
  e instanceof DomainError && e.errors[0]?.field === 'code' ? new ActionError(`Barcode ${e.errors[0].message}.`, 'code', 'invalid') : toActionError(e);

/** Removes a code from whichever SKU it names (nothing happens if it is already gone). */
export async function removeBarcode(code: string): Promise<void> {
  try {
    await applyPatch(removeBarcodePatch(code));
  } catch (e) {
    throw asBarcodeError(e);
  }
}
