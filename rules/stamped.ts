/**
 * database.rules.json: collections that devices resume from their saved copy (issue 11). Each
 * record carries `updatedAt`, the server's time of its last change, required by the record's
 * `.validate` (`stampedRecord`), which the server runs on every write inside the record whose new
 * value exists; each removal leaves a tombstone `gone/{collection}/{id}` = the server's time of
 * the removal, required by every `.write` that can grant a write inside the record (`tombstoned`
 * through `withWriteCondition`: `.validate` does not run on deletions). Pending orders
 * (rules/orders.ts), the catalogue and the parties (rules/catalog.ts) share this.
 */
import { STAFF, type RuleTree } from './macros.ts';

/** `newData` of the root, from a node `depth` levels below it. */
export const up = (depth: number): string => `newData${'.parent()'.repeat(depth)}`;

/** Days a tombstone (`gone/{collection}/$id`) is kept; the app's GONE_KEEP_DAYS (src/domain/snapshot.ts). */
export const GONE_KEEP_DAYS = 30;

/** A resumed collection: its top-level path and the rules variable naming a record's key. */
export type Tombstoned = { collection: string; id: string };

/** The collections whose removals leave tombstones under `gone/`. */
export const TOMBSTONED: readonly Tombstoned[] = [
  { collection: 'orders', id: '$orderId' },
  { collection: 'catalog', id: '$productId' },
  { collection: 'parties', id: '$partyId' },
];

/** `.validate` of a stamped record: whenever it stays, this write sets its `updatedAt` to now. */
export const stampedRecord = "newData.child('updatedAt').val() === now";

/**
 * When this write removes `collection/id`, its tombstone `gone/collection/id` is the server's now
 * in the same write; when it creates the record, no tombstone is left (so a tombstone exists only
 * while the record does not, and devices resuming their copy see every removal).
 */
export const tombstoned =
  ({ collection, id }: Tombstoned) =>
  (depth: number): string => {
    const was = `root.child('${collection}').child(${id}).exists()`;
    const is = `${up(depth)}.child('${collection}').child(${id}).exists()`;
    const tomb = `${up(depth)}.child('gone').child('${collection}').child(${id})`;
    return `(${was} === ${is} || (${is} ? !${tomb}.exists() : ${tomb}.val() === now))`;
  };

/**
 * `node` (at `depth`) with `condition` (of the depth of each grant) added to every `.write` in
 * it: a record can be removed field by field and `.validate` does not run on deletions, so each
 * grant that can remove the record's last field must check it (Home's counter, the tombstone).
 */
export function withWriteCondition(node: RuleTree, depth: number, condition: (depth: number) => string): RuleTree {
  const out: RuleTree = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '.write' && typeof value === 'string') out[key] = `(${value}) && ${condition(depth)}`;
    else if (typeof value === 'object' && !Array.isArray(value)) out[key] = withWriteCondition(value, depth + 1, condition);
    else out[key] = value;
  }
  return out;
}

/** The record node `collection/$id` (at depth 2) whose removal requires its tombstone. */
export const withTombstone = (t: Tombstoned, record: RuleTree): RuleTree => withWriteCondition(record, 2, tombstoned(t));

/**
 * Tombstones `gone/{collection}/$id` = the server's time of the removal, written only in the write
 * that removes the record (which requires it, see `tombstoned`), by active staff, as now. Removed
 * when the record comes back (re-created in the same write), or by any active staff member once
 * older than GONE_KEEP_DAYS by the server's clock (the housekeeping trim). Devices whose copy is
 * older than that read the collection whole. Staff only: retailers resume nothing.
 */
export const gone: RuleTree = Object.fromEntries(
  TOMBSTONED.map(({ collection, id }) => {
    const stored = `root.child('${collection}').child(${id})`;
    const after = `${up(3)}.child('${collection}').child(${id})`;
    const entry: RuleTree = {
      '.read': STAFF,
      '.indexOn': ['.value'],
      [id]: {
        '.write': `(${STAFF}) && (newData.exists() ? ${stored}.exists() && !${after}.exists() : ${after}.exists() || data.val() + ${GONE_KEEP_DAYS * 86_400_000} <= now)`,
        '.validate': 'newData.isNumber() && newData.val() === now',
      },
    };
    return [collection, entry];
  }),
);
