/**
 * database.rules.json: the order model. orders, billing, deleted and expired hold an order's
 * parts, sent its billing events, orderTally its lines (ordered, sent and purged per line), and
 * retailerOrders, orderRev, orderAudit, counters, orderNumbers and orderExports the rest.
 *
 * The conservation law is checked by the rules, per line: for order O and line key K,
 *
 *     orderTally/O/K/ordered = qty of K in orders/O + billing/O + deleted/O + expired/O
 *                              + orderTally/O/K/sent + orderTally/O/K/purged
 *
 * on every write that touches K anywhere (EQ below). A whole record may be written only where
 * none exists yet (its every line is then validated); an existing record changes field by field
 * and line by line, and a line's `.write` checks EQ whether the line stays or goes, so no record
 * can vanish or change a quantity without the pieces going somewhere the tally accounts for.
 * `ordered` is write-once, `sent` moves only with a new sent record holding exactly the
 * difference, and `purged` only by an admin with a recent sign-in or by the retention purge.
 *
 * Home's counters `counts/orders` and `counts/billing` ({n, by}) move with the records they count:
 * every `.write` that can grant a write inside `orders/$orderId` or `billing/$orderId` requires,
 * when the write creates or removes that record, `by` = `$orderId` and `n` = the stored n ± 1.
 */
import { ADJUSTMENTS_KEPT, adjustmentFields } from './adjustments.ts';
import { ACTIVE, ID, QTY, RECENT, STAFF, text, USER, type RuleTree } from './macros.ts';
import { awaitingMoves, NO_MARKUP, reference, retailerLine } from './portal.ts';
import { stampedRecord, up, withTombstone, withWriteCondition } from './stamped.ts';
import { endedRule, pickedNeedsPickingAt, queuedNeedsBillingAt, sentLineNeedsDispatch, sentNeedsDispatch, statusRule, TRACKING_FIELDS, trackingFields } from './tracking.ts';

/** The order's revision moves by exactly one in this write. */
const rev = (depth: number, id = '$orderId'): string =>
  `${up(depth)}.child('orderRev').child(${id}).val() === (root.child('orderRev').child(${id}).exists() ? root.child('orderRev').child(${id}).val() : 0) + 1`;

/** Active staff, in a write that moves the order's revision. */
const staffRev = (depth: number, id = '$orderId'): string => `(${STAFF}) && ${rev(depth, id)}`;

/**
 * When this write creates or removes the record `collection/$orderId` (its existence before and
 * after differ), Home's counter moves with it in the same write: `counts/{collection}/by` names
 * this order and `n` is the stored n (0 when absent) + 1 or − 1. Since `by` names one order, no
 * write can create or remove two records of one counted collection.
 */
const counted = (depth: number, collection: string): string => {
  const was = `root.child('${collection}').child($orderId).exists()`;
  const is = `${up(depth)}.child('${collection}').child($orderId).exists()`;
  const next = `${up(depth)}.child('counts').child('${collection}')`;
  const stored = `root.child('counts').child('${collection}').child('n')`;
  return `(${was} === ${is} || (${next}.child('by').val() === $orderId && ${next}.child('n').val() === (${stored}.isNumber() ? ${stored}.val() : 0) + (${is} ? 1 : -1)))`;
};

/** Removing a field of an existing record (the record goes field by field). */
const removal = (depth: number): string => `${staffRev(depth)} && !newData.exists()`;

/** The quantity of line $k of this order in `collection` after the write (0 when absent). */
const qtyIn = (depth: number, collection: string): string => {
  const q = `${up(depth)}.child('${collection}').child($orderId).child('lines').child($k).child('qty')`;
  return `(${q}.isNumber() ? ${q}.val() : 0)`;
};

/** The tally of line $k of order `id` after the write. */
const tally = (depth: number, id = '$orderId'): string => `${up(depth)}.child('orderTally').child(${id}).child($k)`;

/** The conservation law for line $k of this order, in the tree after the write. */
const eq = (depth: number): string =>
  `${tally(depth)}.child('ordered').val() === ${qtyIn(depth, 'orders')} + ${qtyIn(depth, 'billing')} + ${qtyIn(depth, 'deleted')} + ${qtyIn(depth, 'expired')} + ${tally(depth)}.child('sent').val() + ${tally(depth)}.child('purged').val()`;

