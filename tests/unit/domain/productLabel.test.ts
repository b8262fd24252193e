import { describe, expect, it } from 'vitest';
import { ANY_COLOR, newProduct } from '../../../src/domain/newProduct.ts';
import { productLabel, UNKNOWN_PRODUCT } from '../../../src/domain/productLabel.ts';
import { parse } from '../../../src/domain/schema.ts';
import type { Product } from '../../../src/domain/types.ts';
import { productSchema } from '../../../src/domain/validate.ts';

const base: Product = { name: 'Cotton Hipster', sizes: ['S', 'M'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true };

describe('productLabel', () => {
  it.each([
    ['a product with a code', { name: 'Cotton Hipster', code: 'HIP-014' }, 'Cotton Hipster · HIP-014'],
    ['a product without a code', { name: 'Cotton Hipster' }, 'Cotton Hipster'],
    ['a product with a blank code', { name: 'Cotton Hipster', code: '  ' }, 'Cotton Hipster'],
    ['a code with inner spaces', { name: 'Bra', code: 'BR 32 X' }, 'Bra · BR 32 X'],
    ['a name that is markup (stays text)', { name: '<img src=x>', code: 'X-1' }, '<img src=x> · X-1'],
    ['an unknown product', undefined, UNKNOWN_PRODUCT],
  ])('names %s', (_what, product, label) => {
    expect(productLabel(product)).toBe(label);
  });

  it('is "Unknown product" for a missing product, never an id', () => {
    expect(UNKNOWN_PRODUCT).toBe('Unknown product');
  });
});

describe('product code in the catalogue record', () => {
  it.each([['HIP-014'], ['A'], ['9'], ['abc 123'], ['-'], ['X'.repeat(20)], ['BRF-001-A']])('accepts %j', (code) => {
    expect(parse(productSchema, { ...base, code }).ok).toBe(true);
  });

  it.each([
    ['empty', '', 'is required'],
    ['21 characters', 'X'.repeat(21), 'must be at most 20 characters'],
    ['a leading space', ' HIP', 'may hold only letters, digits, hyphens and spaces between them'],
    ['a trailing space', 'HIP ', 'may hold only letters, digits, hyphens and spaces between them'],
    ['a slash', 'HIP/14', 'may hold only letters, digits, hyphens and spaces between them'],
    ['markup', '<b>', 'may hold only letters, digits, hyphens and spaces between them'],
    ['a letter outside A–Z', 'HİP', 'may hold only letters, digits, hyphens and spaces between them'],
    ['a control character', 'HI\u0007P', 'must not contain control characters'],
    ['a number', 14, 'must be text, not a number'],
  ])('refuses a code with %s, naming the field', (_what, code, message) => {
    const r = parse(productSchema, { ...base, code });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: 'code', message }]);
  });

  it('keeps a product without a code valid (codes are optional)', () => {
    expect(parse(productSchema, base).ok).toBe(true);
  });
});

describe('newProduct with a code', () => {
  it.each([
    ['a code, trimmed', '  HIP-014 ', { code: 'HIP-014' }],
    ['no code', '', {}],
    ['a blank code (means none)', '   ', {}],
  ])('saves %s', (_what, code, extra) => {
    expect(newProduct('Lace Bra', ['M'], code)).toEqual({ ok: true, value: { name: 'Lace Bra', ...extra, sizes: ['M'], colors: [ANY_COLOR], active: true } });
  });

  it('refuses a bad code, naming the code field', () => {
    const r = newProduct('Lace Bra', ['M'], 'HIP/14');
    expect(r).toEqual({ ok: false, errors: [{ field: 'code', message: 'may hold only letters, digits, hyphens and spaces between them' }] });
  });
});
