import { useState } from 'preact/hooks';
import { DELETE_REASONS, deleteReason, MAX_REASON } from '../../../domain/pending.ts';
import type { PendingRecord } from '../../../domain/types.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { Modal } from '../../../ui/Modal.tsx';

type Props = { record: PendingRecord; onDelete: (reason: string) => Promise<void>; onCancel: () => void };

/** Step 1: why (presets and/or free text; required). Step 2: are you sure. */
export function DeleteOrderModal({ record, onDelete, onCancel }: Props) {
  const [ticked, setTicked] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const reason = deleteReason(ticked, text);
  const next = () => {
    if (reason === '') return setProblem('Reason: tick a reason or write one.');
    if (reason.length > MAX_REASON) return setProblem(`Reason: at most ${MAX_REASON} characters (now ${reason.length}).`);
    setConfirming(reason);
  };
  if (confirming !== null)
    return (
      <ConfirmDialog title={`Delete ${record.number}?`} confirmLabel="Delete order" isDanger onConfirm={() => onDelete(confirming)} onCancel={() => setConfirming(null)}>
        <p>
          {record.number} of {record.partyName} moves to Deleted with the reason “{confirming}”. It can be reverted to pending from there.
        </p>
      </ConfirmDialog>
    );
  return (
    <Modal
      title={`Why delete ${record.number}?`}
      onClose={onCancel}
      testId="delete-reasons"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" class="button button--danger" onClick={next}>
            Continue
          </button>
        </>
      }
    >
      <form
        class="delete-reasons"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <fieldset>
          <legend>Select a reason</legend>
          {DELETE_REASONS.map((r) => (
            <label key={r} class="delete-reasons__choice">
              <input
                type="checkbox"
                checked={ticked.includes(r)}
                onChange={(e) => {
                  setProblem(null);
                  const on = e.currentTarget.checked;
                  setTicked((t) => (on ? DELETE_REASONS.filter((x) => x === r || t.includes(x)) : t.filter((x) => x !== r)));
                }}
              />
              {r}
            </label>
          ))}
        </fieldset>
        <label class="field">
          <span class="field__label">Other reason or details</span>
          <textarea
            class="field__input delete-reasons__text"
            rows={2}
            maxLength={MAX_REASON}
            value={text}
            aria-invalid={problem !== null}
            onInput={(e) => (setProblem(null), setText(e.currentTarget.value))}
          />
        </label>
      </form>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </Modal>
  );
}