/** The line at `newData` is the product, colour and size its key names in the tally. */
const sameLine = (depth: number, id = '$orderId'): string =>
  `newData.child('productId').val() === ${tally(depth, id)}.child('productId').val() && newData.child('color').val() === ${tally(depth, id)}.child('color').val() && newData.child('size').val() === ${tally(depth, id)}.child('size').val()`;

const lineFields: RuleTree = {
  productId: { '.validate': ID },
  color: { '.validate': text(1, 40) },
  size: { '.validate': text(1, 20) },
  qty: { '.validate': QTY },
  $other: { '.validate': false },
};
const LINE = "newData.hasChildren(['productId', 'color', 'size', 'qty'])";
const PARTS = ['orders', 'billing', 'deleted', 'expired'];

/** The value of `field` in a record of order `id` that exists before the write (copied, never made up). */
const copied = (field: string, id = '$orderId'): string =>
  PARTS.map((c) => `newData.val() === root.child('${c}').child(${id}).child('${field}').val()`).join(' || ');

/** A field every record of the order carries unchanged: set when the order is placed, then copied. */
const baseField = (check: string, id = '$orderId'): string =>
  `${check} && (newData.val() === data.val() || !root.child('orderRev').child(${id}).exists() || ${copied('__FIELD__', id)})`;

const retention = "(root.child('settings').child('retentionDays').isNumber() ? root.child('settings').child('retentionDays').val() : 30) * 86400000";
const afterDays = "(root.child('settings').child('expiry').child('afterDays').isNumber() ? root.child('settings').child('expiry').child('afterDays').val() : 40) * 86400000";
const graceDays = "(root.child('settings').child('expiry').child('graceDays').isNumber() ? root.child('settings').child('expiry').child('graceDays').val() : 10) * 86400000";
/** The stored deadline of the pending part (0 when there is no pending record), read from its expiresAt field. */
const currentDeadline = `(data.exists() ? data.val() : root.child('orders').child($orderId).exists() ? root.child('orders').child($orderId).child('createdAt').val() + ${afterDays} : 0)`;
/** The pending part's deadline, before the write. */
const pendingDeadline = `(root.child('orders').child($orderId).child('expiresAt').isNumber() ? root.child('orders').child($orderId).child('expiresAt').val() : root.child('orders').child($orderId).child('createdAt').val() + ${afterDays})`;

/**
 * Fields of the order base, for a record at depth 2 (`collection/$x`); `id` names the order from
 * a field of the record (depth 3), `lineId` from a line of its `ordered` (depth 4).
 */
function base(id: string, lineId: string, removable: boolean): RuleTree {
  const field = (name: string, check: string): RuleTree => ({
    ...(removable ? { '.write': removal(3) } : {}),
    '.validate': baseField(check, id).replaceAll('__FIELD__', name),
  });
  const createdAtNew = `(newData.val() === now || (newData.parent().child('source').val() === 'retailer' && newData.val() === root.child('retailerOrders').child(${id}).child('createdAt').val()))`;
  return {
    number: field('number', `newData.isString() && newData.val().matches(/^K[1-9][0-9]{0,15}$/) && ${up(3)}.child('orderNumbers').child(newData.val()).val() === ${id}`),
    partyId: field('partyId', ID),
    partyName: field('partyName', text(1, 80)),
    note: field('note', text(0, 500)),
    source: field('source', "newData.isString() && newData.val().matches(/^(staff|retailer)$/)"),
    createdAt: {
      ...(removable ? { '.write': removal(3) } : {}),
      '.validate': `newData.isNumber() && (newData.val() === data.val() || ${copied('createdAt', id)} || (!root.child('orderRev').child(${id}).exists() && ${createdAtNew}))`,
    },
    createdBy: {
      ...(removable ? { '.write': removal(3) } : {}),
      '.validate': `${ID} && (newData.val() === data.val() || ${copied('createdBy', id)} || (!root.child('orderRev').child(${id}).exists() && (newData.parent().child('source').val() === 'retailer' ? newData.val() === root.child('retailerOrders').child(${id}).child('retailerUid').val() && ${up(3)}.child('retailerOrders').child(${id}).child('status').val() === 'approved' : newData.val() === auth.uid)))`,
    },
    ordered: {
      ...(removable ? { '.write': removal(3) } : {}),
      $k: {
        '.validate': `${LINE} && ${sameLine(4, lineId)} && newData.child('qty').val() === ${tally(4, lineId)}.child('ordered').val()`,
        ...lineFields,
      },
    },
  };
}

