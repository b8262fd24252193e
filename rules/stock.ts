/** database.rules.json: stock, stockLedger, stockImports. */
import { ID, QTY, RECENT, STAFF, text, USER, type RuleTree } from './macros.ts';
import { STOCK_READ } from './portal.ts';

const entry = (field: string): string => `newData.child('${field}')`;
const REASON = entry('reason') + '.val()';
const IMPORT_ID = entry('importId') + '.val()';
const SENT = `newData.parent().parent().child('sent').child(${entry('sentId')}.val())`;
/**
 * Every ledger entry names its source, written in the same update: an import its new
 * `stockImports` record (which needs a recent sign-in), a bill its new `sent` record of the same
 * order with `delta = -(billed - shortfall)`; an adjustment needs a non-blank reason (`note`,
 * checked at `reason`). Fields of one source are refused on the others.
 */
const SOURCE = [
  `(${REASON} !== 'import' || (newData.hasChild('importId') && newData.parent().parent().child('stockImports').child(${IMPORT_ID}).exists() && !root.child('stockImports').child(${IMPORT_ID}).exists()))`,
  `(${REASON} === 'import' || !newData.hasChild('importId'))`,
  `(${REASON} !== 'bill' || (newData.hasChildren(['orderId', 'sentId', 'billed', 'shortfall']) && !root.child('sent').child(${entry('sentId')}.val()).exists() && ${SENT}.child('orderId').val() === ${entry('orderId')}.val() && ${SENT}.child('lines').child(${entry('skuId')}.val()).child('qty').val() === ${entry('billed')}.val() && ${entry('shortfall')}.val() <= ${entry('billed')}.val() && ${entry('delta')}.val() + ${entry('billed')}.val() - ${entry('shortfall')}.val() === 0))`,
  `(${REASON} === 'bill' || (!newData.hasChild('orderId') && !newData.hasChild('sentId') && !newData.hasChild('billed') && !newData.hasChild('shortfall')))`,
].join(' && ');

export const stock: RuleTree = {
  // Staff; retailers only when the admin shows them exact quantities (else they read stockBands).
  ".read": STOCK_READ,
  ".indexOn": ["productId", "updatedAt"],
  "$skuId": {
    ".write": `(${STAFF}) && newData.exists()`,
    ".validate": `$skuId.length <= 768 && newData.hasChildren(['productId', 'color', 'size', 'qty', 'updatedAt', 'ledgerId']) && newData.child('updatedAt').val() === now && newData.child('ledgerId').val() !== data.child('ledgerId').val() && newData.parent().parent().child('stockLedger').child(newData.child('ledgerId').val()).child('skuId').val() === $skuId && !root.child('stockLedger').child(newData.child('ledgerId').val()).exists()`,
    "qty": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000000 && newData.val() % 1 === 0`,
    },
    "productId": {
      ".validate": ID,
    },
    "color": {
      ".validate": text(1, 40),
    },
    "size": {
      ".validate": text(1, 20),
    },
    "updatedAt": {
      ".validate": `newData.isNumber()`,
    },
    "ledgerId": {
      ".validate": ID,
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
    ".validate": `$ledgerId.length <= 128 && newData.hasChildren(['skuId', 'reason', 'before', 'delta', 'actor', 'at']) && newData.child('actor').val() === auth.uid && newData.child('at').val() === now && ${SOURCE} && newData.child('before').val() === (root.child('stock').child(newData.child('skuId').val()).child('qty').exists() ? root.child('stock').child(newData.child('skuId').val()).child('qty').val() : 0) && newData.parent().parent().child('stock').child(newData.child('skuId').val()).child('qty').val() === newData.child('before').val() + newData.child('delta').val() && newData.parent().parent().child('stock').child(newData.child('skuId').val()).child('ledgerId').val() === $ledgerId`,
    "reason": {
      ".validate": `newData.isString() && newData.val().matches(/^(import|adjust|bill)$/) && (newData.val() !== 'adjust' || (newData.parent().child('note').isString() && newData.parent().child('note').val().matches(/\\S/)))`,
    },
    "note": {
      ".validate": `newData.isString() && newData.val().length <= 500`,
    },
    "skuId": {
      ".validate": text(5, 768),
    },
    "before": {
      ".validate": `newData.isNumber() && newData.val() >= 0 && newData.val() <= 1000000000 && newData.val() % 1 === 0`,
    },
    "delta": {
      ".validate": `newData.isNumber() && newData.val() >= -1000000000 && newData.val() <= 1000000000 && newData.val() % 1 === 0`,
    },
    "actor": {
      ".validate": ID,
    },
    "at": {
      ".validate": `newData.isNumber()`,
    },
    "orderId": {
      ".validate": ID,
    },
    "sentId": {
      ".validate": ID,
    },
    "importId": {
      ".validate": ID,
    },
    "billed": {
      ".validate": QTY,
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
    ".validate": `$importId.length <= 128 && newData.hasChildren(['actor', 'actorName', 'at', 'file', 'rows', 'added', 'changed', 'removed', 'errors']) && newData.child('actor').val() === auth.uid && newData.child('actorName').val() === ${USER}.child('name').val() && newData.child('at').val() === now`,
    "actor": {
      ".validate": ID,
    },
    "actorName": {
      ".validate": `newData.isString() && newData.val().length <= 80`,
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

