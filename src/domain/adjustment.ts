/**
 * The admin's changes to a retailer order at approval: a line's quantity reduced (0 removes the
 * line), with a reason the retailer sees. The approved order carries the new quantities (so the
 * tally's `ordered` is the adjusted quantity and conservation holds from the start), and
 * `retailerOrders/{id}/adjustments/{lineKey}` records `{line, from, to}` for each changed line
 * (`line`: its index in the request, so the rules can check `from` against what was asked).
 *
 * Only reductions: the retailer asked for at most `from` pieces, and an order for more is theirs
 * to place (docs/decisions/006-approval-adjusts-down-only.md). At least one line must remain: an
 * order refused whole is a rejection, with its own reason.
 */
import type { FieldError } from './errors.ts';
import { DomainError } from './errors.ts';
import { lineKey, lineLabel } from './lines.ts';
import type { Adjustments, Line } from './types.ts';
import { parseReason } from './validate.ts';

/** A checked adjustment: the approved lines (request order, zeroes dropped), what changed, and why. */
export type Adjustment = { lines: Line[]; adjustments: Adjustments; reason: string };

/** A quantity typed in the form: digits only ("-1", "1.5", "2e3" and "" are refused). */
const typedQty = (s: string): number | null => (/^\s*\d{1,7}\s*$/.test(s) ? Number(s.trim()) : null);

/** The problems of new quantities `qty` (one per request line, same order) and `reason`, each naming its field. */
export function adjustmentProblems(request: readonly Line[], qty: readonly unknown[], reason: unknown): FieldError[] {
  const problems: FieldError[] = [];
  if (qty.length !== request.length) problems.push({ field: 'lines', message: `must have ${request.length} quantities, not ${qty.length}` });
  request.forEach((l, i) => {
    const q = qty[i];
    const field = `lines[${i}].qty`;
    if (typeof q !== 'number' || !Number.isSafeInteger(q) || q < 0) problems.push({ field, message: `(${lineLabel(l)}) must be a whole number from 0 to ${l.qty}` });
    else if (q > l.qty) problems.push({ field, message: `(${lineLabel(l)}) cannot be more than the ${l.qty} ordered; the retailer orders more themselves` });
  });
  if (problems.length === 0) {
    if (request.every((l, i) => qty[i] === l.qty)) problems.push({ field: 'lines', message: 'no quantity was changed; approve without changes instead' });
    else if (request.every((_, i) => qty[i] === 0)) problems.push({ field: 'lines', message: 'at least one line must remain; to refuse the whole order, reject it' });
  }
  const r = parseReason(reason);
  if (!r.ok) problems.push(...r.errors);
  return problems;
}

/** Parses the form's texts (one per request line) into quantities, then checks them; field-named problems or the quantities and trimmed reason. */
export function parseAdjustmentForm(
  request: readonly Line[],
  texts: readonly string[],
  reason: string,
): { ok: true; qty: number[]; reason: string } | { ok: false; errors: FieldError[] } {
  const qty = texts.map((t) => typedQty(t) ?? Number.NaN);
  const errors = adjustmentProblems(request, qty, reason);
  return errors.length === 0 ? { ok: true, qty, reason: reason.trim() } : { ok: false, errors };
}

/** Builds the adjustment of `request` to `qty` with `reason`; throws a DomainError naming every bad field. */
export function adjustRequest(request: readonly Line[], qty: readonly number[], reason: string): Adjustment {
  const problems = adjustmentProblems(request, qty, reason);
  if (problems.length > 0) throw new DomainError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
  const adjustments: Adjustments = {};
  const lines: Line[] = [];
  request.forEach((l, i) => {
    const to = qty[i] ?? l.qty;
    if (to !== l.qty) adjustments[lineKey(l)] = { line: i, from: l.qty, to };
    if (to > 0) lines.push({ ...l, qty: to });
  });
  return { lines, adjustments, reason: reason.trim() };
}
