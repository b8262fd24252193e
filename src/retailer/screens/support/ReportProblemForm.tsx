import { useState } from 'preact/hooks';
import { toActionError } from '../../../data/actionError.ts';
import { reportProblem } from '../../../data/supportCommands.ts';
import { SUPPORT_LIMITS } from '../../../domain/support.ts';
import type { PartyId, RetailerOrder, Uid } from '../../../domain/types.ts';

const dayFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' });

/** Subject, what happened and (optionally) which of their orders: one support request. */
export function ReportProblemForm({ uid, partyId, orders }: { uid: Uid; partyId: PartyId; orders: readonly { id: string; order: RetailerOrder }[] }) {
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [orderId, setOrderId] = useState('');
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const invalid = (field: string): boolean => error?.field === field;
  const submit = async (): Promise<void> => {
    if (isBusy) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await reportProblem({ subject, text, orderId }, { uid, partyId }, new Set(orders.map((o) => o.id)));
      setSubject('');
      setText('');
      setOrderId('');
      setDone(true);
    } catch (e) {
      const a = toActionError(e);
      setError({ field: a.field, message: a.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="card report-form"
      data-testid="report-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1 class="report-form__title">Report a problem</h1>
      <label class="field">
        <span class="field__label">Subject</span>
        <input class="field__input" name="subject" value={subject} maxLength={SUPPORT_LIMITS.subject + 50} aria-invalid={invalid('subject')} onInput={(e) => setSubject(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field__label">What happened</span>
        <textarea class="field__input" name="text" rows={4} value={text} aria-invalid={invalid('text')} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field__label">Order (optional)</span>
        <select class="field__input" name="orderId" value={orderId} aria-invalid={invalid('orderId')} onChange={(e) => setOrderId(e.currentTarget.value)}>
          <option value="">No order</option>
          {orders.map(({ id, order }) => (
            <option key={id} value={id}>
              {order.orderNumber ?? 'Awaiting approval'} · {dayFmt.format(order.createdAt)}
            </option>
          ))}
        </select>
      </label>
      {error !== null && (
        <p class="form-error" role="alert" data-testid="report-error">
          {error.message}
        </p>
      )}
      {done && (
        <p class="report-form__done" role="status">
          Sent. Your distributor will answer here.
        </p>
      )}
      <button type="submit" class="button button--primary" disabled={isBusy}>
        {isBusy ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}
