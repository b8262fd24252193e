/**
 * Writing the generated tree: as a JSON file (`--out`), or into a database namespace over REST
 * as the owner. Placeholder uids are swapped for real ones while serialising, so generation never
 * depends on the Auth emulator. The JSON is produced one record at a time, so a year at scale 10
 * never has to exist as one string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Tree } from './tree.ts';

/** Placeholder uid → real uid. */
export type UidMap = ReadonlyMap<string, string>;

/** Above this a database write is split per top-level path (and a big path into batches). */
export const SINGLE_WRITE_BYTES = 100 * 1024 * 1024;
/** The most one batch of a split write carries. */
const BATCH_BYTES = 32 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `"key":value` for each record of one top-level path, with uids mapped (in values, and in the keys of `users`). */
function* records(top: string, value: unknown, uids: UidMap | null): Generator<string> {
  const replacer = uids === null || uids.size === 0 ? undefined : (_k: string, v: unknown) => (typeof v === 'string' ? (uids.get(v) ?? v) : v);
  if (!isObject(value)) throw new Error(`/${top} is not an object`);
  for (const [key, child] of Object.entries(value)) {
    const k = top === 'users' && uids !== null ? (uids.get(key) ?? key) : key;
    yield `${JSON.stringify(k)}:${JSON.stringify(child, replacer)}`;
  }
}

/** The whole tree as JSON, in pieces (deterministic: same tree → same bytes). */
export function* jsonPieces(tree: Tree, uids: UidMap | null = null): Generator<string> {
  yield '{';
  let first = true;
  for (const [top, value] of Object.entries(tree)) {
    yield `${first ? '' : ','}${JSON.stringify(top)}:{`;
    first = false;
    let firstChild = true;
    for (const r of records(top, value, uids)) {
      yield firstChild ? r : `,${r}`;
      firstChild = false;
    }
    yield '}';
  }
  yield '}\n';
}

/** Writes the tree to `file`; returns its size in bytes. */
export function writeJsonFile(tree: Tree, file: string, uids: UidMap | null = null): number {
  const fd = openSync(file, 'w');
  let size = 0;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = () => {
    const chunk = buffer.join('');
    size += writeSync(fd, chunk);
    buffer = [];
    buffered = 0;
  };
  try {
    for (const piece of jsonPieces(tree, uids)) {
      buffer.push(piece);
      buffered += piece.length;
      if (buffered > 4 * 1024 * 1024) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return size;
}

/** How one namespace of the local database server is reached. */
export type DbTarget = { url: string; ns: string };

/** Failure to reach or write the database, with a message for people. */
export class SeedWriteError extends Error {}

function endpoint(target: DbTarget, path: string, query = ''): string {
  const base = target.url.replace(/\/+$/, '');
  return `${base}/${path}.json?ns=${encodeURIComponent(target.ns)}${query}`;
}

/** One REST call as the owner; throws SeedWriteError with a readable message. */
export async function ownerRequest(target: DbTarget, method: string, path: string, body?: string, query = ''): Promise<unknown> {
  let res: Response | undefined;
  // Every request here is idempotent (GET, and PUT/PATCH of a fixed body), so a connection that
  // fails is retried: fetch reuses a kept-alive socket, and when generating the data took longer
  // than the server's keep-alive timeout, the server may close that socket just as the next
  // request starts writing to it (EPIPE / ECONNRESET).
  for (let attempt = 1; res === undefined; attempt++) {
    try {
      res = await fetch(endpoint(target, path, query), {
        method,
        headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      });
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
      if (attempt < 3) {
        await new Promise((r) => setTimeout(r, 200 * attempt));
        continue;
      }
      throw new SeedWriteError(`cannot reach the database server at ${target.url} (${cause}). Start it with \`npm run db\` (or \`npm start\`), or write a file instead with --out FILE.json.`);
    }
  }
  const text = await res.text();
  if (!res.ok) throw new SeedWriteError(`the database server at ${target.url} refused ${method} /${path} (HTTP ${res.status}): ${text.slice(0, 300)}`);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** True when the namespace holds no data at all. */
export async function isNamespaceEmpty(target: DbTarget): Promise<boolean> {
  return (await ownerRequest(target, 'GET', '', undefined, '&shallow=true')) === null;
}

/**
 * Replaces the namespace's data with the tree: one PUT when the body is under ~100 MB, else the
 * root is cleared and each top-level path is written on its own (a big one in batches: PUT, then
 * PATCHes). Returns the bytes sent and the number of requests.
 */
export async function writeDatabase(
  tree: Tree,
  target: DbTarget,
  uids: UidMap,
  limits = { single: SINGLE_WRITE_BYTES, batch: BATCH_BYTES },
): Promise<{ bytes: number; requests: number }> {
  // First pass: is it small enough for one request? Stops counting as soon as it is not.
  let size = 0;
  for (const piece of jsonPieces(tree, uids)) {
    size += Buffer.byteLength(piece);
    if (size > limits.single) break;
  }
  if (size <= limits.single) {
    const body = [...jsonPieces(tree, uids)].join('');
    await ownerRequest(target, 'PUT', '', body, '&print=silent');
    return { bytes: size, requests: 1 };
  }
  let bytes = 0;
  let requests = 1;
  await ownerRequest(target, 'PUT', '', 'null', '&print=silent');
  for (const [top, value] of Object.entries(tree)) {
    let batch: string[] = [];
    let batchBytes = 0;
    let isFirst = true;
    const send = async () => {
      const body = `{${batch.join(',')}}`;
      await ownerRequest(target, isFirst ? 'PUT' : 'PATCH', top, body, '&print=silent');
      bytes += batchBytes;
      requests++;
      isFirst = false;
      batch = [];
      batchBytes = 0;
    };
    for (const r of records(top, value, uids)) {
      if (batchBytes + r.length > limits.batch && batch.length > 0) await send();
      batch.push(r);
      batchBytes += Buffer.byteLength(r) + 1;
    }
    if (batch.length > 0) await send();
  }
  return { bytes, requests };
}
