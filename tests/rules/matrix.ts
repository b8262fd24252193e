/**
 * The expected access matrix of database.rules.json: one row per path and operation, listing
 * the identities that are allowed. matrix.test.ts asserts every cell against the local database
 * server; renderMatrix.ts turns the same rows into the table in docs/security.md.
 */

/** Who tries: the seven identities of issue 5. */
export const IDENTITIES = ['anonymous', 'pending', 'staff', 'admin', 'retailerA', 'retailerB', 'removed'] as const;
export type Identity = (typeof IDENTITIES)[number];

/** Column headings of the rendered table. */
export const IDENTITY_LABELS: Record<Identity, string> = {
  anonymous: 'anonymous',
  pending: 'pending staff',
  staff: 'staff',
  admin: 'admin',
  retailerA: 'retailer A',
  retailerB: 'retailer B',
  removed: 'removed user',
};

export type Op = 'read' | 'create' | 'update' | 'delete';

/** One row: what is tried at `path`, and who may do it. */
export type MatrixRow = { key: string; path: string; op: Op; what: string; allow: readonly Identity[] };

const ACTIVE_STAFF: readonly Identity[] = ['staff', 'admin'];
const SIGNED_IN_ACTIVE: readonly Identity[] = ['staff', 'admin', 'retailerA', 'retailerB'];
const ADMIN: readonly Identity[] = ['admin'];
const SIGNED_IN: readonly Identity[] = ['pending', 'staff', 'admin', 'retailerA', 'retailerB', 'removed'];
const NOBODY: readonly Identity[] = [];

const row = (path: string, op: Op, what: string, allow: readonly Identity[], key = `${path}:${op}`): MatrixRow => ({ key, path, op, what, allow });

