/** A connection as the send budget sees it. */
export type BudgetMember = {
  /** Bytes accepted for sending and not yet handed to the network. */
  backlog(): number;
  /** Called when the budget drops this member; it must stop sending and close. */
  dropForBudget(limit: number): void;
};

/**
 * One bound on the bytes that wait unsent on all connections together. Each connection has its
 * own bound as well, but many stalled readers under it would still add up; past this one the
 * connection with the largest backlog is dropped first, until the total is back under the bound.
 *
 * Cost: each send records its own connection's backlog (O(1)). Backlogs only grow by sends, so
 * the recorded total is an upper bound; it is re-read from every connection (O(n)) only when it
 * passes the bound, at most once per tick.
 */
export class SendBudget {
  private readonly known = new Map<BudgetMember, number>();
  private total = 0;
  private refreshedThisTick = false;

  constructor(readonly limit: number) {}

  /** Records `m`'s backlog after a send, and drops the largest backlogs while over the bound. */
  note(m: BudgetMember): void {
    this.record(m, m.backlog());
    if (this.total <= this.limit) return;
    if (!this.refreshedThisTick) {
      this.refreshedThisTick = true;
      setImmediate(() => (this.refreshedThisTick = false));
      for (const k of this.known.keys()) this.record(k, k.backlog());
    }
    while (this.total > this.limit) {
      let largest: BudgetMember | null = null;
      let size = -1;
      for (const [k, v] of this.known) {
        if (v > size) {
          largest = k;
          size = v;
        }
      }
      if (largest === null) break;
      this.forget(largest);
      largest.dropForBudget(this.limit);
    }
  }

  /** Stops counting `m` (it closed). */
  forget(m: BudgetMember): void {
    this.total -= this.known.get(m) ?? 0;
    this.known.delete(m);
  }

  private record(m: BudgetMember, bytes: number): void {
    this.total += bytes - (this.known.get(m) ?? 0);
    this.known.set(m, bytes);
  }
}
