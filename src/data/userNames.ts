import type { ReadonlySignal } from '@preact/signals-core';
import type { Uid } from '../domain/types.ts';
import { text } from '../domain/schema.ts';
import { liveRecord, type Live } from './live.ts';

const names = new Map<Uid, ReadonlySignal<Live<string>>>();
const nameSchema = text({ min: 1, max: 80 });

/** A user's display name (`users/{uid}/name`, readable by staff), live while something reads it. */
export function userNameSignal(uid: Uid): ReadonlySignal<Live<string>> {
  let s = names.get(uid);
  if (s === undefined) {
    s = liveRecord(`users/${uid}/name`, nameSchema);
    names.set(uid, s);
  }
  return s;
}

/** The name to show for `uid`: the name once loaded, else a placeholder that never blocks the screen. */
export function userNameOf(uid: Uid): string {
  const s = userNameSignal(uid).value;
  return s.state === 'ready' ? s.value : s.state === 'loading' ? '…' : 'unknown user';
}
