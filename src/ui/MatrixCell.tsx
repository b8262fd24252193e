import { useRef } from 'preact/hooks';
import { parseCellText } from '../domain/cart.ts';
import { LIMITS } from '../domain/validate.ts';

/** A short availability text under a cell ("In stock", "Low", "12 left"); `isShort` shows it as a warning. */
export type CellNote = { text: string; isShort: boolean };

/** How long a press on a size label must last to reset the cell to 0. */
export const LONG_PRESS_MS = 500;

type Props = {
  color: string;
  size: string;
  row: number;
  col: number;
  qty: number;
  /** Stock on hand: a number, null for no stock record, undefined when stock is not shown at all. */
  stock: number | null | undefined;
  /** Instead of the stock number: what the app says of availability (the portal's bands), and whether it is short. */
  note?: CellNote | undefined;
  /** The most a cell takes (typing more caps it). */
  maxQty?: number;
  onChange: (qty: number) => void;
  onFocus: () => void;
  /** Called when the typed value did not change the quantity (nothing re-renders to measure). */
  onUnchanged: (eventTime: number) => void;
  /** Called before onChange when it did: the grid measures once the totals are drawn. */
  onChanging: (eventTime: number) => void;
};

/**
 * One colour × size cell: a quantity input (digits only) with the stock under it. On phones a
 * size label sits above it: a tap adds 1, a long press resets the cell to 0 (hidden on wider
 * screens, where the column head names the size).
 */
export function MatrixCell({ color, size, row, col, qty, stock, note, maxQty = LIMITS.qty, onChange, onFocus, onUnchanged, onChanging }: Props) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wasLong = useRef(false);
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div class="matrix-cell">
      <button
        type="button"
        class="matrix-cell__label"
        tabIndex={-1}
        aria-label={`${color} ${size}: tap to add 1, hold to reset`}
        onPointerDown={() => {
          wasLong.current = false;
          cancel();
          timer.current = setTimeout(() => {
            wasLong.current = true;
            onChange(0);
          }, LONG_PRESS_MS);
        }}
        onPointerUp={cancel}
        onPointerLeave={cancel}
        onPointerCancel={cancel}
        onContextMenu={(e) => e.preventDefault()}
        onClick={() => {
          if (wasLong.current) wasLong.current = false;
          else onChange(Math.min(maxQty, qty + 1));
        }}
      >
        {size}
      </button>
      <input
        class="matrix-cell__input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autocomplete="off"
        aria-label={`${color} ${size}`}
        data-cell={`${row}:${col}`}
        placeholder="0"
        value={qty === 0 ? '' : String(qty)}
        onFocus={(e) => {
          e.currentTarget.select();
          onFocus();
        }}
        onInput={(e) => {
          const input = e.currentTarget;
          const n = parseCellText(input.value, maxQty);
          // Letters and leading zeros never show, even when the quantity stays the same (no re-render).
          const text = n === 0 ? '' : String(n);
          if (input.value !== text) input.value = text;
          if (n === qty) return onUnchanged(e.timeStamp);
          onChanging(e.timeStamp);
          onChange(n);
        }}
      />
      {note !== undefined && <span class={note.isShort ? 'matrix-cell__stock matrix-cell__stock--none' : 'matrix-cell__stock'}>{note.text}</span>}
      {note === undefined && stock !== undefined && <span class={stock !== null && stock > 0 ? 'matrix-cell__stock' : 'matrix-cell__stock matrix-cell__stock--none'}>{stock === null ? 'no stock' : `stock ${stock}`}</span>}
    </div>
  );
}
