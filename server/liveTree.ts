/**
 * The server's live tree is mutated in place: copying a wide node (an `orders` collection with
 * 100k children) on every write costs ~100 ms, while writing one key costs microseconds.
 *
 * Rules need the tree as it would be after a write before the write happens, so `overlay` gives
 * a read-only view of "current tree + pending changes" that copies nothing: only the nodes above
 * a changed path are proxies, everything else is the real, shared data.
 *
 * Stored form (see server/shape.ts and server/tree.ts normalize): objects never are empty and never hold nulls; a
 * primitive with a priority is `{".value": v, ".priority": p}`; an object with a priority holds a
 * ".priority" key beside its children. An object whose only key left is ".priority" is empty, i.e.
 * null (Firebase drops the priority of a node that loses its last child). Values handed to the
 * writes below must already be in stored form, and become part of the tree.
 */
import { PRIORITY, VALUE, childOf, hasOwn, newObject, putKey } from './shape.ts';
import type { Json, JsonObject, Path } from './types.ts';

export { getAt } from './shape.ts';

/** An object holding children (not a leaf, not a `.value` wrapper, not null). */
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
  putKey(o, k, v);
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

/** The stored priority entry of a node, or null. */
function priorityOf(node: Json): Json {
  return childOf(node, PRIORITY);
}

/** A leaf (primitive or `.value` wrapper) with its priority replaced by `p` (null removes it). */
function leafWithPriority(leaf: Json, p: Json): Json {
  if (leaf === null) return null; // a priority on nothing is dropped
  const v = typeof leaf === 'object' ? (leaf[VALUE] ?? null) : leaf;
  if (typeof p !== 'string' && typeof p !== 'number') return v;
  const wrapped = newObject();
  wrapped[VALUE] = v;
  wrapped[PRIORITY] = p;
  return wrapped;
}

/** Sets the priority of `node` (in place for an object); returns the node's new value. */
function setPriority(node: Json, p: Json): Json {
  if (!isChildren(node)) return leafWithPriority(node, p);
  if (p === null) dropChild(node, PRIORITY);
  else putChild(node, PRIORITY, p);
  return node;
}

/** The object that replaces a leaf that gets children: a wrapped leaf keeps its priority. */
function objectFor(leaf: Json): JsonObject {
  const fresh = newObject();
  const p = priorityOf(leaf);
  if (p !== null) fresh[PRIORITY] = p;
  return fresh;
}

/**
 * Sets `value` (already in stored form) at `path` below `node`, mutating in place; returns the
 * node's new value (null when it became empty, since the database stores no empty objects).
 */
export function setInPlace(node: Json, path: Path, value: Json, depth = 0): Json {
  if (depth === path.length) return value;
  const key = path[depth] as string;
  // A priority has no children: writing below one changes nothing.
  if (key === PRIORITY) return depth + 1 === path.length ? setPriority(node, value) : node;
  let obj: JsonObject;
  if (isChildren(node)) obj = node;
  else if (value === null) return node; // deleting below a leaf (or nothing) changes nothing
  else obj = objectFor(node);
  const child = hasOwn(obj, key) ? (obj[key] ?? null) : null;
  const next = setInPlace(child, path, value, depth + 1);
  // Unchanged child (or the same object, changed in place): `node` stays, and stays non-empty.
  if (next === child) return node;
  if (next !== null) {
    putChild(obj, key, next);
    return obj;
  }
  dropChild(obj, key);
  return childCount(obj) === 0 ? null : obj;
}

/** The changes of one write as a tree of path segments; `value` marks a changed location. */
type Trie = { value?: Json; kids: Map<string, Trie> };

/** Builds the trie of (path, value) changes; null when two paths overlap (one is a prefix of another). */
function buildTrie(changes: Iterable<readonly [Path, Json]>): Trie | null {
  const root: Trie = { kids: new Map() };
  for (const [path, value] of changes) {
    let t = root;
    for (const key of path) {
      if (t.value !== undefined) return null;
      let next = t.kids.get(key);
      if (next === undefined) t.kids.set(key, (next = { kids: new Map() }));
      t = next;
    }
    if (t.value !== undefined || t.kids.size > 0) return null;
    t.value = value;
  }
  return root;
}

/**
 * Applies the changes of `t` below `node` in place, all at once: a node is dropped only if it has
 * no children after all of them (so an update that replaces every child keeps the node and its
 * priority), and a priority is set after the children beside it.
 */