/** A field the transition sets to the writer's uid (or leaves as it was). */
const byWriter = { '.write': staffRev(3), '.validate': `${ID} && (newData.val() === data.val() || newData.val() === auth.uid)` };
/** A time the transition sets to the server's now (or leaves as it was). */
const atNow = { '.write': staffRev(3), '.validate': 'newData.isNumber() && (newData.val() === data.val() || newData.val() === now)' };

/**
 * One part of an order (`orders`, `billing`, `deleted`, `expired`): whole only when new; lines
 * one by one under the conservation law; `grows` is what a line may only grow with; `counter`
 * names the collection when Home counts its records (`counts/{counter}`); `stamped`: every write
 * that leaves the record in place sets its `updatedAt` to now, and its removal leaves a tombstone.
 */
function part(extra: RuleTree, required: string[], grows = 'true', counter?: string, stamped = false): RuleTree {
  const growth = `(!newData.exists() || (data.exists() && newData.child('qty').val() <= data.child('qty').val()) || ${grows})`;
  const record: RuleTree = {
    '.write': `${staffRev(2)} && !data.exists() && newData.exists()`,
    // .validate runs on every ancestor of a deep write whose new value exists: a picking save to
    // orders/X/picked/K must bump orders/X/updatedAt too.
    '.validate': `newData.hasChildren([${['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered', ...required].map((f) => `'${f}'`).join(', ')}])${stamped ? ` && ${stampedRecord}` : ''}`,
    ...base('$orderId', '$orderId', true),
    lines: {
      $k: {
        '.write': `${staffRev(4)} && ${eq(4)} && ${growth}`,
        '.validate': `${LINE} && ${sameLine(4)} && ${eq(4)} && ${growth}`,
        ...lineFields,
      },
    },
    ...extra,
    $other: { '.validate': false },
  };
  const counting = counter === undefined ? record : withWriteCondition(record, 2, (d) => counted(d, counter));
  return { '.read': STAFF, $orderId: stamped ? withTombstone({ collection: 'orders', id: '$orderId' }, counting) : counting };
}

export const orders: RuleTree = {
  ...part(
    {
      // A deadline can only be pushed out, by a revert (to at least now + graceDays, a minute's
      // clock difference allowed), never pulled in: expiry cannot be forced early.
      expiresAt: {
        '.write': staffRev(3),
        '.validate': `newData.isNumber() && (newData.val() === data.val() || (newData.val() >= ${currentDeadline} && newData.val() >= now + ${graceDays} - 60000 && ${up(3)}.child('orders').child($orderId).child('revertedAt').val() === now))`,
      },
      picked: {
        '.write': staffRev(3),
        '.validate': pickedNeedsPickingAt,
        $k: {
          '.validate': `${LINE} && ${sameLine(4)} && newData.child('qty').val() <= newData.parent().parent().child('lines').child($k).child('qty').val()`,
          ...lineFields,
        },
      },
      revertedAt: atNow,
      revertedBy: byWriter,
      // The server's time of the write (required by the record's .validate whenever it stays).
      updatedAt: { '.write': staffRev(3), '.validate': 'newData.isNumber()' },
    },
    [],
    'true',
    'orders',
    true,
  ),
  '.indexOn': ['createdAt', 'partyId', 'expiresAt', 'updatedAt'],
};

export const billing: RuleTree = {
  ...part(
    {
      remarks: { '.write': staffRev(3), '.validate': text(0, 200) },
      queuedAt: { ...atNow, '.validate': `${atNow['.validate']} && ${queuedNeedsBillingAt}` },
      queuedBy: byWriter,
    },
    [],
    'true',
    'billing',
  ),
  '.indexOn': ['partyId', 'queuedAt'],
};

