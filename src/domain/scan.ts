/**
 * Barcode scanning while billing: each scan adds 1 to the matching line of the order, up to what
 * is in billing. Also the keyboard-wedge reader: USB and Bluetooth scanners "type" the code as a
 * fast burst of key events ending in Enter; the reader turns those events into codes. Pure: the
 * time of each key comes in as an argument.
 */
import { lookup, type BarcodeIndex, type BarcodeRecord } from './barcodes.ts';
import { lineKey } from './lines.ts';
import type { Line, SkuId } from './types.ts';

/** What one scan did. `qty`/`max` are the line's bill quantity after the scan and its ceiling. */
export type ScanOutcome =
  | { kind: 'added'; code: string; line: Line; qty: number; max: number }
  | { kind: 'unknown'; code: string }
  | { kind: 'wrongItem'; code: string; barcode: BarcodeRecord }
  | { kind: 'overQuantity'; code: string; line: Line; qty: number; max: number };

/** Bill quantities being built, by line key. */
export type BillQuantities = ReadonlyMap<SkuId, number>;

/**
 * Applies one scanned code to the bill quantities of an order whose billing lines are `lines`.
 * Returns the new quantities (the same map when nothing changed) and the outcome.
 */
export function applyScan(quantities: BillQuantities, lines: readonly Line[], index: BarcodeIndex, raw: string): { quantities: BillQuantities; outcome: ScanOutcome } {
  const code = raw.trim();
  const barcode = lookup(index, code);
  if (barcode === null) return { quantities, outcome: { kind: 'unknown', code } };
  const line = lines.find((l) => lineKey(l) === barcode.skuId);
  if (line === undefined) return { quantities, outcome: { kind: 'wrongItem', code, barcode } };
  const qty = quantities.get(barcode.skuId) ?? 0;
  if (qty >= line.qty) return { quantities, outcome: { kind: 'overQuantity', code, line, qty, max: line.qty } };
  const next = new Map(quantities);
  next.set(barcode.skuId, qty + 1);
  return { quantities: next, outcome: { kind: 'added', code, line, qty: qty + 1, max: line.qty } };
}

/** The message a person reads for an outcome; `label` names a SKU ('Comfort Bra Black 32B'). */
export function scanMessage(outcome: ScanOutcome, label: (ref: Pick<Line, 'productId' | 'color' | 'size'>) => string): string {
  switch (outcome.kind) {
    case 'added':
      return `${label(outcome.line)}: ${outcome.qty} of ${outcome.max}`;
    case 'unknown':
      return `Unknown barcode ${outcome.code === '' ? '(empty)' : outcome.code}: it is not assigned to any item`;
    case 'wrongItem':
      return `Wrong item: ${label(outcome.barcode)} (${outcome.code}) is not in this order`;
    case 'overQuantity':
      return `Already at the order's quantity: ${label(outcome.line)} ${outcome.qty} of ${outcome.max}`;
  }
}

/** What the wedge reader did with one key event. */
export type WedgeStep =
  /** Not for the reader (let the browser handle it). */
  | { kind: 'pass' }
  /** Taken into the code being typed (prevent its default action). */
  | { kind: 'buffered' }
  /** Enter ended a code. */
  | { kind: 'code'; code: string };

/** Options: a pause longer than `maxGapMs` between characters starts a new code. */
export type WedgeOptions = { maxGapMs: number };

/**
 * A keyboard-wedge reader: feed it every key (`event.key`, time in ms). Printable keys are
 * collected; Enter ends the code. A pause longer than `maxGapMs` discards what came before
 * (stray keys), so a scan is read whole however many arrive per second, and none is dropped:
 * there is no lock-out after a scan.
 */
export function createWedgeReader(options: WedgeOptions): { key: (key: string, at: number, hasModifier?: boolean) => WedgeStep; reset: () => void } {
  let buffer = '';
  let last = -Infinity;
  return {
    key(key, at, hasModifier = false) {
      if (hasModifier) return { kind: 'pass' };
      if (key === 'Enter') {
        const code = buffer.trim();
        const isFresh = at - last <= options.maxGapMs;
        buffer = '';
        return code !== '' && isFresh ? { kind: 'code', code } : { kind: 'pass' };
      }
      // Only single characters ('a', '7', '-'); named keys ('Shift', 'Tab', 'Escape') pass.
      if ([...key].length !== 1) return { kind: 'pass' };
      if (at - last > options.maxGapMs) buffer = '';
      // A space with nothing typed is a person pressing a focused button, not a scan.
      if (buffer === '' && key === ' ') return { kind: 'pass' };
      buffer += key;
      last = at;
      return { kind: 'buffered' };
    },
    reset() {
      buffer = '';
      last = -Infinity;
    },
  };
}
