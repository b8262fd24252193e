/** database.rules.json (the file the servers load) on the new-order screen's writes: parties and colours. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Patch } from '../../../src/domain/patch.ts';
import { stampedPatch } from '../../support/stampedPatch.ts';
import { RulesDb } from './support/rulesDb.ts';

let db: RulesDb;
/** A write as the app makes it: stamped, removals with their tombstones. */
const update = (patch: Patch, uid: string) => db.update(stampedPatch(patch), uid);
beforeEach(() => {
  db = new RulesDb();
  db.seed('users/staff-1', { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
  db.seed('users/admin-1', { name: 'A', email: 'a@x.in', role: 'admin', status: 'active' });
  db.seed('users/ret-1', { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: 'p0' });
  db.seed('parties/p0', { name: 'OLD', area: 'GOA' });
  db.seed('catalog/P1', { name: 'Tee', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true });
  db.seed('catalog/OFF', { name: 'Old', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: false });
});

const ok = { ok: true };
const refused = expect.objectContaining({ ok: false }) as unknown;

describe('parties', () => {
  it('staff create a valid party; admins may change it, staff may not change or delete one', () => {
    expect(update({ 'parties/p1': { name: 'NEW SHOP', area: 'CALANGUTE' } }, 'staff-1')).toEqual(ok);
    expect(update({ 'parties/p1/name': 'RENAMED' }, 'staff-1')).toEqual(refused);
    expect(update({ 'parties/p0': null }, 'staff-1')).toEqual(refused);
    expect(update({ 'parties/p1/name': 'RENAMED' }, 'admin-1')).toEqual(ok);
    expect(db.get('parties/p1')).toEqual({ name: 'RENAMED', area: 'CALANGUTE', updatedAt: db.clock });
  });

  it.each([
    ['an empty name', { name: '', area: 'GOA' }],
    ['no area', { name: 'X' }],
    ['an unknown field', { name: 'X', area: 'GOA', note: 'x' }],
    ['a too long area', { name: 'X', area: 'A'.repeat(61) }],
    ['a bad GSTIN', { name: 'X', area: 'GOA', gstin: '123' }],
  ])('refuses a party with %s', (_what, party) => {
    expect(update({ 'parties/p2': party }, 'staff-1')).toEqual(refused);
  });

  it('refuses a retailer', () => {
    expect(update({ 'parties/p3': { name: 'X', area: 'GOA' } }, 'ret-1')).toEqual(refused);
  });
});

describe('catalogue colours', () => {
  const maroon = { code: 'MAROON', name: 'Maroon', swatch: '#800000 #ffffff' };

  it('staff append a colour where none is; never overwrite one or write elsewhere in the product', () => {
    expect(update({ 'catalog/P1/colors/1': maroon }, 'staff-1')).toEqual(ok);
    expect(db.get('catalog/P1/colors')).toEqual([{ code: 'RED', name: 'Red', swatch: '#f00' }, maroon]);
    expect(update({ 'catalog/P1/colors/1': { ...maroon, name: 'Other' } }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/P1/colors/0/name': 'Rouge' }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/P1/name': 'Renamed' }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/P9/colors/1': maroon }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/OFF/colors/1': maroon }, 'staff-1')).toEqual(refused);
  });

  it.each([
    ['a bad swatch', { ...maroon, swatch: 'red' }],
    ['an MRP (admins only)', { ...maroon, mrp: [{ size: 'S', paise: 100 }] }],
    ['an unknown field', { ...maroon, extra: 1 }],
    ['an edge space in the code', { ...maroon, code: 'MAROON ' }],
    ['no name', { code: 'MAROON', swatch: '#800000' }],
  ])('refuses a colour with %s', (_what, colour) => {
    expect(update({ 'catalog/P1/colors/1': colour }, 'staff-1')).toEqual(refused);
  });

  it('refuses a key that is not a list index', () => {
    expect(update({ 'catalog/P1/colors/x': maroon }, 'staff-1')).toEqual(refused);
  });

  it('admins still write whole products, with MRPs', () => {
    const product = { name: 'Tee', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00', mrp: [{ size: 'S', paise: 29900 }] }, maroon], active: true };
    expect(update({ 'catalog/P1': product }, 'admin-1')).toEqual(ok);
  });
});

describe('new products (the "Add as a new item" shortcut)', () => {
  const any = { code: 'ANY', name: 'Any Color', swatch: '#9ca3af' };
  const bra = { name: 'Lace Bra', sizes: ['34C', '32B', 'M'], colors: [any], active: true };

  it('staff create a valid product, sizes kept in the order given; they may not change or delete it afterwards', () => {
    expect(update({ 'catalog/-Nnew1': bra }, 'staff-1')).toEqual(ok);
    expect(db.get('catalog/-Nnew1')).toEqual({ ...bra, updatedAt: db.clock });
    expect(update({ 'catalog/-Nnew1/name': 'Renamed' }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/-Nnew1': { ...bra, name: 'Again' } }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/-Nnew1/sizes/3': 'L' }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/-Nnew1': null }, 'staff-1')).toEqual(refused);
    expect(update({ 'catalog/P1': { ...bra, name: 'Taken' } }, 'staff-1')).toEqual(refused);
    // Appending a colour is still allowed, as for any active product.
    expect(update({ 'catalog/-Nnew1/colors/1': { code: 'RED', name: 'Red', swatch: '#f00' } }, 'staff-1')).toEqual(ok);
  });

  it('accepts 40 sizes and refuses 41', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => `S${i}`);
    expect(update({ 'catalog/-Nmany': { ...bra, sizes } }, 'staff-1')).toEqual(ok);
    expect(update({ 'catalog/-Ntoo': { ...bra, sizes: [...sizes, 'S40'] } }, 'staff-1')).toEqual(refused);
  });

  it.each([
    ['no name', { sizes: bra.sizes, colors: [any], active: true }],
    ['an empty name', { ...bra, name: '' }],
    ['a name over 80 characters', { ...bra, name: 'N'.repeat(81) }],
    ['no sizes', { ...bra, sizes: [] }],
    ['a size twice', { ...bra, sizes: ['M', 'L', 'M'] }],
    ['an empty size', { ...bra, sizes: ['M', ''] }],
    ['a size over 20 characters', { ...bra, sizes: ['X'.repeat(21)] }],
    ['a size with an edge space', { ...bra, sizes: ['M '] }],
    ['a size that is not text', { ...bra, sizes: [32] }],
    ['sizes with a gap', { ...bra, sizes: { 0: 'S', 2: 'L' } }],
    ['sizes keyed by name', { ...bra, sizes: { a: 'S' } }],
    ['no colours', { ...bra, colors: [] }],
    ['a colour without a swatch', { ...bra, colors: [{ code: 'ANY', name: 'Any Color' }] }],
    ['a colour with an MRP', { ...bra, colors: [{ ...any, mrp: [{ size: 'M', paise: 100 }] }] }],
    ['colours keyed by name', { ...bra, colors: { any } }],
    ['active not a boolean', { ...bra, active: 'yes' }],
    ['an inactive product', { ...bra, active: false }],
    ['an unknown field', { ...bra, price: 10 }],
  ])('refuses a staff product with %s', (_what, product) => {
    expect(update({ 'catalog/-Nbad': product }, 'staff-1')).toEqual(refused);
  });

  it('refuses a retailer; admins create, change and delete, still validated', () => {
    expect(update({ 'catalog/-Nret': bra }, 'ret-1')).toEqual(refused);
    expect(update({ 'catalog/-Nadm': bra }, 'admin-1')).toEqual(ok);
    expect(update({ 'catalog/-Nadm/name': 'Renamed', 'catalog/-Nadm/active': false }, 'admin-1')).toEqual(ok);
    expect(update({ 'catalog/-Nadm/sizes/1': '32B ' }, 'admin-1')).toEqual(refused);
    expect(update({ 'catalog/-Nadm/extra': 1 }, 'admin-1')).toEqual(refused);
    expect(update({ 'catalog/-Nadm': null }, 'admin-1')).toEqual(ok);
  });
});