export const deleted: RuleTree = {
  // Deleted pieces restart the retention clock: lines grow only with deletedAt = now.
  ...part(
    {
      reason: { '.write': staffRev(3), '.validate': text(1, 200) },
      deletedAt: atNow,
      deletedBy: byWriter,
      from: { '.write': staffRev(3), '.validate': "newData.isString() && newData.val().matches(/^(pending|billing|both)$/)" },
    },
    ['reason', 'deletedAt', 'deletedBy', 'from'],
    `${up(4)}.child('deleted').child($orderId).child('deletedAt').val() === now`,
  ),
  '.indexOn': ['deletedAt', 'partyId', 'number'],
};

export const expired: RuleTree = {
  // Pieces expire only once the pending deadline has passed, stamped with expiredAt = now.
  ...part(
    {
      expiredAt: { '.write': staffRev(3), '.validate': `newData.isNumber() && (newData.val() === data.val() || (newData.val() === now && ${pendingDeadline} <= now))` },
      expiresAt: { '.write': staffRev(3), '.validate': 'newData.isNumber() && (newData.val() === data.val() || newData.val() <= now)' },
    },
    ['expiredAt', 'expiresAt'],
    `${up(4)}.child('expired').child($orderId).child('expiredAt').val() === now`,
  ),
  '.indexOn': ['expiredAt', 'partyId', 'number'],
};

const SENT_ORDER = "newData.child('orderId').val()";
/** The order of the sent record `$sentId` as stored before the write. */
const SENT_ORDER_OLD = "root.child('sent').child($sentId).child('orderId').val()";
const SENT_FIELDS = ['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered', 'orderId', 'billedAt', 'billedBy', 'remarks', 'deliveryStatus'];
const archiveAfter = "(root.child('settings').child('archiveAfterDays').isNumber() ? root.child('settings').child('archiveAfterDays').val() : 365) * 86400000";

/**
 * The archive move may take this piece of `sent/$sentId` (`rel`, e.g. `.child('lines').child($k)`,
 * at `depth`): removed, while the archive record is created in this write holding the same piece
 * (its own rules check the piece is equal, the age and the audit entry) and nothing of the sent
 * record is left. Since every removal checks its own piece, the archive holds every field and line.
 */
const archivedPiece = (depth: number, rel: string): string =>
  `${staffRev(depth, SENT_ORDER_OLD)} && !newData.exists() && !${up(depth)}.child('sent').child($sentId).exists() && !root.child('sentArchive').child($sentId).exists() && ${up(depth)}.child('sentArchive').child($sentId)${rel}.exists()`;

/** `node` (a field of the sent record) with the archive move's removal granted; lines and ordered line by line. */
function movable(field: string, node: RuleTree): RuleTree {
  if (field === 'lines' || field === 'ordered') {
    const line = node['$k'] as RuleTree;
    return { ...node, $k: { '.write': archivedPiece(4, `.child('${field}').child($k)`), ...line } };
  }
  const grant = archivedPiece(3, `.child('${field}')`);
  const own = node['.write'];
  return { ...node, '.write': typeof own === 'string' ? `(${own}) || (${grant})` : grant };
}

const sentRecord: RuleTree = {
  // Created once, whole (never over an archived id); removed only by the archive move.
  '.write': `${staffRev(2, SENT_ORDER)} && !data.exists() && newData.exists() && !root.child('sentArchive').child($sentId).exists()`,
  '.validate': `newData.hasChildren([${SENT_FIELDS.map((f) => `'${f}'`).join(', ')}]) && ${sentNeedsDispatch}`,
  ...base("newData.parent().child('orderId').val()", "newData.parent().parent().child('orderId').val()", false),
  orderId: { '.validate': `${ID} && (!data.exists() || newData.val() === data.val())` },
  billedAt: { '.validate': 'newData.isNumber() && (newData.val() === data.val() || newData.val() === now)' },
  billedBy: { '.validate': `${ID} && (newData.val() === data.val() || newData.val() === auth.uid)` },
  remarks: { '.validate': text(0, 200) },
  deliveryStatus: {
    '.write': `${staffRev(3, SENT_ORDER_OLD)} && data.exists() && newData.exists()`,
    '.validate': "newData.isString() && newData.val().matches(/^(undelivered|delivered)$/)",
  },
  lines: {
    $k: {
      // Each billed line is exactly what the tally's running sent total grew by, in this write.
      '.validate': `${LINE} && ${sameLine(4, "newData.parent().parent().child('orderId').val()")} && ${tally(4, "newData.parent().parent().child('orderId').val()")}.child('lastSent').val() === $sentId && ${sentLineNeedsDispatch}`,
      ...lineFields,
    },
  },
};

