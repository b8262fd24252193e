import { awaitingApprovalCount, orderCounts } from '../../../data/counts.ts';
import type { UserRecord } from '../../../domain/types.ts';
import { initialOf } from '../../../ui/AccountMenu.tsx';
import { navigate, type ScreenId } from '../../shell/route.ts';
import { OrderCountTiles } from './OrderCountTiles.tsx';
import './HomeScreen.css';

/** "Good morning" before noon, "Good afternoon" until 5 pm, then "Good evening" (local time). */
export function greeting(hour: number): string {
  return hour < 12 ? 'Good morning' : hour < 17 ? 'Good afternoon' : 'Good evening';
}


const ACTIONS: { id: ScreenId; label: string; hint: string }[] = [
  { id: 'new', label: 'New order', hint: 'Take an order for a party' },
  { id: 'pending', label: 'Pending', hint: 'Pick and send to billing' },
  { id: 'billing', label: 'Billing', hint: 'Scan and bill' },
  { id: 'stock', label: 'Stock', hint: 'Look up and adjust' },
];

/** Staff home: greeting, quick actions, how many orders are pending and in billing, and what was sent, deleted and expired lately, live. */
export function HomeScreen({ record }: { record: UserRecord }) {
  const approvals = awaitingApprovalCount.value;
  return (
    <main class="screen">
      <section class="home-hero">
        <span class="home-hero__avatar" aria-hidden="true" data-testid="avatar">
          {initialOf(record.name)}
        </span>
        <h1 class="home-hero__greeting" data-testid="greeting">
          {greeting(new Date().getHours())}, {record.name}
        </h1>
        <p class="home-hero__role">
          Signed in as {record.email} · {record.role}
        </p>
      </section>
      <ul class="quick-actions" aria-label="Quick actions">
        {ACTIONS.map((a) => (
          <li key={a.id}>
            <a class="quick-action" href={`#/${a.id}`} onClick={(e) => (e.preventDefault(), navigate(a.id))}>
              <span class="quick-action__label">{a.label}</span>
              <span class="quick-action__hint">{a.hint}</span>
            </a>
          </li>
        ))}
      </ul>
      <OrderCountTiles counts={orderCounts.value} />
      <p class="home-approvals" data-testid="count-approvals" aria-busy={approvals === null}>
        {record.role === 'admin' ? (
          // Admins decide retailer orders: the count opens the Approvals screen.
          <a class="home-approvals__link" href="#/approvals" onClick={(e) => (e.preventDefault(), navigate('approvals'))}>
            Retailer orders awaiting approval: <strong>{approvals ?? '…'}</strong>
          </a>
        ) : (
          <>
            Retailer orders awaiting approval: <strong>{approvals ?? '…'}</strong>
          </>
        )}
      </p>
    </main>
  );
}
