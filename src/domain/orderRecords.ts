/**
 * How order records are stored, and the finest writes that change them.
 *
 * In memory a record's `lines`, `ordered` and `picked` are arrays; in the database they are
 * objects keyed by the line key (`lineKey`: product, colour, size), so the rules can name one
 * line of one order in every collection and check the conservation law per line. Each order also
 * has a tally, `orderTally/{orderId}/{lineKey}`: what was ordered (write-once), the running total
 * sent, and the running total purged. The rules check, on every write that touches a line:
 *
 *     ordered = pending + billing + deleted + expired + sent + purged
 *
 * The rules grant a whole-record write only where the record does not exist yet. A transition
 * that changes or removes an existing record therefore writes each changed field and each changed
 * line on its own path (`orders/X/lines/K`), and a removed record is removed field by field and
 * line by line, so the rules see every line that moves.
 */
import { lineKey, storeLines } from './lines.ts';
import { increment, PATHS, type Patch } from './patch.ts';
import type { Line, OrderId, SentId } from './types.ts';

/** Lines as stored: keyed by line key. */
export type StoredLines = Record<string, Line>;

/** `orderTally/{orderId}/{lineKey}`: one ordered line and where its pieces went for good. */
export type TallyLine = {
  productId: Line['productId'];
  color: string;
  size: string;
  /** As first placed; never changes. */
  ordered: number;
  /** Running total billed (the sum of this line over the order's `sent` records). */
  sent: number;
  /** Running total removed for good (permanent deletes and retention purges). */
  purged: number;
  /** The sent record that last changed `sent`. */
  lastSent?: SentId;
};
/** `orderTally/{orderId}`. */
export type OrderTally = Record<string, TallyLine>;

const ORDER_TALLY = PATHS.orderTally;

/** The fields of a record that hold lines. */
const LINE_FIELDS = new Set(['lines', 'ordered', 'picked']);

export { storeLines };

/** A record as stored: its line arrays keyed by line key; other fields as they are. */
export function storeRecord(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    out[k] = LINE_FIELDS.has(k) ? storeLines(v as Line[]) : v;
  }
  return out;
}

/**
 * A stored record as the domain holds it (keyed lines back to lists), WITHOUT validation: only for
 * records this process wrote itself (the seed's in-memory tree). Records read from the database go
 * through their schema in validate.ts instead.
 */
export function loadTrustedRecord<R>(stored: Record<string, unknown>): R {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stored)) out[k] = LINE_FIELDS.has(k) ? Object.values(v as StoredLines) : v;
  return out as R;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The writes that turn the stored record at `path` from `before` into `after` (null removes it):
 * the whole record when it is new, else each changed field and each changed line on its own path.
 */
export function recordWrites(path: string, before: object | undefined, after: object | null): Patch {
  if (before === undefined) return after === null ? {} : { [path]: storeRecord(after) };
  const old = storeRecord(before);
  const next = after === null ? {} : storeRecord(after);
  const patch: Patch = {};
  for (const field of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const o = old[field];
    const n = next[field];
    if (same(o, n)) continue;
    if (field !== 'lines') {
      patch[`${path}/${field}`] = n ?? null;
      continue;
    }
    // Lines move one by one: each changed line is a write of its own, checked by the rules.
    const ol = (o ?? {}) as StoredLines;
    const nl = (n ?? {}) as StoredLines;
    for (const key of new Set([...Object.keys(ol), ...Object.keys(nl)])) {
      const a = ol[key];
      const b = nl[key];
      if (b === undefined) patch[`${path}/lines/${key}`] = null;
      else if (a === undefined) patch[`${path}/lines/${key}`] = b;
      else if (a.qty !== b.qty) patch[`${path}/lines/${key}/qty`] = b.qty;
    }
  }
  return patch;
}

/** A new order's tally: every ordered line, nothing sent or purged yet. */
export function newTally(orderId: OrderId, ordered: readonly Line[]): Patch {
  const tally: OrderTally = {};
  for (const l of ordered) tally[lineKey(l)] = { productId: l.productId, color: l.color, size: l.size, ordered: l.qty, sent: 0, purged: 0 };
  return { [`${ORDER_TALLY}/${orderId}`]: tally };
}

/** Adds billed lines to the tally's running `sent` totals, naming the sent record that carries them. */
export function tallySent(orderId: OrderId, sentId: SentId, lines: readonly Line[]): Patch {
  const patch: Patch = {};
  for (const l of lines) {
    const at = `${ORDER_TALLY}/${orderId}/${lineKey(l)}`;
    patch[`${at}/sent`] = increment(l.qty);
    patch[`${at}/lastSent`] = sentId;
  }
  return patch;
}

/** Adds purged lines to the tally's running `purged` totals. */
export function tallyPurged(orderId: OrderId, lines: readonly Line[]): Patch {
  const patch: Patch = {};
  for (const l of lines) patch[`${ORDER_TALLY}/${orderId}/${lineKey(l)}/purged`] = increment(l.qty);
  return patch;
}
