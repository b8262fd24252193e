/** database.rules.json: settings. */
import { ADMIN, STAFF, type RuleTree } from './macros.ts';

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
  "deliveryPlan": {
    ".write": `${ADMIN}`,
    "$day": {
      ".validate": `$day.matches(/^(mon|tue|wed|thu|fri|sat|sun)$/)`,
      "$i": {
        ".validate": `$i.matches(/^[0-9]{1,2}$/) && newData.isString() && newData.val().length >= 1 && newData.val().length <= 60`,
      },
    },
  },
  "$other": {
    ".validate": false,
  },
};

