import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { isKeySafe, keyProblem, orderNumber, parseOrderNumber, parseSkuId, skuId, toId } from '../../../src/domain/ids.ts';
import type { OrderId, ProductId } from '../../../src/domain/types.ts';
import { BAD_KEY } from '../../../server/tree.ts';

describe('skuId', () => {
  it.each([
    ['p1', 'BLACK', 'T2', 'p1~BLACK~T2'],
    ['p1', 'GR.W', 'L/XL', 'p1~GR%2EW~L%2FXL'],
    ['p1', 'a#b$c', '[x]', 'p1~a%23b%24c~%5Bx%5D'],
    ['p1', '50%', 'a~b', 'p1~50%25~a%7Eb'],
    ['p1', 'tab\there', 'DEL\u007f', 'p1~tab%09here~DEL%7F'],
    ['p1', 'पीला', 'XL', 'p1~पीला~XL'],
    ['p1', '', '', 'p1~~'],
  ])('skuId(%j, %j, %j) = %j', (p, c, s, expected) => {
    expect(skuId(p as ProductId, c, s)).toBe(expected);
    expect(isKeySafe(expected)).toBe(true);
    expect(parseSkuId(expected)).toEqual({ productId: p, color: c, size: s });
  });

  it.each(['p1~BLACK', 'a~b~c~d', 'p1~%zz~T1', 'p1~%2e~T1', 'p1~.~T1'])('parseSkuId refuses %j', (bad) => {
    expect(() => parseSkuId(bad)).toThrow(DomainError);
  });

  it('round-trips and is key-safe for arbitrary strings, lone surrogates included', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, (p, c, s) => {
        const id = skuId(p, c, s);
        expect(parseSkuId(id)).toEqual({ productId: p, color: c, size: s });
        expect(BAD_KEY.test(id)).toBe(false); // the local server's own key check
        expect(keyProblem(id)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('is injective: different parts give different keys', () => {
    const part = fc.string({ unit: fc.constantFrom('a', '~', '%', '.', '2', 'E'), maxLength: 5 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), (a, b) => {
        fc.pre(a.join('\u0000') !== b.join('\u0000'));
        expect(skuId(...a)).not.toBe(skuId(...b));
      }),
    );
  });
});

describe('keys and ids', () => {
  it.each([
    ['', 'must not be empty'],
    ['a.b', 'must not contain . # $ [ ] / or control characters'],
    ['a/b', 'must not contain . # $ [ ] / or control characters'],
    ['a\nb', 'must not contain . # $ [ ] / or control characters'],
    ['\ud800', 'must be valid Unicode'],
    ['é'.repeat(385), 'must be at most 768 bytes'],
    ['é'.repeat(384), null], // 768 bytes exactly
    ['x'.repeat(768), null],
    ['x'.repeat(769), 'must be at most 768 bytes'],
    ['€'.repeat(256), null], // 3 bytes each: 768, the most that skips encoding
    ['€'.repeat(257), 'must be at most 768 bytes'],
    ['😀'.repeat(192), null], // a surrogate pair is 4 bytes in 2 units
    ['😀'.repeat(193), 'must be at most 768 bytes'],
    ['-NabcDEF123', null],
  ])('keyProblem(%j) = %j', (key, problem) => {
    expect(keyProblem(key)).toBe(problem);
  });

  it('toId brands a good id and names the field of a bad one', () => {
    expect(toId<OrderId>('-N1', 'orderId')).toBe('-N1');
    expect(() => toId<OrderId>('a#b', 'orderId')).toThrow('orderId must not contain');
    expect(() => toId<OrderId>('x'.repeat(129), 'orderId')).toThrow('orderId must be at most 128 characters');
  });
});

describe('order numbers', () => {
  it.each([
    [1, 'K1'],
    [303, 'K303'],
  ])('orderNumber(%i) = %s and back', (n, s) => {
    expect(orderNumber(n)).toBe(s);
    expect(parseOrderNumber(s)).toBe(n);
  });
  it.each([0, -1, 1.5, Number.NaN])('orderNumber(%d) throws', (n) => {
    expect(() => orderNumber(n)).toThrow(DomainError);
  });
  it.each(['045', 'K0', 'K', 'k12', 'K12a'])('parseOrderNumber(%j) is null', (s) => {
    expect(parseOrderNumber(s)).toBeNull();
  });
});
