import type { ReadonlySignal } from '@preact/signals-core';
import { equalTo, onValue, orderByChild, query, ref } from 'firebase/database';
import type { AuditEntry, OrderId } from '../domain/types.ts';
import { auditSchema } from '../domain/validate.ts';
import { readyCollection, type LiveCollection } from './collections.ts';
import { auth, db } from './firebase.ts';
import { liveSignal } from './live.ts';
import { reportSyncError } from './sync.ts';

/** The audit entries of one order (query `audit` by `orderId`, indexed), live while on screen. */
export function orderHistory(orderId: OrderId): ReadonlySignal<LiveCollection<AuditEntry>> {
  const reported = new Set<string>();
  return liveSignal<LiveCollection<AuditEntry>>({ state: 'loading' }, (set) =>
    onValue(
      query(ref(db, 'audit'), orderByChild('orderId'), equalTo(orderId)),
      (snap) => set(readyCollection(snap, 'audit', auditSchema, reported)),
      (error) => {
        set({ state: 'denied' });
        if (auth.currentUser !== null) reportSyncError('audit', error);
      },
    ),
  );
}
