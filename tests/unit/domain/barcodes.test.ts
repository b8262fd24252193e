import { describe, expect, it } from 'vitest';
import { assignBarcodePatch, barcodeKey, barcodeSchema, codeOfKey, codesOfSku, lookup, normalizeCode, parseCode, removeBarcodePatch, skuLabel, type BarcodeIndex, type BarcodeRecord } from '../../../src/domain/barcodes.ts';
import type { DomainError } from '../../../src/domain/errors.ts';
import { isKeySafe, skuId } from '../../../src/domain/ids.ts';
import { SERVER_TIMESTAMP } from '../../../src/domain/patch.ts';
import { parse } from '../../../src/domain/schema.ts';
import { catalog, P1, P2, STAFF } from './support/fixtures.ts';
import { RulesDb } from './support/rulesDb.ts';

const rec = (code: string, productId: string, color: string, size: string): BarcodeRecord =>
  ({ code, skuId: skuId(productId, color, size), productId, color, size, updatedAt: 1, updatedBy: STAFF }) as BarcodeRecord;
const indexOf = (...records: BarcodeRecord[]): BarcodeIndex => new Map(records.map((r) => [barcodeKey(r.code), r]));

describe('barcode codes and keys', () => {
  it.each([
    ['  8901234567890\r\n', '8901234567890'],
    ['\tABC-123 ', 'ABC-123'],
    ['A B', 'A B'],
  ])('normalises %j to %j', (raw, want) => expect(normalizeCode(raw)).toBe(want));

  it.each([
    ['8901234567890', '8901234567890'],
    ['AB.12/3$', 'AB%2E12%2F3%24'],
    ['50%#[x]', '50%25%23%5Bx%5D'],
  ])('keys %j as %j, key-safe and reversible', (code, key) => {
    expect(barcodeKey(code)).toBe(key);
    expect(isKeySafe(barcodeKey(code))).toBe(true);
    expect(codeOfKey(barcodeKey(code))).toBe(code);
  });

  it('keeps different codes apart after escaping (no collisions through %)', () => {
    const codes = ['A.B', 'A%2EB', 'A%252EB', 'A/B', 'A%2FB'];
    expect(new Set(codes.map(barcodeKey)).size).toBe(codes.length);
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['x'.repeat(65), 'must be at most 64 characters'],
    ['AB\u0007C', 'must not contain control characters'],
  ])('refuses %j: %s', (raw, message) => {
    expect(parseCode(raw)).toEqual({ ok: false, errors: [{ field: 'code', message }] });
  });
});

describe('lookup', () => {
  const index = indexOf(rec('8901', P1, 'BLACK', 'T2'), rec('C39.A/1', P2, 'GR.W', 'L/XL'));
  it('finds a code as scanned, with surrounding whitespace', () => {
    expect(lookup(index, ' 8901\n')?.skuId).toBe(skuId(P1, 'BLACK', 'T2'));
    expect(lookup(index, 'C39.A/1')?.size).toBe('L/XL');
  });
  it('returns null for unknown, empty and case-changed codes', () => {
    expect(lookup(index, '8902')).toBeNull();
    expect(lookup(index, '')).toBeNull();
    expect(lookup(index, 'c39.a/1')).toBeNull();
  });
  it('ignores a record stored under another code key', () => {
    expect(lookup(new Map([[barcodeKey('1111'), rec('2222', P1, 'BLACK', 'T2')]]), '1111')).toBeNull();
  });
  it('lists the codes of a SKU', () => {
    const more = indexOf(rec('b', P1, 'BLACK', 'T2'), rec('a', P1, 'BLACK', 'T2'), rec('c', P1, 'SKIN', 'T1'));
    expect(codesOfSku(more, skuId(P1, 'BLACK', 'T2')).map((r) => r.code)).toEqual(['a', 'b']);
  });
  it('labels a SKU from the catalogue, falling back to codes', () => {
    expect(skuLabel({ productId: P1, color: 'BLACK', size: 'T2' }, catalog)).toBe('Classic Brief Black T2');
    expect(skuLabel({ productId: P1, color: 'RED', size: 'T2' }, new Map())).toBe('Unknown product RED T2');
    expect(skuLabel({ productId: P1, color: 'BLACK', size: 'T2' }, { [P1]: { ...catalog[P1]!, code: 'BRF-1' } })).toBe('Classic Brief · BRF-1 Black T2');
  });
});

