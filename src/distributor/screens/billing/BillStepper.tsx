import { useEffect, useState } from 'preact/hooks';

type Props = {
  value: number;
  max: number;
  /** Names the line for screen readers: 'Bill Comfort Bra (Black) 32B'. */
  label: string;
  onChange: (value: number) => void;
  /** False in the scan panel: keys there belong to the scanner, so only − and + change the value. */
  isTypable?: boolean;
  testId?: string;
};

/**
 * −, number, + for one line's bill quantity, clamped to 0..max. A typed value above the maximum
 * is set to the maximum AND the person is told so (the original silently ignored it, bug 14).
 */
export function BillStepper({ value, max, label, onChange, isTypable = true, testId }: Props) {
  const [text, setText] = useState(String(value));
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setText(String(value)), [value]);

  const set = (n: number) => {
    setNote(null);
    onChange(Math.min(max, Math.max(0, n)));
  };
  const typed = (raw: string) => {
    setText(raw);
    if (raw.trim() === '') return; // mid-edit; settled on blur
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) {
      setNote('Enter a whole number from 0');
      return;
    }
    if (n > max) {
      setNote(`Only ${max} in billing: set to ${max}`);
      setText(String(max));
      onChange(max);
      return;
    }
    setNote(null);
    onChange(n);
  };

  return (
    <div class="bill-stepper" data-testid={testId}>
      <div class="bill-stepper__row">
        <button type="button" class="bill-stepper__step" aria-label={`One less: ${label}`} disabled={value <= 0} onClick={() => set(value - 1)}>
          −
        </button>
        {isTypable ? (
          <input
            class="bill-stepper__input"
            type="number"
            inputMode="numeric"
            min={0}
            max={max}
            step={1}
            aria-label={label}
            aria-invalid={note !== null && !note.startsWith('Only')}
            value={text}
            onInput={(e) => typed(e.currentTarget.value)}
            onBlur={() => {
              setText(String(value));
              if (note?.startsWith('Enter') === true) setNote(null);
            }}
          />
        ) : (
          <output class="bill-stepper__value" aria-label={label}>
            {value}
          </output>
        )}
        <button type="button" class="bill-stepper__step" aria-label={`One more: ${label}`} disabled={value >= max} onClick={() => set(value + 1)}>
          +
        </button>
      </div>
      {note !== null && (
        <p class="bill-stepper__note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
