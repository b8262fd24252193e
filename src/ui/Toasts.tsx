import { dismissToast, toasts } from './toasts.ts';
import './Toasts.css';

/** The toast stack; errors are announced assertively, the rest politely. */
export function Toasts() {
  return (
    <div class="toasts">
      {toasts.value.map((t) => (
        <div key={t.id} class={`toast toast--${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${t.kind}`}>
          <span class="toast__text">{t.text}</span>
          <button type="button" class="toast__close" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
