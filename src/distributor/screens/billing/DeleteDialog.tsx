import { useState } from 'preact/hooks';
import { deleteBillingOrder } from '../../../data/billingCommands.ts';
import type { OrderId } from '../../../domain/types.ts';
import { LIMITS } from '../../../domain/validate.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { DELETE_REASONS } from './billingText.ts';

type Props = { id: OrderId; number: string; partyName: string; onClose: () => void };

/**
 * Delete a billing order: first a reason (presets, several allowed, or free text; required),
 * then a confirmation. The order moves to Deleted with its reason and can be reverted there.
 */
export function DeleteDialog({ id, number, partyName, onClose }: Props) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [step, setStep] = useState<'reason' | 'confirm'>('reason');
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const reason = [...chosen, ...(other.trim() === '' ? [] : [other.trim()])].join(', ');

  const next = () => {
    if (reason === '') return setProblem('Reason: choose one or type a reason.');
    if ([...reason].length > LIMITS.reason) return setProblem(`Reason: at most ${LIMITS.reason} characters.`);
    setProblem(null);
    setStep('confirm');
  };
  const remove = async () => {
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    try {
      await deleteBillingOrder(id, reason);
      showToast('success', `${number} moved to Deleted`);
      onClose();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  const toggle = (r: string) => setChosen((c) => (c.includes(r) ? c.filter((x) => x !== r) : [...c, r]));

  return (
    <Modal
      title={step === 'reason' ? `Delete ${number}: why?` : `Delete ${number}?`}
      onClose={onClose}
      testId="delete-dialog"
      footer={
        step === 'reason' ? (
          <>
            <button type="button" class="button button--quiet" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" form="delete-reason-form" class="button button--danger">
              Next
            </button>
          </>
        ) : (
          <>
            <button type="button" class="button button--quiet" onClick={() => setStep('reason')} disabled={isBusy}>
              Back
            </button>
            <button type="button" class="button button--danger" onClick={() => void remove()} disabled={isBusy}>
              {isBusy ? 'Deleting…' : 'Move to Deleted'}
            </button>
          </>
        )
      }
    >
      {step === 'reason' ? (
        <form
          id="delete-reason-form"
          class="delete-reason"
          onSubmit={(e) => {
            e.preventDefault();
            next();
          }}
        >
          <fieldset class="delete-reason__presets">
            <legend class="field__label">Reason</legend>
            {DELETE_REASONS.map((r) => (
              <label key={r} class="check">
                <input type="checkbox" checked={chosen.includes(r)} onChange={() => toggle(r)} /> {r}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label class="field__label" for="delete-reason-other">
              Other reason
            </label>
            <input id="delete-reason-other" class="field__input" maxLength={LIMITS.reason} value={other} aria-invalid={problem !== null} onInput={(e) => setOther(e.currentTarget.value)} />
          </div>
        </form>
      ) : (
        <p data-testid="delete-confirm-text">
          Move <strong>{number}</strong> ({partyName}) and everything still in billing to Deleted, with the reason “{reason}”? It can be reverted from Deleted.
        </p>
      )}
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </Modal>
  );
}
