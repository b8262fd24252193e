import { createHash } from 'node:crypto';
import { BAD_KEY, LIMITS, PRIORITY, VALUE, compareKeys, getAt, hasOwn, keyProblem, newObject, priorityOf, putKey } from './shape.ts';
import type { Json, Path } from './types.ts';

export { BAD_KEY, LIMITS, getAt, keyProblem };

/** A client sent a path or value that Firebase would refuse; the message names where and why. */
export class InvalidDataError extends Error {}

/**
 * Splits a wire path ("/a/b", "a/b/", "") into validated segments. The last segment may also be
 * `.priority`: the node's priority, which Firebase reads and writes as a child
 * (`setPriority()`, `update({"c/.priority": 1})`, `PUT /c/.priority.json`).
 */
export function parsePath(raw: unknown): Path {
  if (typeof raw !== 'string') throw new InvalidDataError('path must be a string');
  const segments = raw.split('/').filter((s) => s.length > 0);
  if (segments.length > LIMITS.depth) throw new InvalidDataError(`path ${raw} is deeper than ${LIMITS.depth}`);
  segments.forEach((s, i) => {
    if (s === PRIORITY && i === segments.length - 1) return;
    const problem = keyProblem(s);
    if (problem !== null) throw new InvalidDataError(`path ${raw}: key "${s}" ${problem}`);
  });
  return segments;
}

/** The node a path is about, for rules: reading or writing `<node>/.priority` is reading or writing `<node>`. */
export function nodeOf(path: Path): Path {
  return path.at(-1) === PRIORITY ? path.slice(0, -1) : path;
}

/** "/a/b" for ["a","b"], "/" for the root: the form the SDK sends and expects. */
export function pathString(path: Path): string {
  return '/' + path.join('/');
}

/** True when `a` is `b` or an ancestor of it. */
export function isPrefix(a: Path, b: Path): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Paths of one multi-path update, for finding overlaps (one path a prefix of another) in time
 * linear in the total path length, where comparing each new path with every earlier one made a
 * 40k-key update take 20 s.
 */
export class PathSet {
  private readonly root: PathNode = { kids: new Map() };

  /** Adds `path` and returns null, or returns an earlier path that overlaps it (and adds nothing). */
  addUnlessOverlapping(path: Path): Path | null {
    let node = this.root;
    for (const key of path) {
      if (node.path !== undefined) return node.path;
      let next = node.kids.get(key);
      if (next === undefined) node.kids.set(key, (next = { kids: new Map() }));
      node = next;
    }
    if (node.path !== undefined) return node.path;
    if (node.kids.size > 0) return firstPath(node);
    node.path = path;
    return null;
  }
}

type PathNode = { path?: Path; kids: Map<string, PathNode> };

/** Some path stored at or below `node` (every leaf of the set holds one). */
function firstPath(node: PathNode): Path {
  let n = node;
  while (n.path === undefined) n = n.kids.values().next().value as PathNode;
  return n.path;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Context for resolving server values (`{".sv": ...}`) while normalising a write. */
export type ServerValueContext = { now: number; existing: (relative: Path) => Json };

/**
 * Validates an untrusted value from a client and returns it in stored form: arrays become
 * objects keyed by index, nulls and empty objects vanish, server values are resolved.
 * `where` names the value's path for error messages.
 */
export function normalize(value: unknown, where: Path, sv: ServerValueContext): Json {
  if (where.at(-1) !== PRIORITY) return normalizeAt(value, where, [], sv);
  // A write to a node's priority: a string, a number, or null to remove it.
  const p = value === null || typeof value === 'string' || typeof value === 'number' || isPlainObject(value) ? normalizeAt(value, where, [], sv) : undefined;
  if (p === null || typeof p === 'string' || typeof p === 'number') return p;
  throw new InvalidDataError(`${pathString(where)}: .priority must be a string or number`);
}

function normalizeAt(value: unknown, where: Path, rel: string[], sv: ServerValueContext): Json {
  const at = () => pathString([...where, ...rel]);
  if (rel.length + where.length > LIMITS.depth + 1) throw new InvalidDataError(`${at()}: data is nested deeper than ${LIMITS.depth}`);
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidDataError(`${at()}: number must be finite`);
      return value;
    case 'string':
      if (value.length > LIMITS.stringBytes / 4 && Buffer.byteLength(value, 'utf8') > LIMITS.stringBytes) {
        throw new InvalidDataError(`${at()}: string is longer than ${LIMITS.stringBytes} bytes`);
      }
      return value;
    case 'object':
      break;
    default:
      throw new InvalidDataError(`${at()}: ${typeof value} is not a valid value`);
  }
  if (Array.isArray(value)) {
    const out = newObject();
    value.forEach((v, i) => {
      const n = normalizeAt(v, where, [...rel, String(i)], sv);
      if (n !== null) out[String(i)] = n;
    });
    return Object.keys(out).length === 0 ? null : out;
  }
  // Own keys only, read with hasOwn: JSON.parse keeps "__proto__" as an own key, and inherited
  // names such as "constructor" must not be mistaken for data.
  const obj = value as Record<string, unknown>;
  if (hasOwn(obj, '.sv')) return resolveServerValue(obj['.sv'], rel, sv, at);
  const out = newObject();
  let hasChild = false;
  for (const key of Object.keys(obj)) {
    const child = obj[key];
    if (key === '.priority') {
      if (child === null) continue;
      if (typeof child !== 'string' && typeof child !== 'number' && !isPlainObject(child)) {
        throw new InvalidDataError(`${at()}: .priority must be a string or number`);
      }
      const p = normalizeAt(child, where, [...rel, key], sv);
      if (typeof p !== 'string' && typeof p !== 'number' && p !== null) throw new InvalidDataError(`${at()}: .priority must be a string or number`);
      if (p !== null) out[key] = p;
      continue;
    }
    if (key === '.value') {
      const v = normalizeAt(child, where, rel, sv);
      if (v !== null && typeof v === 'object') throw new InvalidDataError(`${at()}: .value must be a primitive`);
      if (v !== null) out[key] = v;
      continue;
    }
    const problem = keyProblem(key);
    if (problem !== null) throw new InvalidDataError(`${at()}: key "${key}" ${problem}`);
    const n = normalizeAt(child, where, [...rel, key], sv);
    if (n !== null) {
      putKey(out, key, n);
      hasChild = true;
    }
  }
  if (hasOwn(out, VALUE)) {
    if (hasChild) throw new InvalidDataError(`${at()}: .value cannot sit beside children`);
    const v = out[VALUE] as Json;
    return hasOwn(out, PRIORITY) ? out : v;
  }
  return hasChild ? out : null;
}

