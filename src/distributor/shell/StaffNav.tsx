import { pendingSignUps } from '../../data/accounts.ts';
import { awaitingApprovalCount, billingWaiting, pendingWaiting, type TileCount } from '../../data/counts.ts';
import { dispatchWaiting } from '../../data/dispatchReminders.ts';
import { openSupportCount } from '../../data/supportCommands.ts';
import { AppNav, type NavItem } from '../../ui/AppNav.tsx';
import { ADMIN_SCREENS, navigate, PRIMARY_SCREENS, route, SCREENS, type ScreenId } from './route.ts';

const countOf = (c: TileCount): number | null => (typeof c === 'number' ? c : null);

/** The staff app's navigation: the four daily screens in the phone's bottom bar, with live counts of the work waiting. */
export function StaffNav({ isAdmin }: { isAdmin: boolean }) {
  const badges: Partial<Record<ScreenId, number | null>> = {
    pending: countOf(pendingWaiting.value),
    billing: countOf(billingWaiting.value),
    // Sent orders billed a day or more ago and not yet marked delivered (the 25 newest undelivered
    // records are read as the app opens anyway, for the daily reminder).
    sent: dispatchWaiting.value,
    // Admins act on these: retailer orders awaiting a decision, open support requests, and staff
    // sign-ups awaiting approval (users with status pending; the rules let only admins read the user list).
    ...(isAdmin && { approvals: awaitingApprovalCount.value, support: openSupportCount.value, users: pendingSignUps.value }),
  };
  const items: NavItem<ScreenId>[] = SCREENS.filter((s) => isAdmin || !ADMIN_SCREENS.includes(s.id)).map((s) => ({
    id: s.id,
    label: s.label,
    icon: s.id,
    badge: badges[s.id] ?? null,
    isPrimary: PRIMARY_SCREENS.includes(s.id),
  }));
  return <AppNav items={items} current={route.value} onNavigate={navigate} />;
}
