/**
 * The portal's screens, addressed by the URL hash (`#/order`), so Back and reload work. One entry
 * per screen (its component is named in shell/screens.ts); Home offers every other entry as an action.
 */
import { signal } from '@preact/signals';
import type { NavIconName } from '../../ui/NavIcon.tsx';

/** One screen: its hash id, its name in the navigation, its icon, whether it sits in the phone's bottom bar. */
export type PortalRoute = { id: string; label: string; icon: NavIconName; isPrimary: boolean };

export const ROUTES: readonly PortalRoute[] = [
  { id: 'home', label: 'Home', icon: 'home', isPrimary: true },
  { id: 'order', label: 'Place order', icon: 'new', isPrimary: true },
  { id: 'orders', label: 'Your orders', icon: 'orders', isPrimary: true },
  { id: 'stock', label: 'Stock check', icon: 'stock', isPrimary: false },
  { id: 'support', label: 'Report a problem', icon: 'support', isPrimary: false },
];

const routeOf = (id: string): PortalRoute => ROUTES.find((r) => r.id === id) ?? (ROUTES[0] as PortalRoute);
const fromHash = (): PortalRoute => routeOf(location.hash.replace(/^#\/?/, '').split('?')[0] ?? '');

/** The screen on show. */
export const route = signal<PortalRoute>(fromHash());
addEventListener('hashchange', () => (route.value = fromHash()));

/** Goes to a screen (a new history entry). */
export function navigate(id: string): void {
  if (route.value.id === id) return;
  location.hash = `#/${id}`;
}
