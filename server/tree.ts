import { createHash } from 'node:crypto';
import { compareKeys } from './query.ts';
import type { Json, JsonObject, Path } from './types.ts';

/** Firebase's limits on stored data (see docs/local-database.md). */
export const LIMITS = {
  keyBytes: 768,
  depth: 32,
  stringBytes: 10 * 1024 * 1024,
  writeBytes: 16 * 1024 * 1024,
} as const;

/** A client sent a path or value that Firebase would refuse; the message names where and why. */
export class InvalidDataError extends Error {}

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

/** Splits a wire path ("/a/b", "a/b/", "") into validated segments. */
export function parsePath(raw: unknown): Path {
  if (typeof raw !== 'string') throw new InvalidDataError('path must be a string');
  const segments = raw.split('/').filter((s) => s.length > 0);
  if (segments.length > LIMITS.depth) throw new InvalidDataError(`path ${raw} is deeper than ${LIMITS.depth}`);
  for (const s of segments) {
    const problem = keyProblem(s);
    if (problem !== null) throw new InvalidDataError(`path ${raw}: key "${s}" ${problem}`);
  }
  return segments;
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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export { getAt } from './liveTree.ts';

/** Context for resolving server values (`{".sv": ...}`) while normalising a write. */
export type ServerValueContext = { now: number; existing: (relative: Path) => Json };

/**
 * Validates an untrusted value from a client and returns it in stored form: arrays become
 * objects keyed by index, nulls and empty objects vanish, server values are resolved.
 * `where` names the value's path for error messages.
 */
export function normalize(value: unknown, where: Path, sv: ServerValueContext): Json {
  return normalizeAt(value, where, [], sv);
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
    const out: JsonObject = {};
    value.forEach((v, i) => {
      const n = normalizeAt(v, where, [...rel, String(i)], sv);
      if (n !== null) out[String(i)] = n;
    });
    return Object.keys(out).length === 0 ? null : out;
  }
  const obj = value as Record<string, unknown>;
  if ('.sv' in obj) return resolveServerValue(obj['.sv'], rel, sv, at);
  const out: JsonObject = {};
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
      out[key] = n;
      hasChild = true;
    }
  }
  if ('.value' in out) {
    if (hasChild) throw new InvalidDataError(`${at()}: .value cannot sit beside children`);
    const v = out['.value'] as Json;
    return '.priority' in out ? out : v;
  }
  return hasChild ? out : null;
}

function resolveServerValue(sv: unknown, rel: string[], ctx: ServerValueContext, at: () => string): Json {
  if (sv === 'timestamp') return ctx.now;
  if (isPlainObject(sv) && Object.keys(sv).length === 1 && 'increment' in sv) {
    const delta = sv['increment'];
    if (typeof delta !== 'number' || !Number.isFinite(delta)) throw new InvalidDataError(`${at()}: increment must be a finite number`);
    const existing = ctx.existing(rel);
    // Firebase: a non-number existing value is replaced by the delta.
    return typeof existing === 'number' ? existing + delta : delta;
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
  if (!keepPriorities && '.value' in value) return value['.value'];
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
      for (const k of keys) if (k !== '.priority') arr[Number(k)] = restView(value[k] as Json);
      return arr;
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === '.priority' && !keepPriorities) continue;
    out[k] = restView(value[k] as Json, keepPriorities);
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

function priorityOf(v: Json): string | number | null {
  if (v !== null && typeof v === 'object') {
    const p = v['.priority'];
    return typeof p === 'string' || typeof p === 'number' ? p : null;
  }
  return null;
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
  if ('.value' in v) {
    const leaf = v['.value'] as Json;
    if (leaf === null || typeof leaf === 'object') return '';
    return sha1(text + typeof leaf + ':' + (typeof leaf === 'number' ? doubleHex(leaf) : String(leaf)));
  }
  const entries = Object.entries(v).filter(([k]) => k !== '.priority');
  if (entries.length === 0) return '';
  entries.sort(comparePriorityThenKey);
  for (const [key, child] of entries) {
    const h = nodeHash(child);
    if (h !== '') text += ':' + key + ':' + h;
  }
  return text === '' ? '' : sha1(text);
}
