/** database.rules.json: users, presence, meta. */
import { ADMIN, ID, RECENT, STAFF, USER, type RuleTree } from './macros.ts';

export const users: RuleTree = {
  ".read": `${ADMIN}`,
  ".indexOn": ["role","status"],
  "$uid": {
    ".read": `auth != null && auth.uid === $uid`,
    ".write": `((${ADMIN}) && auth.uid !== $uid && newData.exists() && ${RECENT}) || (auth != null && auth.uid === $uid && !data.exists() && newData.child('email').val() === auth.token.email && ((newData.child('role').val() === 'staff' && newData.child('status').val() === 'pending') || (newData.child('role').val() === 'admin' && newData.child('status').val() === 'active' && !root.child('meta').child('firstAdmin').exists() && newData.parent().parent().child('meta').child('firstAdmin').val() === auth.uid)))`,
    ".validate": `$uid.length <= 128 && newData.hasChildren(['name', 'email', 'role', 'status']) && (newData.child('role').val() === 'retailer') === newData.hasChild('partyId')`,
    "name": {
      ".read": `${STAFF}`,
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80 && newData.val().matches(/\\S/)`,
    },
    "email": {
      ".validate": `newData.isString() && newData.val().length >= 3 && newData.val().length <= 254 && newData.val().matches(/^[^\\s@]+@[^\\s@]+$/)`,
    },
    "role": {
      ".validate": `newData.isString() && newData.val().matches(/^(admin|staff|retailer)$/)`,
    },
    "status": {
      ".validate": `newData.isString() && newData.val().matches(/^(pending|active|removed|disabled)$/)`,
    },
    "partyId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && root.child('parties').child(newData.val()).exists()`,
    },
    "$other": {
      ".validate": false,
    },
  },
};

export const presence: RuleTree = {
  ".read": `${STAFF}`,
  "$uid": {
    // A disabled account writes nothing, not even its presence.
    ".write": `auth != null && auth.uid === $uid && newData.exists() && ${USER}.child('status').val() !== 'disabled'`,
    ".validate": `$uid.length <= 128 && newData.hasChildren(['online', 'lastSeen'])`,
    "online": {
      ".validate": `newData.isBoolean()`,
    },
    "lastSeen": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= now`,
    },
    "$other": {
      ".validate": false,
    },
  },
};

export const meta: RuleTree = {
  "firstAdmin": {
    ".read": `auth != null && ${USER}.child('status').val() !== 'disabled'`,
    ".write": `auth != null && !data.exists() && newData.val() === auth.uid && !${USER}.exists() && newData.parent().parent().child('users').child(auth.uid).child('role').val() === 'admin' && newData.parent().parent().child('users').child(auth.uid).child('status').val() === 'active'`,
    ".validate": ID,
  },
  "$other": {
    ".validate": false,
  },
};

