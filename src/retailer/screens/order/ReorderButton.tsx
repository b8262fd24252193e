import type { Line, Uid } from '../../../domain/types.ts';
import { portalCatalog } from '../../../data/portal.ts';
import { showToast } from '../../../ui/toasts.ts';
import { navigate } from '../../shell/routes.ts';
import { reorder } from './reorder.ts';

/** "Reorder": puts the order's lines in the cart (marking those whose product is gone) and opens Place order. */
export function ReorderButton({ uid, lines }: { uid: Uid; lines: readonly Line[] }) {
  // Reading the catalogue here listens to it: the button waits until it is loaded.
  const state = portalCatalog.value.state;
  return (
    <button
      type="button"
      class="button button--small button--quiet"
      data-testid="reorder"
      disabled={state !== 'ready'}
      onClick={() => {
        const r = reorder(uid, lines);
        showToast(r.gone.length === 0 ? 'success' : 'warning', r.gone.length === 0 ? `${r.added} ${r.added === 1 ? 'line' : 'lines'} added to the cart` : `${r.added} added; ${r.gone.length} cannot be ordered again (see the cart)`);
        navigate('order');
      }}
    >
      {state === 'loading' ? 'Reorder…' : 'Reorder'}
    </button>
  );
}