export const sent: RuleTree = {
  '.read': STAFF,
  '.indexOn': ['orderId', 'billedAt', 'partyId', 'deliveryStatus', 'number'],
  // A billing event is written once, whole; afterwards only its delivery status changes, until
  // the archive move takes it whole to sentArchive.
  $sentId: {
    ...Object.fromEntries(Object.entries(sentRecord).map(([k, v]) => [k, SENT_FIELDS.includes(k) ? movable(k, v as RuleTree) : v])),
    $other: { '.validate': false },
  },
};

/** The stored sent record's `rel` (e.g. `.child('lines').child($k).child('qty')`), as it was before the write. */
const wasSent = (rel: string): string => `root.child('sent').child($sentId)${rel}.val()`;
/** A line of the archive: the same product, colour, size and quantity as the removed record's line `field`/$k. */
const archivedLine = (field: string): RuleTree => ({
  $k: {
    '.validate': `${LINE} && ${['productId', 'color', 'size', 'qty'].map((f) => `newData.child('${f}').val() === ${wasSent(`.child('${field}').child($k).child('${f}')`)}`).join(' && ')}`,
    ...lineFields,
  },
});

/**
 * Sent records older than `settings/archiveAfterDays` (365 when absent) by the server's clock,
 * moved whole by staff: created once, in the write that removes `sent/$sentId` (which grants each
 * removed field only when the archive holds it), with every field equal to the removed record's,
 * the order's revision bump and its `archive` audit entry naming this record. Never changed or removed.
 */
export const sentArchive: RuleTree = {
  '.read': STAFF,
  '.indexOn': ['billedAt', 'orderId', 'partyId'],
  $sentId: {
    '.write': `${staffRev(2, SENT_ORDER_OLD)} && !data.exists() && newData.exists() && root.child('sent').child($sentId).exists() && !${up(2)}.child('sent').child($sentId).exists() && ${wasSent(".child('billedAt')")} + ${archiveAfter} <= now && ${up(2)}.child('audit').child(${up(2)}.child('orderAudit').child(${SENT_ORDER_OLD}).val()).child('action').val() === 'archive' && ${up(2)}.child('audit').child(${up(2)}.child('orderAudit').child(${SENT_ORDER_OLD}).val()).child('detail').val() === $sentId`,
    '.validate': `newData.hasChildren([${SENT_FIELDS.map((f) => `'${f}'`).join(', ')}])`,
    ...Object.fromEntries(SENT_FIELDS.filter((f) => f !== 'lines' && f !== 'ordered').map((f) => [f, { '.validate': `newData.val() === ${wasSent(`.child('${f}')`)}` }])),
    lines: archivedLine('lines'),
    ordered: archivedLine('ordered'),
    $other: { '.validate': false },
  },
};

