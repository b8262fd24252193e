/**
 * Barcodes: `barcodes/{key}` maps one scanned code to one SKU (a product colour and size). A SKU
 * may carry several codes (its EAN and an in-house Code 128, say); a code names exactly one SKU.
 *
 * The key is the code made key-safe: EAN/UPC codes are digits, but Code 39 allows `. $ / %` and
 * Code 128 any printable ASCII, which Realtime Database keys refuse. So `%` and the forbidden
 * characters are escaped as `%XX` (reversible), and the record also keeps the code as scanned.
 */
import { fail } from './errors.ts';
import { keyProblem, skuId } from './ids.ts';
import { lineKey } from './lines.ts';
import type { Patch, TransitionCtx } from './patch.ts';
import { productIn, productLabel } from './productLabel.ts';
import { at, id, object, refine, text, time, type Result, type Schema } from './schema.ts';
import type { Line, Product, ProductId, SkuId, Time, Uid } from './types.ts';
import { LIMITS } from './validate.ts';

/** Path of the barcode collection. */
export const BARCODES_PATH = 'barcodes';
/** Longest code accepted (EAN-13 is 13; Code 128 labels in practice stay well below this). */
export const MAX_CODE_LENGTH = 64;

/** `barcodes/{barcodeKey(code)}`: which SKU a scanned code names, and who set it when. */
export type BarcodeRecord<T extends Time = number> = {
  code: string;
  skuId: SkuId;
  productId: ProductId;
  color: string;
  size: string;
  updatedAt: T;
  updatedBy: Uid;
};

/** The SKU part of a line (what a barcode points at). */
export type SkuRef = Pick<Line, 'productId' | 'color' | 'size'>;

/** A scanned or typed code as stored: surrounding whitespace (a scanner's Tab or CR) removed. */
export const normalizeCode = (raw: string): string => raw.trim();

// eslint-disable-next-line no-control-regex -- scanners may send control characters; they are not part of a code
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `code` (normalised) cannot be a barcode, or null. */
export function codeProblem(code: string): string | null {
  if (code === '') return 'is empty';
  if ([...code].length > MAX_CODE_LENGTH) return `must be at most ${MAX_CODE_LENGTH} characters`;
  if (CONTROL.test(code)) return 'must not contain control characters';
  return null;
}

/** Checks and normalises a code typed or scanned; errors name the field `code`. */
export function parseCode(raw: unknown, field = 'code'): Result<string> {
  if (typeof raw !== 'string') return { ok: false, errors: [{ field, message: 'must be text' }] };
  const code = normalizeCode(raw);
  const problem = codeProblem(code);
  return problem === null ? { ok: true, value: code } : { ok: false, errors: [{ field, message: problem }] };
}

/** The database key of a (normalised) code: `%`, `. # $ [ ] /` escaped as `%XX`; reversible. */
export function barcodeKey(code: string): string {
  const key = code.replace(/[%.#$[\]/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const problem = keyProblem(key);
  if (problem !== null) fail('code', problem);
  return key;
}

/** The code a key stands for (inverse of `barcodeKey`). */
export const codeOfKey = (key: string): string => key.replace(/%([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

const colorText = text({ min: 1, max: LIMITS.colorCode });
const sizeText = text({ min: 1, max: LIMITS.size });
const codeText: Schema<string> = (v, field, errors) => {
  const problem = typeof v !== 'string' ? 'must be text' : v !== normalizeCode(v) ? 'must not start or end with a space' : codeProblem(v);
  if (problem !== null) errors.push({ field, message: problem });
  return v as string;
};

/** `barcodes/{key}` read back: `skuId` must be the SKU of productId, colour and size. */
export const barcodeSchema: Schema<BarcodeRecord> = refine(
  object({ code: codeText, skuId: id<SkuId>(), productId: id<ProductId>(), color: colorText, size: sizeText, updatedAt: time, updatedBy: id<Uid>() }),
  (r, f) => (r.skuId === skuId(r.productId, r.color, r.size) ? [] : [{ field: at(f, 'skuId'), message: `does not match ${r.productId} ${r.color} ${r.size}` }]),
);

/** Barcode records by their database key, as the live collection holds them. */
export type BarcodeIndex = ReadonlyMap<string, BarcodeRecord>;

/** The record a scanned text names, or null when the code is unknown (or not a valid code). */
export function lookup(index: BarcodeIndex, raw: string): BarcodeRecord | null {
  const r = parseCode(raw);
  if (!r.ok) return null;
  const found = index.get(barcodeKey(r.value));
  return found !== undefined && found.code === r.value ? found : null;
}

/** Every code assigned to one SKU, sorted. */
export function codesOfSku(index: BarcodeIndex, sku: SkuId): BarcodeRecord[] {
  return [...index.values()].filter((b) => b.skuId === sku).sort((a, b) => a.code.localeCompare(b.code));
}

/** 'Comfort Bra · BRA-01 Black 32B': the product's label (productLabel) and colour name, falling back to the colour code. */
export function skuLabel(ref: SkuRef, catalog: Readonly<Record<string, Product>> | ReadonlyMap<string, Product>): string {
  const product = productIn(catalog, ref.productId);
  const color = product?.colors.find((c) => c.code === ref.color)?.name ?? ref.color;
  return `${productLabel(product)} ${color} ${ref.size}`;
}

/**
 * The patch that assigns `raw` to a SKU. `existing` is the record read for that code (null if
 * none): a code already naming ANOTHER SKU is refused (the rules refuse it too, so two devices
 * cannot both take it); assigning it again to the same SKU just refreshes who and when.
 */
export function assignBarcodePatch(raw: string, sku: SkuRef, existing: BarcodeRecord | null, ctx: Pick<TransitionCtx, 'now' | 'actor'>, describe: (ref: SkuRef) => string = (r) => `${r.productId} ${r.color} ${r.size}`): { patch: Patch; record: BarcodeRecord<Time> } {
  const r = parseCode(raw);
  if (!r.ok) fail('code', r.errors[0]?.message ?? 'is not a valid code');
  const code = r.value;
  const target = lineKey(sku);
  if (existing !== null && existing.skuId !== target) fail('code', `${code} is already used by ${describe(existing)}; remove it there first`);
  const record: BarcodeRecord<Time> = { code, skuId: target, productId: sku.productId, color: sku.color, size: sku.size, updatedAt: ctx.now, updatedBy: ctx.actor };
  return { patch: { [`${BARCODES_PATH}/${barcodeKey(code)}`]: record }, record };
}

/** The patch that removes a code (no-op on the server if it is already gone). */
export function removeBarcodePatch(raw: string): Patch {
  const r = parseCode(raw);
  if (!r.ok) fail('code', r.errors[0]?.message ?? 'is not a valid code');
  return { [`${BARCODES_PATH}/${barcodeKey(r.value)}`]: null };
}
