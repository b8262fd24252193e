/**
 * database.rules.json: the admin's adjustments of a retailer order, written only in the approval
 * patch (src/domain/adjustment.ts). `retailerOrders/$orderId/adjustments/$k` = {line, from, to}
 * for each reduced line and `adjustReason` the reason, both or neither:
 * - only in the write that moves the request from `submitted` to `approved` (which the order's
 *   `.write` grants only to an admin with a recent sign-in and the revision bump); never by the
 *   retailer (their write creates a `submitted` record), never changed afterwards;
 * - `from` is what the request asked on line `line`, `to` is less (0 removed the line);
 * - `to` is what the approved order holds: `orders/$orderId/lines/$k` (absent when 0) and the
 *   tally's `ordered`, whose product, colour and size are the request line's.
 */
import { QTY, text, type RuleTree } from './macros.ts';
import { up } from './stamped.ts';

/** This write approves the request: `submitted` before, `approved` after (`depth`: of the node below retailerOrders/$orderId). */
const approving = (depth: number): string =>
  `root.child('retailerOrders').child($orderId).child('status').val() === 'submitted' && ${up(depth)}.child('retailerOrders').child($orderId).child('status').val() === 'approved'`;

/** The request's line `line` (as stored before the write; a request's lines never change). */
const requestLine = "root.child('retailerOrders').child($orderId).child('lines').child(newData.child('line').val() + '')";
/** The approved order's quantity of line $k after the write (0 when absent). */
const approvedLine = `${up(4)}.child('orders').child($orderId).child('lines').child($k).child('qty')`;
const approvedQty = `(${approvedLine}.isNumber() ? ${approvedLine}.val() : 0)`;
const tallyLine = `${up(4)}.child('orderTally').child($orderId).child($k)`;

/** Guards for `retailerOrders/$orderId/.validate`: once written, the reason and the adjustments stay. */
export const ADJUSTMENTS_KEPT = "(!data.hasChild('adjustReason') || newData.child('adjustReason').val() === data.child('adjustReason').val()) && (!data.hasChild('adjustments') || newData.hasChild('adjustments'))";

/** Children of `retailerOrders/$orderId`. */
export const adjustmentFields: RuleTree = {
  adjustReason: {
    '.validate': `${text(1, 200)} && newData.parent().hasChild('adjustments') && (newData.val() === data.val() || (!data.exists() && ${approving(3)}))`,
  },
  adjustments: {
    '.validate': "newData.parent().hasChild('adjustReason')",
    $k: {
      '.validate': `$k.length <= 128 && newData.hasChildren(['line', 'from', 'to']) && (data.exists() ? newData.child('line').val() === data.child('line').val() && newData.child('from').val() === data.child('from').val() && newData.child('to').val() === data.child('to').val() : ${approving(4)} && ${requestLine}.child('qty').val() === newData.child('from').val() && newData.child('to').val() === ${approvedQty} && (newData.child('to').val() === 0 ? !${tallyLine}.exists() : ${tallyLine}.child('ordered').val() === newData.child('to').val() && ${tallyLine}.child('productId').val() === ${requestLine}.child('productId').val() && ${tallyLine}.child('color').val() === ${requestLine}.child('color').val() && ${tallyLine}.child('size').val() === ${requestLine}.child('size').val()))`,
      line: { '.validate': 'newData.isNumber() && newData.val() % 1 === 0 && newData.val() >= 0 && newData.val() <= 499' },
      from: { '.validate': QTY },
      to: { '.validate': "newData.isNumber() && newData.val() % 1 === 0 && newData.val() >= 0 && newData.val() < newData.parent().child('from').val()" },
      $other: { '.validate': false },
    },
  },
};
