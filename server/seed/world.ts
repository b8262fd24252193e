/**
 * The simulated business: the database tree, a clock, a queue of future events, and the
 * people who act. Handlers (business.ts) read records from the tree as the app would, run a
 * domain transition, and apply its patch at the simulated time.
 */
import { DEMO_ACCOUNTS, placeholderUid } from './demoAccounts.ts';
import { DAY_MS, loadTrustedRecord, SERVER_TIMESTAMP, type OrderId, type OrderState, type Patch, type TransitionCtx, type Uid } from './domain.ts';
import { PushIds } from './pushIds.ts';
import type { Random } from './random.ts';
import { applyPatch, getAt, type Tree } from './tree.ts';

const HOUR_MS = 3_600_000;
/** Working hours in UTC: 09:30–19:30 in India (UTC+5:30). */
const OPEN_HOUR = 4;
const CLOSE_HOUR = 14;

type Event = { at: number; seq: number; run: () => void };

/** A binary min-heap of events by time, then by the order they were scheduled (deterministic). */
class EventQueue {
  private readonly heap: Event[] = [];

  get size(): number {
    return this.heap.length;
  }

  private less(a: Event, b: Event): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  push(e: Event): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as Event, h[p] as Event)) break;
      [h[i], h[p]] = [h[p] as Event, h[i] as Event];
      i = p;
    }
  }

  pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < h.length && this.less(h[l] as Event, h[m] as Event)) m = l;
        if (r < h.length && this.less(h[r] as Event, h[m] as Event)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Event, h[i] as Event];
        i = m;
      }
    }
    return top;
  }
}

const uidOf = (email: string): Uid => {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (account === undefined) throw new Error(`no demo account ${email}`);
  return placeholderUid(account);
};

/** The simulation's world: tree, clock, ids and the event queue. Nothing here reads the real clock. */
export class World {
  readonly tree: Tree = {};
  /** Simulated epoch ms; `{".sv":"timestamp"}` resolves to this. */
  clock: number;
  private readonly ids: PushIds;
  private readonly queue = new EventQueue();
  private seq = 0;
  /** Events at or after this time are not simulated (the seed's `--today`, 00:00 UTC). */
  readonly end: number;
  readonly admin = uidOf('admin@d-oms.test');
  readonly staff = [uidOf('staff1@d-oms.test'), uidOf('staff2@d-oms.test')] as const;

  constructor(
    readonly random: Random,
    start: number,
    end: number,
  ) {
    this.clock = start;
    this.end = end;
    this.ids = new PushIds(random.fork());
  }

  /** A new push id at the current simulated time. */
  newId(): string {
    return this.ids.next(this.clock);
  }

  /** The transition context of `actor` now: server time, as the app writes it. */
  ctx(actor: Uid): TransitionCtx {
    return { now: SERVER_TIMESTAMP, actor, newId: () => this.newId() };
  }

  /** Applies a domain patch at the current simulated time. */
  apply(patch: Patch): void {
    applyPatch(this.tree, patch, this.clock);
  }

  /** Whoever is at the counter: mostly the two staff, sometimes the admin. */
  onDuty(): Uid {
    const x = this.random.next();
    return x < 0.47 ? this.staff[0] : x < 0.87 ? this.staff[1] : this.admin;
  }

  /** Runs `run` at `at` (in the simulated order of time) unless that is after the end. */
  at(at: number, run: () => void): void {
    if (at >= this.end) return;
    if (at < this.clock) throw new Error(`event scheduled in the past: ${at} < ${this.clock}`);
    this.queue.push({ at, seq: this.seq++, run });
  }

  /** Runs every scheduled event in time order, including those the events schedule. */
  run(): void {
    for (let e = this.queue.pop(); e !== undefined; e = this.queue.pop()) {
      this.clock = e.at;
      try {
        e.run();
      } catch (err) {
        const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw new Error(`the simulation failed at ${new Date(e.at).toISOString()}: ${why}`, { cause: err });
      }
    }
  }

  /** The next working moment at or after `t` (Mon–Sat, 09:30–19:30 IST). */
  open(t: number): number {
    let day = Math.floor(t / DAY_MS);
    let time = t;
    for (;;) {
      const isSunday = (day + 4) % 7 === 0;
      const opens = day * DAY_MS + OPEN_HOUR * HOUR_MS;
      const closes = day * DAY_MS + CLOSE_HOUR * HOUR_MS;
      if (!isSunday && time < closes) return Math.max(time, opens + (time < opens ? this.random.int(0, 45) * 60_000 + this.random.int(0, 59_999) : 0));
      day += 1;
      time = day * DAY_MS;
    }
  }

  /** A working moment `min`–`max` minutes after now. */
  afterMinutes(min: number, max: number): number {
    return this.open(this.clock + this.random.int(min * 60_000, max * 60_000));
  }

  /** A random working moment on the day `min`–`max` days from now. */
  afterDays(min: number, max: number): number {
    const day = Math.floor(this.clock / DAY_MS) + this.random.int(min, max);
    const t = day * DAY_MS + OPEN_HOUR * HOUR_MS + this.random.int(0, (CLOSE_HOUR - OPEN_HOUR) * HOUR_MS - 1);
    return this.open(Math.max(t, this.clock + 60_000));
  }

  /** A random working moment of the day starting at `dayStart` (or the next working day). */
  during(dayStart: number): number {
    return this.open(dayStart + OPEN_HOUR * HOUR_MS + this.random.int(0, (CLOSE_HOUR - OPEN_HOUR) * HOUR_MS - 1));
  }

  /** What the app would read about one order. */
  state(id: OrderId): OrderState {
    const rev = getAt(this.tree, 'orderRev', id);
    const s: OrderState = { id, rev: typeof rev === 'number' ? rev : 0 };
    const parts = [
      ['pending', 'orders'],
      ['billing', 'billing'],
      ['deleted', 'deleted'],
      ['expired', 'expired'],
    ] as const;
    for (const [part, collection] of parts) {
      const r = getAt(this.tree, collection, id);
      if (r !== undefined) Object.assign(s, { [part]: loadTrustedRecord(r as Record<string, unknown>) });
    }
    return s;
  }

  /** `counters/orderNumber` as read (0 when absent). */
  counter(): number {
    const n = getAt(this.tree, 'counters', 'orderNumber');
    return typeof n === 'number' ? n : 0;
  }

  /** The stored quantity of one SKU (0 when it has no record). */
  stockQty(sku: string): number {
    const q = getAt(this.tree, 'stock', sku, 'qty');
    return typeof q === 'number' ? q : 0;
  }
}
