import type { ReadonlySignal } from '@preact/signals-core';
import type { AuditEntry, OrderId } from '../domain/types.ts';
import { auditSchema } from '../domain/validate.ts';
import { liveQueryCollection, type LiveCollection } from './liveCollection.ts';
import { AUDIT_BY_ORDER } from './querySpecs.ts';

/** The audit entries of one order (query `audit` by `orderId`, indexed), live while on screen. */
export const orderHistory = (orderId: OrderId): ReadonlySignal<LiveCollection<AuditEntry>> => liveQueryCollection(AUDIT_BY_ORDER, orderId, auditSchema);
