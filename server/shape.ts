/**
 * How stored values are shaped, in one place: every other server module reads and builds tree nodes
 * through these helpers.
 *
 * Stored form: objects never are empty and never hold nulls; a primitive with a priority is
 * `{".value": v, ".priority": p}`; an object with a priority holds a ".priority" key beside its
 * children.
 *
 * Every object node has a null prototype. Keys are data, never JavaScript: "__proto__",
 * "constructor" or "hasOwnProperty" are ordinary keys, stored literally as Firebase stores them.
 * On an ordinary object `o["__proto__"] = v` would change its prototype instead of adding a key,
 * and `o["constructor"]` would read Object.prototype's. Nodes are only ever read through own
 * properties (`hasOwn`), and built with `newObject()` or `parseJson()`.
 */
import type { Json, JsonObject, Path } from './types.ts';

export const PRIORITY = '.priority';
export const VALUE = '.value';

/** Firebase's limits on stored data (see docs/local-database.md). */
export const LIMITS = {
  keyBytes: 768,
  depth: 32,
  stringBytes: 10 * 1024 * 1024,
  writeBytes: 16 * 1024 * 1024,
} as const;

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** An empty object node (null prototype, see above). */
export function newObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

/** True for an object node (children or a `.value` wrapper). */
export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null;
}

/**
 * The approximate JSON size of `value` (a tree node, or a REST view of one with arrays), counted
 * only until it passes `limit`: telling a small node from a large one costs at most `limit`.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const n = stack.pop();
    if (typeof n === 'string') size += n.length + 2;
    else if (typeof n !== 'object' || n === null) size += 8;
    else {
      for (const k in n) {
        size += k.length + 4;
        stack.push((n as Record<string, unknown>)[k]);
        if (size > limit) return size;
      }
    }
    if (size > limit) return size;
  }
  return size;
}

/** The own entry `key` of a node (a child, or `.priority`/`.value`), or null. */
export function childOf(node: Json, key: string): Json {
  return isObject(node) && hasOwn(node, key) ? (node[key] ?? null) : null;
}

/** The value at `path` (whose last segment may be `.priority`), or null. */
export function getAt(root: Json, path: Path): Json {
  let node: Json = root;
  for (const key of path) {
    node = childOf(node, key);
    if (node === null) return null;
  }
  return node;
}

/** The priority of a node, or null. */
export function priorityOf(node: Json): string | number | null {
  const p = childOf(node, PRIORITY);
  return typeof p === 'string' || typeof p === 'number' ? p : null;
}

/** Sets own property `key` of an object, whatever its prototype ("__proto__" becomes a key). */
export function putKey(o: JsonObject, key: string, v: Json): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
  else o[key] = v;
}

/** JSON.parse whose objects have null prototypes (JSON.parse itself keeps "__proto__" as an own key). */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const o = newObject();
    for (const k of Object.keys(v)) putKey(o, k, (v as JsonObject)[k] as Json);
    return o;
  });
}

// ---- Keys ----

/** Characters Firebase forbids in keys: . $ # [ ] / and ASCII control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
export const BAD_KEY = /[.$#[\]/\u0000-\u001f\u007f]/;

/** Describes why a key is invalid, or returns null when it is fine. */
export function keyProblem(key: string): string | null {
  if (key.length === 0) return 'is empty';
  if (BAD_KEY.test(key)) return 'contains one of . $ # [ ] / or a control character';
  if (Buffer.byteLength(key, 'utf8') > LIMITS.keyBytes) return `is longer than ${LIMITS.keyBytes} bytes`;
  return null;
}

/** Sorts before any valid key (the SDK's MIN_NAME). */
export const MIN_NAME = '[MIN_NAME]';
/** Sorts after any valid key (the SDK's MAX_NAME). */
export const MAX_NAME = '[MAX_NAME]';

const INTEGER_RE = /^-?(0*)\d{1,10}$/;

/** The SDK's tryParseInt: the value of a key that looks like a 32-bit integer, else null. */
export function tryParseInt(s: string): number | null {
  const n = INTEGER_RE.test(s) ? Number(s) : NaN;
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/** The SDK's nameCompare, with the integer parse of each key precomputed. */
export function nameCmp(a: string, ai: number | null, b: string, bi: number | null): number {
  if (a === b) return 0;
  if (a === MIN_NAME || b === MAX_NAME) return -1;
  if (b === MIN_NAME || a === MAX_NAME) return 1;
  if (ai !== null) {
    if (bi === null) return -1;
    const d = ai - bi;
    return d === 0 ? a.length - b.length : d;
  }
  if (bi !== null) return 1;
  return a < b ? -1 : 1;
}

/** Firebase key order: 32-bit integer-looking keys first (numerically), then other keys by code unit. */
export function compareKeys(a: string, b: string): number {
  return nameCmp(a, tryParseInt(a), b, tryParseInt(b));
}
