/** database.rules.json: audit. */
import { STAFF, type RuleTree } from './macros.ts';

export const audit: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["orderId","at"],
  "$auditId": {
    ".write": `(${STAFF}) && !data.exists() && newData.exists()`,
    ".validate": `newData.hasChildren(['action', 'orderId', 'actor', 'at', 'rev']) && newData.child('actor').val() === auth.uid && newData.child('at').val() === now && newData.child('rev').val() === newData.parent().parent().child('orderRev').child(newData.child('orderId').val()).val()`,
    "rev": {
      ".validate": `newData.isNumber() && newData.val() !== root.child('orderRev').child(newData.parent().child('orderId').val()).val()`,
    },
  },
};

