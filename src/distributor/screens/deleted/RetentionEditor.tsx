import { useState } from 'preact/hooks';
import { saveRetentionDays } from '../../../data/settings.ts';
import { parseRetentionDays } from '../../../domain/retention.ts';
import { showToast } from '../../../ui/toasts.ts';

/** Admin: how many days deleted orders are kept before the purge. */
export function RetentionEditor({ days }: { days: number }) {
  const [value, setValue] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const shown = value ?? String(days);
  const save = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    const r = parseRetentionDays(shown);
    if (!r.ok) return setProblem(`Keep deleted orders (days): ${r.errors[0]?.message ?? 'invalid'}`);
    setBusy(true);
    setProblem(null);
    try {
      await saveRetentionDays(r.value);
      setValue(null);
      showToast('success', `Deleted orders are now kept ${r.value} days`);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="history-settings" onSubmit={(e) => void save(e)} data-testid="retention-editor">
      <label class="field">
        <span class="field__label">Keep deleted orders (days)</span>
        <input class="field__input" inputMode="numeric" value={shown} aria-invalid={problem !== null} onInput={(e) => setValue(e.currentTarget.value)} />
      </label>
      <button type="submit" class="button button--small" disabled={isBusy || value === null}>
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
