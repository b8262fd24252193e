/**
 * Realtime Database queries: parsing the SDK's wire query object (and REST query parameters),
 * and selecting the children a query matches, in exactly the order the firebase JS SDK uses
 * (see Index.compare, RangedFilter and LimitedFilter in @firebase/database).
 */
import type { Json, JsonObject } from './types.ts';

export type QueryIndex = { kind: 'priority' } | { kind: 'key' } | { kind: 'value' } | { kind: 'child'; path: string[] };
export type QueryBound = { value: Json; name: string | null; inclusive: boolean };
export type QuerySpec = { index: QueryIndex; start?: QueryBound; end?: QueryBound; limit?: { count: number; from: 'first' | 'last' } };

export class QueryError extends Error {
  override name = 'QueryError';
}

/** Sorts before any valid key (the SDK's MIN_NAME). */
export const MIN_NAME = '[MIN_NAME]';
/** Sorts after any valid key (the SDK's MAX_NAME). */
export const MAX_NAME = '[MAX_NAME]';

const INTEGER_RE = /^-?(0*)\d{1,10}$/;

/** The SDK's tryParseInt: the value of a key that looks like a 32-bit integer, else null. */
function tryParseInt(s: string): number | null {
  const n = INTEGER_RE.test(s) ? Number(s) : NaN;
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/** True for a string that is not a valid key: it holds . # $ [ ] / or an ASCII control character. */
function isInvalidKey(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 32 || s.charCodeAt(i) === 127) return true;
  return /[[\].#$/]/.test(s);
}

/** The SDK's nameCompare, with the integer parse of each key precomputed. */
function nameCmp(a: string, ai: number | null, b: string, bi: number | null): number {
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

/** Sort rank of an index value: missing/null < boolean < number < string < object. */
const R_NULL = 0, R_BOOL = 1, R_NUM = 2, R_STR = 3, R_OBJ = 4;

/** A child (or a query bound) prepared for comparison: no allocation happens while comparing. */
type Entry = { key: string; int: number | null; rank: number; num: number; str: string };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null;
}

function hasChildren(o: JsonObject): boolean {
  for (const k in o) if (k.charCodeAt(0) !== 46 /* '.' */) return true;
  return false;
}

function makeEntry(key: string, v: Json | undefined): Entry {
  if (isObject(v) && Object.hasOwn(v, '.value')) v = v['.value'];
  const t = typeof v;
  const rank = t === 'boolean' ? R_BOOL : t === 'number' ? R_NUM : t === 'string' ? R_STR : isObject(v) && hasChildren(v) ? R_OBJ : R_NULL;
  const num = t === 'number' ? (v as number) : v === true ? 1 : 0;
  return { key, int: tryParseInt(key), rank, num, str: t === 'string' ? (v as string) : '' };
}

function cmpEntry(a: Entry, b: Entry, byKey: boolean): number {
  if (!byKey) {
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.rank === R_NUM || a.rank === R_BOOL) {
      if (a.num !== b.num) return a.num < b.num ? -1 : 1;
    } else if (a.rank === R_STR) {
      if (a.str !== b.str) return a.str < b.str ? -1 : 1;
    }
  }
  return nameCmp(a.key, a.int, b.key, b.int);
}

/** The value a child is ordered by under `index` (undefined/null when missing). */
function indexValue(child: Json, index: QueryIndex): Json | undefined {
  switch (index.kind) {
    case 'key':
      return null;
    case 'value':
      return child;
    case 'priority':
      return isObject(child) ? child['.priority'] : null;
    case 'child': {
      let cur: Json | undefined = child;
      for (const seg of index.path) {
        if (!isObject(cur) || Object.hasOwn(cur, '.value') || !Object.hasOwn(cur, seg)) return null;
        cur = cur[seg];
      }
      return cur;
    }
  }
}

/**
 * The entry a bound compares as. Without a name, a start bound is (value, MIN_NAME) when inclusive and
 * (value, MAX_NAME) when exclusive (startAfter(value) skips every child with that value); an end bound
 * the reverse. For the key index the bound's value is the key and its name is ignored.
 */
function boundEntry(b: QueryBound, index: QueryIndex, isStart: boolean): Entry {
  if (index.kind === 'key') return makeEntry(typeof b.value === 'string' ? b.value : String(b.value), null);
  const name = b.name ?? (isStart === b.inclusive ? MIN_NAME : MAX_NAME);
  return makeEntry(name, b.value);
}