export const MATRIX: readonly MatrixRow[] = [
  row('users', 'read', 'the whole user list', ADMIN),
  row('users', 'read', 'their own `users/{uid}`', SIGNED_IN, 'users:read-own'),
  row('users', 'read', "another user's `name` (for \"by <name>\")", ACTIVE_STAFF, 'users:read-name'),
  row('users', 'create', "another person's record (recent sign-in)", ADMIN),
  row('users', 'update', "another user's `role` (staff → admin; recent sign-in)", ADMIN),
  row('users', 'update', 'their own `role` to admin', NOBODY, 'users:update-own'),
  row('users', 'delete', "another user's record (removal is `status: removed`)", NOBODY),
  row('users', 'update', "another user's `status` to removed (recent sign-in)", ADMIN, 'users:update-remove'),
  row('users', 'update', "another user's `status` to disabled (retailers in the app; recent sign-in)", ADMIN, 'users:update-disable'),

  row('catalog', 'read', 'the catalogue', SIGNED_IN_ACTIVE),
  row('catalog', 'create', 'a new active product, stamped `updatedAt` = now', ACTIVE_STAFF),
  row('catalog', 'create', 'a colour on an active product, stamping the product', ACTIVE_STAFF, 'catalog:create-colour'),
  row('catalog', 'update', "a product's name, stamping it", ADMIN),
  row('catalog', 'update', "a product's name without the stamp", NOBODY, 'catalog:update-unstamped'),
  row('catalog', 'create', 'a new product with a human `code` (`HIP-014`)', ACTIVE_STAFF, 'catalog:create-coded'),
  row('catalog', 'update', "a product's `code`, stamping it", ADMIN, 'catalog:update-code'),
  row('catalog', 'update', 'a `code` that is not 1–20 letters, digits, hyphens and inner spaces', NOBODY, 'catalog:update-bad-code'),
  row('catalog', 'delete', 'a product, with its tombstone `gone/catalog/{id}` = now', ADMIN),
  row('catalog', 'delete', 'a product without its tombstone', NOBODY, 'catalog:delete-bare'),

  row('parties', 'read', 'all parties', ACTIVE_STAFF),
  row('parties', 'read', "retailer A's own party", ['staff', 'admin', 'retailerA'], 'parties:read-own'),
  row('parties', 'create', 'a new party, stamped `updatedAt` = now', ACTIVE_STAFF),
  row('parties', 'update', "a party's area, stamping it", ADMIN),
  row('parties', 'update', "a party's area without the stamp", NOBODY, 'parties:update-unstamped'),
  row('parties', 'delete', 'a party, with its tombstone `gone/parties/{id}` = now', ADMIN),
  row('parties', 'delete', 'a party without its tombstone', NOBODY, 'parties:delete-bare'),

  row('stock', 'read', 'exact stock (retailers only when `settings/retailerStock` is `exact`; absent here)', ACTIVE_STAFF),
  row('stockBands', 'read', 'the in stock / low / out band of each SKU', SIGNED_IN_ACTIVE),
  row('stockBands', 'update', "a SKU's band with its stock change (`setStock`)", ACTIVE_STAFF),
  row('stockBands', 'update', "a SKU's band that does not match its quantity", NOBODY, 'stockBands:update-wrong'),
  row('stockBands', 'create', 'the band of a new SKU, with it (`setStock`)', ACTIVE_STAFF),
  row('stockBands', 'delete', "a SKU's band", NOBODY),
  row('stock', 'create', 'a new SKU (`setStock` with its ledger entry)', ACTIVE_STAFF),
  row('stock', 'update', 'a counted quantity (`setStock` with its ledger entry)', ACTIVE_STAFF),
  row('stock', 'delete', 'a SKU record', NOBODY),

  row('stockLedger', 'read', 'the ledger', ACTIVE_STAFF),
  row('stockLedger', 'create', 'an entry without its stock change', NOBODY),
  row('stockLedger', 'update', "an entry's note (append-only)", NOBODY),
  row('stockLedger', 'delete', 'an entry', NOBODY),

  row('stockImports', 'read', 'the import log', ACTIVE_STAFF),
  row('stockImports', 'create', 'a log entry in their own name (recent sign-in)', ACTIVE_STAFF),
  row('stockImports', 'update', "an entry's counts (append-only)", NOBODY),
  row('stockImports', 'delete', 'an entry', NOBODY),

  row('barcodes', 'read', 'the barcode index', ACTIVE_STAFF),
  row('barcodes', 'create', 'assign a new code (`assignBarcodePatch`)', ACTIVE_STAFF),
  row('barcodes', 'update', 're-assign a code to its SKU', ACTIVE_STAFF),
  row('barcodes', 'delete', 'remove a code (`removeBarcodePatch`)', ACTIVE_STAFF),

  row('orders', 'read', 'pending orders', ACTIVE_STAFF),
  row('orders', 'create', '`placeOrder`', ACTIVE_STAFF),
  row('orders', 'update', '`setPicked`', ACTIVE_STAFF),
  row('orders', 'delete', '`deleteOrder` (moves to `deleted`)', ACTIVE_STAFF),
  row('orders', 'create', "`placeOrder` with `createdBy` someone else's uid", NOBODY, 'orders:create-as-other'),
  row('orders', 'create', 'a new order carrying a number already used (`K1`)', NOBODY, 'orders:create-taken-number'),

  row('billing', 'read', 'the billing queue', ACTIVE_STAFF),
  row('billing', 'create', '`sendToBilling`', ACTIVE_STAFF),
  row('billing', 'update', '`setRemarks`', ACTIVE_STAFF),
  row('billing', 'delete', '`deleteOrder` from billing', ACTIVE_STAFF),
  row('billing', 'create', "`sendToBilling` with `queuedBy` someone else's uid", NOBODY, 'billing:create-as-other'),

  row('sent', 'read', 'billing history', ACTIVE_STAFF),
  row('sent', 'create', '`bill`', ACTIVE_STAFF),
  row('sent', 'update', '`setDeliveryStatus`', ACTIVE_STAFF),
  row('sent', 'delete', 'a billing event (with a revision bump, not into the archive)', NOBODY),
  row('sent', 'create', "`bill` with `billedBy` someone else's uid", NOBODY, 'sent:create-as-other'),

  row('sentArchive', 'read', 'archived billing history', ACTIVE_STAFF),
  row('sentArchive', 'create', '`archiveSent` of a record billed over a year ago (moved from `sent`)', ACTIVE_STAFF),
  row('sentArchive', 'create', 'a copy of a sent record left in `sent`', NOBODY, 'sentArchive:create-copy'),
  row('sentArchive', 'update', "an archived record's delivery status (with a revision bump)", NOBODY),
  row('sentArchive', 'delete', 'an archived record (with a revision bump)', NOBODY),

  row('deleted', 'read', 'deleted orders', ACTIVE_STAFF),
  row('deleted', 'create', '`deleteOrder` of a pending order', ACTIVE_STAFF),
  row('deleted', 'update', '`deleteOrder` adding the billing part', ACTIVE_STAFF),
  row('deleted', 'delete', 'permanent delete before retention (`purgePart`, recent sign-in)', ADMIN),

  row('expired', 'read', 'expired orders', ACTIVE_STAFF),
  row('expired', 'create', '`expireOrder`', ACTIVE_STAFF),
  row('expired', 'update', '`expireOrder` adding to an expired order', ACTIVE_STAFF),
  row('expired', 'delete', 'permanent delete (`purgePart`, recent sign-in)', ADMIN),

  row('retailerOrders', 'read', 'all retailer orders', ACTIVE_STAFF),
  row('retailerOrders', 'read', "query `retailerUid == retailer A`", ['staff', 'admin', 'retailerA'], 'retailerOrders:read-own'),
  row('retailerOrders', 'create', '`submitRetailerOrder` in their own name (`submitted`)', ['retailerA', 'retailerB']),
  row('retailerOrders', 'create', 'a submission in retailer A\'s name', ['retailerA'], 'retailerOrders:create-as-A'),
  row('retailerOrders', 'update', '`approveRetailerOrder` (admin only, recent sign-in)', ADMIN),
  row('retailerOrders', 'update', '`approveRetailerOrder` with a line reduced, `adjustments` and `adjustReason` (admin, recent sign-in)', ADMIN, 'retailerOrders:update-adjusted'),
  row('retailerOrders', 'update', 'an approval whose `adjustments` do not match the approved order', NOBODY, 'retailerOrders:update-forged-adjustment'),
  row('retailerOrders', 'delete', 'a retailer order', NOBODY),
  row('retailerOrders', 'update', '`setPicked` of an approved retailer order, with its `pickingAt` (the progress the retailer sees)', ACTIVE_STAFF, 'retailerOrders:update-progress'),
  row('retailerOrders', 'update', 'a `pickingAt` with no picking (a false progress), with a revision bump', NOBODY, 'retailerOrders:update-false-progress'),
  row('retailerOrders', 'update', "`bill` of a retailer order without its dispatch (the retailer would not see it)", NOBODY, 'retailerOrders:update-missing-dispatch'),

  row('retailerOrders', 'create', "a submission that leaves the sender's `retailerAwaiting` count alone", NOBODY, 'retailerOrders:create-uncounted'),

  row('retailerAwaiting', 'read', "retailer A's count of orders awaiting a decision", ['staff', 'admin', 'retailerA']),
  row('retailerAwaiting', 'update', "retailer A's `submitted` + 1 with no new order", NOBODY),
  row('retailerAwaiting', 'update', "retailer A's `decided` + 1 with no decision", NOBODY, 'retailerAwaiting:update-decided'),
  row('retailerAwaiting', 'create', 'a counter for a new retailer, with no order', NOBODY),
  row('retailerAwaiting', 'delete', "retailer A's counter (back to 0 awaiting)", NOBODY),

  row('orderRev', 'read', 'revisions', ACTIVE_STAFF),
  row('orderRev', 'create', 'a revision 1 on its own (no audit entry)', NOBODY),
  row('orderRev', 'create', 'a revision 1 with its audit entry (a transition that moves nothing)', ACTIVE_STAFF, 'orderRev:create-audited'),
  row('orderRev', 'update', 'a revision set back', NOBODY),
  row('orderRev', 'delete', 'a revision', NOBODY),

  row('orderTally', 'read', 'ordered, sent and purged per order line', ACTIVE_STAFF),
  row('orderTally', 'create', "a new order's tally, with the order (`placeOrder`)", ACTIVE_STAFF),
  row('orderTally', 'create', 'a tally line for a line the order never had', NOBODY, 'orderTally:create-line'),
  row('orderTally', 'update', '`sent` grown with a new sent record holding the difference (`bill`)', ACTIVE_STAFF),
  row('orderTally', 'update', '`ordered` raised', NOBODY, 'orderTally:update-ordered'),
  row('orderTally', 'update', '`purged` grown before retention: a permanent delete, admin only (recent sign-in)', ADMIN, 'orderTally:update-purged'),
  row('orderTally', 'delete', 'a tally line', NOBODY),

  row('counters', 'read', 'the order counter', ACTIVE_STAFF),
  row('counters', 'create', 'a new counter', NOBODY),
  row('counters', 'update', '`orderNumber` lowered (reuse a number)', NOBODY),
  row('counters', 'update', '`orderNumber` + 1 on its own (skips a number)', NOBODY, 'counters:update-skip'),
  row('counters', 'update', '`lastOrderId` set to an existing order', NOBODY, 'counters:update-last'),
  row('counters', 'delete', '`orderNumber`', NOBODY),

  row('counts', 'read', "Home's counts of pending and billing records", ACTIVE_STAFF),
  row('counts', 'create', 'a counter of another collection (`counts/sent`)', NOBODY),
  row('counts', 'update', '`counts/orders` + 1 with its new order (`placeOrder`)', ACTIVE_STAFF),
  row('counts', 'update', '`counts/orders/n` + 1 with no new order', NOBODY, 'counts:update-alone'),
  row('counts', 'delete', '`counts/orders`', NOBODY),

  row('orderNumbers', 'read', 'the number index', ACTIVE_STAFF),
  row('orderNumbers', 'create', 'the next number with its new order (`placeOrder`)', ACTIVE_STAFF),
  row('orderNumbers', 'create', 'a number for an order that carries another one', NOBODY, 'orderNumbers:create-alone'),
  row('orderNumbers', 'update', 'a number re-pointed to another order', NOBODY),
  row('orderNumbers', 'delete', 'a number (write-once)', NOBODY),

  row('orderAudit', 'read', "each order's latest audit entry", ACTIVE_STAFF),
  row('orderAudit', 'create', 'naming an existing entry (no new one)', NOBODY),
  row('orderAudit', 'update', "with a new entry of the order's next revision (every transition)", ACTIVE_STAFF),
  row('orderAudit', 'update', "naming a new entry of another order", NOBODY, 'orderAudit:update-other'),
  row('orderAudit', 'delete', 'the link', NOBODY),

  row('audit', 'read', 'the audit trail', ACTIVE_STAFF),
  row('audit', 'create', 'an entry without an order change', NOBODY),
  row('audit', 'update', 'an entry (append-only)', NOBODY),
  row('audit', 'delete', 'an entry', NOBODY),

  row('orderExports', 'read', 'export marks', ACTIVE_STAFF),
  row('orderExports', 'create', 'mark an order exported', ACTIVE_STAFF),
  row('orderExports', 'update', 'mark it again', ACTIVE_STAFF),
  row('orderExports', 'delete', 'a mark', NOBODY),

  row('gone', 'read', "tombstones of removed pending orders (`gone/orders`)", ACTIVE_STAFF),
  row('gone', 'create', "a tombstone with its pending order's removal (`deleteOrder`)", ACTIVE_STAFF),
  row('gone', 'create', 'a tombstone of an order that stays pending', NOBODY, 'gone:create-alone'),
  row('gone', 'update', 'a tombstone backdated a year', NOBODY),
  row('gone', 'delete', 'a tombstone younger than 30 days, alone', NOBODY),
  row('gone', 'delete', 'a tombstone, with its order reverted to pending (`revertOrder`)', ACTIVE_STAFF, 'gone:delete-revert'),
  row('gone', 'read', 'tombstones of removed products (`gone/catalog`)', ACTIVE_STAFF, 'gone:read-catalog'),
  row('gone', 'read', 'tombstones of removed parties (`gone/parties`)', ACTIVE_STAFF, 'gone:read-parties'),
  row('gone', 'create', 'a tombstone of a product that stays', NOBODY, 'gone:create-product-alone'),
  row('gone', 'update', 'a party tombstone backdated a year', NOBODY, 'gone:update-party'),

  row('presence', 'read', 'who is online', ACTIVE_STAFF),
  row('presence', 'create', 'their own presence', SIGNED_IN),
  row('presence', 'create', "someone else's presence", NOBODY, 'presence:create-other'),
  row('presence', 'update', 'their own presence (online, then offline)', SIGNED_IN),
  row('presence', 'delete', 'their own presence', NOBODY),

  row('meta', 'read', '`firstAdmin`', SIGNED_IN),
  row('meta', 'create', 'claim `firstAdmin` with a record (already claimed)', NOBODY),
  row('meta', 'update', '`firstAdmin` set to themselves', NOBODY),
  row('meta', 'delete', '`firstAdmin`', NOBODY),

  row('settings', 'read', 'settings', ACTIVE_STAFF),
  row('settings', 'read', '`retailerStock` (what retailers see of stock)', SIGNED_IN_ACTIVE, 'settings:read-retailer-stock'),
  row('settings', 'update', '`retailerStock` to `exact`', ADMIN, 'settings:update-retailer-stock'),
  row('settings', 'create', 'a weekday of the delivery plan', ADMIN),
  row('settings', 'update', '`retentionDays`', ADMIN),
  row('settings', 'delete', '`retentionDays` (back to the default)', ADMIN),
  row('settings', 'update', '`archiveAfterDays`', ADMIN, 'settings:update-archive'),

  row('support', 'read', 'all support requests', ADMIN),
  row('support', 'read', 'query `retailerUid == retailer A`', ['admin', 'retailerA'], 'support:read-own'),
  row('support', 'create', 'a request in their own name for their own party (`open`)', ['retailerA', 'retailerB']),
  row('support', 'create', "a request about retailer B's order", ['retailerB'], 'support:create-order'),
  row('support', 'create', 'a request with HTML in its subject', NOBODY, 'support:create-html'),
  row('support', 'update', "a reply in their own name (`answered`)", ADMIN),
  row('support', 'update', 'close a request', ADMIN, 'support:update-close'),
  row('support', 'update', "a request's text after it was sent", NOBODY, 'support:update-text'),
  row('support', 'delete', 'a request', NOBODY),
];

/** The matrix as a markdown table (✓ allowed, ✗ denied). */
export function renderMatrix(rows: readonly MatrixRow[] = MATRIX): string {
  const head = `| Path | Operation | What is tried | ${IDENTITIES.map((i) => IDENTITY_LABELS[i]).join(' | ')} |`;
  const rule = `|---|---|---|${IDENTITIES.map(() => ':-:').join('|')}|`;
  const body = rows.map((r) => `| \`${r.path}\` | ${r.op} | ${r.what} | ${IDENTITIES.map((i) => (r.allow.includes(i) ? '✓' : '✗')).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export const MATRIX_BEGIN = '<!-- matrix:begin -->';
export const MATRIX_END = '<!-- matrix:end -->';

/** `doc` with the text between the matrix markers replaced by the rendered table. */
export function withMatrix(doc: string, table: string = renderMatrix()): string {
  const a = doc.indexOf(MATRIX_BEGIN);
  const b = doc.indexOf(MATRIX_END);
  if (a < 0 || b < a) throw new Error(`the document has no ${MATRIX_BEGIN} … ${MATRIX_END} block`);
  return `${doc.slice(0, a + MATRIX_BEGIN.length)}\n${table}\n${doc.slice(b)}`;
}
