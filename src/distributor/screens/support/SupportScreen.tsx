import { useState } from 'preact/hooks';
import { toActionError } from '../../../data/actionError.ts';
import { allSupportRequests, closeSupport, replyToSupport } from '../../../data/supportCommands.ts';
import { SUPPORT_LIMITS, type SupportRequest } from '../../../domain/support.ts';
import type { UserRecord } from '../../../domain/types.ts';
import { formatDateTime } from '../../../ui/dates.ts';
import { showToast } from '../../../ui/toasts.ts';
import { partyNameOf } from '../approvals/partyName.ts';
import './SupportScreen.css';

const STATUS_WORDS = { open: 'Open', answered: 'Answered', closed: 'Closed' } as const;
/** Open first, then answered, then closed; newest first within each. */
const RANK = { open: 0, answered: 1, closed: 2 } as const;

/** Admins: the retailers' support requests, live; reply to one, or close it. */
export function SupportScreen({ record }: { record: UserRecord }) {
  const list = allSupportRequests.value;
  const rows = list.state === 'ready' ? [...list.items].sort(([a, x], [b, y]) => RANK[x.status] - RANK[y.status] || y.createdAt - x.createdAt || b.localeCompare(a)) : [];
  return (
    <main class="screen" data-testid="support-screen">
      <h1>Support</h1>
      {list.state === 'loading' && (
        <p class="empty-state" aria-busy="true">
          Loading support requests…
        </p>
      )}
      {list.state === 'denied' && (
        <p class="form-error" role="alert">
          The database refused the support requests. Only active admins may see them.
        </p>
      )}
      {list.state === 'ready' && list.invalid.length > 0 && (
        <p class="form-error" role="alert">
          {list.invalid.length} request(s) cannot be shown (a bad record: {list.invalid.map((i) => `${i.key}: ${i.problem}`).join('; ')}).
        </p>
      )}
      {list.state === 'ready' && rows.length === 0 && <p class="empty-state">No support requests</p>}
      {rows.length > 0 && (
        <ul class="support__list" aria-label="Support requests">
          {rows.map(([id, r]) => (
            <SupportCard key={id} id={id} request={r} adminName={record.name} />
          ))}
        </ul>
      )}
    </main>
  );
}

function SupportCard({ id, request: r, adminName }: { id: string; request: SupportRequest; adminName: string }) {
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const headingId = `support-${id}`;
  const run = async (work: () => Promise<void>, done: string): Promise<void> => {
    if (isBusy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
      showToast('success', done);
      setReply('');
    } catch (e) {
      setError(toActionError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="card support-card" data-testid="support-card" data-id={id} data-status={r.status} aria-labelledby={headingId}>
      <div class="support-card__head">
        <h2 class="support-card__subject" id={headingId} data-testid="support-subject">
          {r.subject}
        </h2>
        <span class={`support-card__status support-card__status--${r.status}`} data-testid="support-status">
          {STATUS_WORDS[r.status]}
        </span>
      </div>
      <p class="support-card__meta">
        {partyNameOf(r.partyId)} · {formatDateTime(r.createdAt)}
        {r.orderId !== undefined && <> · about order {r.orderId}</>}
      </p>
      <p class="support-card__text" data-testid="support-text">
        {r.text}
      </p>
      {r.reply !== undefined && (
        <p class="support-card__reply" data-testid="support-reply">
          <strong>Reply by {r.repliedByName ?? 'an admin'}:</strong> {r.reply}
        </p>
      )}
      <form
        class="support-card__form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => replyToSupport(id, reply, adminName), 'Reply sent');
        }}
      >
        <label class="field">
          <span class="field__label">Reply</span>
          <textarea class="field__input" rows={2} value={reply} maxLength={SUPPORT_LIMITS.reply + 100} aria-invalid={error !== null} onInput={(e) => setReply(e.currentTarget.value)} />
        </label>
        {error !== null && (
          <p class="form-error" role="alert" data-testid="support-error">
            {error}
          </p>
        )}
        <div class="support-card__actions">
          <button type="submit" class="button button--primary" disabled={isBusy}>
            Send reply
          </button>
          {r.status !== 'closed' && (
            <button type="button" class="button button--quiet" disabled={isBusy} onClick={() => void run(() => closeSupport(id), 'Request closed')}>
              Close
            </button>
          )}
        </div>
      </form>
    </li>
  );
}
