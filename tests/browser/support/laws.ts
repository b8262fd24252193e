/**
 * Reading the database back as the owner and checking the business laws on it: every order
 * line's conservation (ordered = pending + billing + sent + deleted + expired), the stock law
 * (stock = the ledger's sum, and every billed piece has its ledger entry), and Home's counters
 * (`counts/orders`, `counts/billing`) against a recount of the records.
 */
import { expect } from 'vitest';
import { readOrderState } from '../../../src/data/orderKernel.ts';
import { checkConservation, checkStock } from '../../../src/domain/conservation.ts';
import { parse, type Schema } from '../../../src/domain/schema.ts';
import type { OrderId, OrderState, SentRecord, SkuId } from '../../../src/domain/types.ts';
import { ledgerSchema, orderTallySchema, recordCountSchema, sentSchema, stockSchema } from '../../../src/domain/validate.ts';
import type { AppStack } from './stack.ts';

function parsed<T>(schema: Schema<T>, value: unknown, path: string): T {
  const r = parse(schema, value, path);
  if (!r.ok) throw new Error(`${path} is invalid: ${JSON.stringify(r.errors)}`);
  return r.value;
}

/** Every child of `path`, each checked with its schema. */
export async function children<T>(stack: AppStack, path: string, schema: Schema<T>): Promise<[string, T][]> {
  const v = (await stack.rest('GET', `/${path}.json`)) as Record<string, unknown> | null;
  return Object.entries(v ?? {}).map(([k, x]) => [k, parsed(schema, x, `${path}/${k}`)]);
}

/** The order as stored (revision and records), read by the app's own read path as the owner. */
export function readState(stack: AppStack, id: OrderId): Promise<OrderState> {
  return readOrderState(stack.ownerDb(), id);
}

/** The sent records of one order. */
export async function sentOf(stack: AppStack, id: OrderId): Promise<SentRecord[]> {
  return (await children(stack, 'sent', sentSchema)).map(([, s]) => s).filter((s) => s.orderId === id);
}

/** Asserts that `counts/orders` and `counts/billing` hold the number of pending and billing records (absent = 0). */
export async function expectCountsHold(stack: AppStack): Promise<void> {
  for (const c of ['orders', 'billing'] as const) {
    const stored = await stack.rest('GET', `/counts/${c}.json`);
    const n = stored === null ? 0 : parsed(recordCountSchema, stored, `counts/${c}`).n;
    expect(n, `counts/${c}/n against a recount of ${c}`).toBe(await stack.childCount(c));
  }
}

/** Asserts the order's conservation, the stock law and Home's counters over the whole database. */
export async function expectLawsHold(stack: AppStack, id: OrderId): Promise<void> {
  const { pending, billing, deleted, expired } = await readState(stack, id);
  const rawTally = await stack.rest('GET', `/orderTally/${id}.json`);
  const tally = rawTally === null ? undefined : parsed(orderTallySchema, rawTally, `orderTally/${id}`);
  expect(tally, `orderTally/${id}`).toBeDefined();
  const violations = checkConservation(id, { ...(pending && { pending }), ...(billing && { billing }), ...(deleted && { deleted }), ...(expired && { expired }), sent: await sentOf(stack, id), ...(tally && { tally }) });
  expect(violations, `conservation of ${id}`).toEqual([]);
  // Devices resume Pending from the stamps: a pending part carries one, and only a removed order has a tombstone.
  const tomb: unknown = await stack.rest('GET', `/gone/orders/${id}.json`);
  if (pending !== undefined) {
    expect(pending.updatedAt, `orders/${id}/updatedAt`).toEqual(expect.any(Number));
    expect(tomb, `gone/orders/${id} while the order is pending`).toBeNull();
  }
  const stock = Object.fromEntries((await children(stack, 'stock', stockSchema)).map(([k, s]) => [k, s.qty])) as Partial<Record<SkuId, number>>;
  const ledger = (await children(stack, 'stockLedger', ledgerSchema)).map(([, e]) => e);
  const sent = (await children(stack, 'sent', sentSchema)).map(([, s]) => s);
  expect(checkStock(stock, ledger, sent), 'stock law').toEqual([]);
  await expectCountsHold(stack);
}
