import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { assignBarcode, barcodes } from '../../../data/barcodes.ts';
import { itemsOf } from '../../../data/collections.ts';
import { barcodeKey, type BarcodeIndex, type BarcodeRecord } from '../../../domain/barcodes.ts';
import { lineKey } from '../../../domain/lines.ts';
import { applyScan, createWedgeReader, scanMessage, type BillQuantities, type ScanOutcome } from '../../../domain/scan.ts';
import type { Line, SkuId } from '../../../domain/types.ts';
import { playTone, primeSounds } from '../../../ui/sounds.ts';
import { labelOf, type Catalog } from './billingText.ts';

/** One processed scan as the panel shows it. */
export type ScanEntry = { n: number; kind: ScanOutcome['kind']; message: string; skuId: SkuId | null };

/** Scanners type a code in a few ms per key; generous, so a busy frame never splits a scan, while keys typed long before a scan are dropped. */
const WEDGE_GAP_MS = 500;
const TONE = { added: 'success', unknown: 'unknown', wrongItem: 'wrongItem', overQuantity: 'overQuantity' } as const;

/**
 * The scan panel's state: bill quantities built by scans (starting at 0), the outcome log, and
 * the keyboard-wedge listener. Codes go through a queue processed strictly in arrival order;
 * processing is synchronous, so a burst of scans is never dropped, only queued while the
 * barcode list is still loading. There is no lock-out after a scan (the original had 2 s).
 */
export function useScanPanel(lines: readonly Line[], catalog: Catalog, options: { isPaused: boolean }) {
  const quantities = useSignal<BillQuantities>(new Map());
  const log = useSignal<readonly ScanEntry[]>([]);
  const count = useSignal(0);
  /** The code of the last scan when no item has it, offered for assigning to a line; null after any other scan. */
  const unknownCode = useSignal<string | null>(null);
  const collection = barcodes.value;
  const isReady = collection.state === 'ready';
  const queue = useRef<{ code: string; at: number }[]>([]);
  // Read by the key listener and the queue, which outlive a render: always the latest values.
  const latest = useRef({ lines, index: itemsOf(collection) as BarcodeIndex, catalog, isReady, isPaused: options.isPaused });
  latest.current = { lines, index: itemsOf(collection), catalog, isReady, isPaused: options.isPaused };

  /** Numbers log entries (a scan counted again after assigning its code is a new entry, not a new scan). */
  const entries = useRef(0);
  /** Applies one code against `index` and shows the outcome: quantities, log, tone; `isNewScan` counts it as a scan. */
  const apply = (code: string, index: BarcodeIndex, isNewScan = true): ScanOutcome => {
    const r = applyScan(quantities.peek(), latest.current.lines, index, code);
    quantities.value = r.quantities;
    if (isNewScan) count.value = count.peek() + 1;
    const n = ++entries.current;
    const o = r.outcome;
    const skuId = o.kind === 'unknown' ? null : o.kind === 'wrongItem' ? o.barcode.skuId : lineKey(o.line);
    log.value = [{ n, kind: o.kind, message: scanMessage(o, labelOf(latest.current.catalog)), skuId }, ...log.peek()].slice(0, 6);
    unknownCode.value = o.kind === 'unknown' && o.code !== '' ? o.code : null;
    playTone(TONE[o.kind]);
    return o;
  };

  const drain = () => {
    const now = latest.current;
    if (!now.isReady) return;
    for (let next = queue.current.shift(); next !== undefined; next = queue.current.shift()) {
      const { code, at } = next;
      const started = performance.now();
      const o = apply(code, now.index);
      // Two measures (read by bench/app/scanBurst.ts): the processing itself, and from the
      // scan's Enter key to the screen updated (Preact renders before a zero timeout runs).
      performance.measure('billing-scan', { start: started, end: performance.now(), detail: { kind: o.kind, code } });
      setTimeout(() => performance.measure('billing-scan-shown', { start: at, end: performance.now() }), 0);
    }
  };

  /** Queues a code (wedge, camera or manual; `at` = when it was read) and processes the queue in order. */
  const scan = (code: string, at = performance.now()) => {
    queue.current.push({ code, at });
    drain();
  };

  useEffect(() => {
    if (isReady) drain();
  }, [isReady]);

  useEffect(() => {
    primeSounds();
    const reader = createWedgeReader({ maxGapMs: WEDGE_GAP_MS });
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      // The manual code field takes its own keys (Enter submits it), as does any other field.
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable === true) return;
      if (latest.current.isPaused) return;
      // The event's own time (when the key was typed), not when we got to it: a busy frame must not split a scan.
      const step = reader.key(e.key, e.timeStamp, e.ctrlKey || e.metaKey || e.altKey);
      if (step.kind === 'pass') return;
      // A scanner's keys must not press the focused button (Enter, Space) or type anywhere.
      e.preventDefault();
      e.stopPropagation();
      if (step.kind === 'code') scan(step.code, e.timeStamp);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  const adjust = (skuId: SkuId, qty: number) => {
    const next = new Map(quantities.peek());
    next.set(skuId, qty);
    quantities.value = next;
  };

  /**
   * Assigns an unknown `code` to `line` with Stock's own barcode command (same rules, same
   * record), then counts that scan for the line. Throws the command's ActionError (a code
   * another device took meanwhile, say), leaving quantities untouched.
   */
  const assignAndCount = async (code: string, line: Line): Promise<void> => {
    const record = await assignBarcode(code, line);
    // The live list may not hold the new record yet: count against it directly.
    const saved: BarcodeRecord = { ...record, updatedAt: Date.now() };
    const index = new Map(latest.current.index);
    index.set(barcodeKey(record.code), saved);
    apply(record.code, index, false);
  };

  return { quantities, log, count, isReady, scan, adjust, unknownCode, assignAndCount };
}
