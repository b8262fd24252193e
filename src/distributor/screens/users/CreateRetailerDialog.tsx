import { useState } from 'preact/hooks';
import { createRetailer, type AccountProblem } from '../../../data/accounts.ts';
import { itemsOf, parties } from '../../../data/collections.ts';
import type { PartyId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { Modal } from '../../../ui/Modal.tsx';
import './UsersScreen.css';

/** An admin creates a retailer's sign-in, linked to a party, without leaving their own session. */
export function CreateRetailerDialog({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', password: '', partyId: '' as PartyId | '' });
  const [problem, setProblem] = useState<AccountProblem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const list = [...itemsOf(parties.value)].sort((a, b) => a[1].name.localeCompare(b[1].name));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    const p = await createRetailer(form);
    setBusy(false);
    if (p !== null) return setProblem(p);
    showToast('success', `Retailer account ${form.email.trim()} created.`);
    onClose();
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
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={isBusy}>
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
    </Modal>
  );
}
