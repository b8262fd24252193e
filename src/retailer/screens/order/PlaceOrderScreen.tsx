import { useRef } from 'preact/hooks';
import { cartSizesText, cartTotal } from '../../../domain/cart.ts';
import { MAX_AWAITING, REFERENCE_MAX } from '../../../domain/portal.ts';
import { LIMITS } from '../../../domain/validate.ts';
import { MatrixGrid } from '../../../ui/MatrixGrid.tsx';
import { focusSearch, SearchSelect } from '../../../ui/SearchSelect.tsx';
import { useOrderKeys } from '../../../ui/useOrderKeys.ts';
import type { ScreenProps } from '../../shell/screens.ts';
import { GoneLines } from './GoneLines.tsx';
import { ReviewOrder } from './ReviewOrder.tsx';
import { usePlaceOrder } from './usePlaceOrder.ts';
import './PlaceOrderScreen.css';

/**
 * Place order: search the catalogue, type quantities in the colour × size grid (availability
 * under each cell), add to the cart, give a reference and a note, review, send. By keyboard as
 * in the staff app: Enter in the grid adds to the cart, `/` jumps to search, Ctrl+Enter reviews.
 */
export function PlaceOrderScreen(props: ScreenProps) {
  const s = usePlaceOrder(props);
  const searchRef = useRef<HTMLInputElement>(null);
  useOrderKeys({ search: searchRef, onProcess: () => s.step.peek() === 'build' && s.actions.review() });
  const { cart } = s;
  if (s.catalogState.value === 'denied') {
    return (
      <main class="screen">
        <p class="form-error" role="alert">
          The catalogue cannot be shown to your account. Contact your distributor.
        </p>
      </main>
    );
  }
  if (s.catalogState.value === 'loading') {
    return (
      <main class="screen">
        <p class="empty-state">Loading the catalogue…</p>
      </main>
    );
  }
  if (s.step.value === 'review') return <ReviewOrder s={s} />;
  const product = s.product.value;
  const lines = cart.lines.value;
  const awaiting = s.awaiting.value;
  return (
    <main class="screen place-order" data-testid="place-order">
      <h1 class="place-order__title">Place order</h1>
      {s.sentId.value !== null && (
        <p class="place-order__sent" role="status" data-testid="order-sent">
          Order sent. It is waiting for your distributor's approval; follow it under Your orders.
        </p>
      )}
      {awaiting !== null && awaiting >= MAX_AWAITING && (
        <p class="form-error" role="alert">
          {MAX_AWAITING} of your orders are waiting for approval, the most allowed. You can fill the cart, and send once some are decided.
        </p>
      )}
      <GoneLines cart={cart} />
      <SearchSelect
        label="Product"
        testId="portal-product-search"
        inputRef={searchRef}
        placeholder="Search by name or code"
        value={s.productText.value}
        options={s.productOptions.value}
        onInput={s.actions.typeProduct}
        onPick={s.actions.pickProduct}
      />
      {s.availabilityState.value === 'denied' && <p class="form-error">Availability cannot be shown right now.</p>}
      {product === null ? (
        <p class="empty-state">Pick a product to type quantities.</p>
      ) : (
        <MatrixGrid
          key={s.productId.value ?? ''}
          product={product}
          quantities={s.quantities.value}
          noteOf={s.noteOf}
          maxQty={s.maxQty}
          focusRequest={s.focusRequest.value}
          onChange={s.actions.setQty}
          onSubmit={() => s.actions.addToCart() && focusSearch(searchRef.current)}
          testId="portal-grid"
        />
      )}
      {product !== null && (
        <button type="button" class="button button--quiet" onClick={() => s.actions.addToCart() && focusSearch(searchRef.current)}>
          Add to cart
        </button>
      )}
      <section class="place-order__cart" aria-labelledby="cart-title" data-testid="portal-cart">
        <h2 id="cart-title">Cart</h2>
        {lines.length === 0 ? (
          <p class="empty-state">The cart is empty.</p>
        ) : (
          <ul class="place-order__groups">
            {s.groups.value.map((g) => (
              <li key={g.key} class="place-order__group">
                <span>
                  <strong>{g.productName}</strong> {g.color} · {cartSizesText(g)}
                </span>
                <button type="button" class="button button--small button--quiet" onClick={() => s.actions.removeGroup(g)} aria-label={`Remove ${g.productName} ${g.color}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        {cart.state.value === 'unsaved' && <p class="form-error">This browser is not saving the cart; it will be lost on reload.</p>}
        <label class="field">
          <span class="field__label">Your reference (optional)</span>
          <input
            class="field__input"
            data-testid="portal-reference"
            maxLength={REFERENCE_MAX + 10}
            value={cart.reference.value}
            aria-invalid={cart.reference.value.trim().length > REFERENCE_MAX}
            onInput={(e) => (cart.reference.value = e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">Note (optional)</span>
          <textarea
            class="field__input place-order__note"
            data-testid="portal-note"
            rows={3}
            value={cart.note.value}
            aria-invalid={cart.note.value.trim().length > LIMITS.note}
            onInput={(e) => (cart.note.value = e.currentTarget.value)}
          />
          <span class="place-order__count">
            {cart.note.value.trim().length} / {LIMITS.note}
          </span>
        </label>
      </section>
      {s.problems.value.length > 0 && (
        <ul class="form-error place-order__problems" role="alert" data-testid="portal-problems">
          {s.problems.value.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div class="place-order__bar">
        <button type="button" class="button button--primary" disabled={lines.length === 0} onClick={s.actions.review} aria-keyshortcuts="Control+Enter">
          {lines.length === 0 ? 'Cart empty' : `Review order (${cartTotal(lines)} pieces)`}
        </button>
      </div>
    </main>
  );
}
