import { clampQty } from '../../../domain/pending.ts';

type Props = { label: string; value: number; max: number; onChange: (qty: number) => void };

/** −, a number field and +, kept within 0..max (the pending quantity of the line). */
export function PickStepper({ label, value, max, onChange }: Props) {
  return (
    <div class="pick-stepper" role="group" aria-label={`Picked: ${label}`}>
      <button type="button" class="pick-stepper__step" aria-label={`One less: ${label}`} disabled={value <= 0} onClick={() => onChange(value - 1)}>
        −
      </button>
      <input
        class="pick-stepper__input"
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        aria-label={`Picked quantity: ${label}`}
        value={String(value)}
        onFocus={(e) => e.currentTarget.select()}
        onInput={(e) => {
          const el = e.currentTarget;
          if (el.value === '') return; // mid-edit: wait for a number
          const q = clampQty(Number(el.value), max);
          if (String(q) !== el.value) el.value = String(q); // show the clamped value at once
          onChange(q);
        }}
        onBlur={(e) => {
          if (e.currentTarget.value === '') e.currentTarget.value = String(value);
        }}
      />
      <button type="button" class="pick-stepper__step" aria-label={`One more: ${label}`} disabled={value >= max} onClick={() => onChange(value + 1)}>
        +
      </button>
    </div>
  );
}
