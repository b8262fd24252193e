/** database.rules.json: stock, stockLedger, stockImports. */
import { ACTIVE, RECENT, STAFF, USER, type RuleTree } from './macros.ts';

export const stock: RuleTree = {
  ".read": `${ACTIVE}`,
  ".indexOn": ["productId"],
  "$skuId": {
    ".write": `(${STAFF}) && newData.exists()`,
    ".validate": `newData.hasChildren(['productId', 'color', 'size', 'qty', 'updatedAt', 'ledgerId']) && newData.child('ledgerId').val() !== data.child('ledgerId').val() && newData.parent().parent().child('stockLedger').child(newData.child('ledgerId').val()).child('skuId').val() === $skuId && !root.child('stockLedger').child(newData.child('ledgerId').val()).exists()`,
    "qty": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() % 1 === 0`,
    },
    "productId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "color": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40`,
    },
    "size": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20`,
    },
    "updatedAt": {
      ".validate": `newData.isNumber()`,
    },
    "ledgerId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "$other": {
      ".validate": false,
    },
  },
};

export const stockLedger: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["skuId","at"],
  "$ledgerId": {
    ".write": `(${STAFF}) && !data.exists() && newData.exists()`,
    ".validate": `newData.hasChildren(['skuId', 'reason', 'before', 'delta', 'actor', 'at']) && newData.child('actor').val() === auth.uid && newData.child('before').val() === (root.child('stock').child(newData.child('skuId').val()).child('qty').exists() ? root.child('stock').child(newData.child('skuId').val()).child('qty').val() : 0) && newData.parent().parent().child('stock').child(newData.child('skuId').val()).child('qty').val() === newData.child('before').val() + newData.child('delta').val() && newData.parent().parent().child('stock').child(newData.child('skuId').val()).child('ledgerId').val() === $ledgerId`,
    "reason": {
      ".validate": `newData.isString() && newData.val().matches(/^(import|adjust|bill)$/) && (newData.val() !== 'adjust' || (newData.parent().child('note').isString() && newData.parent().child('note').val().matches(/\\S/)))`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length <= 500`,
    },
    "skuId": {
      ".validate": `newData.isString() && newData.val().length >= 5 && newData.val().length <= 768`,
    },
    "before": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000000 && newData.val() % 1 === 0`,
    },
    "delta": {
      ".validate": `newData.isNumber() && newData.val() >= -1000000000 && newData.val() <= 1000000000 && newData.val() % 1 === 0`,
    },
    "actor": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "at": {
      ".validate": `newData.isNumber()`,
    },
    "orderId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "sentId": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 128`,
    },
    "billed": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
    },
    "shortfall": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
    },
    "$other": {
      ".validate": false,
    },
  },
};

export const stockImports: RuleTree = {
  ".read": `(${STAFF})`,
  ".indexOn": ["at"],
  "$importId": {
    ".write": `(${STAFF}) && !data.exists() && newData.exists() && ${RECENT}`,
    ".validate": `newData.hasChildren(['actor', 'actorName', 'at', 'file', 'rows', 'added', 'changed', 'removed', 'errors']) && newData.child('actor').val() === auth.uid && newData.child('actorName').val() === ${USER}.child('name').val() && newData.child('at').val() === now`,
    "actor": {
      ".validate": `newData.isString()`,
    },
    "actorName": {
      ".validate": `newData.isString()`,
    },
    "at": {
      ".validate": `newData.isNumber()`,
    },
    "file": {
      ".validate": `newData.isString() && newData.val().length <= 200`,
    },
    "rows": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 50000 && newData.val() % 1 === 0`,
    },
    "added": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
    },
    "changed": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
    },
    "removed": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000 && newData.val() % 1 === 0`,
    },
    "errors": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 50000 && newData.val() % 1 === 0`,
    },
    "$other": {
      ".validate": false,
    },
  },
};

