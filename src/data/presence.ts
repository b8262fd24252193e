import { onDisconnect, onValue, ref, serverTimestamp, set } from 'firebase/database';
import type { ReadonlySignal } from '@preact/signals-core';
import { bool, object, time } from '../domain/schema.ts';
import type { Uid } from '../domain/types.ts';
import { liveCollection, type LiveCollection } from './collections.ts';
import { db } from './firebase.ts';
import { reportSyncError } from './sync.ts';

/** `presence/{uid}`: whether the person has the app open now, and when they were last seen. */
export type Presence = { online: boolean; lastSeen: number };

const presenceSchema = object({ online: bool, lastSeen: time });

/** Everyone's presence, live (staff and admins may read it). */
export const presence: ReadonlySignal<LiveCollection<Presence>> = liveCollection<Presence>('presence', presenceSchema);

/**
 * Marks `uid` online while this device is connected; the server marks them offline (with the
 * time) when the connection drops, through onDisconnect. Returns the stop function.
 */
export function startPresence(uid: Uid): () => void {
  const mine = ref(db, `presence/${uid}`);
  const fail = (e: unknown) => reportSyncError(`presence/${uid}`, e);
  const stop = onValue(ref(db, '.info/connected'), (snap) => {
    if (snap.val() !== true) return;
    // Arm onDisconnect first: if the connection drops right after, we are still marked offline.
    onDisconnect(mine)
      .set({ online: false, lastSeen: serverTimestamp() })
      .then(() => set(mine, { online: true, lastSeen: serverTimestamp() }))
      .catch(fail);
  });
  return () => {
    stop();
    void onDisconnect(mine).cancel().catch(() => undefined);
    set(mine, { online: false, lastSeen: serverTimestamp() }).catch(() => undefined);
  };
}

/** "online", "last seen 5 min ago", or "never seen", for one person at `now`. */
export function presenceText(p: Presence | undefined, now: number): string {
  if (p === undefined) return 'never seen';
  if (p.online) return 'online';
  const min = Math.floor((now - p.lastSeen) / 60_000);
  if (min < 1) return 'last seen just now';
  if (min < 60) return `last seen ${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `last seen ${h} h ago`;
  return `last seen ${new Date(p.lastSeen).toLocaleDateString()}`;
}
