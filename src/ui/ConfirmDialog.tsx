import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Modal } from './Modal.tsx';

type Props = {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  /** Red confirm button for destructive actions. */
  isDanger?: boolean;
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
};

/** Asks before an action; the confirm button shows progress and the dialog stays open on failure. */
export function ConfirmDialog({ title, children, confirmLabel, isDanger = false, onConfirm, onCancel }: Props) {
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await onConfirm();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onCancel}
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onCancel} disabled={isBusy}>
            Cancel
          </button>
          <button type="button" class={`button ${isDanger ? 'button--danger' : 'button--primary'}`} onClick={() => void confirm()} disabled={isBusy}>
            {isBusy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </Modal>
  );
}
