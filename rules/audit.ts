/** database.rules.json: audit. */
import { STAFF, type RuleTree } from './macros.ts';

/** Longest `detail` (the reader's limit, auditSchema: a reason or remarks, an order number, a sent id). */
export const MAX_DETAIL = 400;

const ACTIONS = ['place', 'approve', 'reject', 'pick', 'sendToBilling', 'remarks', 'bill', 'delivery', 'delete', 'revert', 'expire', 'purge', 'archive'] as const;
type Action = (typeof ACTIONS)[number];
// What each transition writes (stamp() in src/domain/patch.ts, called by lifecycle.ts, placement.ts
// and retention.ts): the lines it moved, and a detail (number, reason, remarks, sent id, source).
const LINES_REQUIRED: readonly Action[] = ['place', 'approve', 'sendToBilling', 'bill', 'delete', 'revert', 'expire', 'purge'];
const LINES_ALLOWED: readonly Action[] = [...LINES_REQUIRED, 'pick'];
const DETAIL_REQUIRED: readonly Action[] = ['place', 'approve', 'reject', 'delivery', 'delete', 'revert', 'purge', 'archive'];
const DETAIL_ALLOWED: readonly Action[] = [...DETAIL_REQUIRED, 'remarks', 'bill'];

const ACTION = "newData.child('action').val()";
const ORDER_ID = "newData.child('orderId').val()";
const isOneOf = (actions: readonly Action[]): string => `(${actions.map((a) => `${ACTION} === '${a}'`).join(' || ')})`;
const others = (actions: readonly Action[]): Action[] => ACTIONS.filter((a) => !actions.includes(a));
const has = (field: string): string => `newData.hasChild('${field}')`;
/** A purge entry only with the purge: the order's deleted or expired record is removed in this write. */
const removed = (collection: string): string =>
  `(root.child('${collection}').child(${ORDER_ID}).exists() && !newData.parent().parent().child('${collection}').child(${ORDER_ID}).exists())`;

/** A revert stamps the pending record with the server's now: a purge never does, a revert always does. */
const REVERTED_NOW = `newData.parent().parent().child('orders').child(${ORDER_ID}).child('revertedAt').val()`;

/** An archive entry only with the archive move of the sent record its detail names, a record of its order. */
const DETAIL = "newData.child('detail').val()";
const ARCHIVED = `(root.child('sent').child(${DETAIL}).child('orderId').val() === ${ORDER_ID} && !newData.parent().parent().child('sent').child(${DETAIL}).exists() && newData.parent().parent().child('sentArchive').child(${DETAIL}).child('orderId').val() === ${ORDER_ID})`;

const SHAPE = [
  `(!${has('lines')} || !${isOneOf(others(LINES_ALLOWED))})`,
  `(${has('lines')} || !${isOneOf(LINES_REQUIRED)})`,
  `(!${has('detail')} || !${isOneOf(others(DETAIL_ALLOWED))})`,
  `(${has('detail')} || !${isOneOf(DETAIL_REQUIRED)})`,
  `(${ACTION} !== 'purge' || ((${removed('deleted')} || ${removed('expired')}) && ${REVERTED_NOW} !== now))`,
  `(${ACTION} !== 'revert' || ${REVERTED_NOW} === now)`,
  `(${ACTION} !== 'archive' || ${ARCHIVED})`,
].join(' && ');

const text = (min: number, max: number, edges = false): string =>
  `newData.isString() && newData.val().length >= ${min} && newData.val().length <= ${max}${edges ? " && !newData.val().matches(/^\\s|\\s$/)" : ''}`;

const N = "newData.parent().parent().parent().parent()";
const LINE_ORDER = "newData.parent().parent().child('orderId').val()";
const LINE_ACTION = "newData.parent().parent().child('action').val()";
const QTY_HERE = "newData.child('qty').val()";
/** Line $k's quantity in `collection` of the entry's order, in the new tree or the old (0 when absent). */
const held = (tree: string, collection: string): string => {
  const q = `${tree}.child('${collection}').child(${LINE_ORDER}).child('lines').child($k).child('qty')`;
  return `(${q}.isNumber() ? ${q}.val() : 0)`;
};
const tallyOf = (tree: string): string => `${tree}.child('orderTally').child(${LINE_ORDER}).child($k)`;
const grew = (collection: string): string => `${held(N, collection)} - ${held('root', collection)} === ${QTY_HERE}`;
/**
 * What the entry says moved is what this write moved, line by line: the ordered quantity for a
 * placement, the picked quantity for picking, and for every move the growth of where the pieces
 * went (billing, sent, deleted, expired, pending, purged). Made-up lines are refused.
 */
const MOVED = [
  `((${LINE_ACTION} === 'place' || ${LINE_ACTION} === 'approve') && ${tallyOf(N)}.child('ordered').val() === ${QTY_HERE})`,
  `(${LINE_ACTION} === 'pick' && ${N}.child('orders').child(${LINE_ORDER}).child('picked').child($k).child('qty').val() === ${QTY_HERE})`,
  `(${LINE_ACTION} === 'sendToBilling' && ${grew('billing')})`,
  `(${LINE_ACTION} === 'bill' && ${tallyOf(N)}.child('sent').val() - ${tallyOf('root')}.child('sent').val() === ${QTY_HERE})`,
  `(${LINE_ACTION} === 'delete' && ${grew('deleted')})`,
  `(${LINE_ACTION} === 'expire' && ${grew('expired')})`,
  `(${LINE_ACTION} === 'revert' && ${grew('orders')})`,
  `(${LINE_ACTION} === 'purge' && ${tallyOf(N)}.child('purged').val() - ${tallyOf('root')}.child('purged').val() === ${QTY_HERE})`,
].join(' || ');

/** One line of an audit entry, keyed by line key as the order records key it: {productId, color, size, qty}. */
export const AUDIT_LINE: RuleTree = {
  '.validate': `newData.hasChildren(['productId', 'color', 'size', 'qty']) && (${MOVED})`,
  productId: { '.validate': text(1, 128) },
  color: { '.validate': text(1, 40, true) },
  size: { '.validate': text(1, 20, true) },
  qty: { '.validate': 'newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0' },
  $other: { '.validate': false },
};

export const audit: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["orderId","at"],
  "$auditId": {
    // Append-only: an entry is written once, with its transition, and never changed or removed.
    ".write": `(${STAFF}) && !data.exists() && newData.exists()`,
    ".validate": `$auditId.length <= 128 && newData.hasChildren(['action', 'orderId', 'actor', 'at', 'rev']) && newData.child('actor').val() === auth.uid && newData.child('at').val() === now && newData.child('rev').val() === newData.parent().parent().child('orderRev').child(${ORDER_ID}).val() && newData.parent().parent().child('orderAudit').child(${ORDER_ID}).val() === $auditId && ${SHAPE}`,
    "action": {
      ".validate": `newData.isString() && newData.val().matches(/^(${ACTIONS.join('|')})$/)`,
    },
    "orderId": {
      ".validate": text(1, 128),
    },
    "actor": {
      ".validate": text(1, 128),
    },
    "at": {
      ".validate": `newData.isNumber()`,
    },
    "rev": {
      ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() % 1 === 0 && newData.val() !== root.child('orderRev').child(newData.parent().child('orderId').val()).val()`,
    },
    "lines": {
      ".validate": `newData.hasChildren()`,
      "$k": AUDIT_LINE,
    },
    "detail": {
      ".validate": text(1, MAX_DETAIL),
    },
    "$other": {
      ".validate": false,
    },
  },
};
