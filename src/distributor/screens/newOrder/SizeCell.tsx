import { useComputed, type Signal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { parseCellText } from '../../../domain/cart.ts';
import { LIMITS } from '../../../domain/validate.ts';

/** How long a press on a size label must last to reset the cell to 0. */
export const LONG_PRESS_MS = 500;

type Props = { colorCode: string; size: string; row: number; col: number; cell: Signal<number>; available: number | null };

let measured = 0;

/** One size of one colour: a label (tap +1, hold for 0), a quantity input and the stock available. */
export function SizeCell({ colorCode, size, row, col, cell, available }: Props) {
  const shown = useComputed(() => (cell.value === 0 ? '' : String(cell.value)));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wasLong = useRef(false);
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div class="size-cell">
      <button
        type="button"
        class="size-cell__label"
        tabIndex={-1}
        aria-label={`${colorCode} ${size}: tap to add 1, hold to reset`}
        onPointerDown={() => {
          wasLong.current = false;
          cancel();
          timer.current = setTimeout(() => {
            wasLong.current = true;
            cell.value = 0;
          }, LONG_PRESS_MS);
        }}
        onPointerUp={cancel}
        onPointerLeave={cancel}
        onPointerCancel={cancel}
        onContextMenu={(e) => e.preventDefault()}
        onClick={() => {
          if (wasLong.current) wasLong.current = false;
          else cell.value = Math.min(LIMITS.qty, cell.value + 1);
        }}
      >
        {size}
      </button>
      <input
        class="size-cell__input"
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autocomplete="off"
        aria-label={`${colorCode} ${size}`}
        data-cell={`${row}:${col}`}
        placeholder="0"
        value={shown}
        onFocus={(e) => e.currentTarget.select()}
        onInput={(e) => {
          const input = e.currentTarget;
          performance.mark('grid-input:start');
          const n = parseCellText(input.value, LIMITS.qty);
          cell.value = n;
          const text = n === 0 ? '' : String(n);
          if (input.value !== text) input.value = text;
          // From the event's own time: includes the wait before the handler ran.
          performance.measure('grid-input', { start: e.timeStamp, end: performance.now() });
          if (++measured % 2000 === 0) performance.clearMeasures('grid-input');
        }}
      />
      <span class={available !== null && available > 0 ? 'size-cell__stock' : 'size-cell__stock size-cell__stock--none'}>{available === null ? 'no stock' : `stock ${available}`}</span>
    </div>
  );
}
