/**
 * A "device" for the concurrency test: a real firebase SDK client signed in as one staff uid
 * that reads an order the way the data layer does (revision first, then every record through
 * its schema), builds a transition with the domain and applies it with one root update().
 */
import { get, ref, update, type Database } from 'firebase/database';
import { SERVER_TIMESTAMP, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import { parse, type Schema } from '../../../src/domain/schema.ts';
import type { OrderId, OrderState, SkuId, Uid } from '../../../src/domain/types.ts';
import { billingSchema, deletedSchema, expiredSchema, pendingSchema, stockSchema } from '../../../src/domain/validate.ts';

/** Deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parsed<T>(schema: Schema<T>, value: unknown, path: string): T {
  const r = parse(schema, value, path);
  if (!r.ok) throw new Error(`${path} read back invalid: ${JSON.stringify(r.errors)}`);
  return r.value;
}

/** One outcome of applying a patch. */
export type Outcome = 'accepted' | 'rejected';

export class Device {
  private seq = 0;
  constructor(
    readonly uid: Uid,
    readonly db: Database,
  ) {}

  /** A transition context writing the server's time, with ids unique to this device. */
  ctx(): TransitionCtx {
    return { now: SERVER_TIMESTAMP, actor: this.uid, newId: () => `${this.uid}-${++this.seq}` };
  }

  async val(path: string): Promise<unknown> {
    return (await get(ref(this.db, path))).val() as unknown;
  }

  /**
   * The order as a client reads it. The revision is read FIRST: a record read after it can only
   * be as new or newer, so a patch built from a mix is stale and the rules reject it; reading
   * the revision last could pair old records with a new revision and be accepted.
   */
  async readState(id: OrderId): Promise<OrderState> {
    const rev = await this.val(`orderRev/${id}`);
    const state: OrderState = { id, rev: typeof rev === 'number' ? rev : 0 };
    const [p, b, d, e] = await Promise.all([`orders/${id}`, `billing/${id}`, `deleted/${id}`, `expired/${id}`].map((path) => this.val(path)));
    if (p !== null) state.pending = parsed(pendingSchema, p, `orders/${id}`);
    if (b !== null) state.billing = parsed(billingSchema, b, `billing/${id}`);
    if (d !== null) state.deleted = parsed(deletedSchema, d, `deleted/${id}`);
    if (e !== null) state.expired = parsed(expiredSchema, e, `expired/${id}`);
    return state;
  }

  /** Stock quantities of the given SKUs (absent = no record). */
  async readStock(skus: readonly SkuId[]): Promise<Partial<Record<SkuId, number>>> {
    const out: Partial<Record<SkuId, number>> = {};
    const values = await Promise.all(skus.map((s) => this.val(`stock/${s}`)));
    skus.forEach((s, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) out[s] = parsed(stockSchema, v, `stock/${s}`).qty;
    });
    return out;
  }

  /** One root update; PERMISSION_DENIED is a rejection, anything else fails the test. */
  async apply(patch: Patch): Promise<Outcome> {
    try {
      await update(ref(this.db), patch);
      return 'accepted';
    } catch (e) {
      if (e instanceof Error && /PERMISSION_DENIED/.test(e.message)) return 'rejected';
      throw e;
    }
  }
}

/** The append-only ids a patch creates: audit, ledger and sent entries. */
export const createdPaths = (patch: Patch): string[] => Object.keys(patch).filter((k) => /^(audit|stockLedger|sent)\/[^/]+$/.test(k));
