import type { Identity } from './auth.ts';
import { applyChanges, overlay } from './liveTree.ts';
import type { LogRecord, Store } from './persist/store.ts';
import { indexName, loadsAllData, pickChildren, QueryWindow, runQuery, SortedIndex, toQueryVar, type QuerySpec } from './query.ts';
import { canRead, checkWrite, indexOnAt, type RuleNode } from './rules/index.ts';
import { hasOwn, newObject, putKey } from './shape.ts';
import { InvalidDataError, PathSet, getAt, isPrefix, nodeHash, nodeOf, normalize, parsePath, pathString } from './tree.ts';
import type { Json, Path } from './types.ts';

/** A namespace could not be loaded from disk (REST answers 503 with this message). */
export class NamespaceLoadError extends Error {
  readonly status = 503;
}

/** Where a database pushes events: one per WebSocket connection. */
export type Sink = {
  readonly identity: Identity;
  /** Sends one server push (`{a, b}`) to the client. */
  push(action: string, body: Record<string, unknown>): void;
  /** Called when the database revoked one of this sink's listens. */
  forget(sub: Subscription): void;
};

/** One active listen of one connection. Untagged listens get the whole subtree. */
export type Subscription = {
  readonly sink: Sink;
  readonly path: Path;
  readonly tag: number | null;
  readonly spec: QuerySpec | null;
  readonly wire: unknown;
  /** What a tagged query last sent, kept up to date write by write to send only what changed. Set by subscribe. */
  window?: QueryWindow;
};

/** A write as the client sent it, before validation. */
export type WriteOp = { kind: 'set'; path: Path; value: unknown; hash?: string } | { kind: 'update'; path: Path; value: unknown };

export type WriteResult = { ok: true } | { ok: false; status: 'permission_denied' | 'datastale' | 'invalid_data'; reason: string };

/**
 * A database write after validation: what to persist, and each changed path with its new value.
 * Paths and values travel as pairs, never matched up by position: an object's key order is not
 * its insertion order ("0" comes first), so pairing `Object.values` with a list of paths would let
 * the rules check one tree while another is stored.
 */
type Resolved = { record: LogRecord; changes: Array<readonly [Path, Json]> };

/** A collection gets a sorted index (see SortedIndex) once it has this many children. */
export const INDEX_MIN_CHILDREN = 1000;
/** At most this many sorted indexes per namespace, the least recently queried dropped first. */
export const MAX_INDEXES = 32;

/** Which children of the location `L` the changed paths touch; `whole` when one is at or above it. */
function changedBelow(L: Path, changed: readonly Path[]): { whole: boolean; touched: Set<string> } {
  const touched = new Set<string>();
  for (const c of changed) {
    if (isPrefix(c, L)) return { whole: true, touched };
    if (isPrefix(L, c)) touched.add(c[L.length] as string);
  }
  return { whole: false, touched };
}

/** One namespace: its data, rules, persistence and listeners. All methods are synchronous. */
export class Database {
  data: Json;
  rules: RuleNode;
  ownRules: unknown;
  private readonly subs = new Set<Subscription>();
  private recheckScheduled = false;
  /** Sorted indexes of wide collections, by path and index name, least recently queried first. */
  private readonly indexes = new Map<string, { path: Path; index: SortedIndex }>();

  constructor(
    readonly name: string,
    private readonly store: Store,
    initial: Json,
    rules: RuleNode,
    ownRules: unknown,
    private readonly clock: () => number,
  ) {
    this.data = initial;
    this.rules = rules;
    this.ownRules = ownRules;
  }

  /** Reads `path` (optionally a query) as `who`; null result with ok=false when denied. */
  read(who: Identity, path: Path, spec: QuerySpec | null): { ok: true; value: Json } | { ok: false } {
    if (!this.mayRead(who, path, spec)) return { ok: false };
    const node = getAt(this.data, path);
    return { ok: true, value: spec === null ? node : this.runQuery(path, node, spec) };
  }

  /** runQuery(node, spec), from the collection's sorted index when it has one. */
  private runQuery(path: Path, node: Json, spec: QuerySpec): Json {
    if (loadsAllData(spec)) return node;
    const index = this.indexFor(path, node, spec);
    return index === null ? runQuery(node, spec) : pickChildren(node, index.keys(spec));
  }

  /**
   * The sorted index for a query at `path` (at `node`), made on first use: only for an order the
   * rules declare with `.indexOn` (or by key, which Firebase always indexes), on a collection of at
   * least INDEX_MIN_CHILDREN children; null otherwise (the query scans).
   */
  private indexFor(path: Path, node: Json, spec: QuerySpec): SortedIndex | null {
    const { index } = spec;
    if (index.kind === 'priority' || loadsAllData(spec)) return null;
    const name = indexName(index);
    const id = `${pathString(path)}\u0000${name}`;
    const hit = this.indexes.get(id);
    if (hit !== undefined) {
      this.indexes.delete(id); // most recently used last
      this.indexes.set(id, hit);
      return hit.index;
    }
    if (index.kind !== 'key' && !indexOnAt(this.rules, path).some((declared) => declared.split('/').filter((s) => s !== '').join('/') === name || declared === name)) return null;
    if (typeof node !== 'object' || node === null || Object.keys(node).length < INDEX_MIN_CHILDREN) return null;
    const made = new SortedIndex(index, node);
    this.indexes.set(id, { path, index: made });
    for (const [oldest, entry] of this.indexes) {
      if (this.indexes.size <= MAX_INDEXES) break;
      entry.index.live = false;
      this.indexes.delete(oldest);
    }
    return made;
  }