/** The keys of the children of `node` that `spec` matches, in query (ascending index) order. */
export function selectKeys(node: Json, spec: QuerySpec): string[] {
  if (!isObject(node) || Object.hasOwn(node, '.value')) return [];
  const { index, start, end, limit } = spec;
  const byKey = index.kind === 'key';
  const lo = start ? boundEntry(start, index, true) : null;
  const hi = end ? boundEntry(end, index, false) : null;
  const loMax = start?.inclusive === false ? -1 : 0;
  const hiMin = end?.inclusive === false ? 1 : 0;
  const entries: Entry[] = [];
  for (const key of Object.keys(node)) {
    const child = node[key] as Json;
    if (child === null || key.charCodeAt(0) === 46 || (isObject(child) && !hasChildren(child) && !Object.hasOwn(child, '.value'))) continue;
    const e = makeEntry(key, indexValue(child, index));
    if (lo !== null && cmpEntry(lo, e, byKey) > loMax) continue;
    if (hi !== null && cmpEntry(e, hi, byKey) > -hiMin) continue;
    entries.push(e);
  }
  const cmp = (a: Entry, b: Entry): number => cmpEntry(a, b, byKey);
  // With a small limit keep only the limit's worth of candidates (O(n log limit)), then sort those.
  let chosen = limit && limit.count * 4 < entries.length ? smallest(entries, limit.count, limit.from === 'first' ? cmp : (a, b) => cmp(b, a)) : entries;
  chosen.sort(cmp);
  if (limit && chosen.length > limit.count) chosen = limit.from === 'first' ? chosen.slice(0, limit.count) : chosen.slice(-limit.count);
  return chosen.map((e) => e.key);
}

/** The `n` smallest entries under `cmp` (unordered), via a bounded max-heap: O(len log n). */
function smallest(items: Entry[], n: number, cmp: (a: Entry, b: Entry) => number): Entry[] {
  const heap = items.slice(0, n).sort((a, b) => cmp(b, a)); // a sorted array is a valid max-heap
  const at = (i: number): Entry => heap[i] as Entry;
  for (let k = n; k < items.length; k++) {
    const item = items[k] as Entry;
    if (cmp(item, at(0)) >= 0) continue;
    let i = 0; // sift the new item down from the root
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = l < n && cmp(at(l), item) > 0 ? l : -1;
      if (r < n && cmp(at(r), m < 0 ? item : at(m)) > 0) m = r;
      if (m < 0) break;
      heap[i] = at(m);
      i = m;
    }
    heap[i] = item;
  }
  return heap;
}

/**
 * The part of `node` a query returns. A query that loads all data returns `node` unchanged; otherwise an
 * object holding just the matching children (values shared, not copied; stored priorities kept), or null.
 */