describe('barcode schema', () => {
  it('accepts a record and refuses a skuId that does not match its parts', () => {
    expect(parse(barcodeSchema, rec('8901', P1, 'BLACK', 'T2')).ok).toBe(true);
    const bad = { ...rec('8901', P1, 'BLACK', 'T2'), skuId: skuId(P1, 'SKIN', 'T2') };
    expect(parse(barcodeSchema, bad, 'barcodes/8901')).toEqual({ ok: false, errors: [{ field: 'barcodes/8901.skuId', message: 'does not match p1 BLACK T2' }] });
    expect(parse(barcodeSchema, { ...rec('8901', P1, 'BLACK', 'T2'), extra: 1 }).ok).toBe(false);
  });
});

describe('assign and remove', () => {
  const ctx = { now: SERVER_TIMESTAMP, actor: STAFF };
  it('writes one record under the escaped key', () => {
    const { patch } = assignBarcodePatch(' A.1 ', { productId: P1, color: 'BLACK', size: 'T2' }, null, ctx);
    expect(patch).toEqual({ 'barcodes/A%2E1': { code: 'A.1', skuId: skuId(P1, 'BLACK', 'T2'), productId: P1, color: 'BLACK', size: 'T2', updatedAt: SERVER_TIMESTAMP, updatedBy: STAFF } });
  });
  it('refuses a code already used by another SKU, naming it', () => {
    const existing = rec('8901', P1, 'SKIN', 'T1');
    expect(() => assignBarcodePatch('8901', { productId: P1, color: 'BLACK', size: 'T2' }, existing, ctx, (r) => skuLabel(r, catalog))).toThrow(
      expect.objectContaining({ errors: [{ field: 'code', message: '8901 is already used by Classic Brief Skin T1; remove it there first' }] }) as DomainError,
    );
    expect(() => assignBarcodePatch('8901', { productId: P1, color: 'SKIN', size: 'T1' }, existing, ctx)).not.toThrow();
  });
  it('removes by the escaped key', () => expect(removeBarcodePatch('A/1')).toEqual({ 'barcodes/A%2F1': null }));
});

describe('barcode rules (database.rules.json)', () => {
  const db = () => {
    const d = new RulesDb();
    d.seed(`users/${STAFF}`, { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
    d.seed('users/ret-1', { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: 'party-1' });
    return d;
  };
  const ctx = { now: SERVER_TIMESTAMP, actor: STAFF };
  const black = { productId: P1, color: 'BLACK', size: 'T2' };

  it('lets staff assign, re-assign to the same SKU and remove; never to repoint a code to another SKU', () => {
    const d = db();
    expect(d.update(assignBarcodePatch('8901', black, null, ctx).patch, STAFF)).toEqual({ ok: true });
    expect(d.get('barcodes/8901')).toMatchObject({ code: '8901', updatedAt: d.clock, updatedBy: STAFF });
    expect(d.update(assignBarcodePatch('8901', black, null, ctx).patch, STAFF)).toEqual({ ok: true });
    // A client that did not see the existing record still cannot take the code for another SKU.
    expect(d.update(assignBarcodePatch('8901', { ...black, color: 'SKIN' }, null, ctx).patch, STAFF).ok).toBe(false);
    expect(d.update(removeBarcodePatch('8901'), STAFF)).toEqual({ ok: true });
    expect(d.get('barcodes/8901')).toBeNull();
  });

  it('refuses retailers, unknown fields, another actor and a client-chosen time', () => {
    const d = db();
    const { patch } = assignBarcodePatch('8901', black, null, ctx);
    expect(d.update(patch, 'ret-1').ok).toBe(false);
    const record = patch['barcodes/8901'] as Record<string, unknown>;
    expect(d.update({ 'barcodes/8901': { ...record, extra: 1 } }, STAFF).ok).toBe(false);
    expect(d.update({ 'barcodes/8901': { ...record, updatedBy: 'someone-else' } }, STAFF).ok).toBe(false);
    expect(d.update({ 'barcodes/8901': { ...record, updatedAt: 5 } }, STAFF).ok).toBe(false);
    expect(d.update({ 'barcodes/8901': { ...record, code: 'x'.repeat(65) } }, STAFF).ok).toBe(false);
  });
});
