/** database.rules.json: settings. */
import { denseIndex } from './lists.ts';
import { ADMIN, STAFF, type RuleTree } from './macros.ts';
import { retailerStockSetting } from './portal.ts';

/** Most areas one weekday may list (MAX_AREAS_PER_DAY in src/domain/delivery.ts). */
const MAX_AREAS_PER_DAY = 50;

export const settings: RuleTree = {
  ".read": `${STAFF}`,
  "expiry": {
    ".write": `${ADMIN}`,
    ".validate": `newData.hasChildren(['afterDays', 'graceDays'])`,
    "afterDays": {
      ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 365 && newData.val() % 1 === 0`,
    },
    "graceDays": {
      ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 365 && newData.val() % 1 === 0`,
    },
    "$other": {
      ".validate": false,
    },
  },
  "retentionDays": {
    ".write": `${ADMIN}`,
    ".validate": `newData.isNumber() && newData.val() >= 1 && newData.val() <= 3650 && newData.val() % 1 === 0`,
  },
  // Sent records move to sentArchive this many days after billing (absent: 365).
  "archiveAfterDays": {
    ".write": `${ADMIN}`,
    ".validate": `newData.isNumber() && newData.val() >= 30 && newData.val() <= 3650 && newData.val() % 1 === 0`,
  },
  "deliveryPlan": {
    ".write": `${ADMIN}`,
    // An object of weekdays, each a list of area names (never a string or a nested record).
    ".validate": `newData.hasChildren()`,
    "$day": {
      ".validate": `$day.matches(/^(mon|tue|wed|thu|fri|sat|sun)$/) && newData.hasChild('0')`,
      "$i": {
        ".validate": `${denseIndex('$i', MAX_AREAS_PER_DAY)} && newData.isString() && newData.val().length >= 1 && newData.val().length <= 60 && !newData.val().matches(/^\\s|\\s$/)`,
      },
    },
  },
  // What retailers see of stock: 'exact' or 'bands' (rules/portal.ts).
  "retailerStock": { ...retailerStockSetting, ".write": `${ADMIN}` },
  "$other": {
    ".validate": false,
  },
};

