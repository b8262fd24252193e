// This device's own presence: kept apart from presence.ts (the staff-only list) so the retailer
// portal, which writes its presence but may not read anyone's, does not load the collections.
import { onDisconnect, onValue, ref, serverTimestamp, set } from 'firebase/database';
import type { Uid } from '../domain/types.ts';
import { db } from './firebase.ts';
import { reportSyncError } from './sync.ts';

/** How long sign-out waits for the "offline" write before going ahead (a dead connection must not block it). */
export const PRESENCE_CLEAR_TIMEOUT_MS = 2_000;

// The presence this device keeps up, if any: one signed-in person at a time.
let active: { uid: Uid; end: () => Promise<void> } | null = null;

/**
 * Marks `uid` online while this device is connected; the server marks them offline (with the
 * time) when the connection drops, through onDisconnect. Returns the stop function (for an
 * unmount); sign-out calls `endPresence` first, while the writes are still allowed.
 */
export function startPresence(uid: Uid): () => void {
  const mine = ref(db, `presence/${uid}`);
  const fail = (e: unknown) => reportSyncError(`presence/${uid}`, e);
  let isConnected = false;
  const stopListening = onValue(ref(db, '.info/connected'), (snap) => {
    isConnected = snap.val() === true;
    if (!isConnected) return;
    // Arm onDisconnect first: if the connection drops right after, we are still marked offline.
    onDisconnect(mine)
      .set({ online: false, lastSeen: serverTimestamp() })
      .then(() => set(mine, { online: true, lastSeen: serverTimestamp() }))
      .catch(fail);
  });
  let ending: Promise<void> | null = null;
  const entry = { uid, end: (): Promise<void> => end() };
  const end = (): Promise<void> => {
    ending ??= (async () => {
      stopListening();
      if (active === entry) active = null;
      // Not connected: the server has already run (or will run) the onDisconnect write, and a
      // write queued now would be sent after sign-out and refused.
      if (!isConnected) return;
      // Offline first, then disarm: if the connection drops in between, onDisconnect writes the same.
      await Promise.all([set(mine, { online: false, lastSeen: serverTimestamp() }), onDisconnect(mine).cancel()]);
    })();
    return ending;
  };
  active = entry;
  return () => void end().catch(() => undefined);
}

/**
 * Marks the signed-in person offline (with the time) and disarms their onDisconnect, before
 * signing out: after it, the rules refuse the write. Waits at most `timeoutMs`; never throws.
 */
export async function endPresence(timeoutMs = PRESENCE_CLEAR_TIMEOUT_MS): Promise<void> {
  if (active === null) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([active.end().catch(() => undefined), timeout]);
  clearTimeout(timer);
}
