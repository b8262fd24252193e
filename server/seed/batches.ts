/**
 * Cutting the generated tree into bounded database writes. Every batch is one PATCH at the root
 * whose keys are paths (`"catalog"`, `"audit/-Nabc"`, `"orders/-Nx/lines"`), each path carrying a
 * fixed value, so writing a batch twice leaves the same data as writing it once, and the batches
 * of one tree, written in any order onto an empty namespace, leave exactly that tree.
 *
 * A collection small enough goes whole under one key; a bigger one is split into its records, a
 * record bigger than a batch into its fields, and so on down. Only a value that cannot be split
 * (a list or a single string) larger than the bound is sent alone in a batch of its own, which
 * then exceeds the bound. Batches are deterministic: same tree, uids and limits → same batches.
 */
import type { Tree } from './tree.ts';

/** Placeholder uid → real uid. */
export type UidMap = ReadonlyMap<string, string>;

/** Default bound on one request's JSON body (`--batch-kb`); far below the server's 256 MB owner limit. */
export const DEFAULT_BATCH_BYTES = 1024 * 1024;
/**
 * The most paths one batch carries. The local server checks each path of a multi-path update
 * against every other one (quadratic: 5k keys 0.4 s, 40k keys 19.6 s), so small records such as
 * `orderNumbers` (22 bytes each) must not fill a 1 MB batch with 40 000 keys. Writing a year at
 * scale 10 took 215 s with 2000, 187 s with 1000 and 142 s with 500 paths (docs/benchmarks.md).
 */
export const MAX_BATCH_KEYS = 500;

/** Bounds on one batch. */
export type BatchLimits = { bytes: number; keys: number };

/** One PATCH at the root: its body, size in bytes, how many paths it sets, and the last of them. */
export type Batch = { body: string; bytes: number; keys: number; lastPath: string };

/** A path and the JSON of the value it gets (`bytes`: UTF-8 length of `json`). */
type Entry = { path: string; json: string; bytes: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `JSON.stringify` with placeholder uids swapped for real ones in every string value. */
export function uidReplacer(uids: UidMap | null): ((key: string, value: unknown) => unknown) | undefined {
  return uids === null || uids.size === 0 ? undefined : (_k: string, v: unknown) => (typeof v === 'string' ? (uids.get(v) ?? v) : v);
}

/** Top-level collections keyed by uid: their keys are mapped too. */
const BY_UID = new Set(['users', 'retailerAwaiting']);

/** A key as stored: the keys of `users` and `retailerAwaiting` are uids, so they are mapped too. */
export function storedKey(parent: string, key: string, uids: UidMap | null): string {
  return BY_UID.has(parent) && uids !== null ? (uids.get(key) ?? key) : key;
}

const keyBytes = (key: string) => Buffer.byteLength(JSON.stringify(key));

/** Bytes of a batch holding only this entry: `{"path":json}`. */
const alone = (path: string, bytes: number) => 2 + keyBytes(path) + 1 + bytes;

/**
 * The entries that together write `value` at `path`: one for the whole value when a batch can
 * hold it alone, else the entries of each child. A collection (depth 1) is never serialised whole
 * just to learn that it is too big: its children are buffered until they pass the bound, then
 * streamed, so memory stays within about one batch.
 */
function* entriesOf(path: string, value: unknown, depth: number, limit: number, replacer: ReturnType<typeof uidReplacer>, uids: UidMap | null): Generator<Entry> {
  if (!isObject(value) || depth >= 2) {
    const json = JSON.stringify(value, replacer);
    const bytes = Buffer.byteLength(json);
    if (!isObject(value) || alone(path, bytes) <= limit) {
      yield { path, json, bytes };
      return;
    }
  }
  const buffered: Array<{ key: string; entry: Entry }> = [];
  let size = 2; // the braces of the whole object
  let isSplit = false;
  for (const [k, child] of Object.entries(value)) {
    const key = storedKey(path, k, uids);
    for (const entry of entriesOf(`${path}/${key}`, child, depth + 1, limit, replacer, uids)) {
      if (isSplit) {
        yield entry;
        continue;
      }
      // Not split yet, so every entry so far is a whole child: a child splits only when it alone
      // is over the bound, and then this node is over it first.
      buffered.push({ key, entry });
      size += (buffered.length > 1 ? 1 : 0) + keyBytes(key) + 1 + entry.bytes;
      if (alone(path, size) > limit) {
        isSplit = true;
        for (const b of buffered) yield b.entry;
        buffered.length = 0;
      }
    }
  }
  if (isSplit) return;
  yield { path, json: `{${buffered.map((b) => `${JSON.stringify(b.key)}:${b.entry.json}`).join(',')}}`, bytes: size };
}

/**
 * The tree as root PATCH bodies of at most `limits.bytes` bytes and `limits.keys` paths each
 * (see the module comment for the one exception), with placeholder uids mapped.
 */
export function* planBatches(tree: Tree, uids: UidMap | null, limits: BatchLimits): Generator<Batch> {
  const replacer = uidReplacer(uids);
  let parts: string[] = [];
  let bytes = 2; // the braces
  let lastPath = '';
  const take = (): Batch => {
    const batch = { body: `{${parts.join(',')}}`, bytes, keys: parts.length, lastPath };
    parts = [];
    bytes = 2;
    return batch;
  };
  for (const [top, value] of Object.entries(tree)) {
    // Entries never name the root itself: each key of a root PATCH names a child.
    for (const { path, json, bytes: size } of entriesOf(top, value, 1, limits.bytes, replacer, uids)) {
      const part = keyBytes(path) + 1 + size;
      if (parts.length > 0 && (bytes + 1 + part > limits.bytes || parts.length >= limits.keys)) yield take();
      bytes += (parts.length > 0 ? 1 : 0) + part;
      parts.push(`${JSON.stringify(path)}:${json}`);
      lastPath = path;
    }
  }
  if (parts.length > 0) yield take();
}
