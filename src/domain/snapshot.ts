/**
 * Saved copies of live collections (the offline fallback of src/data/snapshotCache.ts): how a
 * copy is stored, how it is checked when read back, and when a screen gets it instead of the
 * live collection. Pure: time comes in as an argument.
 */
import { DAY_MS } from './patch.ts';
import { parse, type Schema } from './schema.ts';

/** One saved copy as IndexedDB holds it: whose, which path, when, and the records by key. */
export type StoredSnapshot = { uid: string; path: string; savedAt: number; records: Record<string, unknown> };

/** A saved copy read back: only records that passed their schema again. */
export type SavedCopy<T> = { savedAt: number; items: ReadonlyMap<string, T> };

/** The IndexedDB key of `path` for user `uid` (uids have no '|'; paths are fixed names). */
export const snapshotKey = (uid: string, path: string): string => `${uid}|${path}`;

/**
 * The copy to store of a collection's validated records, each as the database stores it
 * (`store`; order records key their lines, `storeRecord`), so that reading it back through the
 * same schema as a live record gives the same record.
 */
export function toStoredSnapshot<T>(uid: string, path: string, savedAt: number, items: ReadonlyMap<string, T>, store: (record: T) => unknown = (r) => r): StoredSnapshot {
  const records: Record<string, unknown> = {};
  for (const [k, v] of items) records[k] = store(v);
  return { uid, path, savedAt, records };
}

/**
 * A stored copy checked again: null unless it is a copy of `path` saved for `uid` (a copy of
 * another user's data is never returned, whatever key it was found under); records that fail
 * the schema (an older app version, a damaged store) are dropped one by one.
 */
export function readStoredSnapshot<T>(raw: unknown, uid: string, path: string, schema: Schema<T>): SavedCopy<T> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Partial<Record<keyof StoredSnapshot, unknown>>;
  if (s.uid !== uid || s.path !== path) return null;
  if (typeof s.savedAt !== 'number' || !Number.isFinite(s.savedAt)) return null;
  if (typeof s.records !== 'object' || s.records === null || Array.isArray(s.records)) return null;
  const items = new Map<string, T>();
  for (const [key, value] of Object.entries(s.records)) {
    const r = parse(schema, value, `${path}/${key}`);
    if (r.ok) items.set(key, r.value);
  }
  return { savedAt: s.savedAt, items };
}

/** What a screen is given: the live collection, or the saved copy (while live is loading or the connection is down). */
export function collectionSource(live: 'loading' | 'denied' | 'ready', hasSavedCopy: boolean, isConnected: boolean): 'live' | 'saved' {
  if (!hasSavedCopy || live === 'denied') return 'live';
  return live === 'loading' || !isConnected ? 'saved' : 'live';
}

/** How long to wait before writing a copy, so one collection is written at most once per `gapMs`. */
export const saveDelay = (now: number, lastSavedAt: number | null, gapMs: number): number =>
  lastSavedAt === null ? 0 : Math.max(0, lastSavedAt + gapMs - now);

/**
 * Where to resume a collection whose records are stamped with the server time of their last
 * change (`stamp`) and never removed (stock): the newest stamp in the saved copy, or null when
 * the copy is empty (read it whole). Records changed at that very millisecond are read again.
 */
export function resumeFrom<T>(items: ReadonlyMap<string, T>, stamp: (record: T) => number | undefined): number | null {
  let newest: number | null = null;
  for (const r of items.values()) {
    const t = stamp(r);
    if (t !== undefined && Number.isFinite(t) && (newest === null || t > newest)) newest = t;
  }
  return newest;
}

/**
 * Days a tombstone (`gone/{orders,catalog,parties}/{id}`, the server's time of a record's removal)
 * is kept before the housekeeping trim may remove it; the rules hold the same number (rules/stamped.ts).
 */
export const GONE_KEEP_DAYS = 30;

/**
 * How far the device's estimate of server time (device clock + `.info/serverTimeOffset`) may be
 * trusted: a copy within this much of the keep window is read whole rather than resumed, and the
 * trim leaves tombstones this much past the window for a later run.
 */
export const CLOCK_MARGIN_MS = 60 * 60 * 1000;

/** The newest tombstone time the housekeeping trim removes at `clock` (older than GONE_KEEP_DAYS, with the clock margin). */
export const goneTrimMax = (clock: number): number => clock - GONE_KEEP_DAYS * DAY_MS - CLOCK_MARGIN_MS;

/** Removals of a collection that tombstones them: each removed key with the server time of its removal. */
export type Removals<T> = { gone: ReadonlyMap<string, number>; stamp: (record: T) => number | undefined };

/**
 * Where to resume a collection whose removals leave tombstones kept `keepDays`: the newest stamp
 * in the saved copy, or null (read it whole) when the copy is empty or its newest stamp is older
 * than the keep window at `clock` (the server time estimate) less CLOCK_MARGIN_MS: tombstones of
 * removals since then may already be trimmed, so the copy could keep records that are gone. A
 * newest stamp ahead of `clock` by more than the margin (a copy of another database, or one
 * written by a tool with made-up times) cannot be resumed either: changes before it would be missed.
 */
export function resumeWithRemovalsFrom<T>(items: ReadonlyMap<string, T>, stamp: (record: T) => number | undefined, clock: number, keepDays: number): number | null {
  const from = resumeFrom(items, stamp);
  return from !== null && from >= clock - keepDays * DAY_MS + CLOCK_MARGIN_MS && from <= clock + CLOCK_MARGIN_MS ? from : null;
}

/**
 * The saved copy with the records changed since it was saved laid over it (by key), and, with
 * `removals`, the removed records taken out: a record goes when its tombstone is at or after its
 * stamp (a record re-created after its removal is newer than its tombstone and stays).
 */
export function withChanges<T>(base: ReadonlyMap<string, T>, changed: ReadonlyMap<string, T>, removals?: Removals<T>): ReadonlyMap<string, T> {
  if (changed.size === 0 && (removals === undefined || removals.gone.size === 0)) return base;
  const out = new Map(base);
  for (const [k, v] of changed) out.set(k, v);
  for (const [k, at] of removals?.gone ?? []) {
    const r = out.get(k);
    if (r !== undefined && !((removals?.stamp(r) ?? -Infinity) > at)) out.delete(k);
  }
  return out;
}
