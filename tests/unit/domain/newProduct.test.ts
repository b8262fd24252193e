import { describe, expect, it } from 'vitest';
import { ANY_COLOR, colourInfo, CUP_SIZES, customSizeProblem, formatPaise, GENERAL_SIZES, hasColourInfo, newProduct } from '../../../src/domain/newProduct.ts';

describe('newProduct', () => {
  it('builds an active product with the sizes in the order given and the colour "Any Color"', () => {
    expect(newProduct('  Lace Bra ', ['34C', ' 32B', 'M'])).toEqual({ ok: true, value: { name: 'Lace Bra', sizes: ['34C', '32B', 'M'], colors: [ANY_COLOR], active: true } });
  });

  it('offers the original 21 cup sizes and 6 general sizes', () => {
    expect(CUP_SIZES).toHaveLength(21);
    expect(GENERAL_SIZES).toEqual(['XS', 'S', 'M', 'L', 'XL', '2XL']);
    expect(newProduct('All', [...CUP_SIZES, ...GENERAL_SIZES, 'F1', 'F2']).ok).toBe(true);
  });

  it.each([
    ['no name', '  ', ['M'], 'name'],
    ['no size', 'X', [], 'sizes'],
    ['a size twice', 'X', ['M', 'M '], 'sizes'],
    ['a long name', 'N'.repeat(81), ['M'], 'name'],
    ['a long size', 'X', ['S'.repeat(21)], 'sizes'],
  ])('refuses %s, naming the field', (_what, name, sizes, field) => {
    const r = newProduct(name, sizes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });

  it('checks a custom size', () => {
    expect(customSizeProblem(' F1 ', ['M'])).toBeNull();
    expect(customSizeProblem('M', ['M'])).toMatch(/already/);
    expect(customSizeProblem(' ', [])).toMatch(/empty/);
    expect(customSizeProblem('x'.repeat(21), [])).toMatch(/20/);
  });
});

describe('colour information', () => {
  it('formats paise exactly, with Indian grouping', () => {
    expect(formatPaise(0)).toBe('₹0.00');
    expect(formatPaise(5)).toBe('₹0.05');
    expect(formatPaise(29900)).toBe('₹299.00');
    expect(formatPaise(129999)).toBe('₹1,299.99');
    expect(formatPaise(12345678901)).toBe('₹12,34,56,789.01');
    expect(formatPaise(100_000_000)).toBe('₹10,00,000.00');
  });

  it('lists code, name and MRPs in size order; worth showing only with a name or MRP', () => {
    const p = {
      name: 'Tee',
      sizes: ['S', 'M'],
      colors: [
        { code: 'RED', name: 'Red', swatch: '#f00', mrp: [{ size: 'M', paise: 34900 }, { size: 'S', paise: 29910 }] },
        { code: 'NVY', name: 'NVY', swatch: '#00f' },
      ],
      active: true,
    };
    expect(colourInfo(p)).toEqual([
      { code: 'RED', name: 'Red', mrp: [{ size: 'S', text: '₹299.10' }, { size: 'M', text: '₹349.00' }] },
      { code: 'NVY', name: 'NVY', mrp: [] },
    ]);
    expect(hasColourInfo(p)).toBe(true);
    expect(hasColourInfo({ ...p, colors: [{ code: 'NVY', name: 'NVY', swatch: '#00f' }] })).toBe(false);
  });
});