  /** How many sorted indexes the namespace holds (for tests). */
  get indexCount(): number {
    return this.indexes.size;
  }

  /** Keeps every sorted index up to date with a committed write; drops those whose whole collection it replaced. */
  private updateIndexes(changed: readonly Path[]): void {
    for (const [id, { path, index }] of this.indexes) {
      const { whole, touched } = changedBelow(path, changed);
      if (whole) {
        index.live = false;
        this.indexes.delete(id);
      } else if (touched.size > 0) {
        index.applyChildren(getAt(this.data, path), touched);
      }
    }
  }

  mayRead(who: Identity, path: Path, spec: QuerySpec | null): boolean {
    if (who.admin) return true;
    const req = { auth: who.auth, now: this.clock(), root: this.data, path: nodeOf(path) };
    return canRead(this.rules, spec === null ? req : { ...req, query: toQueryVar(spec) });
  }

  /** Validates, authorises, persists and publishes one atomic write. */
  write(who: Identity, op: WriteOp): WriteResult {
    const prepared = this.prepare(who, op);
    if (!prepared.ok) return prepared;
    this.commit(prepared.resolved);
    return { ok: true };
  }

  /** Checks a write as `write` would, without applying it. */
  dryRun(who: Identity, op: WriteOp): WriteResult {
    const prepared = this.prepare(who, op);
    return prepared.ok ? { ok: true } : prepared;
  }

  private prepare(who: Identity, op: WriteOp): Exclude<WriteResult, { ok: true }> | { ok: true; resolved: Resolved } {
    let resolved: Resolved;
    try {
      const now = this.clock();
      if (op.kind === 'set') {
        if (op.hash !== undefined && nodeHash(getAt(this.data, op.path)) !== op.hash) {
          return { ok: false, status: 'datastale', reason: 'Transaction hash does not match' };
        }
        const existing = getAt(this.data, op.path);
        const value = normalize(op.value, op.path, { now, existing: (rel) => getAt(existing, rel) });
        resolved = { record: { op: 'set', path: op.path, value }, changes: [[op.path, value]] };
      } else {
        resolved = this.resolveUpdate(op.path, op.value, now);
      }
      if (!who.admin) {
        // The rules see the tree as it would be after the write, without the write happening yet:
        // built from the very pairs that commit() stores. A write to `<node>/.priority` is, for
        // rules, a write at `<node>` (as in Firebase).
        const newRoot = overlay(this.data, resolved.changes);
        const paths = resolved.changes.map(([p]) => nodeOf(p));
        const verdict = checkWrite(this.rules, { auth: who.auth, now, oldRoot: this.data, newRoot, paths });
        if (!verdict.ok) return { ok: false, status: 'permission_denied', reason: `Permission denied at ${pathString(verdict.path)} (${verdict.reason})` };
      }
    } catch (e) {
      if (e instanceof InvalidDataError) return { ok: false, status: 'invalid_data', reason: e.message };
      throw e;
    }
    return { ok: true, resolved };
  }

  private resolveUpdate(base: Path, raw: unknown, now: number): Resolved {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidDataError(`${pathString(base)}: update must be an object`);
    if (base.at(-1) === '.priority') throw new InvalidDataError(`${pathString(base)}: a priority has no children to update`);
    // Own keys of the parsed JSON, "__proto__" included (JSON.parse makes it an own key).
    const record = newObject();
    const changes: Array<readonly [Path, Json]> = [];
    const seen = new PathSet();
    for (const rel of Object.keys(raw)) {
      const relPath = parsePath(rel);
      if (relPath.length === 0) throw new InvalidDataError(`${pathString(base)}: update has an empty key`);
      const full = [...base, ...relPath];
      const other = seen.addUnlessOverlapping(full);
      if (other !== null) throw new InvalidDataError(`${pathString(base)}: update paths ${pathString(other)} and ${pathString(full)} overlap`);
      const existing = getAt(this.data, full);
      const value = normalize(hasOwn(raw, rel) ? (raw as Record<string, unknown>)[rel] : null, full, { now, existing: (r) => getAt(existing, r) });
      putKey(record, relPath.join('/'), value);
      changes.push([full, value]);
    }
    return { record: { op: 'update', path: base, value: record }, changes };
  }

  private commit(resolved: Resolved): void {
    // Durable before anyone hears of it: the log write is synchronous.
    const { record } = resolved;
    this.store.append([record]);
    this.data = applyChanges(this.data, resolved.changes);
    this.updateIndexes(resolved.changes.map(([p]) => p));
    this.publish(resolved);
    // In the background: a large namespace takes seconds to write, and clients are served meanwhile.
    if (this.store.shouldCompact()) {
      // A failed compaction loses nothing (the snapshot and the log stand); the next write retries.
      this.store.compactInBackground(this.data).catch((e: unknown) => console.error(`[db] ${this.name}: compaction failed: ${String(e)}`));
    }
    this.scheduleRecheck();
  }

