import { useState } from 'preact/hooks';
import { saveRemarks } from '../../../data/billingCommands.ts';
import type { OrderId } from '../../../domain/types.ts';
import { LIMITS } from '../../../domain/validate.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { REMARK_PRESETS } from './billingText.ts';

type Props = { id: OrderId; number: string; current: string; onClose: () => void };

/** Billing remarks: the current ones, the seven preset chips, free text, Save. */
export function RemarksDialog({ id, number, current, onClose }: Props) {
  const [text, setText] = useState(current);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    try {
      await saveRemarks(id, text);
      showToast('success', text.trim() === '' ? `Remarks of ${number} cleared` : `Remarks of ${number} saved`);
      onClose();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Remarks · ${number}`}
      onClose={onClose}
      testId="remarks-dialog"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onClose} disabled={isBusy}>
            Cancel
          </button>
          <button type="submit" form="remarks-form" class="button button--primary" disabled={isBusy}>
            {isBusy ? 'Saving…' : 'Save remarks'}
          </button>
        </>
      }
    >
      {current !== '' && (
        <p class="billing-remarks" data-testid="current-remarks">
          Current: {current}
        </p>
      )}
      <div class="chips" role="group" aria-label="Preset remarks">
        {REMARK_PRESETS.map((p) => (
          <button key={p} type="button" class="chip" aria-pressed={text === p} onClick={() => setText(p)}>
            {p}
          </button>
        ))}
      </div>
      <form
        id="remarks-form"
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="field__label" for="remarks-text">
          Remarks <span class="field__hint">({[...text].length}/{LIMITS.remarks})</span>
        </label>
        <textarea
          id="remarks-text"
          class="field__input field__textarea"
          rows={3}
          maxLength={LIMITS.remarks}
          value={text}
          aria-invalid={problem !== null}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter saves, as in every form here; Shift+Enter starts a new line.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void save();
            }
          }}
        />
      </form>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </Modal>
  );
}
