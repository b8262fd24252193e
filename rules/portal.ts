/**
 * database.rules.json: what the retailer portal adds. The abuse limit on orders awaiting a
 * decision (`retailerAwaiting`), the bands of stock retailers may read (`stockBands`), the
 * admin's choice of what retailers see of stock (`settings/retailerStock`), and the checks on a
 * retailer's new order that rules/orders.ts calls (own party, products still sold, quantities
 * 1..100,000, reference length).
 *
 * `retailerAwaiting/{uid}` = {submitted, decided, by}: orders ever submitted and ever decided, both
 * only ever growing by one (a server increment), and `by` the order that moved it. A retailer's new
 * order must move `submitted` in the same write, an approval or rejection `decided`; `submitted −
 * decided` may never pass 20. Counting up on both sides, rather than one number up and down, keeps
 * orders submitted before the counter existed harmless: deciding them only adds headroom.
 */
import { ACTIVE, ID, STAFF, USER, type RuleTree } from './macros.ts';
import { up } from './stamped.ts';

/** MAX_AWAITING in src/domain/portal.ts. */
const MAX_AWAITING = 20;
/** RETAIL_MAX_QTY in src/domain/portal.ts. */
const RETAIL_MAX_QTY = 100000;
/** REFERENCE_MAX in src/domain/portal.ts. */
const REFERENCE_MAX = 40;
/** LOW_STOCK_MAX in src/domain/portal.ts. */
const LOW_STOCK_MAX = 10;

/** No markup in free text: `<` followed by a letter, `!`, `?` or `/` (an HTML tag, comment or declaration); "qty < 5" passes. */
export const NO_MARKUP = "!newData.val().matches(/<[A-Za-z!?\\/]/)";

/** A field of the counter `retailerAwaiting/{uid}` after the write, 0 when absent (`base` is the counter node). */
const num = (base: string, field: string): string => `(${base}.child('${field}').isNumber() ? ${base}.child('${field}').val() : 0)`;
const stored = (uid: string, field: string): string => num(`root.child('retailerAwaiting').child(${uid})`, field);
const next = (depth: number, uid: string): string => `${up(depth)}.child('retailerAwaiting').child(${uid})`;

/**
 * For a write at `retailerOrders/$orderId` (depth 2 from the root): the writer's counter moves by
 * one in `field` in this same write and names this order. rules/orders.ts requires it of a
 * retailer's new order (`submitted`) and of a decision (`decided`).
 */
export const awaitingMoves = (depth: number, uid: string, field: 'submitted' | 'decided'): string =>
  `${next(depth, uid)}.child('by').val() === $orderId && ${num(next(depth, uid), field)} === ${stored(uid, field)} + 1`;

/** The checks of a retailer's new order at `retailerOrders/$orderId/lines/$i` (a decision never rewrites lines). */
export const retailerLine = `(root.child('retailerOrders').child($orderId).exists() || (root.child('catalog').child(newData.child('productId').val()).child('active').val() === true && newData.child('qty').val() <= ${RETAIL_MAX_QTY}))`;

/** `retailerOrders/$orderId/reference`: the retailer's own reference, 1..40 characters, set only with the order. */
export const reference: RuleTree = {
  '.validate': `newData.isString() && newData.val().length >= 1 && newData.val().length <= ${REFERENCE_MAX} && ${NO_MARKUP} && (newData.val() === data.val() || !root.child('retailerOrders').child($orderId).exists())`,
};

// From `retailerAwaiting/$uid/{field}`: the counter is one parent up, the root three.
const BY = "newData.parent().child('by').val()";
const ORDER_NEW = `${up(3)}.child('retailerOrders').child(${BY})`;
const ORDER_OLD = `root.child('retailerOrders').child(${BY})`;
const WAS = 'data.isNumber() ? data.val() : 0';

export const retailerAwaiting: RuleTree = {
  $uid: {
    // The retailer's own (to show how many await) and staff's.
    '.read': `auth != null && ((${ACTIVE} && auth.uid === $uid) || (${STAFF}))`,
    // Written only within the writes that need it (see the checks of each field below).
    '.write': `newData.exists() && ((${ACTIVE} && auth.uid === $uid && ${USER}.child('role').val() === 'retailer') || (${STAFF}))`,
    // Neither count ever goes back (nor disappears): only + 1 with an order or a decision, below.
    '.validate': `newData.hasChild('by') && (!data.child('submitted').exists() || newData.child('submitted').val() >= data.child('submitted').val()) && (!data.child('decided').exists() || newData.child('decided').val() >= data.child('decided').val()) && (newData.child('submitted').isNumber() ? newData.child('submitted').val() : 0) - (newData.child('decided').isNumber() ? newData.child('decided').val() : 0) <= ${MAX_AWAITING}`,
    submitted: {
      // Up by one only with a brand-new submitted order of this retailer, named by `by`.
      '.validate': `newData.isNumber() && newData.val() % 1 === 0 && (newData.val() === data.val() || (newData.val() === (${WAS}) + 1 && !${ORDER_OLD}.exists() && ${ORDER_NEW}.child('retailerUid').val() === $uid && ${ORDER_NEW}.child('status').val() === 'submitted'))`,
    },
    decided: {
      // Up by one only with this retailer's order, named by `by`, leaving `submitted` in this write.
      '.validate': `newData.isNumber() && newData.val() % 1 === 0 && (newData.val() === data.val() || (newData.val() === (${WAS}) + 1 && ${ORDER_OLD}.child('status').val() === 'submitted' && ${ORDER_OLD}.child('retailerUid').val() === $uid && ${ORDER_NEW}.child('status').val() !== 'submitted'))`,
    },
    by: { '.validate': ID },
    $other: { '.validate': false },
  },
};

/** The band of the SKU's quantity after the write (from `stockBands/$skuId`). */
const QTY_AFTER = `${up(2)}.child('stock').child($skuId).child('qty')`;

/**
 * `stockBands/{skuId}`: 'in', 'low' or 'out', always the band of `stock/{skuId}/qty` after the
 * write (the stock writes of src/domain/stock.ts carry it). Any active user reads it: it is what
 * a retailer sees of stock when the admin shows bands only.
 */
export const stockBands: RuleTree = {
  '.read': ACTIVE,
  $skuId: {
    '.write': `(${STAFF}) && newData.exists()`,
    '.validate': `${QTY_AFTER}.isNumber() && newData.val() === (${QTY_AFTER}.val() <= 0 ? 'out' : ${QTY_AFTER}.val() <= ${LOW_STOCK_MAX} ? 'low' : 'in')`,
  },
};

/** Who may read exact stock: staff, and any active user when the admin shows retailers exact quantities. */
export const STOCK_READ = `(${STAFF}) || (${ACTIVE} && root.child('settings').child('retailerStock').val() === 'exact')`;

/** `settings/retailerStock`: 'exact' or 'bands' (absent: bands). Readable by every active user, the portal needs it. */
export const retailerStockSetting: RuleTree = {
  '.read': ACTIVE,
  '.validate': "newData.isString() && newData.val().matches(/^(exact|bands)$/)",
};