export function runQuery(node: Json, spec: QuerySpec): Json {
  if (loadsAllData(spec)) return node;
  const keys = selectKeys(node, spec);
  if (keys.length === 0 || !isObject(node)) return null;
  const out: JsonObject = {};
  for (const k of keys) {
    const v = node[k] as Json;
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/** True when the query has no start, end or limit (it only orders). */
export function loadsAllData(spec: QuerySpec): boolean {
  return spec.start === undefined && spec.end === undefined && spec.limit === undefined;
}

const WIRE_KEYS = new Set(['sp', 'sn', 'sin', 'ep', 'en', 'ein', 'l', 'vf', 'i']);

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

function parseIndexPath(s: string, what: string): QueryIndex {
  const path = s.split('/').filter((seg) => seg !== '');
  if (path.length === 0) throw new QueryError(`${what} must name a child path, got ${JSON.stringify(s)}`);
  for (const seg of path) {
    if (isInvalidKey(seg)) {
      throw new QueryError(`${what} ${JSON.stringify(s)} is not a valid child path (it may not contain . # $ [ ] or control characters)`);
    }
  }
  return { kind: 'child', path };
}

function parseIndex(i: unknown): QueryIndex {
  if (i === undefined) return { kind: 'priority' };
  if (typeof i !== 'string') throw new QueryError(`query.i must be a string, got ${describe(i)}`);
  if (i === '.key') return { kind: 'key' };
  if (i === '.value') return { kind: 'value' };
  if (i === '.priority') return { kind: 'priority' };
  return parseIndexPath(i, 'query.i');
}

/** Checks a bound's value against what the SDK allows for the index. */
function checkBoundValue(v: unknown, index: QueryIndex, what: string): Json {
  if (index.kind === 'key') {
    if (typeof v !== 'string') throw new QueryError(`${what} must be a string when ordering by key, got ${describe(v)}`);
    return v;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new QueryError(`${what} must be a finite number`);
  if (index.kind === 'priority') {
    if (v === null || typeof v === 'number' || typeof v === 'string') return v;
    throw new QueryError(`${what} must be null, a number or a string when ordering by priority, got ${describe(v)}`);
  }
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  throw new QueryError(`${what} must be null, a boolean, a number or a string, got ${describe(v)}`);
}

function checkBoundName(n: unknown, index: QueryIndex, what: string): string {
  if (typeof n !== 'string') throw new QueryError(`${what} must be a string, got ${describe(n)}`);
  if (index.kind === 'key') throw new QueryError(`${what} is not allowed when ordering by key`);
  if (n !== MIN_NAME && n !== MAX_NAME && isInvalidKey(n)) {
    throw new QueryError(`${what} ${JSON.stringify(n)} is not a valid key`);
  }
  return n;
}

function parseWireBound(o: Record<string, unknown>, p: string, n: string, inc: string, index: QueryIndex): QueryBound | undefined {
  if (!Object.hasOwn(o, p)) {
    if (Object.hasOwn(o, n) || Object.hasOwn(o, inc)) throw new QueryError(`query.${Object.hasOwn(o, n) ? n : inc} requires query.${p}`);
    return undefined;
  }
  const value = checkBoundValue(o[p], index, `query.${p}`);
  const name = Object.hasOwn(o, n) ? checkBoundName(o[n], index, `query.${n}`) : null;
  const inclusive = o[inc] ?? true;
  if (typeof inclusive !== 'boolean') throw new QueryError(`query.${inc} must be a boolean, got ${describe(inclusive)}`);
  return { value, name, inclusive };
}

function checkLimit(l: unknown, what: string): number {
  if (typeof l !== 'number' || !Number.isSafeInteger(l) || l <= 0) throw new QueryError(`${what} must be a positive integer`);
  return l;
}

/** Validates an untrusted wire query object (the SDK's queryParamsGetQueryObject output). */
export function parseQuery(q: unknown): QuerySpec {
  if (typeof q !== 'object' || q === null || Array.isArray(q)) throw new QueryError(`query must be an object, got ${describe(q)}`);
  const o = q as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!WIRE_KEYS.has(k)) throw new QueryError(`unknown query key ${JSON.stringify(k)}`);
  const index = parseIndex(o['i']);
  const spec: QuerySpec = { index };
  const start = parseWireBound(o, 'sp', 'sn', 'sin', index);
  const end = parseWireBound(o, 'ep', 'en', 'ein', index);
  if (start) spec.start = start;
  if (end) spec.end = end;
  if (Object.hasOwn(o, 'l')) {
    const count = checkLimit(o['l'], 'query.l');
    const vf = o['vf'] ?? (start ? 'l' : 'r');
    if (vf !== 'l' && vf !== 'r') throw new QueryError(`query.vf must be "l" or "r", got ${JSON.stringify(vf)}`);
    spec.limit = { count, from: vf === 'l' ? 'first' : 'last' };
  } else if (Object.hasOwn(o, 'vf')) {
    throw new QueryError('query.vf requires query.l');
  }
  return spec;
}

/** The wire object the SDK would send for `spec` (inverse of parseQuery). */
export function queryToWire(spec: QuerySpec): Record<string, unknown> {
  const w: Record<string, unknown> = {};
  if (spec.start) {
    w['sp'] = spec.start.value;
    if (spec.start.name !== null) w['sn'] = spec.start.name;
    w['sin'] = spec.start.inclusive;
  }
  if (spec.end) {
    w['ep'] = spec.end.value;
    if (spec.end.name !== null) w['en'] = spec.end.name;
    w['ein'] = spec.end.inclusive;
  }
  if (spec.limit) {
    w['l'] = spec.limit.count;
    w['vf'] = spec.limit.from === 'first' ? 'l' : 'r';
  }
  const ix = spec.index;
  if (ix.kind !== 'priority') w['i'] = ix.kind === 'key' ? '.key' : ix.kind === 'value' ? '.value' : ix.path.join('/');
  return w;
}

export type QueryVar = {
  orderByKey: boolean; orderByValue: boolean; orderByPriority: boolean; orderByChild: string | null;
  startAt: unknown; startAfter: unknown; endAt: unknown; endBefore: unknown; equalTo: unknown;
  limitToFirst: number | null; limitToLast: number | null;
};

/** The `query` variable of security rules. equalTo is set when start and end are the same inclusive bound. */
export function toQueryVar(spec: QuerySpec): QueryVar {
  const { index, start, end, limit } = spec;
  const isEqual = !!start && !!end && start.inclusive && end.inclusive && start.value === end.value && start.name === end.name;
  return {
    orderByKey: index.kind === 'key',
    orderByValue: index.kind === 'value',
    orderByPriority: index.kind === 'priority',
    orderByChild: index.kind === 'child' ? index.path.join('/') : null,
    startAt: start?.inclusive ? start.value : null,
    startAfter: start && !start.inclusive ? start.value : null,
    endAt: end?.inclusive ? end.value : null,
    endBefore: end && !end.inclusive ? end.value : null,
    equalTo: isEqual ? (start as QueryBound).value : null,
    limitToFirst: limit?.from === 'first' ? limit.count : null,
    limitToLast: limit?.from === 'last' ? limit.count : null,
  };
}

const NOT_JSON = Symbol('not JSON');
function tryJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return NOT_JSON;
  }
}

