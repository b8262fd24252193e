import { describe, expect, it } from 'vitest';
import { addToCart, cartGroups, cartSizesText, parseCellText, removeGroup, replaceGroup, setCartQty } from '../../../src/domain/cart.ts';
import { parsePartyText, searchParties, searchProducts } from '../../../src/domain/orderForm.ts';
import { swatchBackground, textColorFor } from '../../../src/domain/swatch.ts';
import { catalog, L, P1, P2 } from './support/fixtures.ts';

describe('cart', () => {
  it('adds by summing per product, colour and size and keeps first-seen order', () => {
    const cart = addToCart([L(P1, 'BLACK', 'T1', 2)], [L(P2, 'GR.W', 'S', 1), L(P1, 'BLACK', 'T1', 3), L(P1, 'BLACK', 'T2', 0)]);
    expect(cart).toEqual([L(P1, 'BLACK', 'T1', 5), L(P2, 'GR.W', 'S', 1)]);
  });

  it('sets, replaces and removes rows in place', () => {
    const cart = [L(P1, 'BLACK', 'T1', 2), L(P1, 'SKIN', 'T2', 1), L(P1, 'BLACK', 'T3', 4), L(P2, 'GR.W', 'S', 1)];
    expect(setCartQty(cart, L(P1, 'BLACK', 'T1', 0), 0)).toEqual([L(P1, 'SKIN', 'T2', 1), L(P1, 'BLACK', 'T3', 4), L(P2, 'GR.W', 'S', 1)]);
    expect(setCartQty(cart, L(P2, 'GR.W', 'M', 0), 3)).toEqual([...cart, L(P2, 'GR.W', 'M', 3)]);
    expect(replaceGroup(cart, P1, 'SKIN', [{ size: 'T2', qty: 0 }, { size: 'T3', qty: 2 }])).toEqual([L(P1, 'BLACK', 'T1', 2), L(P1, 'SKIN', 'T3', 2), L(P1, 'BLACK', 'T3', 4), L(P2, 'GR.W', 'S', 1)]);
    expect(removeGroup(cart, P1, 'BLACK')).toEqual([L(P1, 'SKIN', 'T2', 1), L(P2, 'GR.W', 'S', 1)]);
  });

  it('groups rows per product and colour with sizes in catalogue order', () => {
    const groups = cartGroups([L(P1, 'BLACK', 'T3', 1), L(P1, 'BLACK', 'T1', 2), L(P2, 'GR.W', 'S', 4)], catalog);
    expect(groups.map((g) => [g.productName, g.colorName, cartSizesText(g), g.total])).toEqual([
      ['Classic Brief', 'Black', 'T1/2, T3/1', 3],
      ['Sports Vest', 'Grey/White', 'S/4', 4],
    ]);
  });

  it.each([
    ['', 0],
    ['007', 7],
    ['1a2', 12],
    ['-3', 3],
    ['99999999', 1_000_000],
  ])('a cell typed %j holds %d', (text, qty) => {
    expect(parseCellText(text, 1_000_000)).toBe(qty);
  });
});

describe('order form', () => {
  const parties = new Map([
    ['a', { name: 'ASHA TRADERS', area: 'MAPUSA' }],
    ['b', { name: 'Ravi Stores', area: 'Ponda' }],
  ]);

  it('finds parties by name or area, case-insensitively; all of them for an empty query', () => {
    expect(searchParties(parties, '').map((m) => m.id)).toEqual(['a', 'b']);
    expect(searchParties(parties, 'PON').map((m) => m.label)).toEqual(['Ravi Stores - Ponda']);
    expect(searchParties(parties, 'trad').map((m) => m.id)).toEqual(['a']);
    expect(searchParties(parties, 'zzz')).toEqual([]);
  });

  it('finds active products by name or code, exact code first, labelled without ids', () => {
    const map = new Map(Object.entries(catalog));
    expect(searchProducts(map, 'brief').map((m) => m.label)).toEqual(['Classic Brief']);
    // The database id is neither shown nor searched.
    expect(searchProducts(map, 'p2')).toEqual([]);
    expect(searchProducts(map, 'retired')).toEqual([]);
  });

  const coded = new Map([
    ['k1', { name: 'Cotton Hipster', code: 'HIP-014', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true }],
    ['k2', { name: 'Lace Hipster HIP-0140', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true }],
    ['k3', { name: 'Modal Brief', code: 'BRF-2', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true }],
  ]);
  it.each([
    ['the code, any case', 'hip-014', ['Cotton Hipster · HIP-014', 'Lace Hipster HIP-0140']],
    ['a part of the code', 'BRF', ['Modal Brief · BRF-2']],
    ['the whole label as picked', 'Cotton Hipster · HIP-014', ['Cotton Hipster · HIP-014']],
    ['the name', 'hipster', ['Cotton Hipster · HIP-014', 'Lace Hipster HIP-0140']],
    ['an id', 'k1', []],
  ])('searches products by %s', (_what, query, labels) => {
    expect(searchProducts(coded, query).map((m) => m.label)).toEqual(labels);
  });

  it.each([
    ['ASHA - MAPUSA', { ok: true, value: { name: 'ASHA', area: 'MAPUSA' } }],
    ['  ASHA  -  MAPUSA ', { ok: true, value: { name: 'ASHA', area: 'MAPUSA' } }],
  ])('parses %j', (text, expected) => {
    expect(parsePartyText(text)).toEqual(expected);
  });

  it.each([['ASHA'], ['ASHA-MAPUSA'], [' - MAPUSA'], ['ASHA - '], ['A - B - C']])('refuses %j with the NAME - AREA format', (text) => {
    const r = parsePartyText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/NAME - AREA/);
  });

  it('refuses a name longer than the party schema allows', () => {
    const r = parsePartyText(`${'N'.repeat(81)} - GOA`);
    expect(r).toEqual({ ok: false, errors: [{ field: 'party name', message: 'must be at most 80 characters' }] });
  });
});

describe('swatch', () => {
  it.each([
    ['#000', '#ffffff'],
    ['#ffffff', '#000000'],
    ['#e8c4a0', '#000000'],
    ['#1f2a44', '#ffffff'],
    ['#000000 #333333', '#ffffff'],
    ['#ffffff #ffeb3b', '#000000'],
    ['nonsense', '#000000'],
  ])('text on %s is %s', (swatch, text) => {
    expect(textColorFor(swatch)).toBe(text);
  });

  it('paints two colours half-and-half', () => {
    expect(swatchBackground('#888 #fff')).toBe('linear-gradient(135deg, #888888 0 50%, #ffffff 50% 100%)');
    expect(swatchBackground('#c0392b')).toBe('#c0392b');
  });
});
