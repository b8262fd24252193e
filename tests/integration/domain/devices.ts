/**
 * A "device" for the concurrency test: a real firebase SDK client signed in as one staff uid,
 * reading and writing through the app's own order kernel (src/data/orderKernel.ts) with this
 * client's Database: the revision first, then every record through its schema; one root update().
 */
import type { Database } from 'firebase/database';
import { isDenied } from '../../../src/data/actionError.ts';
import { applyPatch, readCounter, readOrderState, readStock } from '../../../src/data/orderKernel.ts';
import { SERVER_TIMESTAMP, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import type { OrderId, OrderState, SkuId, Uid } from '../../../src/domain/types.ts';

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

  /** The order as the app reads it: the kernel's `readOrderState` on this device's Database. */
  readState(id: OrderId): Promise<OrderState> {
    return readOrderState(this.db, id);
  }

  /** Stock quantities of the given SKUs (absent = no record), through the kernel. */
  readStock(skus: readonly SkuId[]): Promise<Partial<Record<SkuId, number>>> {
    return readStock(this.db, skus);
  }

  /** The order counter, through the kernel. */
  readCounter(): Promise<number> {
    return readCounter(this.db);
  }

  /** One root update; PERMISSION_DENIED is a rejection, anything else fails the test. */
  async apply(patch: Patch): Promise<Outcome> {
    try {
      await applyPatch(this.db, patch);
      return 'accepted';
    } catch (e) {
      if (isDenied(e)) return 'rejected';
      throw e;
    }
  }
}

/** The append-only ids a patch creates: audit, ledger and sent entries. */
export const createdPaths = (patch: Patch): string[] => Object.keys(patch).filter((k) => /^(audit|stockLedger|sent)\/[^/]+$/.test(k));