const REST_FILTERS = ['startAt', 'startAfter', 'endAt', 'endBefore', 'equalTo', 'limitToFirst', 'limitToLast'] as const;

/** Parses `value` or `value,"name"` (JSON), as the SDK's REST client writes them. */
function parseRestBound(params: URLSearchParams, param: string, index: QueryIndex, inclusive: boolean): QueryBound | undefined {
  const raw = params.get(param);
  if (raw === null) return undefined;
  let value = tryJson(raw), name: unknown = null;
  for (let i = raw.indexOf(','); value === NOT_JSON && i >= 0; i = raw.indexOf(',', i + 1)) {
    const v = tryJson(raw.slice(0, i)), n = tryJson(raw.slice(i + 1));
    if (v !== NOT_JSON && n !== NOT_JSON) [value, name] = [v, n];
  }
  if (value === NOT_JSON) throw new QueryError(`${param} must be a JSON value, optionally followed by a comma and a JSON string key`);
  return {
    value: checkBoundValue(value, index, param),
    name: name === null ? null : checkBoundName(name, index, `${param} key name`),
    inclusive,
  };
}

function parseRestLimit(params: URLSearchParams, param: string): number | undefined {
  const raw = params.get(param);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new QueryError(`${param} must be a positive integer`);
  return checkLimit(Number(raw), param);
}

/** A REST query (orderBy, startAt, ..., limitToLast); null when there is no orderBy. */
export function parseRestQuery(params: URLSearchParams): QuerySpec | null {
  const orderByRaw = params.get('orderBy');
  if (orderByRaw === null) {
    const used = REST_FILTERS.find((p) => params.has(p));
    if (used !== undefined) throw new QueryError(`orderBy must be defined when ${used} is used`);
    return null;
  }
  const orderBy = tryJson(orderByRaw);
  if (typeof orderBy !== 'string') throw new QueryError('orderBy must be a JSON string, e.g. orderBy="$key" or orderBy="height"');
  const index: QueryIndex =
    orderBy === '$key' ? { kind: 'key' } : orderBy === '$value' ? { kind: 'value' } : orderBy === '$priority' ? { kind: 'priority' } : parseIndexPath(orderBy, 'orderBy');
  const spec: QuerySpec = { index };
  const equal = parseRestBound(params, 'equalTo', index, true);
  const startAt = parseRestBound(params, 'startAt', index, true);
  const startAfter = parseRestBound(params, 'startAfter', index, false);
  const endAt = parseRestBound(params, 'endAt', index, true);
  const endBefore = parseRestBound(params, 'endBefore', index, false);
  if (startAt && startAfter) throw new QueryError('startAt and startAfter cannot both be used');
  if (endAt && endBefore) throw new QueryError('endAt and endBefore cannot both be used');
  if (equal) {
    if (startAt || startAfter || endAt || endBefore) throw new QueryError('equalTo cannot be combined with startAt, startAfter, endAt or endBefore');
    spec.start = equal;
    spec.end = { ...equal };
  } else {
    const start = startAt ?? startAfter;
    const end = endAt ?? endBefore;
    if (start) spec.start = start;
    if (end) spec.end = end;
  }
  const first = parseRestLimit(params, 'limitToFirst');
  const last = parseRestLimit(params, 'limitToLast');
  if (first !== undefined && last !== undefined) throw new QueryError('limitToFirst and limitToLast cannot both be used');
  if (first !== undefined) spec.limit = { count: first, from: 'first' };
  if (last !== undefined) spec.limit = { count: last, from: 'last' };
  return spec;
}
