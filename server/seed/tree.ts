/**
 * A tiny in-memory Realtime Database: the JSON tree and a multi-path update applier with the
 * server's semantics (server values resolved, null removes, empty objects vanish, overlapping
 * paths refused). Every patch the domain builds is applied here, so the seeded records are
 * exactly what the app's `update()` would have left in the database.
 *
 * Arrays (order lines) are stored as given and treated as immutable: records of one order
 * share their `ordered` array, which keeps a year of orders small in memory.
 */

/** A JSON object node of the tree. */
export type Node = { [key: string]: unknown };
/** The whole database. */
export type Tree = Node;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits a patch path ('orders/-Nabc/status') into keys. */
function keys(path: string): string[] {
  const parts = path.split('/').filter((k) => k !== '');
  if (parts.length === 0) throw new Error(`patch path "${path}" names the root`);
  return parts;
}

/** The value at `path` (keys), or undefined when absent. */
export function getAt(tree: Tree, ...path: string[]): unknown {
  let node: unknown = tree;
  for (const k of path) {
    if (!isNode(node) || !Object.hasOwn(node, k)) return undefined;
    node = node[k];
  }
  return node;
}

/** The children of the object at `path` ({} when absent). */
export function childrenOf(tree: Tree, ...path: string[]): Node {
  const v = getAt(tree, ...path);
  return isNode(v) ? v : {};
}

/**
 * A value as the server stores it: `{".sv":"timestamp"}` → `now`, `{".sv":{"increment":n}}` →
 * existing + n, null children dropped, empty objects and lists gone (null). Objects outside
 * lists are copied (the tree owns them and may change them in place later); lists and what is
 * inside them are kept as they are when nothing inside changes (they are never changed in place).
 */
function resolve(value: unknown, existing: unknown, now: number, where: string, inList: boolean): unknown {
  if (value === undefined) throw new Error(`${where}: undefined in a patch (the SDK refuses it)`);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${where}: ${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item: unknown, i) => {
      const r = resolve(item, undefined, now, `${where}/${i}`, true);
      if (r !== item) changed = true;
      return r;
    });
    if (out.some((x) => x === null)) throw new Error(`${where}: a list with null or empty items would be stored sparse`);
    return out.length === 0 ? null : changed ? out : value;
  }
  const obj = value as Node;
  if (Object.hasOwn(obj, '.sv')) {
    const sv = obj['.sv'];
    if (sv === 'timestamp') return now;
    if (isNode(sv) && typeof sv['increment'] === 'number') return (typeof existing === 'number' ? existing : 0) + sv['increment'];
    throw new Error(`${where}: unknown server value ${JSON.stringify(sv)}`);
  }
  const out: Node = {};
  let changed = !inList;
  for (const [k, v] of Object.entries(obj)) {
    const r = resolve(v, isNode(existing) ? existing[k] : undefined, now, `${where}/${k}`, inList);
    if (r !== v) changed = true;
    if (r !== null) out[k] = r;
  }
  if (Object.keys(out).length === 0) return null;
  return changed ? out : obj;
}

/** True when the object has no keys. */
function isEmpty(node: Node): boolean {
  for (const _ in node) return false;
  return true;
}

/** Sets (or with null removes) the value at `path`, removing parents left empty. */
function setAt(tree: Tree, path: readonly string[], value: unknown): void {
  const trail: Node[] = [tree];
  let node: Node = tree;
  for (const k of path.slice(0, -1)) {
    const child = node[k];
    if (Array.isArray(child)) throw new Error(`patch path /${path.join('/')} goes inside a list`);
    if (!isNode(child)) {
      if (value === null) return;
      node[k] = {};
    }
    node = node[k] as Node;
    trail.push(node);
  }
  const last = path[path.length - 1] as string;
  if (value !== null) {
    node[last] = value;
    return;
  }
  delete node[last];
  // Records left empty vanish at once; an emptied collection (depth 1) is left for `compact`,
  // because telling whether an object with 100 000 keys is empty costs V8 a walk over all of them.
  for (let i = trail.length - 1; i > 1; i--) {
    const parent = trail[i - 1] as Node;
    if (!isEmpty(trail[i] as Node)) break;
    delete parent[path[i - 1] as string];
  }
}

/**
 * Applies one multi-path update atomically at simulated time `now`. Every value is resolved
 * against the tree as it was before the update, as the server does; a path that is an ancestor
 * of another path in the same update is refused, as the server refuses it.
 */
export function applyPatch(tree: Tree, patch: Readonly<Record<string, unknown>>, now: number): void {
  const entries = Object.entries(patch).map(([p, v]) => ({ path: keys(p), value: v, raw: p }));
  const sorted = entries.map((e) => e.path.join('/')).sort();
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1] as string, sorted[i] as string];
    if (a === b || b.startsWith(`${a}/`)) throw new Error(`patch paths overlap: ${a} and ${b}`);
  }
  const resolved = entries.map((e) => ({ path: e.path, value: resolve(e.value, getAt(tree, ...e.path), now, e.raw, false) }));
  for (const { path, value } of resolved) setAt(tree, path, value);
}

/** Removes top-level collections left empty, as the database would show them (absent). */
export function compact(tree: Tree): Tree {
  for (const [k, v] of Object.entries(tree)) if (isNode(v) && isEmpty(v)) delete tree[k];
  return tree;
}
