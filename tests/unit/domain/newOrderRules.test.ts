/** database.rules.json (the file the servers load) on the new-order screen's writes: parties and colours. */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { RulesDb } from './support/rulesDb.ts';

let db: RulesDb;
beforeEach(() => {
  db = new RulesDb(JSON.parse(readFileSync('database.rules.json', 'utf8')) as unknown);
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
    expect(db.update({ 'parties/p1': { name: 'NEW SHOP', area: 'CALANGUTE' } }, 'staff-1')).toEqual(ok);
    expect(db.update({ 'parties/p1/name': 'RENAMED' }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'parties/p0': null }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'parties/p1/name': 'RENAMED' }, 'admin-1')).toEqual(ok);
    expect(db.get('parties/p1')).toEqual({ name: 'RENAMED', area: 'CALANGUTE' });
  });

  it.each([
    ['an empty name', { name: '', area: 'GOA' }],
    ['no area', { name: 'X' }],
    ['an unknown field', { name: 'X', area: 'GOA', note: 'x' }],
    ['a too long area', { name: 'X', area: 'A'.repeat(61) }],
    ['a bad GSTIN', { name: 'X', area: 'GOA', gstin: '123' }],
  ])('refuses a party with %s', (_what, party) => {
    expect(db.update({ 'parties/p2': party }, 'staff-1')).toEqual(refused);
  });

  it('refuses a retailer', () => {
    expect(db.update({ 'parties/p3': { name: 'X', area: 'GOA' } }, 'ret-1')).toEqual(refused);
  });
});

describe('catalogue colours', () => {
  const maroon = { code: 'MAROON', name: 'Maroon', swatch: '#800000 #ffffff' };

  it('staff append a colour where none is; never overwrite one or write elsewhere in the product', () => {
    expect(db.update({ 'catalog/P1/colors/1': maroon }, 'staff-1')).toEqual(ok);
    expect(db.get('catalog/P1/colors')).toEqual([{ code: 'RED', name: 'Red', swatch: '#f00' }, maroon]);
    expect(db.update({ 'catalog/P1/colors/1': { ...maroon, name: 'Other' } }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'catalog/P1/colors/0/name': 'Rouge' }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'catalog/P1/name': 'Renamed' }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'catalog/P9/colors/1': maroon }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'catalog/OFF/colors/1': maroon }, 'staff-1')).toEqual(refused);
  });

  it.each([
    ['a bad swatch', { ...maroon, swatch: 'red' }],
    ['an MRP (admins only)', { ...maroon, mrp: [{ size: 'S', paise: 100 }] }],
    ['an unknown field', { ...maroon, extra: 1 }],
    ['an edge space in the code', { ...maroon, code: 'MAROON ' }],
    ['no name', { code: 'MAROON', swatch: '#800000' }],
  ])('refuses a colour with %s', (_what, colour) => {
    expect(db.update({ 'catalog/P1/colors/1': colour }, 'staff-1')).toEqual(refused);
  });

  it('refuses a key that is not a list index', () => {
    expect(db.update({ 'catalog/P1/colors/x': maroon }, 'staff-1')).toEqual(refused);
  });

  it('admins still write whole products, with MRPs', () => {
    const product = { name: 'Tee', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00', mrp: [{ size: 'S', paise: 29900 }] }, maroon], active: true };
    expect(db.update({ 'catalog/P1': product }, 'admin-1')).toEqual(ok);
  });
});