function applyTrie(node: Json, t: Trie): Json {
  if (t.value !== undefined) return t.value;
  let obj: JsonObject | null = isChildren(node) ? node : null;
  let prio: Json | undefined;
  let dropped = false;
  for (const [k, sub] of t.kids) {
    if (k === PRIORITY) {
      prio = sub.value; // undefined (a no-op) for paths below a priority
      continue;
    }
    const child = obj !== null && hasOwn(obj, k) ? (obj[k] ?? null) : null;
    const next = applyTrie(child, sub);
    if (next === child) continue;
    if (next === null) {
      if (obj !== null) dropChild(obj, k);
      dropped = true;
    } else {
      obj ??= objectFor(node);
      putChild(obj, k, next);
    }
  }
  const out = obj === null ? node : dropped && childCount(obj) === 0 ? null : obj;
  return prio === undefined ? out : setPriority(out, prio);
}

const relSegments = (rel: string): string[] => rel.split('/').filter((s) => s.length > 0);

/** Applies one write (a set at `path`, or an update's relative paths under `path`) in place; returns the new root. */
export function applyInPlace(root: Json, path: Path, change: { set: Json } | { update: Record<string, Json> }): Json {
  if ('set' in change) return setInPlace(root, path, change.set);
  // Own keys, "__proto__" included; the order does not matter since each value stays with its key.
  return applyChanges(root, Object.entries(change.update).map(([rel, v]) => [[...path, ...relSegments(rel)], v] as const));
}

/**
 * Applies each (path, value) of one write in place, all at once (see applyTrie); returns the new
 * root. The same pairs given to `overlay` give the same tree.
 */
export function applyChanges(root: Json, changes: ReadonlyArray<readonly [Path, Json]>): Json {
  const entries = [...changes];
  const trie = buildTrie(entries);
  if (trie !== null) return applyTrie(root, trie);
  // Overlapping paths (the server refuses those): one after the other, priorities last.
  entries.sort(([a], [b]) => Number(a.at(-1) === PRIORITY) - Number(b.at(-1) === PRIORITY));
  for (const [p, v] of entries) root = setInPlace(root, p, v);
  return root;
}

/**
 * A read-only view of `root` with each (path, value) of `changes` applied as one update would
 * apply them (see applyInPlace); copies nothing and never writes to `root`.
 */
export function overlay(root: Json, changes: ReadonlyArray<readonly [Path, Json]>): Json {
  const trie = buildTrie(changes);
  if (trie !== null) return view(root, trie);
  // Overlapping paths (the server refuses those): views of views, one change after the other,
  // priorities last, as applyInPlace applies them.
  const ordered = [...changes].sort(([a], [b]) => Number(a.at(-1) === PRIORITY) - Number(b.at(-1) === PRIORITY));
  let out = root;
  for (const change of ordered) out = view(out, buildTrie([change]) ?? { kids: new Map() });
  return out;
}

const refuse = (): never => {
  throw new TypeError('overlay views are read-only');
};

/** `base` as applyTrie(base, t) would leave it, without changing `base`. */
function view(base: Json, t: Trie): Json {
  if (t.value !== undefined) return t.value;
  const obj = isChildren(base) ? base : null;
  const kids = new Map<string, Json>();
  let delta = 0; // change in the number of children
  let prio: Json | undefined;
  let changed = false;
  for (const [k, sub] of t.kids) {
    if (k === PRIORITY) {
      prio = sub.value;
      continue;
    }
    const child = obj !== null && hasOwn(obj, k) ? (obj[k] ?? null) : null;
    const v = view(child, sub);
    if (v === child) continue;
    changed = true;
    kids.set(k, v);
    if (child !== null && v === null) delta--;
    else if (child === null && v !== null) delta++;
  }
  if (!changed) {
    // The children stay as they are (a leaf stays a leaf); only the priority may change.
    if (prio === undefined || base === null) return base;
    if (obj === null) return leafWithPriority(base, prio);
  } else if ((obj === null ? 0 : childCount(obj)) + delta === 0) {
    return null; // emptied; a priority on nothing is dropped
  }
  // An object, with `kids` overriding `src`: either the base object or a leaf given children.
  const src: JsonObject = obj ?? newObject();
  if (prio !== undefined) kids.set(PRIORITY, prio);
  else if (obj === null) kids.set(PRIORITY, priorityOf(base)); // a wrapped leaf keeps its priority
  const read = (k: string | symbol): Json | undefined => {
    if (typeof k !== 'string') return undefined;
    if (kids.has(k)) return kids.get(k) ?? undefined;
    return hasOwn(src, k) ? src[k] : undefined;
  };
  return new Proxy(newObject(), {
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
