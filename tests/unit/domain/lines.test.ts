import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { addLines, containsLines, lineKey, normalizeLines, sameLines, subtractLines, totalQty } from '../../../src/domain/lines.ts';
import type { Line } from '../../../src/domain/types.ts';
import { L, P1, P2 } from './support/fixtures.ts';

const b2 = (q: number) => L(P1, 'BLACK', 'T2', q);
const s1 = (q: number) => L(P1, 'SKIN', 'T1', q);
const v = (q: number) => L(P2, 'GR.W', 'L/XL', q);

describe('line arithmetic', () => {
  it.each<[string, Line[], Line[]]>([
    ['merges duplicates in first-seen order', [b2(1), s1(2), b2(3)], [b2(4), s1(2)]],
    ['drops zeros', [b2(0), s1(2)], [s1(2)]],
    ['keeps colour names with key characters apart', [v(1), L(P2, 'GR', 'W~L/XL', 1)], [v(1), L(P2, 'GR', 'W~L/XL', 1)]],
    ['empty stays empty', [], []],
  ])('normalizeLines %s', (_name, input, expected) => {
    expect(normalizeLines(input)).toEqual(expected);
  });

  it.each<[Line[], Line[], Line[]]>([
    [[b2(5), s1(2)], [b2(3)], [b2(2), s1(2)]],
    [[b2(5)], [b2(5)], []],
    [[b2(5), s1(2)], [s1(1), b2(1), s1(1)], [b2(4)]],
  ])('subtractLines(%j, %j) = %j', (a, b, expected) => {
    expect(subtractLines(a, b)).toEqual(expected);
  });

  it('subtract names every line that would go negative', () => {
    const err = (() => {
      try {
        subtractLines([b2(2)], [s1(1), b2(3)], 'picked');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).errors).toEqual([
      { field: 'picked[0].qty', message: 'p1 SKIN T1: 1 is more than the 0 available' },
      { field: 'picked[1].qty', message: 'p1 BLACK T2: 3 is more than the 2 available' },
    ]);
  });

  it('totals, containment, equality and keys', () => {
    expect(totalQty([b2(2), s1(3)])).toBe(5);
    expect(containsLines([b2(2), s1(3)], [s1(3)])).toBe(true);
    expect(containsLines([b2(2)], [b2(3)])).toBe(false);
    expect(sameLines([b2(2), s1(3)], [s1(1), s1(2), b2(2)])).toBe(true);
    expect(sameLines([b2(2)], [b2(2), s1(1)])).toBe(false);
    expect(lineKey(v(1))).toBe('p2~GR%2EW~L%2FXL');
  });

  const line = fc.record({
    productId: fc.constantFrom(P1, P2),
    color: fc.constantFrom('BLACK', 'SKIN', 'GR.W'),
    size: fc.constantFrom('T1', 'T2', 'L/XL'),
    qty: fc.integer({ min: 0, max: 50 }),
  });
  const lines = fc.array(line, { maxLength: 12 });

  it('property: (a + b) − b = a, totals add up, results never hold 0 or negatives', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const sum = addLines(a, b);
        expect(totalQty(sum)).toBe(totalQty(a) + totalQty(b));
        expect(sameLines(subtractLines(sum, b), a)).toBe(true);
        expect(sum.every((l) => l.qty > 0)).toBe(true);
        expect(new Set(sum.map(lineKey)).size).toBe(sum.length);
      }),
    );
  });

  it('property: subtracting more than is held always throws and never returns negatives', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        if (containsLines(a, b)) expect(subtractLines(a, b).every((l) => l.qty > 0)).toBe(true);
        else expect(() => subtractLines(a, b)).toThrow(DomainError);
      }),
    );
  });
});
