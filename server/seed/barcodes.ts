/**
 * Demo barcodes: most SKUs (about nine in ten) carry an EAN-13 code, so the billing scanner and
 * Stock's label sheet have something to work with; the rest are left without one, so assigning
 * a code where it is scanned can be tried on the demo too. Deterministic: which SKUs are left out
 * follows a hash of the SKU key (no random draw, so the rest of the demo does not move), and the
 * codes are numbered in catalogue order, so each is unique.
 */
import { barcodeKey, BARCODES_PATH, SERVER_TIMESTAMP, skuId, type BarcodeRecord, type Patch, type ProductId, type Time, type Uid } from './domain.ts';

/** India's GS1 prefix, as the codes on the original's labels begin. */
const PREFIX = '890';

/** The EAN-13 check digit of 12 digits. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** The `n`-th demo code: "890", nine digits of `n`, and the check digit. */
export function demoEan(n: number): string {
  const first12 = `${PREFIX}${String(n).padStart(9, '0')}`;
  return `${first12}${ean13CheckDigit(first12)}`;
}

/** FNV-1a of a string: a stable, well-spread choice of which SKUs go without a code. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Whether the demo leaves `sku` without a barcode (about one SKU in ten). */
export const isLeftWithoutCode = (sku: string): boolean => fnv1a(sku) % 10 === 0;

/**
 * The `barcodes/{key}` records of the demo catalogue as one patch, assigned by `actor` (the admin)
 * at the server's time, as Stock's barcode screen writes them.
 */
export function demoBarcodes(products: readonly { id: ProductId; product: { sizes: readonly string[]; colors: readonly { code: string }[] } }[], actor: Uid): Patch {
  const patch: Patch = {};
  let n = 0;
  for (const { id, product } of products) {
    for (const c of product.colors) {
      for (const size of product.sizes) {
        const sku = skuId(id, c.code, size);
        if (isLeftWithoutCode(sku)) continue;
        const code = demoEan(++n);
        const record: BarcodeRecord<Time> = { code, skuId: sku, productId: id, color: c.code, size, updatedAt: SERVER_TIMESTAMP, updatedBy: actor };
        patch[`${BARCODES_PATH}/${barcodeKey(code)}`] = record;
      }
    }
  }
  return patch;
}
