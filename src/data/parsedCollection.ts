/**
 * A snapshot of records turned into what screens read: each child checked with its domain
 * schema; a bad record does not hide the good ones. Kept apart from `firebase.ts` (it takes what
 * it needs as arguments) so the windowed collections can run on any database, tests' included.
 */
import type { DataSnapshot } from 'firebase/database';
import { parse, type Schema } from '../domain/schema.ts';

/** A collection as the screen sees it: loading, denied, or ready with its valid records by key. */
export type LiveCollection<T> =
  | { state: 'loading' }
  | { state: 'denied' }
  | {
      state: 'ready';
      items: ReadonlyMap<string, T>;
      invalid: readonly { key: string; problem: string }[];
      /** Set when these are the saved copy (src/data/snapshotCache.ts), not live: when it was saved. */
      cachedAt?: number;
    };

/** Where a read problem goes: a refused listen or a record that failed its schema (`code` 'invalid-record'). */
export type ReadProblem = (path: string, error: unknown) => void;

/**
 * The children of `snap` (records under `path`) as a ready collection: each checked with
 * `schema`; bad ones listed in `invalid` and handed to `report` once (keys already in `reported` are not).
 */
export function parsedCollection<T>(snap: DataSnapshot, path: string, schema: Schema<T>, reported: Set<string>, report: ReadProblem): LiveCollection<T> {
  const items = new Map<string, T>();
  const invalid: { key: string; problem: string }[] = [];
  snap.forEach((child) => {
    const key = child.key as string;
    const r = parse(schema, child.val(), `${path}/${key}`);
    if (r.ok) items.set(key, r.value);
    else {
      const problem = r.errors.map((e) => `${e.field} ${e.message}`).join('; ');
      invalid.push({ key, problem });
      if (!reported.has(key)) {
        reported.add(key);
        report(`${path}/${key}`, Object.assign(new Error(`${path}/${key} is not valid: ${problem}`), { code: 'invalid-record' }));
      }
    }
  });
  return { state: 'ready', items, invalid };
}
