import { useSignal } from '@preact/signals';
import { searchProducts } from '../../../domain/orderForm.ts';
import { BAND_WORDS } from '../../../domain/portal.ts';
import type { ProductId } from '../../../domain/types.ts';
import { availability, availabilityState, catalogById, portalCatalog } from '../../../data/portal.ts';
import './StockCheckScreen.css';

const SHOWN = 30;

/** Stock check: the catalogue with what is available per colour and size (exact or bands, as the distributor chose), with search; live. */
export function StockCheckScreen() {
  const query = useSignal('');
  const state = portalCatalog.value.state;
  const avail = availability.value;
  const matches = searchProducts(new Map(Object.entries(catalogById.value)), query.value, SHOWN);
  return (
    <main class="screen stock-check" data-testid="stock-check">
      <h1 class="stock-check__title">Stock check</h1>
      <label class="field">
        <span class="field__label">Search</span>
        <input class="field__input" type="search" placeholder="Product name or code" value={query.value} onInput={(e) => (query.value = e.currentTarget.value)} />
      </label>
      {state === 'loading' && <p class="empty-state">Loading the catalogue…</p>}
      {(state === 'denied' || availabilityState.value === 'denied') && <p class="form-error">Stock cannot be shown right now. Contact your distributor.</p>}
      {state === 'ready' && matches.length === 0 && <p class="empty-state">No product matches.</p>}
      {matches.map((m) => (
        <section key={m.id} class="card" data-testid="stock-product">
          <h2 class="stock-check__name">{m.label}</h2>
          {/* Focusable, so a keyboard user can scroll a wide size table sideways. */}
          <div class="stock-check__scroll" tabIndex={0} role="region" aria-label={`${m.label}: stock by colour and size`}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Colour</th>
                  {m.value.sizes.map((s) => (
                    <th key={s} scope="col">
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.value.colors.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">{c.code}</th>
                    {m.value.sizes.map((s) => {
                      const a = avail({ productId: m.id as ProductId, color: c.code, size: s });
                      return <td key={s}>{a.kind === 'exact' ? a.qty : BAND_WORDS[a.band]}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </main>
  );
}
