import type { ReadonlySignal } from '@preact/signals-core';
import { bool, object, time } from '../domain/schema.ts';
import { liveCollection, type LiveCollection } from './liveCollection.ts';

/** `presence/{uid}`: whether the person has the app open now, and when they were last seen. */
export type Presence = { online: boolean; lastSeen: number };

const presenceSchema = object({ online: bool, lastSeen: time });

/** Everyone's presence, live (staff and admins may read it); each device writes its own through presenceSession.ts. */
export const presence: ReadonlySignal<LiveCollection<Presence>> = liveCollection<Presence>('presence', presenceSchema);

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
