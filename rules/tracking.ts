/**
 * database.rules.json: the retailer's view of an order's progress, inside `retailerOrders/$orderId`
 * (src/domain/tracking.ts). A retailer reads only their own retailer orders, so every transition
 * of a retailer order writes what they may see of it in the same update, and these rules check
 * each value against the order's records after that update: no one can write a progress that
 * did not happen. The other direction (a transition must write its progress) is required where
 * the order's records are written: `sent` (a billing event needs its dispatch), `billing`
 * (`queuedAt` needs `billingAt`) and `orders` (`picked` appearing needs `pickingAt`), see
 * rules/orders.ts. The decider's name is optional (decisions written before it have none) but,
 * when written, must be the writer's own.
 */
import { ID, QTY, text, USER, type RuleTree } from './macros.ts';
import { up } from './stamped.ts';

/** A record of this order in `collection` after the write, seen from a field of the retailer order (depth 3). */
const after = (collection: string, depth = 3): string => `${up(depth)}.child('${collection}').child($orderId)`;
/** The billing event `$sentId` after the write, from inside its dispatch (`depth` below the root). */
const sentAfter = (depth: number): string => `${up(depth)}.child('sent').child($sentId)`;

/** The fields the portal may never write when it submits an order. */
export const TRACKING_FIELDS = ['decidedByName', 'pickingAt', 'billingAt', 'endedAt', 'dispatches'] as const;

/**
 * The status must match the order's records after the write: waiting or rejected orders have
 * no records; approved ones a pending record and no billing one; in billing a billing record;
 * partly sent something open; sent, cancelled and expired nothing open (and cancelled a deleted,
 * expired an expired record).
 */
export const statusRule = (() => {
  const has = (c: string): string => `${after(c)}.exists()`;
  const open = `(${has('orders')} || ${has('billing')})`;
  const v = 'newData.val()';
  return [
    "newData.isString() && newData.val().matches(/^(submitted|rejected|approved|inBilling|partlySent|sent|cancelled|expired)$/)",
    `(${v}.matches(/^(submitted|rejected)$/) ? !${open} : ${v} === 'approved' ? ${has('orders')} && !${has('billing')} : ${v} === 'inBilling' ? ${has('billing')} : ${v} === 'partlySent' ? ${open} : ${v} === 'sent' ? !${open} : ${v} === 'cancelled' ? !${open} && ${has('deleted')} : !${open} && ${has('expired')})`,
  ].join(' && ');
})();

/** A cancelled or expired order says when it ended. */
export const endedRule = "(!newData.child('status').val().matches(/^(cancelled|expired)$/) || newData.hasChild('endedAt'))";

export const trackingFields: RuleTree = {
  // The deciding admin's own name (the retailer cannot read users).
  decidedByName: { '.validate': `${text(1, 80)} && (newData.val() === data.val() || newData.val() === ${USER}.child('name').val())` },
  // Picking began: picked quantities appear on the pending record in this write.
  pickingAt: {
    '.validate': `newData.isNumber() && (newData.val() === data.val() || (newData.val() === now && ${after('orders')}.child('picked').exists() && !root.child('orders').child($orderId).child('picked').exists()))`,
  },
  // Sent to billing: the billing record is queued now, in this write.
  billingAt: { '.validate': `newData.isNumber() && (newData.val() === data.val() || (newData.val() === now && ${after('billing')}.child('queuedAt').val() === now))` },
  // Everything cancelled or expired, now.
  endedAt: { '.validate': `newData.isNumber() && (newData.val() === data.val() || (newData.val() === now && newData.parent().child('status').val().matches(/^(cancelled|expired)$/)))` },
  dispatches: {
    $sentId: {
      // A billing event of this order, with its time and lines, delivered exactly when it is.
      '.validate': `newData.hasChildren(['at', 'lines']) && ${sentAfter(4)}.child('orderId').val() === $orderId && newData.hasChild('deliveredAt') === (${sentAfter(4)}.child('deliveryStatus').val() === 'delivered')`,
      at: { '.validate': `newData.isNumber() && newData.val() === ${sentAfter(5)}.child('billedAt').val()` },
      deliveredAt: { '.validate': 'newData.isNumber() && (newData.val() === data.val() || newData.val() === now)' },
      lines: {
        $k: {
          '.validate': `newData.hasChildren(['productId', 'color', 'size', 'qty']) && ${['productId', 'color', 'size', 'qty'].map((f) => `newData.child('${f}').val() === ${sentAfter(6)}.child('lines').child($k).child('${f}').val()`).join(' && ')}`,
          productId: { '.validate': ID },
          color: { '.validate': text(1, 40) },
          size: { '.validate': text(1, 20) },
          qty: { '.validate': QTY },
          $other: { '.validate': false },
        },
      },
      $other: { '.validate': false },
    },
  },
};

/**
 * For rules/orders.ts: a new billing event of a retailer order (checked on `sent/$sentId`, depth 2)
 * needs its dispatch, at its time, in the same write; each of its lines (depth 4) the same line there.
 */
const dispatchOf = (depth: number, orderId: string): string => `${up(depth)}.child('retailerOrders').child(${orderId}).child('dispatches').child($sentId)`;
export const sentNeedsDispatch = `(data.exists() || newData.child('source').val() !== 'retailer' || ${dispatchOf(2, "newData.child('orderId').val()")}.child('at').val() === newData.child('billedAt').val())`;
export const sentLineNeedsDispatch = `(data.exists() || newData.parent().parent().child('source').val() !== 'retailer' || ${dispatchOf(4, "newData.parent().parent().child('orderId').val()")}.child('lines').child($k).child('qty').val() === newData.child('qty').val())`;
/** `billing/$orderId/queuedAt` (depth 3) of a retailer order moves only with `billingAt`. */
export const queuedNeedsBillingAt = `(newData.val() === data.val() || newData.parent().child('source').val() !== 'retailer' || ${up(3)}.child('retailerOrders').child($orderId).child('billingAt').val() === now)`;
/** `orders/$orderId/picked` (depth 3) of a retailer order appears only with `pickingAt`. */
export const pickedNeedsPickingAt = `(data.exists() || newData.parent().child('source').val() !== 'retailer' || ${up(3)}.child('retailerOrders').child($orderId).child('pickingAt').val() === now)`;
