/**
 * The server's live tree is mutated in place: copying a wide node (an `orders` collection with
 * 100k children) on every write costs ~100 ms, while writing one key costs microseconds.
 *
 * Rules need the tree as it would be after a write before the write happens, so `overlay` gives
 * a read-only view of "current tree + pending changes" that copies nothing: only the nodes above
 * a changed path are proxies, everything else is the real, shared data.
 */
import type { Json, JsonObject, Path } from './types.ts';

const PRIORITY = '.priority';
const VALUE = '.value';
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isChildren(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !hasOwn(v, VALUE);
}

// Children counts of wide objects, kept up to date by the in-place writes below, so that
// "did this node just become empty?" never has to list 100k keys.
const counts = new WeakMap<JsonObject, number>();

function childCount(o: JsonObject): number {
  let n = counts.get(o);
  if (n === undefined) {
    n = 0;
    for (const k of Object.keys(o)) if (k !== PRIORITY) n++;
    counts.set(o, n);
  }
  return n;
}

function putChild(o: JsonObject, k: string, v: Json): void {
  const existed = hasOwn(o, k);
  // Plain assignment of "__proto__" would change the prototype instead of adding a key.
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
  if (!existed && k !== PRIORITY) {
    const n = counts.get(o);
    if (n !== undefined) counts.set(o, n + 1);
  }
}

function dropChild(o: JsonObject, k: string): void {
  if (!hasOwn(o, k)) return;
  delete o[k];
  if (k !== PRIORITY) {
    const n = counts.get(o);
    if (n !== undefined) counts.set(o, n - 1);
  }
}

/**
 * Sets `value` (already in stored form) at `path` below `node`, mutating in place; returns the
 * node's new value (null when it became empty, since the database stores no empty objects).
 */
export function setInPlace(node: Json, path: Path, value: Json, depth = 0): Json {
  if (depth === path.length) return value;
  const key = path[depth] as string;
  if (!isChildren(node)) {
    if (value === null) return node;
    if (key === PRIORITY && node !== null) {
      // A priority on a leaf wraps it, as Firebase stores it.
      const leaf = typeof node === 'object' ? node[VALUE] ?? null : node;
      return typeof value === 'string' || typeof value === 'number' ? { [VALUE]: leaf, [PRIORITY]: value } : leaf;
    }
    const fresh: JsonObject = {};
    if (node !== null && typeof node === 'object' && hasOwn(node, PRIORITY)) fresh[PRIORITY] = node[PRIORITY] ?? null;
    node = fresh;
  }
  const child = hasOwn(node, key) ? (node[key] ?? null) : null;
  const next = setInPlace(child, path, value, depth + 1);
  if (next === null) dropChild(node, key);
  else if (next !== child) putChild(node, key, next);
  return childCount(node) === 0 ? null : node;
}

/** Applies one write (a set at `path`, or an update's relative paths under `path`) in place; returns the new root. */
export function applyInPlace(root: Json, path: Path, change: { set: Json } | { update: Record<string, Json> }): Json {
  if ('set' in change) return setInPlace(root, path, change.set);
  const entries = Object.entries(change.update);
  // Firebase applies priority changes after the children of the same update.
  entries.sort(([a], [b]) => Number(a.endsWith(PRIORITY)) - Number(b.endsWith(PRIORITY)));
  for (const [rel, v] of entries) root = setInPlace(root, [...path, ...rel.split('/')], v);
  return root;
}

type Trie = { value?: Json; kids: Map<string, Trie> };

/** A read-only view of `root` with each (path, value) of `changes` applied; copies nothing. */
export function overlay(root: Json, changes: ReadonlyArray<readonly [Path, Json]>): Json {
  const trie: Trie = { kids: new Map() };
  for (const [path, value] of changes) {
    let t = trie;
    for (const key of path) {
      let next = t.kids.get(key);
      if (next === undefined) t.kids.set(key, (next = { kids: new Map() }));
      t = next;
    }
    t.value = value;
  }
  return view(root, trie);
}

function view(base: Json, t: Trie): Json {
  if (t.value !== undefined) return t.value;
  const obj = isChildren(base) ? base : null;
  const kids = new Map<string, Json>();
  let present = obj === null ? 0 : childCount(obj);
  for (const [k, sub] of t.kids) {
    const v = view(obj !== null && hasOwn(obj, k) ? (obj[k] ?? null) : null, sub);
    kids.set(k, v);
    if (k === PRIORITY) continue;
    const before = obj !== null && hasOwn(obj, k);
    if (before && v === null) present--;
    else if (!before && v !== null) present++;
  }
  if (present === 0) return null;
  const src: JsonObject = obj ?? {};
  const read = (k: string | symbol): Json | undefined => {
    if (typeof k !== 'string') return undefined;
    if (kids.has(k)) return kids.get(k) ?? undefined;
    return hasOwn(src, k) ? src[k] : undefined;
  };
  const refuse = (): never => {
    throw new TypeError('overlay views are read-only');
  };
  return new Proxy({} as JsonObject, {
    get: (_t, k) => read(k),
    has: (_t, k) => read(k) !== undefined,
    ownKeys: () => {
      const keys = Object.keys(src).filter((k) => !kids.has(k));
      for (const [k, v] of kids) if (v !== null) keys.push(k);
      return keys;
    },
    getOwnPropertyDescriptor: (_t, k) => {
      const v = read(k);
      return v === undefined ? undefined : { value: v, writable: false, enumerable: true, configurable: true };
    },
    set: refuse,
    deleteProperty: refuse,
    defineProperty: refuse,
    setPrototypeOf: refuse,
  });
}
