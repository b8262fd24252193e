import { signal, type ReadonlySignal } from '@preact/signals-core';
import { onValue, ref } from 'firebase/database';
import { db } from './firebase.ts';

/** A failure reported by the database or auth, as the UI shows it. */
export type SyncError = { code: string; path: string | null; message: string; at: number };

/** The one signal through which sync state and errors reach the UI. */
export type SyncState = { isConnected: boolean; lastError: SyncError | null };

let stopConnected: (() => void) | null = null;
const state = signal<SyncState>(
  { isConnected: false, lastError: null },
  {
    // Listen to `.info/connected` only while something on screen shows the sync state.
    watched() {
      stopConnected = onValue(ref(db, '.info/connected'), (snap) => {
        state.value = { ...state.peek(), isConnected: snap.val() === true };
      });
    },
    unwatched() {
      stopConnected?.();
      stopConnected = null;
    },
  },
);

/** Connection state and the last error, for every screen. */
export const syncState: ReadonlySignal<SyncState> = state;

/** Records a failure for the UI; `error` is whatever the SDK rejected or cancelled with. */
export function reportSyncError(path: string | null, error: unknown): void {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
  const message = error instanceof Error ? error.message : String(error);
  state.value = { ...state.peek(), lastError: { code, path, message, at: Date.now() } };
}

/** Clears the last error once the user has seen it. */
export function clearSyncError(): void {
  state.value = { ...state.peek(), lastError: null };
}
