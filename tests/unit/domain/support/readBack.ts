/** Reads records back from a RulesDb the way the data layer must: every record through its schema. */
import type { OrderRecords } from '../../../../src/domain/conservation.ts';
import { parse, type Schema } from '../../../../src/domain/schema.ts';
import type { LedgerEntry, OrderId, OrderState, SentId, SentRecord, SkuId } from '../../../../src/domain/types.ts';
import { billingSchema, deletedSchema, expiredSchema, ledgerSchema, orderTallySchema, pendingSchema, sentSchema, stockSchema } from '../../../../src/domain/validate.ts';
import type { RulesDb } from './rulesDb.ts';

function parsed<T>(schema: Schema<T>, value: unknown, path: string): T {
  const r = parse(schema, value, path);
  if (!r.ok) throw new Error(`${path} read back invalid: ${JSON.stringify(r.errors)}`);
  return r.value;
}

function optional<T>(db: RulesDb, schema: Schema<T>, path: string): T | undefined {
  const v = db.get(path);
  return v === null ? undefined : parsed(schema, v, path);
}

const children = (db: RulesDb, path: string): [string, unknown][] => {
  const v = db.get(path);
  return v === null ? [] : Object.entries(v as Record<string, unknown>);
};

/** The order's state as a client would read it. */
export function readState(db: RulesDb, id: OrderId): OrderState {
  const rev = db.get(`orderRev/${id}`);
  const state: OrderState = { id, rev: typeof rev === 'number' ? rev : 0 };
  const pending = optional(db, pendingSchema, `orders/${id}`);
  const billing = optional(db, billingSchema, `billing/${id}`);
  const deleted = optional(db, deletedSchema, `deleted/${id}`);
  const expired = optional(db, expiredSchema, `expired/${id}`);
  if (pending) state.pending = pending;
  if (billing) state.billing = billing;
  if (deleted) state.deleted = deleted;
  if (expired) state.expired = expired;
  return state;
}

/** All sent records with their ids (validated). */
export const readSentEntries = (db: RulesDb): [SentId, SentRecord][] => children(db, 'sent').map(([k, v]) => [k as SentId, parsed(sentSchema, v, `sent/${k}`)]);
/** All sent records (validated). */
export const readSent = (db: RulesDb): SentRecord[] => readSentEntries(db).map(([, r]) => r);

/** Every record of one order, for checkConservation. */
export function readRecords(db: RulesDb, id: OrderId): OrderRecords {
  const state = readState(db, id);
  const sent = readSent(db).filter((s) => s.orderId === id);
  const tally = optional(db, orderTallySchema, `orderTally/${id}`);
  return { pending: state.pending, billing: state.billing, deleted: state.deleted, expired: state.expired, sent, ...(tally && { tally }) };
}

/** Stock quantities by SKU (validated records). */
export function readStock(db: RulesDb): Partial<Record<SkuId, number>> {
  return Object.fromEntries(children(db, 'stock').map(([k, v]) => [k, parsed(stockSchema, v, `stock/${k}`).qty]));
}

/** The whole ledger (validated). */
export const readLedger = (db: RulesDb): LedgerEntry[] => children(db, 'stockLedger').map(([k, v]) => parsed(ledgerSchema, v, `stockLedger/${k}`));