const TALLY_OLD = "root.child('orderTally').child($orderId).child($k)";
export const orderTally: RuleTree = {
  '.read': STAFF,
  $orderId: {
    // Written whole once, when the order is placed (or approved); then line by line.
    '.write': `${staffRev(2)} && !data.exists() && newData.exists()`,
    $k: {
      '.write': `${staffRev(3)} && data.exists() && newData.exists()`,
      // New lines only with the order itself; then what was ordered never changes.
      '.validate': `newData.hasChildren(['productId', 'color', 'size', 'ordered', 'sent', 'purged']) && (data.exists() ? newData.child('productId').val() === data.child('productId').val() && newData.child('color').val() === data.child('color').val() && newData.child('size').val() === data.child('size').val() && newData.child('ordered').val() === data.child('ordered').val() : !root.child('orderRev').child($orderId).exists() && newData.child('sent').val() === 0 && newData.child('purged').val() === 0 && !newData.hasChild('lastSent')) && ${eq(3)}`,
      productId: { '.validate': ID },
      color: { '.validate': text(1, 40) },
      size: { '.validate': text(1, 20) },
      ordered: { '.validate': QTY },
      sent: {
        '.validate': `newData.isNumber() && newData.val() % 1 === 0 && (newData.val() === (data.exists() ? data.val() : 0) || (newData.val() > data.val() && newData.parent().child('lastSent').val() !== ${TALLY_OLD}.child('lastSent').val() && !root.child('sent').child(newData.parent().child('lastSent').val()).exists() && ${up(4)}.child('sent').child(newData.parent().child('lastSent').val()).child('orderId').val() === $orderId && ${up(4)}.child('sent').child(newData.parent().child('lastSent').val()).child('lines').child($k).child('qty').val() === newData.val() - data.val()))`,
      },
      // Pieces leave for good only by an admin's permanent delete (recent sign-in) or the
      // retention purge of deleted pieces whose retention has passed.
      purged: {
        '.validate': `newData.isNumber() && newData.val() % 1 === 0 && (newData.val() === (data.exists() ? data.val() : 0) || (newData.val() > data.val() && ((${USER}.child('role').val() === 'admin' && ${RECENT}) || (!${up(4)}.child('deleted').child($orderId).child('lines').child($k).exists() && root.child('deleted').child($orderId).child('lines').child($k).child('qty').val() === newData.val() - data.val() && root.child('deleted').child($orderId).child('deletedAt').val() + ${retention} <= now))))`,
      },
      // Names a new sent record only together with the growth of `sent` it accounts for.
      lastSent: { '.validate': `${ID} && (newData.val() === data.val() || newData.parent().child('sent').val() > ${TALLY_OLD}.child('sent').val())` },
      $other: { '.validate': false },
    },
  },
};

/** Order numbers: exactly 'K' + the counter this write moves to, registered once to the new order. */
export const orderNumbers: RuleTree = {
  '.read': STAFF,
  $number: {
    '.write': `(${STAFF}) && !data.exists() && newData.exists()`,
    '.validate': `${ID} && $number === 'K' + ${up(2)}.child('counters').child('orderNumber').val() && ${up(2)}.child('counters').child('lastOrderId').val() === newData.val() && ${up(2)}.child('orders').child(newData.val()).child('number').val() === $number && !root.child('orderRev').child(newData.val()).exists()`,
  },
};

export const retailerOrders: RuleTree = {
  ".read": `(${STAFF}) || (${ACTIVE} && query.orderByChild === 'retailerUid' && query.equalTo === auth.uid)`,
  ".indexOn": ["retailerUid","status"],
  "$orderId": {
    ".write": `((${STAFF}) && newData.parent().parent().child('orderRev').child($orderId).val() === (root.child('orderRev').child($orderId).exists() ? root.child('orderRev').child($orderId).val() : 0) + 1 && (data.child('status').val() !== 'submitted' || (${USER}.child('role').val() === 'admin' && ${RECENT} && (newData.child('status').val() === 'submitted' || ${awaitingMoves(2, "data.child('retailerUid').val()", 'decided')})))) || (${ACTIVE} && ${USER}.child('role').val() === 'retailer' && !data.exists() && ${awaitingMoves(2, 'auth.uid', 'submitted')} && !root.child('orderRev').child($orderId).exists() && newData.child('retailerUid').val() === auth.uid && newData.child('partyId').val() === ${USER}.child('partyId').val() && newData.child('status').val() === 'submitted' && newData.child('createdAt').val() === now && !newData.hasChild('orderNumber') && !newData.hasChild('decidedBy') && !newData.hasChild('decidedAt') && !newData.hasChild('rejectReason') && ${TRACKING_FIELDS.map((f) => `!newData.hasChild('${f}')`).join(' && ')})`,
    ".validate": `newData.hasChildren(['retailerUid', 'partyId', 'note', 'lines', 'createdAt', 'status']) && ${endedRule} && ${ADJUSTMENTS_KEPT}`,
    ...adjustmentFields,
    "retailerUid": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === auth.uid)`,
    },
    "partyId": {
      ".validate": ID,
    },
    "note": {
      ".validate": `${text(0, 500)} && ${NO_MARKUP}`,
    },
    "createdAt": {
      ".validate": `newData.isNumber()`,
    },
    "status": {
      ".validate": statusRule,
    },
    reference,
    "orderNumber": {
      ".validate": `newData.isString() && newData.val().matches(/^K[1-9][0-9]{0,15}$/)`,
    },
    "decidedBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === auth.uid)`,
    },
    "decidedAt": {
      ".validate": `newData.isNumber()`,
    },
    "rejectReason": {
      ".validate": text(1, 200),
    },
    ...trackingFields,
    "$other": {
      ".validate": false,
    },
    "lines": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/) && ${retailerLine}`,
        ...lineFields,
      },
    },
  },
};

export const orderRev: RuleTree = {
  ".read": `${STAFF}`,
  "$orderId": {
    ".write": `(${STAFF}) && newData.exists()`,
    ".validate": `newData.isNumber() && newData.val() === (data.exists() ? data.val() : 0) + 1 && newData.parent().parent().child('orderAudit').child($orderId).isString() && !root.child('audit').child(newData.parent().parent().child('orderAudit').child($orderId).val()).exists() && newData.parent().parent().child('audit').child(newData.parent().parent().child('orderAudit').child($orderId).val()).child('rev').val() === newData.val()`,
  },
};

export const orderAudit: RuleTree = {
  ".read": `${STAFF}`,
  "$orderId": {
    ".write": `(${STAFF}) && newData.exists()`,
    ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && !root.child('audit').child(newData.val()).exists() && newData.parent().parent().child('audit').child(newData.val()).child('orderId').val() === $orderId`,
  },
};

