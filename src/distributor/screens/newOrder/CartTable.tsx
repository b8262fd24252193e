import { cartSizesText, type CartGroup } from '../../../domain/cart.ts';

type Props = { groups: readonly CartGroup[]; onEdit: (g: CartGroup) => void; testId: string };

/** The cart: Item & colour | sizes "T1/2, T3/1" | total; a row opens its editor. */
export function CartTable({ groups, onEdit, testId }: Props) {
  if (groups.length === 0) return <p class="empty-state" data-testid={testId}>The cart is empty. Pick a product, type quantities and press Enter.</p>;
  const total = groups.reduce((n, g) => n + g.total, 0);
  return (
    <table class="table cart-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Item &amp; colour</th>
          <th>Sizes</th>
          <th class="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key} data-testid="cart-row">
            <td>
              <button type="button" class="cart-table__edit" aria-label={`Edit ${g.productName} ${g.color}`} onClick={() => onEdit(g)}>
                <span class="cart-table__item">{g.productName}</span>
                <span class="cart-table__colour">{g.color === g.colorName ? g.color : `${g.color} · ${g.colorName}`}</span>
              </button>
            </td>
            <td>{cartSizesText(g)}</td>
            <td class="num">{g.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={2}>Total</th>
          <th class="num" data-testid={`${testId}-total`}>
            {total}
          </th>
        </tr>
      </tfoot>
    </table>
  );
}
