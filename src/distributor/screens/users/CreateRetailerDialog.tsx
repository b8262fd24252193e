import { useState } from 'preact/hooks';
import { checkAccountForm, createRetailer, type AccountProblem } from '../../../data/accounts.ts';
import { itemsOf, parties } from '../../../data/collections.ts';
import type { PartyId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import './UsersScreen.css';

/**
 * An admin creates a retailer's sign-in, linked to a party, without leaving their own session.
 * A new account is a critical action: the admin re-enters their own password first (the rules
 * refuse any users/{uid} write by an admin whose sign-in is older than 5 minutes).
 */
export function CreateRetailerDialog({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', password: '', partyId: '' as PartyId | '' });
  const [problem, setProblem] = useState<AccountProblem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [askPassword, setAskPassword] = useState(false);
  const list = [...itemsOf(parties.value)].sort((a, b) => a[1].name.localeCompare(b[1].name));

  // The form is checked before the password is asked for; the account is created after it.
  const submit = (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    const bad = checkAccountForm(form.name, form.email, form.password) ?? (form.partyId === '' ? { field: 'party' as const, message: 'Party: choose the shop this retailer orders for.' } : null);
    setProblem(bad);
    if (bad === null) setAskPassword(true);
  };
  const create = async () => {
    setBusy(true);
    try {
      const p = await createRetailer(form);
      if (p !== null) {
        setAskPassword(false);
        setProblem(p);
        return;
      }
      showToast('success', `Retailer account ${form.email.trim()} created.`);
      onClose();
    } finally {
      setBusy(false);
    }
  };
  const input = (key: 'name' | 'email' | 'password', label: string, kind: { type: 'text' } | { type: 'email' } | { type: 'password'; autoComplete: 'new-password' }) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <input
        class="field__input"
        autoComplete="off"
        {...kind}
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
        aria-invalid={problem?.field === key}
      />
    </label>
  );
  return (
    <Modal title="New retailer account" onClose={onClose} testId="create-retailer-dialog">
      <form onSubmit={submit} noValidate aria-busy={isBusy}>
        {input('name', 'Contact name', { type: 'text' })}
        {input('email', 'Retailer email (their sign-in id)', { type: 'email' })}
        {input('password', 'Password (at least 8 characters)', { type: 'password', autoComplete: 'new-password' })}
        <label class="field">
          <span class="field__label">Party</span>
          <select
            class="field__input"
            value={form.partyId}
            onChange={(e) => setForm({ ...form, partyId: e.currentTarget.value as PartyId | '' })}
            aria-invalid={problem?.field === 'party'}
          >
            <option value="">Choose a party…</option>
            {list.map(([id, p]) => (
              <option key={id} value={id}>
                {p.name} · {p.area}
              </option>
            ))}
          </select>
        </label>
        {problem !== null && (
          <p class="form-error" role="alert">
            {problem.message}
          </p>
        )}
        <div class="users-form__actions">
          <button type="button" class="button button--quiet" onClick={onClose} disabled={isBusy}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={isBusy}>
            {isBusy ? 'Creating…' : 'Create retailer'}
          </button>
        </div>
      </form>
      {askPassword && (
        <ReauthDialog title={`Create ${form.email.trim()}?`} confirmLabel="Create retailer" onConfirmed={create} onCancel={() => setAskPassword(false)}>
          <p>The retailer can sign in and order for the chosen party at once. Re-enter your own password to confirm.</p>
        </ReauthDialog>
      )}
    </Modal>
  );
}
