import { computed, type ReadonlySignal } from '@preact/signals-core';
import { currentUser, type SessionUser, type userRecord } from './auth.ts';
import type { UserRecord } from '../domain/types.ts';
import { userRecordWithCopy } from './snapshotCache.ts';

/** Which app a screen belongs to: the staff app (index.html) or the retailer portal. */
export type AppKind = 'staff' | 'retailer';

/** What the signed-in person may see in an app, decided from the session and `users/{uid}`. */
export type Access =
  | { kind: 'starting' }
  | { kind: 'signed-out' }
  | { kind: 'loading'; user: SessionUser }
  | { kind: 'no-record'; user: SessionUser }
  | { kind: 'denied'; user: SessionUser }
  | { kind: 'invalid-record'; user: SessionUser; problem: string }
  | { kind: 'pending'; user: SessionUser; record: UserRecord }
  | { kind: 'removed'; user: SessionUser; record: UserRecord }
  | { kind: 'wrong-app'; user: SessionUser; record: UserRecord }
  | { kind: 'ready'; user: SessionUser; record: UserRecord };

/** The access rule of the app shells; the database rules enforce the same split. */
export function accessOf(app: AppKind, user: SessionUser | null | undefined, record: ReturnType<typeof userRecord.peek>): Access {
  if (user === undefined) return { kind: 'starting' };
  if (user === null) return { kind: 'signed-out' };
  if (record.state === 'loading') return { kind: 'loading', user };
  if (record.state === 'denied') return { kind: 'denied', user };
  if (record.state === 'missing') return { kind: 'no-record', user };
  if (record.state === 'invalid') return { kind: 'invalid-record', user, problem: record.problem };
  const r = record.value;
  if (r.status === 'pending') return { kind: 'pending', user, record: r };
  // A disabled account is shut out like a removed one; the notice tells which (record.status).
  if (r.status === 'removed' || r.status === 'disabled') return { kind: 'removed', user, record: r };
  const isStaff = r.role === 'staff' || r.role === 'admin';
  if (isStaff !== (app === 'staff')) return { kind: 'wrong-app', user, record: r };
  return { kind: 'ready', user, record: r };
}

/** Live access of the signed-in person to `app` (the staff app opens offline on the user's saved record). */
export function accessSignal(app: AppKind): ReadonlySignal<Access> {
  // Both apps open from the record saved on this device while the live one loads (the portal too, since issue 13: Place order opens without a round trip).
  return computed(() => accessOf(app, currentUser.value, userRecordWithCopy.value));
}
