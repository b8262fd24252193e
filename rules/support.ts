/**
 * database.rules.json: support requests (`support/{requestId}`, src/domain/support.ts). A
 * retailer creates their own, for their own party, optionally naming one of their own retailer
 * orders, as `open`; they read only their own (query on `retailerUid`). Admins read all, reply
 * (in their own name) and close; nobody else reads, and nobody deletes. Texts are bounded and
 * refuse `<` and `>` (no HTML).
 */
import { ACTIVE, ADMIN, text, USER, type RuleTree } from './macros.ts';

const NO_HTML = "!newData.val().matches(/[<>]/)";
/** Unchanged by an admin's reply or close. */
const fixed = (check: string): string => `${check} && (!data.exists() || newData.val() === data.val())`;

export const support: RuleTree = {
  '.read': `(${ADMIN}) || (${ACTIVE} && query.orderByChild === 'retailerUid' && query.equalTo === auth.uid)`,
  '.indexOn': ['retailerUid', 'status'],
  $requestId: {
    '.write': [
      `($requestId.length <= 128 && ${ACTIVE} && ${USER}.child('role').val() === 'retailer' && !data.exists() && newData.child('status').val() === 'open' && newData.child('createdAt').val() === now && !newData.hasChild('reply') && !newData.hasChild('repliedBy') && !newData.hasChild('repliedByName') && !newData.hasChild('repliedAt') && !newData.hasChild('closedAt'))`,
      `((${ADMIN}) && data.exists() && newData.exists())`,
    ].join(' || '),
    '.validate': "newData.hasChildren(['retailerUid', 'partyId', 'subject', 'text', 'status', 'createdAt', 'updatedAt'])",
    retailerUid: { '.validate': fixed('newData.val() === auth.uid || data.exists()') },
    partyId: { '.validate': fixed(`newData.isString() && (data.exists() || newData.val() === ${USER}.child('partyId').val())`) },
    subject: { '.validate': fixed(`${text(1, 120)} && newData.val().matches(/[^ ]/) && ${NO_HTML}`) },
    text: { '.validate': fixed(`${text(1, 2000)} && newData.val().matches(/[^ ]/) && ${NO_HTML}`) },
    // One of the retailer's own retailer orders.
    orderId: { '.validate': fixed("newData.isString() && root.child('retailerOrders').child(newData.val()).child('retailerUid').val() === newData.parent().child('retailerUid').val()") },
    status: { '.validate': "newData.isString() && newData.val().matches(/^(open|answered|closed)$/)" },
    createdAt: { '.validate': fixed('newData.isNumber()') },
    updatedAt: { '.validate': 'newData.isNumber() && newData.val() === now' },
    // A new reply is the writer's, now, and marks the request answered.
    reply: { '.validate': `${text(1, 2000)} && newData.val().matches(/[^ ]/) && ${NO_HTML} && (newData.val() === data.val() || (newData.parent().child('repliedAt').val() === now && newData.parent().child('repliedBy').val() === auth.uid && newData.parent().child('status').val() === 'answered'))` },
    repliedBy: { '.validate': 'newData.val() === data.val() || newData.val() === auth.uid' },
    repliedByName: { '.validate': `newData.val() === data.val() || newData.val() === ${USER}.child('name').val()` },
    repliedAt: { '.validate': 'newData.isNumber() && (newData.val() === data.val() || newData.val() === now)' },
    closedAt: { '.validate': "newData.isNumber() && (newData.val() === data.val() || newData.val() === now) && newData.parent().child('status').val() === 'closed'" },
    $other: { '.validate': false },
  },
};
