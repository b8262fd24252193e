/**
 * Support requests ("Report a problem"): a retailer writes a subject, a text and optionally one of
 * their own orders; an admin replies and closes. `support/{requestId}` (docs/data-model.md);
 * the rules are rules/support.ts. Pure: validation and the patches of the three writes.
 */
import { fail } from './errors.ts';
import { id, object, oneOf, parse, text, time, type Result, type Schema } from './schema.ts';
import type { OrderId, PartyId, Time, Uid } from './types.ts';
import type { Patch } from './patch.ts';

/** Lengths the rules hold the texts to. */
export const SUPPORT_LIMITS = { subject: 120, text: 2000, reply: 2000, name: 80 } as const;

/** A request's state: waiting for the admins, answered, or closed. */
export type SupportStatus = 'open' | 'answered' | 'closed';

/** `support/{requestId}`. */
export type SupportRequest<T extends Time = number> = {
  retailerUid: Uid;
  partyId: PartyId;
  subject: string;
  text: string;
  orderId?: OrderId;
  status: SupportStatus;
  createdAt: T;
  updatedAt: T;
  reply?: string;
  repliedBy?: Uid;
  repliedByName?: string;
  repliedAt?: T;
  closedAt?: T;
};

/** What the form sends. */
export type SupportInput = { subject: string; text: string; orderId: string };

// Text shown to admins and the retailer must not carry markup: refused, not escaped away.
const NO_HTML = { pattern: /^[^<>]*$/s, patternMessage: 'must not contain < or > (no HTML)' };
const body = (max: number): Schema<string> => text({ min: 1, max, multiline: true, ...NO_HTML });

/** A stored request read back (markup is refused on the way in; read back, any text shows as text). */
export const supportSchema: Schema<SupportRequest> = object(
  {
    retailerUid: id<Uid>(),
    partyId: id<PartyId>(),
    subject: text({ min: 1, max: SUPPORT_LIMITS.subject }),
    text: text({ min: 1, max: SUPPORT_LIMITS.text, multiline: true }),
    status: oneOf(['open', 'answered', 'closed'] as const),
    createdAt: time,
    updatedAt: time,
  },
  {
    orderId: id<OrderId>(),
    reply: text({ min: 1, max: SUPPORT_LIMITS.reply, multiline: true }),
    repliedBy: id<Uid>(),
    repliedByName: text({ min: 1, max: SUPPORT_LIMITS.name }),
    repliedAt: time,
    closedAt: time,
  },
);

/**
 * Checks the form: subject and text required, bounded, no HTML; the order, when chosen, must be
 * one of `ownOrders` (the retailer's own). Errors name the field: `subject`, `text`, `orderId`.
 */
export function parseSupportInput(input: SupportInput, ownOrders: ReadonlySet<string>): Result<{ subject: string; text: string; orderId?: OrderId }> {
  const r = parse(object({ subject: text({ min: 1, max: SUPPORT_LIMITS.subject, trim: true, ...NO_HTML }), text: text({ min: 1, max: SUPPORT_LIMITS.text, multiline: true, trim: true, ...NO_HTML }) }), { subject: input.subject, text: input.text });
  const orderId = input.orderId.trim();
  const errors = r.ok ? [] : [...r.errors];
  if (orderId !== '' && !ownOrders.has(orderId)) errors.push({ field: 'orderId', message: 'is not one of your orders' });
  if (errors.length > 0 || !r.ok) return { ok: false, errors };
  return { ok: true, value: { ...r.value, ...(orderId === '' ? {} : { orderId: orderId as OrderId }) } };
}

/** The retailer's new request. */
export function createSupportPatch(requestId: string, input: { subject: string; text: string; orderId?: OrderId }, who: { uid: Uid; partyId: PartyId }, now: Time): Patch {
  const record: SupportRequest<Time> = { retailerUid: who.uid, partyId: who.partyId, subject: input.subject, text: input.text, status: 'open', createdAt: now, updatedAt: now };
  if (input.orderId !== undefined) record.orderId = input.orderId;
  return { [`support/${requestId}`]: record };
}

/** An admin's reply (the request becomes `answered`; a later reply replaces it). */
export function replySupportPatch(requestId: string, reply: string, who: { uid: Uid; name: string }, now: Time): Patch {
  const r = parse(body(SUPPORT_LIMITS.reply), reply.trim(), 'reply');
  if (!r.ok) fail('reply', r.errors[0]?.message ?? 'is not valid');
  const at = `support/${requestId}`;
  return { [`${at}/reply`]: r.value, [`${at}/repliedBy`]: who.uid, [`${at}/repliedByName`]: who.name, [`${at}/repliedAt`]: now, [`${at}/status`]: 'answered', [`${at}/updatedAt`]: now };
}

/** An admin closes the request. */
export function closeSupportPatch(requestId: string, now: Time): Patch {
  const at = `support/${requestId}`;
  return { [`${at}/status`]: 'closed', [`${at}/closedAt`]: now, [`${at}/updatedAt`]: now };
}
