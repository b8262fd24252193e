import { useState } from 'preact/hooks';
import { saveExpiryPolicy } from '../../../data/settings.ts';
import type { ExpiryPolicy } from '../../../domain/lifecycle.ts';
import { parseExpiryPolicy } from '../../../domain/retention.ts';
import { showToast } from '../../../ui/toasts.ts';

const LABEL = { afterDays: 'Expire after (days)', graceDays: 'Revert gives (days)' } as const;

/** Admin: days until a pending order expires, and days a revert adds. */
export function ExpiryPolicyEditor({ policy }: { policy: ExpiryPolicy }) {
  const [edit, setEdit] = useState<{ afterDays: string; graceDays: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const shown = edit ?? { afterDays: String(policy.afterDays), graceDays: String(policy.graceDays) };
  const save = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    const r = parseExpiryPolicy(shown);
    if (!r.ok) {
      const first = r.errors[0];
      return setProblem(`${LABEL[(first?.field ?? 'afterDays') as keyof typeof LABEL] ?? first?.field}: ${first?.message ?? 'invalid'}`);
    }
    setBusy(true);
    setProblem(null);
    try {
      await saveExpiryPolicy(r.value);
      setEdit(null);
      showToast('success', 'Expiry settings saved');
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="history-settings" onSubmit={(e) => void save(e)} data-testid="expiry-editor">
      {(['afterDays', 'graceDays'] as const).map((k) => (
        <label key={k} class="field">
          <span class="field__label">{LABEL[k]}</span>
          <input class="field__input" inputMode="numeric" value={shown[k]} onInput={(e) => setEdit({ ...shown, [k]: e.currentTarget.value })} />
        </label>
      ))}
      <button type="submit" class="button button--small" disabled={isBusy || edit === null}>
        {isBusy ? 'Saving…' : 'Save'}
      </button>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
