import { signal } from '@preact/signals';
import { SCREENS, type ScreenId } from './screens.ts';

export { ADMIN_SCREENS, PRIMARY_SCREENS, SCREENS, type ScreenId } from './screens.ts';

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
