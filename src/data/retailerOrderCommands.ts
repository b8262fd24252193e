/**
 * Retailer orders: the admin's two decisions, approve and reject (the live lists are
 * retailerOrders.ts).
 *
 * A decision is an order command (`runOrderCommand`): it reads `orderRev/{id}` first, then
 * the retailer order, the order counter and the party's name, builds the domain patch and writes
 * it in one update. The rules accept it only while the revision is unchanged (no other admin
 * decided meanwhile), the counter is exactly stored + 1 (approval), and the writer is an admin
 * who signed in within the last 5 minutes: the screen asks for the password right before. A
 * refusal while nothing read had moved is not a race (an expired sign-in, or not an admin), so
 * the kernel does not retry it.
 */
import { adjustmentProblems } from '../domain/adjustment.ts';
import { approveRetailerOrder, rejectRetailerOrder, withDeciderName } from '../domain/placement.ts';
import { parse } from '../domain/schema.ts';
import type { OrderId, OrderState, RetailerOrder, Uid } from '../domain/types.ts';
import { parseReason, retailerOrderSchema } from '../domain/validate.ts';
import { ActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { runOrderCommand, type CommandCtx } from './orderKernel.ts';
import { transitionCtx } from './orderStore.ts';

/** The retailer order as stored now, if it is still waiting; otherwise an ActionError saying what happened. */
async function readSubmitted(read: CommandCtx, state: OrderState): Promise<RetailerOrder> {
  const path = `retailerOrders/${state.id}`;
  const raw = await read.val(path);
  if (raw === null) throw new ActionError(`Retailer order ${state.id} no longer exists.`, null, 'stale');
  const r = parse(retailerOrderSchema, raw, path);
  if (!r.ok) throw new ActionError(`${path} is not a valid record (${r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}); it cannot be decided from the app.`, path, 'invalid');
  const request = r.value;
  if (request.status !== 'submitted' || state.rev !== 0) {
    const what = request.status === 'rejected' ? 'rejected' : request.orderNumber !== undefined ? `approved as ${request.orderNumber}` : `moved on (${request.status})`;
    throw new ActionError(`This retailer order was already decided by another admin: ${what}.`, null, 'stale');
  }
  return request;
}

async function readPartyName(read: CommandCtx, request: RetailerOrder): Promise<string> {
  const name = await read.val(`parties/${request.partyId}/name`);
  if (typeof name !== 'string' || name.trim() === '') throw new ActionError(`The retailer's party (${request.partyId}) no longer exists; the order cannot be approved.`, 'partyId', 'invalid');
  return name;
}

/** The deciding admin's own name, shown on the retailer's timeline ("approved by …"). */
async function readOwnName(read: CommandCtx, uid: Uid): Promise<string> {
  const name = await read.val(`users/${uid}/name`);
  if (typeof name !== 'string' || name.trim() === '') throw new ActionError('Your account has no name; it cannot decide retailer orders.', 'name', 'invalid');
  return name;
}

const REFUSED =
  'The database refused the decision. Only an active admin who re-entered their password in the last 5 minutes may approve or reject retailer orders: try again.';

/** New quantities for the request's lines (same order; 0 removes a line) and the reason the retailer sees. */
export type ApprovalChange = { qty: readonly number[]; reason: string };

/**
 * Approves a submitted retailer order: it becomes pending order `orders/{id}` with the next K
 * number, with `change` applied first when given (only reductions; src/domain/adjustment.ts).
 */
export async function approveRetailer(id: OrderId, change?: ApprovalChange, tries = 5): Promise<{ number: string }> {
  const placed = await runOrderCommand(
    db,
    id,
    async (state, read) => {
      const request = await readSubmitted(read, state);
      if (change !== undefined) {
        // Checked against the request as stored now (the form checked the one on screen).
        const problem = adjustmentProblems(request.lines, change.qty, change.reason)[0];
        if (problem !== undefined) throw new ActionError(`Adjustment: ${problem.field} ${problem.message}.`, problem.field, 'invalid');
      }
      const counter = await read.counter();
      const ctx = transitionCtx();
      return withDeciderName(approveRetailerOrder(state, request, await readPartyName(read, request), counter, ctx, change), id, await readOwnName(read, ctx.actor));
    },
    { tries, refused: REFUSED },
  );
  return { number: placed.number };
}

/** Rejects a submitted retailer order with the reason the retailer will see (required, ≤ 200 characters). */
export async function rejectRetailer(id: OrderId, reason: string, tries = 3): Promise<void> {
  const r = parseReason(reason);
  if (!r.ok) throw new ActionError(`Reason: ${r.errors[0]?.message ?? 'is not valid'}.`, 'reason', 'invalid');
  await runOrderCommand(
    db,
    id,
    async (state, read) => {
      const ctx = transitionCtx();
      return withDeciderName(rejectRetailerOrder(state, await readSubmitted(read, state), r.value, ctx), id, await readOwnName(read, ctx.actor));
    },
    { tries, refused: REFUSED },
  );
}
