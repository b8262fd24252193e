/**
 * Keys and numbers. Realtime Database keys may not contain `. # $ [ ] /` or control characters
 * and are at most 768 bytes, so user text (colour and size names) is never used raw as a key.
 */
import { fail } from './errors.ts';
import type { Brand, ProductId, SkuId } from './types.ts';

/** The characters a Realtime Database key may not contain. */
// eslint-disable-next-line no-control-regex -- Firebase keys may not contain control characters
const FORBIDDEN = /[.#$[\]/\u0000-\u001f\u007f]/;
/** Firebase's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 768;
/** Our limit on ids we accept (push ids are 20 characters, uids at most 128). */
export const MAX_ID_LENGTH = 128;

const encoder = new TextEncoder();
/** Whether `s` takes more than MAX_KEY_BYTES in UTF-8. A UTF-16 unit takes at most 3 bytes, so short strings (every id) are not encoded. */
const isOverKeyBytes = (s: string): boolean => s.length * 3 > MAX_KEY_BYTES && encoder.encode(s).length > MAX_KEY_BYTES;
const hasLoneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** Why `key` cannot be a database key, or null if it can. */
export function keyProblem(key: string): string | null {
  if (key.length === 0) return 'must not be empty';
  if (FORBIDDEN.test(key)) return 'must not contain . # $ [ ] / or control characters';
  if (hasLoneSurrogate(key)) return 'must be valid Unicode';
  if (isOverKeyBytes(key)) return `must be at most ${MAX_KEY_BYTES} bytes`;
  return null;
}

/** True when `key` can be used as a database key. */
export const isKeySafe = (key: string): boolean => keyProblem(key) === null;

/** Checks an id and brands it; throws a DomainError naming `field` otherwise. */
export function toId<B extends Brand<string>>(value: string, field = 'id'): B {
  const problem = value.length > MAX_ID_LENGTH ? `must be at most ${MAX_ID_LENGTH} characters` : keyProblem(value);
  if (problem !== null) fail(field, problem);
  return value as B;
}

// `%` escapes; `~` separates the three parts, so both are escaped inside a part.
// eslint-disable-next-line no-control-regex -- control characters are escaped, as Firebase keys may not contain them
const ESCAPED = /[%~.#$[\]/\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function encodePart(s: string): string {
  return s.replace(ESCAPED, (c) => {
    const code = c.charCodeAt(0);
    // Lone surrogates are not valid UTF-8, so they get a 4-digit escape: %uD800.
    return code > 0xff ? `%u${code.toString(16).toUpperCase()}` : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  });
}

function decodePart(s: string): string {
  return s.replace(/%u([0-9A-F]{4})|%([0-9A-F]{2})/g, (_m, u: string | undefined, b: string | undefined) =>
    String.fromCharCode(parseInt(u ?? b ?? '', 16)),
  );
}

/** The stock key of one product colour and size: `product~colour~size` with `%XX` escapes; reversible. */
export function skuId(productId: ProductId | string, color: string, size: string): SkuId {
  return `${encodePart(productId)}~${encodePart(color)}~${encodePart(size)}` as SkuId;
}

/** The product, colour and size a skuId encodes; throws a DomainError if it is not one. */
export function parseSkuId(id: string): { productId: ProductId; color: string; size: string } {
  const parts = id.split('~');
  const [p, c, s] = parts;
  if (parts.length !== 3 || p === undefined || c === undefined || s === undefined || skuId(decodePart(p), decodePart(c), decodePart(s)) !== id) {
    fail('skuId', `"${id}" is not a valid SKU key`);
  }
  return { productId: decodePart(p) as ProductId, color: decodePart(c), size: decodePart(s) };
}

/** Order number n as shown and stored: 'K' + n. */
export function orderNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) fail('orderNumber', 'must come from a counter value ≥ 1');
  return `K${n}`;
}

/** The counter value of an order number ('K12' → 12), or null if it is not one. */
export function parseOrderNumber(s: string): number | null {
  const m = /^K([1-9]\d{0,14})$/.exec(s);
  return m?.[1] === undefined ? null : Number(m[1]);
}
