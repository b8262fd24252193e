import { signal } from '@preact/signals';

/** The staff app's screens, addressed by the URL hash (`#/pending`), so Back and reload work. */
export const SCREENS = [
  { id: 'home', label: 'Home' },
  { id: 'new', label: 'New order' },
  { id: 'pending', label: 'Pending' },
  { id: 'billing', label: 'Billing' },
  { id: 'sent', label: 'Sent' },
  { id: 'deleted', label: 'Deleted' },
  { id: 'expired', label: 'Expired' },
  { id: 'stock', label: 'Stock' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'users', label: 'Users' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

/** Screens only admins see (the rules refuse the data to others anyway). */
export const ADMIN_SCREENS: readonly ScreenId[] = ['approvals', 'users'];

const isScreen = (s: string): s is ScreenId => SCREENS.some((x) => x.id === s);

function fromHash(): ScreenId {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return isScreen(id) ? id : 'home';
}

/** The screen on show. */
export const route = signal<ScreenId>(fromHash());
addEventListener('hashchange', () => (route.value = fromHash()));

/** Goes to a screen (a new history entry). */
export function navigate(id: ScreenId): void {
  if (route.value === id) return;
  location.hash = `#/${id}`;
}
