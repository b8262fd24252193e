import { retailerOrdersOf } from '../../../data/retailerOrders.ts';
import { supportRequestsOf } from '../../../data/supportCommands.ts';
import type { PartyId, Uid } from '../../../domain/types.ts';
import { newestFirst } from '../home/orderStatus.ts';
import { ReportProblemForm } from './ReportProblemForm.tsx';
import './SupportScreen.css';

const WORDS = { open: 'Waiting for an answer', answered: 'Answered', closed: 'Closed' } as const;
const timeFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });

/** Report a problem, and the retailer's own requests with their status and the admin's reply, live. */
export function SupportScreen({ uid, partyId }: { uid: Uid; partyId: PartyId }) {
  const orders = retailerOrdersOf(uid).value;
  const requests = supportRequestsOf(uid).value;
  const own = orders.state === 'ready' ? newestFirst(orders.items) : [];
  const rows = requests.state === 'ready' ? [...requests.items].sort(([a, x], [b, y]) => y.createdAt - x.createdAt || b.localeCompare(a)) : [];
  const numberOf = new Map(own.map(({ id, order }) => [id, order.orderNumber ?? 'an order awaiting approval']));
  return (
    <main class="screen" data-testid="support-screen">
      <ReportProblemForm uid={uid} partyId={partyId} orders={own} />
      <section class="support-requests" aria-labelledby="support-requests-title">
        <h2 id="support-requests-title">Your requests</h2>
        {requests.state === 'loading' && <p class="empty-state">Loading your requests…</p>}
        {requests.state === 'denied' && (
          <p class="form-error" role="alert">
            Your requests cannot be shown right now.
          </p>
        )}
        {requests.state === 'ready' && rows.length === 0 && <p class="empty-state">No requests yet.</p>}
        {rows.length > 0 && (
          <ul class="support-requests__list">
            {rows.map(([id, r]) => (
              <li key={id} class="card" data-testid="my-request" data-id={id} data-status={r.status}>
                <div class="support-requests__head">
                  <h3 class="support-requests__subject">{r.subject}</h3>
                  <span class={`your-orders__status your-orders__status--${r.status === 'open' ? 'waiting' : 'good'}`} data-testid="my-request-status">
                    {WORDS[r.status]}
                  </span>
                </div>
                <p class="support-requests__meta">
                  {timeFmt.format(r.createdAt)}
                  {r.orderId !== undefined && <> · about {numberOf.get(r.orderId) ?? 'an order'}</>}
                </p>
                <p class="support-requests__text">{r.text}</p>
                {r.reply !== undefined && (
                  <p class="support-requests__reply" data-testid="my-request-reply">
                    <strong>{r.repliedByName ?? 'Your distributor'}:</strong> {r.reply}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
