import { lineKey } from '../../../domain/lines.ts';
import { cartTotal } from '../../../domain/cart.ts';
import { BAND_WORDS } from '../../../domain/portal.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import { availability, catalogById } from '../../../data/portal.ts';
import type { usePlaceOrder } from './usePlaceOrder.ts';

/**
 * The review before sending (it takes the place of the original's captcha: docs/decisions/004):
 * every line with what is available, lines above the available stock marked, the totals, the
 * reference and note as they will be sent, then Send.
 */
export function ReviewOrder({ s }: { s: ReturnType<typeof usePlaceOrder> }) {
  const { cart } = s;
  const lines = cart.lines.value;
  const over = s.over.value;
  const avail = availability.value;
  const catalog = catalogById.value;
  return (
    <main class="screen place-order" data-testid="portal-review">
      <h1 class="place-order__title">Review your order</h1>
      <div class="place-order__scroll">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Colour</th>
              <th scope="col">Size</th>
              <th scope="col" class="num">
                Qty
              </th>
              <th scope="col">Available</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const a = avail(l);
              const short = over.get(lineKey(l));
              return (
                <tr key={lineKey(l)} data-testid="review-line" data-over={short !== undefined ? 'true' : undefined} class={short !== undefined ? 'place-order__over' : undefined}>
                  <td>{productLabel(catalog[l.productId])}</td>
                  <td>{l.color}</td>
                  <td>{l.size}</td>
                  <td class="num">{l.qty}</td>
                  <td>
                    {a.kind === 'exact' ? a.qty : BAND_WORDS[a.band]}
                    {short !== undefined && <strong class="place-order__short"> · more than available</strong>}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total ({lines.length} {lines.length === 1 ? 'line' : 'lines'})
              </th>
              <td class="num" data-testid="review-total">
                {cartTotal(lines)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {over.size > 0 && (
        <p class="place-order__warning" data-testid="review-over">
          {over.size === 1 ? '1 line asks' : `${over.size} lines ask`} for more than is available. You may still send: your distributor decides what can be supplied.
        </p>
      )}
      {cart.reference.value.trim() !== '' && (
        <p class="place-order__echo">
          Your reference: <span data-testid="review-reference">{cart.reference.value.trim()}</span>
        </p>
      )}
      {cart.note.value.trim() !== '' && (
        <p class="place-order__echo">
          Note: <span data-testid="review-note">{cart.note.value.trim()}</span>
        </p>
      )}
      {s.problems.value.length > 0 && (
        <ul class="form-error place-order__problems" role="alert" data-testid="portal-problems">
          {s.problems.value.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div class="place-order__bar place-order__bar--two">
        <button type="button" class="button button--quiet" onClick={s.actions.back} disabled={s.isSending.value}>
          Back to the cart
        </button>
        <button type="button" class="button button--primary" onClick={() => void s.actions.send()} disabled={s.isSending.value}>
          {s.isSending.value ? 'Sending…' : 'Send order'}
        </button>
      </div>
    </main>
  );
}
