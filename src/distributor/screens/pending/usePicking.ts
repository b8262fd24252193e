import { useEffect, useRef, useState } from 'preact/hooks';
import { savePicked } from '../../../data/pendingCommands.ts';
import { clampQty, mergePicked, pickRows, type PickRow } from '../../../domain/pending.ts';
import type { Line, OrderId, PendingRecord, SkuId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';

/** Where this device's picking edits are: none, waiting to save, saving, saved, or refused. */
export type PickSaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** How long typing may pause before the quantities are saved. */
const SAVE_DELAY_MS = 600;

/** Picking rows of one order: saved quantities from the database, overlaid by this device's unsaved edits. */
export type Picking = {
  rows: PickRow[];
  state: PickSaveState;
  setQty: (key: SkuId, qty: number) => void;
  /** The picked lines as shown (saved + unsaved edits). */
  picked: Line[];
  /** Drops unsaved edits (after the order was sent, say). */
  discard: () => void;
};

/**
 * Picked quantities live on the pending record (`picked`), so every device shows the same
 * progress. Edits are kept here until saved (debounced); a row with no unsaved edit always shows
 * the database value, so a change from another device appears as soon as it arrives.
 */
export function usePicking(orderId: OrderId, record: PendingRecord, stockOf: (key: SkuId) => number): Picking {
  const [edits, setEdits] = useState<ReadonlyMap<string, number>>(new Map());
  const [state, setState] = useState<PickSaveState>('idle');
  const editsRef = useRef(edits);
  editsRef.current = edits;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isSaving = useRef(false);

  const save = async (): Promise<void> => {
    timer.current = null;
    if (isSaving.current) {
      // One save at a time; the edits made meanwhile go in the next one.
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
      return;
    }
    const batch = new Map(editsRef.current);
    if (batch.size === 0) return;
    isSaving.current = true;
    setState('saving');
    try {
      await savePicked(orderId, batch);
      // Keep only edits typed while this save was in flight.
      setEdits((now) => new Map([...now].filter(([k, q]) => batch.get(k) !== q)));
      setState(timer.current === null ? 'saved' : 'pending');
    } catch (e) {
      setEdits(new Map()); // show what the database holds
      setState('error');
      showToast('error', `Picked quantities of this order were not saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      isSaving.current = false;
    }
  };

  // Leaving the screen saves what was typed instead of dropping it.
  useEffect(
    () => () => {
      if (timer.current !== null) {
        clearTimeout(timer.current);
        void save();
      }
    },
    [],
  );

  const saved = pickRows(record, stockOf);
  const rows = saved.map((r) => (edits.has(r.key) ? { ...r, picked: clampQty(edits.get(r.key) ?? 0, r.line.qty) } : r));
  return {
    rows,
    state,
    picked: mergePicked(record.lines, record.picked ?? [], edits),
    setQty(key, qty) {
      const row = saved.find((r) => r.key === key);
      if (row === undefined) return;
      setEdits((now) => new Map(now).set(key, clampQty(qty, row.line.qty)));
      setState('pending');
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    discard() {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      setEdits(new Map());
      setState('idle');
    },
  };
}
