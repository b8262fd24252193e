/** database.rules.json: orders, billing, sent, deleted, expired, retailerOrders, orderRev, orderAudit, counters, orderNumbers, orderExports. */
import { ACTIVE, RECENT, STAFF, USER, type RuleTree } from './macros.ts';

export const orders: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["createdAt","partyId"],
  "$orderId": {
    ".write": `(${STAFF}) && newData.parent().parent().child('orderRev').child($orderId).val() === (root.child('orderRev').child($orderId).exists() ? root.child('orderRev').child($orderId).val() : 0) + 1`,
    ".validate": `newData.hasChildren(['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered'])`,
    "number": {
      ".validate": `newData.isString() && newData.val().matches(/^K[1-9][0-9]{0,15}$/) && newData.parent().parent().parent().child('orderNumbers').child(newData.val()).val() === $orderId`,
    },
    "partyId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "partyName": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 500`,
    },
    "source": {
      ".validate": `newData.isString() && newData.val().matches(/^(staff|retailer)$/)`,
    },
    "createdAt": {
      ".validate": `newData.isNumber()`,
    },
    "createdBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === root.child('billing').child($orderId).child('createdBy').val() || newData.val() === root.child('deleted').child($orderId).child('createdBy').val() || newData.val() === root.child('expired').child($orderId).child('createdBy').val() || (!root.child('orderRev').child($orderId).exists() && (newData.parent().child('source').val() === 'retailer' ? newData.val() === root.child('retailerOrders').child($orderId).child('retailerUid').val() && newData.parent().parent().parent().child('retailerOrders').child($orderId).child('status').val() === 'approved' : newData.val() === auth.uid)))`,
    },
    "expiresAt": {
      ".validate": `newData.isNumber()`,
    },
    "revertedAt": {
      ".validate": `newData.isNumber()`,
    },
    "revertedBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === auth.uid)`,
    },
    "$other": {
      ".validate": false,
    },
    "lines": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
    "ordered": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
    "picked": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
  },
};

export const billing: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["partyId"],
  "$orderId": {
    ".write": `(${STAFF}) && newData.parent().parent().child('orderRev').child($orderId).val() === (root.child('orderRev').child($orderId).exists() ? root.child('orderRev').child($orderId).val() : 0) + 1`,
    ".validate": `newData.hasChildren(['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered'])`,
    "number": {
      ".validate": `newData.isString() && newData.val().matches(/^K[1-9][0-9]{0,15}$/) && newData.parent().parent().parent().child('orderNumbers').child(newData.val()).val() === $orderId`,
    },
    "partyId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "partyName": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 500`,
    },
    "source": {
      ".validate": `newData.isString() && newData.val().matches(/^(staff|retailer)$/)`,
    },
    "createdAt": {
      ".validate": `newData.isNumber()`,
    },
    "createdBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === root.child('orders').child($orderId).child('createdBy').val() || newData.val() === root.child('deleted').child($orderId).child('createdBy').val() || newData.val() === root.child('expired').child($orderId).child('createdBy').val())`,
    },
    "remarks": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 200`,
    },
    "queuedAt": {
      ".validate": `newData.isNumber()`,
    },
    "queuedBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === auth.uid)`,
    },
    "$other": {
      ".validate": false,
    },
    "lines": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
    "ordered": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
  },
};

export const sent: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["orderId","billedAt"],
  "$sentId": {
    ".write": `(${STAFF}) && newData.exists() && newData.parent().parent().child('orderRev').child(newData.child('orderId').val()).val() === (root.child('orderRev').child(newData.child('orderId').val()).exists() ? root.child('orderRev').child(newData.child('orderId').val()).val() : 0) + 1`,
    ".validate": `newData.hasChildren(['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered'])`,
    "number": {
      ".validate": `newData.isString() && newData.val().matches(/^K[1-9][0-9]{0,15}$/) && newData.parent().parent().parent().child('orderNumbers').child(newData.val()).val() === newData.parent().child('orderId').val()`,
    },
    "partyId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "partyName": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 500`,
    },
    "source": {
      ".validate": `newData.isString() && newData.val().matches(/^(staff|retailer)$/)`,
    },
    "createdAt": {
      ".validate": `newData.isNumber()`,
    },
    "createdBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === root.child('billing').child(newData.parent().child('orderId').val()).child('createdBy').val())`,
    },
    "billedAt": {
      ".validate": `newData.isNumber()`,
    },
    "billedBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === auth.uid)`,
    },
    "remarks": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 200`,
    },
    "deliveryStatus": {
      ".validate": `newData.isString() && newData.val().matches(/^(undelivered|delivered)$/)`,
    },
    "$other": {
      ".validate": false,
    },
    "orderId": {
      ".validate": `newData.isString() && (!data.exists() || newData.val() === data.val())`,
    },
    "lines": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
    "ordered": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
  },
};

export const deleted: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["deletedAt"],
  "$orderId": {
    ".write": `(${STAFF}) && newData.parent().parent().child('orderRev').child($orderId).val() === (root.child('orderRev').child($orderId).exists() ? root.child('orderRev').child($orderId).val() : 0) + 1 && (newData.exists() || (${USER}.child('role').val() === 'admin' && ${RECENT}) || newData.parent().parent().child('orders').child($orderId).child('revertedAt').val() === now || data.child('deletedAt').val() + (root.child('settings').child('retentionDays').isNumber() ? root.child('settings').child('retentionDays').val() : 30) * 86400000 <= now)`,
    ".validate": `newData.hasChildren(['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered'])`,
    "number": {
      ".validate": `newData.isString() && newData.val().matches(/^K[1-9][0-9]{0,15}$/) && newData.parent().parent().parent().child('orderNumbers').child(newData.val()).val() === $orderId`,
    },
    "partyId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "partyName": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 500`,
    },
    "source": {
      ".validate": `newData.isString() && newData.val().matches(/^(staff|retailer)$/)`,
    },
    "createdAt": {
      ".validate": `newData.isNumber()`,
    },
    "createdBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === root.child('orders').child($orderId).child('createdBy').val() || newData.val() === root.child('billing').child($orderId).child('createdBy').val() || newData.val() === root.child('expired').child($orderId).child('createdBy').val())`,
    },
    "reason": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 200`,
    },
    "deletedAt": {
      ".validate": `newData.isNumber()`,
    },
    "deletedBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === auth.uid)`,
    },
    "from": {
      ".validate": `newData.isString() && newData.val().matches(/^(pending|billing|both)$/)`,
    },
    "$other": {
      ".validate": false,
    },
    "lines": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
    "ordered": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
  },
};

