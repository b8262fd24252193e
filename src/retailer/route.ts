import { signal } from '@preact/signals';

/** The portal's screens, addressed by the URL hash (`#/orders`), so Back and reload work. */
export type PortalRoute = 'home' | 'orders' | 'support';

function fromHash(): PortalRoute {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return id === 'orders' || id === 'support' ? id : 'home';
}

/** The screen on show. */
export const portalRoute = signal<PortalRoute>(fromHash());
addEventListener('hashchange', () => (portalRoute.value = fromHash()));