export const counters: RuleTree = {
  ".read": `${STAFF}`,
  "orderNumber": {
    ".write": `(${STAFF}) && newData.exists()`,
    ".validate": `newData.isNumber() && newData.val() === (data.exists() ? data.val() : 0) + 1 && newData.parent().child('lastOrderId').isString() && newData.parent().parent().child('orders').child(newData.parent().child('lastOrderId').val()).exists() && !root.child('orderRev').child(newData.parent().child('lastOrderId').val()).exists()`,
  },
  "lastOrderId": {
    ".write": `(${STAFF}) && newData.exists()`,
    ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && newData.parent().child('orderNumber').val() === (root.child('counters').child('orderNumber').exists() ? root.child('counters').child('orderNumber').val() : 0) + 1`,
  },
};

/** The record `by` names in the counted collection `$c`, from a field of `counts/$c`. */
const namedRecord = (from: string): string => `${from}.child($c).child(newData.parent().child('by').val())`;

/**
 * Home's counters: `counts/orders` and `counts/billing`, each {n, by}. Written only with the
 * transition that creates or removes a record of that collection (the record's own rules require
 * the counter then, see `counted`); here `n` may change only when the record `by` names changes
 * existence in the same write, and `by` only with `n`. Never removed; no other counters or fields.
 */
export const counts: RuleTree = {
  '.read': STAFF,
  $c: {
    '.write': `(${STAFF}) && ($c === 'orders' || $c === 'billing') && newData.exists()`,
    '.validate': "newData.hasChildren(['n', 'by'])",
    n: {
      '.validate': `newData.isNumber() && newData.val() >= 0 && newData.val() % 1 === 0 && (newData.val() === data.val() || ${namedRecord('root')}.exists() !== ${namedRecord(up(3))}.exists())`,
    },
    // An order id, never a path ('X/lines/K' would name a line that moves, not a record); it
    // changes only with n, so it always names the order that moved the count last.
    by: { '.validate': `${ID} && !newData.val().contains('/') && (newData.val() === data.val() || newData.parent().child('n').val() !== data.parent().child('n').val())` },
    $other: { '.validate': false },
  },
};

export const orderExports: RuleTree = {
  ".read": `${STAFF}`,
  "$orderId": {
    ".write": `(${STAFF}) && newData.exists()`,
    ".validate": `newData.hasChildren(['at', 'by'])`,
    "at": {
      ".validate": `newData.isNumber() && newData.val() === now`,
    },
    "by": {
      ".validate": `newData.isString() && newData.val() === auth.uid`,
    },
    "$other": {
      ".validate": false,
    },
  },
};
