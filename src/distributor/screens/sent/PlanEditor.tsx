import { useState } from 'preact/hooks';
import { saveDeliveryPlan } from '../../../data/settings.ts';
import { parseAreaList, WEEKDAY_LABEL, WEEKDAYS, type DeliveryPlan, type Weekday } from '../../../domain/delivery.ts';
import { showToast } from '../../../ui/toasts.ts';

/** Admin: the areas of each weekday, comma-separated, saved as `settings/deliveryPlan`. */
export function PlanEditor({ plan, onDone }: { plan: DeliveryPlan; onDone: () => void }) {
  const [text, setText] = useState<Record<Weekday, string>>(() => Object.fromEntries(WEEKDAYS.map((d) => [d, (plan[d] ?? []).join(', ')])) as Record<Weekday, string>);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    try {
      await saveDeliveryPlan(Object.fromEntries(WEEKDAYS.map((d) => [d, parseAreaList(text[d])])));
      showToast('success', 'Delivery plan saved');
      onDone();
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} data-testid="plan-editor">
      <div class="plan-editor">
        {WEEKDAYS.map((d) => (
          <label key={d} class="field">
            <span class="field__label">{WEEKDAY_LABEL[d]}</span>
            <input class="field__input" value={text[d]} placeholder="Areas, comma-separated" onInput={(e) => setText({ ...text, [d]: e.currentTarget.value })} />
          </label>
        ))}
      </div>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="button button--small" disabled={isBusy}>
        {isBusy ? 'Saving…' : 'Save plan'}
      </button>
    </form>
  );
}