export const expired: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["expiredAt"],
  "$orderId": {
    ".write": `(${STAFF}) && newData.parent().parent().child('orderRev').child($orderId).val() === (root.child('orderRev').child($orderId).exists() ? root.child('orderRev').child($orderId).val() : 0) + 1 && (newData.exists() || (${USER}.child('role').val() === 'admin' && ${RECENT}) || newData.parent().parent().child('orders').child($orderId).child('revertedAt').val() === now)`,
    ".validate": `newData.hasChildren(['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'lines', 'ordered'])`,
    "number": {
      ".validate": `newData.isString() && newData.val().matches(/^K[1-9][0-9]{0,15}$/) && newData.parent().parent().parent().child('orderNumbers').child(newData.val()).val() === $orderId`,
    },
    "partyId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "partyName": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 500`,
    },
    "source": {
      ".validate": `newData.isString() && newData.val().matches(/^(staff|retailer)$/)`,
    },
    "createdAt": {
      ".validate": `newData.isNumber()`,
    },
    "createdBy": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === root.child('orders').child($orderId).child('createdBy').val() || newData.val() === root.child('billing').child($orderId).child('createdBy').val() || newData.val() === root.child('deleted').child($orderId).child('createdBy').val())`,
    },
    "expiredAt": {
      ".validate": `newData.isNumber()`,
    },
    "expiresAt": {
      ".validate": `newData.isNumber()`,
    },
    "$other": {
      ".validate": false,
    },
    "lines": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
    "ordered": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
      },
    },
  },
};

export const retailerOrders: RuleTree = {
  ".read": `(${STAFF}) || (${ACTIVE} && query.orderByChild === 'retailerUid' && query.equalTo === auth.uid)`,
  ".indexOn": ["retailerUid","status"],
  "$orderId": {
    ".write": `((${STAFF}) && newData.parent().parent().child('orderRev').child($orderId).val() === (root.child('orderRev').child($orderId).exists() ? root.child('orderRev').child($orderId).val() : 0) + 1 && (data.child('status').val() !== 'submitted' || (${USER}.child('role').val() === 'admin' && ${RECENT}))) || (${ACTIVE} && ${USER}.child('role').val() === 'retailer' && !data.exists() && !root.child('orderRev').child($orderId).exists() && newData.child('retailerUid').val() === auth.uid && newData.child('partyId').val() === ${USER}.child('partyId').val() && newData.child('status').val() === 'submitted' && newData.child('createdAt').val() === now && !newData.hasChild('orderNumber') && !newData.hasChild('decidedBy') && !newData.hasChild('decidedAt') && !newData.hasChild('rejectReason'))`,
    ".validate": `newData.hasChildren(['retailerUid', 'partyId', 'note', 'lines', 'createdAt', 'status'])`,
    "retailerUid": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && (newData.val() === data.val() || newData.val() === auth.uid)`,
    },
    "partyId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length >= 0 && newData.val().length <= 500`,
    },
    "createdAt": {
      ".validate": `newData.isNumber()`,
    },
    "status": {
      ".validate": `newData.isString() && newData.val().matches(/^(submitted|rejected|approved|inBilling|partlySent|sent|cancelled|expired)$/)`,
    },
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
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 200`,
    },
    "$other": {
      ".validate": false,
    },
    "lines": {
      "$i": {
        ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty']) && $i.matches(/^[0-9]{1,3}$/)`,
        "productId": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
        },
        "color": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
        },
        "size": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
        },
        "$other": {
          ".validate": false,
        },
        "qty": {
          ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
        },
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

export const orderNumbers: RuleTree = {
  ".read": `${STAFF}`,
  "$number": {
    ".write": `(${STAFF}) && !data.exists() && newData.exists()`,
    ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128 && $number.matches(/^K[1-9][0-9]{0,15}$/) && ((newData.parent().parent().child('orders').child(newData.val()).child('number').val() === $number && newData.parent().parent().child('counters').child('lastOrderId').val() === newData.val() && !root.child('orderRev').child(newData.val()).exists()) || root.child('orders').child(newData.val()).child('number').val() === $number || root.child('billing').child(newData.val()).child('number').val() === $number || root.child('deleted').child(newData.val()).child('number').val() === $number || root.child('expired').child(newData.val()).child('number').val() === $number)`,
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