function resolveServerValue(sv: unknown, rel: string[], ctx: ServerValueContext, at: () => string): Json {
  if (sv === 'timestamp') return ctx.now;
  if (isPlainObject(sv) && Object.keys(sv).length === 1 && hasOwn(sv, 'increment')) {
    const delta = sv['increment'];
    if (typeof delta !== 'number' || !Number.isFinite(delta)) throw new InvalidDataError(`${at()}: increment must be a finite number`);
    // A number stored with a priority counts as that number.
    let existing = ctx.existing(rel);
    if (existing !== null && typeof existing === 'object' && hasOwn(existing, VALUE)) existing = existing[VALUE] ?? null;
    // Firebase: a non-number existing value is replaced by the delta. The sum is a double; one that
    // overflows is refused rather than stored (JSON has no Infinity: memory and disk would disagree).
    const sum = typeof existing === 'number' ? existing + delta : delta;
    if (!Number.isFinite(sum)) throw new InvalidDataError(`${at()}: increment by ${delta} overflows the largest number (${existing} + ${delta} is not finite)`);
    return sum;
  }
  throw new InvalidDataError(`${at()}: unknown server value ${JSON.stringify(sv)}`);
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * A value as REST returns it: without `.priority`/`.value` wrappers unless `keepPriorities`
 * (format=export), and, like the SDK's val(), objects whose keys are mostly 0..n as arrays.
 */
export function restView(value: Json, keepPriorities = false): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (!keepPriorities && hasOwn(value, VALUE)) return value[VALUE] ?? null;
  const keys = Object.keys(value);
  if (!keepPriorities) {
    let max = -1;
    let count = 0;
    let allIndexes = true;
    for (const k of keys) {
      if (k === '.priority') continue;
      count++;
      if (!ARRAY_INDEX.test(k)) {
        allIndexes = false;
        break;
      }
      max = Math.max(max, Number(k));
    }
    if (allIndexes && count > 0 && max < 2 * count) {
      const arr: unknown[] = new Array<unknown>(max + 1).fill(null);
      for (const k of keys) if (k !== PRIORITY) arr[Number(k)] = restView(value[k] as Json);
      return arr;
    }
  }
  const out = newObject();
  for (const k of keys) {
    if (k === PRIORITY && !keepPriorities) continue;
    putKey(out, k, restView(value[k] as Json, keepPriorities) as Json);
  }
  return out;
}

// ---- The SDK's node hash, used to check transactions (see Node.hash() in the SDK). ----

function doubleHex(v: number): string {
  const buf = Buffer.alloc(8);
  buf.writeDoubleBE(v);
  return buf.toString('hex');
}

function priorityText(p: string | number): string {
  return typeof p === 'number' ? 'number:' + doubleHex(p) : 'string:' + p;
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('base64');
}

// Firebase's priority order: none < numbers < strings, ties broken by key.
function comparePriorityThenKey(a: [string, Json], b: [string, Json]): number {
  const pa = priorityOf(a[1]);
  const pb = priorityOf(b[1]);
  if (pa !== pb) {
    if (pa === null) return -1;
    if (pb === null) return 1;
    if (typeof pa !== typeof pb) return typeof pa === 'number' ? -1 : 1;
    if (pa < pb) return -1;
    if (pa > pb) return 1;
  }
  return compareKeys(a[0], b[0]);
}

/** The same hash the SDK computes for its cached copy of a node ('' for null). */
export function nodeHash(v: Json): string {
  if (v === null) return '';
  if (typeof v !== 'object') return sha1(typeof v + ':' + (typeof v === 'number' ? doubleHex(v) : String(v)));
  const p = priorityOf(v);
  let text = p === null ? '' : 'priority:' + priorityText(p) + ':';
  if (hasOwn(v, VALUE)) {
    const leaf = v[VALUE] as Json;
    if (leaf === null || typeof leaf === 'object') return '';
    return sha1(text + typeof leaf + ':' + (typeof leaf === 'number' ? doubleHex(leaf) : String(leaf)));
  }
  const entries = Object.entries(v).filter(([k]) => k !== PRIORITY);
  if (entries.length === 0) return '';
  entries.sort(comparePriorityThenKey);
  for (const [key, child] of entries) {
    const h = nodeHash(child);
    if (h !== '') text += ':' + key + ':' + h;
  }
  return text === '' ? '' : sha1(text);
}