  /** Compacts in the background now, whatever the log's size (a snapshot in the older single-JSON form, rewritten framed). */
  compactSoon(): Promise<void> {
    return this.store.compactInBackground(this.data);
  }

  setRules(rules: RuleNode, source: unknown): void {
    this.rules = rules;
    this.ownRules = source;
    this.scheduleRecheck();
  }

  subscribe(sub: Subscription): Json {
    this.subs.add(sub);
    const node = getAt(this.data, sub.path);
    if (sub.spec === null) return node;
    if (sub.tag === null) return this.runQuery(sub.path, node, sub.spec);
    sub.window = new QueryWindow(sub.spec, node, this.indexFor(sub.path, node, sub.spec));
    return this.queryValue(node, sub.spec, sub.window);
  }

  /** What `runQuery(node, spec)` returns, from a window that is up to date with `node`. */
  private queryValue(node: Json, spec: QuerySpec, window: QueryWindow): Json {
    return loadsAllData(spec) ? node : pickChildren(node, window.keys());
  }

  unsubscribe(sub: Subscription): void {
    this.subs.delete(sub);
  }

  /** Re-checks read access of every live listen: rules may depend on data that just changed. */
  scheduleRecheck(): void {
    if (this.recheckScheduled) return;
    this.recheckScheduled = true;
    setImmediate(() => {
      this.recheckScheduled = false;
      for (const sub of this.subs) {
        if (sub.sink.identity.admin) continue;
        if (!this.mayRead(sub.sink.identity, sub.path, sub.spec)) {
          this.subs.delete(sub);
          sub.sink.forget(sub);
          const body: Record<string, unknown> = { p: pathString(sub.path) };
          if (sub.tag !== null) body['q'] = [sub.wire];
          sub.sink.push('c', body);
        }
      }
    });
  }

  private publish(resolved: Resolved): void {
    const changed = resolved.changes.map(([p]) => p);
    const sent = new Map<Sink, Set<string>>();
    const once = (sink: Sink, key: string): boolean => {
      let keys = sent.get(sink);
      if (keys === undefined) sent.set(sink, (keys = new Set()));
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    };
    for (const sub of this.subs) {
      if (sub.tag === null) this.publishPlain(sub, resolved, once);
      else this.publishQuery(sub, changed);
    }
  }

  private publishPlain(sub: Subscription, resolved: Resolved, once: (s: Sink, k: string) => boolean): void {
    const L = sub.path;
    const { record } = resolved;
    if (isPrefix(L, record.path)) {
      // The write lies inside the listen: forward it as it was made.
      const p = pathString(record.path);
      if (!once(sub.sink, record.op + p)) return;
      sub.sink.push(record.op === 'set' ? 'd' : 'm', { p, d: record.value });
      return;
    }
    // The write starts above the listen. A change at or above the listened node replaces it: send
    // the node. Changes below it go as one merge of just those paths, as Firebase does: a purge at
    // the root that removes one child of a 100k-child collection sends that child, not the collection.
    const below = newObject();
    let isBelow = false;
    for (const [c, value] of resolved.changes) {
      if (isPrefix(c, L)) {
        const p = pathString(L);
        if (once(sub.sink, 'd' + p)) sub.sink.push('d', { p, d: getAt(this.data, L) });
        return;
      }
      if (isPrefix(L, c)) {
        putKey(below, c.slice(L.length).join('/'), value);
        isBelow = true;
      }
    }
    if (!isBelow) return;
    const p = pathString(L);
    if (once(sub.sink, 'm' + p)) sub.sink.push('m', { p, d: below });
  }

  private publishQuery(sub: Subscription, changed: Path[]): void {
    const L = sub.path;
    const spec = sub.spec as QuerySpec;
    const { whole, touched } = changedBelow(L, changed);
    if (!whole && touched.size === 0) return;
    const node = getAt(this.data, L);
    let window = sub.window;
    if (whole || window === undefined) {
      // A write at or above the location: recompute (on a new index, the old one was dropped), and send the whole result.
      sub.window = window = new QueryWindow(spec, node, this.indexFor(L, node, spec));
      sub.sink.push('d', { p: pathString(L), d: this.queryValue(node, spec, window), t: sub.tag });
      return;
    }
    // Writes to children only: update the window for each (recomputing only when it cannot tell).
    const { removed, sent } = window.applyChildren(node, touched);
    if (removed.length === 0 && sent.length === 0) return;
    const diff = newObject();
    for (const k of removed) putKey(diff, k, null);
    for (const k of sent) putKey(diff, k, getAt(node, [k]));
    sub.sink.push('m', { p: pathString(L), d: diff, t: sub.tag });
  }

  flush(): void {
    this.store.flush();
  }

  close(): void {
    this.store.close();
  }
}
