import { useState } from 'preact/hooks';
import { LIMITS, parseReason } from '../../../domain/validate.ts';
import { Modal } from '../../../ui/Modal.tsx';

type Props = {
  /** Whose order, for the title ("Reject the order of ASHA TRADERS?"). */
  party: string;
  /** Called with the trimmed, valid reason. */
  onContinue: (reason: string) => void;
  onCancel: () => void;
};

const FORM_ID = 'reject-reason-form';

/** Step 1 of a rejection: the reason the retailer will read (required, at most 200 characters). */
export function RejectDialog({ party, onContinue, onCancel }: Props) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const next = () => {
    const r = parseReason(text);
    if (!r.ok) return setProblem(`Reason: ${r.errors[0]?.message ?? 'is not valid'}.`);
    onContinue(r.value);
  };
  const length = [...text.trim()].length;
  return (
    <Modal
      title={`Reject the order of ${party}?`}
      onClose={onCancel}
      testId="reject-dialog"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={FORM_ID} class="button button--danger">
            Continue
          </button>
        </>
      }
    >
      <form
        id={FORM_ID}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <label class="field">
          <span class="field__label">Reason (the retailer sees it)</span>
          <textarea
            class="field__input"
            rows={3}
            autoFocus
            value={text}
            aria-invalid={problem !== null}
            aria-describedby="reject-reason-count"
            onInput={(e) => (setProblem(null), setText(e.currentTarget.value))}
            onKeyDown={(e) => {
              // Enter sends, Shift+Enter starts a new line.
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                next();
              }
            }}
          />
        </label>
        <p id="reject-reason-count" class={`approval-reason__count${length > LIMITS.reason ? ' approval-reason__count--over' : ''}`}>
          {length} / {LIMITS.reason} characters
        </p>
      </form>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </Modal>
  );
}
