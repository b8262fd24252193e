import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { confirmPassword, lockMessage, reauthLockedUntil } from '../data/reauth.ts';
import { Modal } from '../ui/Modal.tsx';
import './ReauthDialog.css';

type Props = {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  isDanger?: boolean;
  /** Runs once the password is confirmed; a thrown Error is shown and the dialog stays open. */
  onConfirmed: () => Promise<void>;
  onCancel: () => void;
};

/** A critical action: the signed-in person re-enters their own password first (throttled). */
export function ReauthDialog({ title, children, confirmLabel, isDanger = false, onConfirmed, onCancel }: Props) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  const lockedUntil = reauthLockedUntil.value;
  const locked = lockMessage(lockedUntil, now);
  // Count the wait down on screen while locked.
  useEffect(() => {
    if (lockedUntil <= Date.now()) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [lockedUntil]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    try {
      const wrong = await confirmPassword(password);
      setNow(Date.now());
      if (wrong !== null) {
        setProblem(wrong);
        setPassword('');
        return;
      }
      await onConfirmed();
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const shown = locked ?? problem;
  return (
    <Modal title={title} onClose={onCancel} testId="reauth-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={isBusy}>
        {children}
        <label class="field">
          <span class="field__label">Your password</span>
          <input
            class="field__input"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={shown !== null}
          />
        </label>
        {shown !== null && (
          <p class="form-error" role="alert">
            {shown}
          </p>
        )}
        <div class="reauth-dialog__actions">
          <button type="button" class="button button--quiet" onClick={onCancel} disabled={isBusy}>
            Cancel
          </button>
          <button type="submit" class={`button ${isDanger ? 'button--danger' : 'button--primary'}`} disabled={isBusy || locked !== null}>
            {isBusy ? 'Checking…' : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
