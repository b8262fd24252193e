import { describe, expect, it } from 'vitest';
import { barcodeKey, skuLabel, type BarcodeIndex, type BarcodeRecord } from '../../../src/domain/barcodes.ts';
import { skuId } from '../../../src/domain/ids.ts';
import { applyScan, createWedgeReader, scanMessage, type BillQuantities } from '../../../src/domain/scan.ts';
import type { SkuId } from '../../../src/domain/types.ts';
import { catalog, L, P1, P2, STAFF } from './support/fixtures.ts';

const rec = (code: string, productId: string, color: string, size: string): BarcodeRecord =>
  ({ code, skuId: skuId(productId, color, size), productId, color, size, updatedAt: 1, updatedBy: STAFF }) as BarcodeRecord;
const index: BarcodeIndex = new Map([rec('1001', P1, 'BLACK', 'T2'), rec('1002', P1, 'SKIN', 'T1'), rec('2001', P2, 'GR.W', 'S')].map((r) => [barcodeKey(r.code), r]));
const lines = [L(P1, 'BLACK', 'T2', 2), L(P1, 'SKIN', 'T1', 1)];
const black = skuId(P1, 'BLACK', 'T2');
const label = (r: Parameters<typeof skuLabel>[0]) => skuLabel(r, catalog);

describe('applyScan', () => {
  it('adds 1 per scan up to the quantity in billing, then reports over-quantity without changing anything', () => {
    let q: BillQuantities = new Map();
    const kinds: string[] = [];
    const messages: string[] = [];
    for (const code of ['1001', '1001', '1001']) {
      const r = applyScan(q, lines, index, code);
      kinds.push(r.outcome.kind);
      messages.push(scanMessage(r.outcome, label));
      q = r.quantities;
    }
    expect(kinds).toEqual(['added', 'added', 'overQuantity']);
    expect(messages).toEqual(['Classic Brief Black T2: 1 of 2', 'Classic Brief Black T2: 2 of 2', "Already at the order's quantity: Classic Brief Black T2 2 of 2"]);
    expect(q.get(black)).toBe(2);
  });

  it.each([
    ['9999', 'unknown', 'Unknown barcode 9999: it is not assigned to any item'],
    ['  ', 'unknown', 'Unknown barcode (empty): it is not assigned to any item'],
    ['2001', 'wrongItem', 'Wrong item: Sports Vest Grey/White S (2001) is not in this order'],
  ])('scan %j → %s', (code, kind, message) => {
    const before: BillQuantities = new Map([[black, 1]]);
    const r = applyScan(before, lines, index, code);
    expect(r.outcome.kind).toBe(kind);
    expect(scanMessage(r.outcome, label)).toBe(message);
    expect(r.quantities).toBe(before);
  });

  it('never takes a line above its quantity, whatever the order of scans (100 random scans)', () => {
    const codes = ['1001', '1002', '2001', 'nope'];
    let q: BillQuantities = new Map();
    let added = 0;
    let seed = 7;
    for (let i = 0; i < 100; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const r = applyScan(q, lines, index, codes[seed % codes.length] ?? '');
      if (r.outcome.kind === 'added') added++;
      q = r.quantities;
    }
    expect(q.get(black)).toBe(2);
    expect(q.get(skuId(P1, 'SKIN', 'T1') as SkuId)).toBe(1);
    expect(added).toBe(3);
  });
});

describe('keyboard wedge reader', () => {
  /** Feeds `text` + Enter as a scanner would: one key every `gap` ms from `start`. */
  const type = (reader: ReturnType<typeof createWedgeReader>, text: string, start: number, gap = 5) => {
    const steps = [...text].map((k, i) => reader.key(k, start + i * gap));
    return { steps, end: reader.key('Enter', start + text.length * gap) };
  };

  it('reads a burst ending in Enter as one code and buffers (swallows) its keys', () => {
    const r = createWedgeReader({ maxGapMs: 50 });
    const { steps, end } = type(r, '8901234567890', 0);
    expect(steps.every((s) => s.kind === 'buffered')).toBe(true);
    expect(end).toEqual({ kind: 'code', code: '8901234567890' });
  });

  it('reads 100 scans at 10 per second, each whole and in order (no lock-out)', () => {
    const r = createWedgeReader({ maxGapMs: 50 });
    const codes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const end = type(r, `C${String(i).padStart(4, '0')}`, i * 100).end;
      if (end.kind === 'code') codes.push(end.code);
    }
    expect(codes).toEqual(Array.from({ length: 100 }, (_, i) => `C${String(i).padStart(4, '0')}`));
  });

  it('drops stray keys before a pause, passes Enter with nothing typed, and passes named keys, modifiers and a leading space', () => {
    const r = createWedgeReader({ maxGapMs: 50 });
    r.key('x', 0);
    r.key('y', 10);
    expect(type(r, '1001', 500).end).toEqual({ kind: 'code', code: '1001' });
    expect(r.key('Enter', 1000)).toEqual({ kind: 'pass' });
    expect(r.key('Tab', 1001)).toEqual({ kind: 'pass' });
    expect(r.key('c', 1002, true)).toEqual({ kind: 'pass' });
    expect(r.key(' ', 1003)).toEqual({ kind: 'pass' });
  });

  it('passes Enter that comes long after the last key (a person pressing Enter on a button)', () => {
    const r = createWedgeReader({ maxGapMs: 50 });
    r.key('1', 0);
    expect(r.key('Enter', 2000)).toEqual({ kind: 'pass' });
    expect(type(r, '22', 3000).end).toEqual({ kind: 'code', code: '22' });
  });
});
