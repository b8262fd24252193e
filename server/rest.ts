import type { IncomingMessage, ServerResponse } from 'node:http';
import { identityFromToken, ANONYMOUS, OWNER_REFUSED, type Identity } from './auth.ts';
import { isLargeJson, writeJsonSliced } from './jsonStream.ts';
import { pushId } from './pushId.ts';
import { parseRulesText } from './rulesText.ts';
import { QueryError, parseRestQuery } from './query.ts';
import { RulesError, indexOnAt } from './rules/index.ts';
import type { DatabaseServer } from './server.ts';
import { NamespaceLoadError, type Database } from './database.ts';
import { ServiceLimitError } from './limits.ts';
import { newObject, parseJson, putKey } from './shape.ts';
import { InvalidDataError, getAt, parsePath, pathString, restView } from './tree.ts';
import type { Json, Path } from './types.ts';

/** Firebase caps rules files at 256 KB. */
const MAX_RULES = 256 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-cache',
};

function send(res: ServerResponse, status: number, body: unknown, pretty = false): void {
  const text = body === undefined ? '' : JSON.stringify(body, null, pretty ? 2 : undefined);
  res.writeHead(status, JSON_HEADERS);
  res.end(text);
}

/**
 * Reads a body of at most `limit` bytes. A declared Content-Length over it is refused before a byte
 * is read; a chunked body is counted as it streams and refused as soon as it passes the limit, so
 * the server never holds more than `limit` of it. A refused request's connection closes after the
 * answer (its unread body is not drained).
 */
function readText(req: IncomingMessage, res: ServerResponse, limit: number, who: string): Promise<string> {
  const tooBig = (): HttpError => new HttpError(413, `Request body too large: over the ${limit}-byte limit for ${who} requests`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooBig());
  if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      req.pause();
      chunks.length = 0;
      reject(tooBig());
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (e: Error): void => {
      done();
      reject(e);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

async function readBody(req: IncomingMessage, res: ServerResponse, limit: number, who: string): Promise<unknown> {
  const text = await readText(req, res, limit, who);
  try {
    return parseJson(text);
  } catch {
    throw new HttpError(400, 'Invalid data; couldn\'t parse JSON object, array, or value.');
  }
}

/** How error messages name a sender. */
function senderName(who: Identity): string {
  return who.admin ? 'owner' : who.auth === null ? 'anonymous' : 'signed-in';
}

function identityOf(req: IncomingMessage, url: URL): Identity {
  const header = req.headers.authorization;
  const token = url.searchParams.get('auth') ?? url.searchParams.get('access_token') ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : null);
  if (token === null) return ANONYMOUS;
  const result = identityFromToken(token);
  if (!result.ok) throw new HttpError(401, result.reason);
  return result.identity;
}

/**
 * The owner only from this machine and, from a browser, only from an allowed page: a foreign page
 * must neither read owner data nor write as owner (a form POST needs no preflight, so CORS
 * headers alone would not stop the write). Other requests answer every Origin with `*`, as
 * Firebase does; an owner request gets its own allowed origin back instead.
 */
function checkOwner(server: DatabaseServer, req: IncomingMessage, res: ServerResponse, who: Identity): void {
  if (!who.admin) return;
  if (!server.isTrusted(req)) throw new HttpError(401, OWNER_REFUSED);
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!server.isAllowedOrigin(origin)) {
    res.removeHeader('access-control-allow-origin');
    throw new HttpError(403, `The owner token is not accepted from the page at ${origin.slice(0, 200)}`);
  }
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
}

function restPath(pathname: string): Path {
  if (!pathname.endsWith('.json')) throw new HttpError(404, 'Paths end in .json, for example /orders.json');
  const raw = pathname.slice(0, -'.json'.length);
  let decoded: string;
  try {
    decoded = raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw new HttpError(400, 'Path is not valid URL encoding');
  }
  return parsePath(decoded);
}

function shallow(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  const out = newObject();
  for (const key of Object.keys(value)) if (!key.startsWith('.')) putKey(out, key, true);
  return out;
}

/** Handles one REST request in Firebase's shape: GET/PUT/PATCH/POST/DELETE on /<path>.json. */
export async function handleRest(server: DatabaseServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, PUT, POST, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type',
    });
    res.end();
    return;
  }
  res.setHeader('access-control-allow-origin', '*');
  try {
    const ns = server.namespaceFrom(url, req.headers.host);
    if (ns === null) throw new HttpError(400, 'Invalid namespace (ns parameter)');
    const who = identityOf(req, url);
    checkOwner(server, req, res, who);
    if (url.pathname === '/.settings/rules.json') return await rulesEndpoint(server, ns, who, req, res);
    if (url.pathname.startsWith('/.lp')) throw new HttpError(400, 'Long polling is not supported by this server; use WebSockets (forceWebSockets()).');
    const path = restPath(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    // The body is read before the namespace is opened: the answer runs in the same tick as it is
    // handed the database (after its load, if it was loading), so an idle namespace closed
    // meanwhile cannot be written through a stale handle. The rules are checked then, as always.
    const payload = method === 'PUT' || method === 'PATCH' || method === 'POST' ? await readBody(req, res, server.bodyLimitFor(who), senderName(who)) : null;
    return await server.withDatabase(ns, (db) => answer(server, db, { res, url, path, method, who, payload }));
  } catch (e) {
    // A refused body is left unread: the connection closes after the answer instead of draining it.
    if (e instanceof HttpError && e.status === 413) res.setHeader('connection', 'close');
    if (e instanceof HttpError || e instanceof ServiceLimitError || e instanceof NamespaceLoadError) return send(res, e.status, { error: e.message });
    if (e instanceof InvalidDataError || e instanceof QueryError || e instanceof RulesError) return send(res, 400, { error: e.message });
    throw e;
  }
}

type RestRequest = { res: ServerResponse; url: URL; path: Path; method: string; who: Identity; payload: unknown };

/** Answers a data request (GET/PUT/PATCH/POST/DELETE) from `db`, synchronously. */
function answer(server: DatabaseServer, db: Database, { res, url, path, method, who, payload }: RestRequest): void {
  const pretty = url.searchParams.get('print') === 'pretty';
  const silent = url.searchParams.get('print') === 'silent';
  if (method === 'GET') {
    const spec = parseRestQuery(url.searchParams);
    // Firebase answers a REST query on an unindexed child with 400, whoever asks (the SDK over
    // WebSocket only gets a warning, see Connection.indexWarnings). $key, $value and $priority need no index.
    if (spec !== null && spec.index.kind === 'child') {
      const child = spec.index.path.join('/');
      if (!indexOnAt(db.rules, path).includes(child)) {
        throw new HttpError(400, `Index not defined, add ".indexOn": "${child}", for path "${pathString(path)}", to the rules`);
      }
    }
    const read = db.read(who, path, spec);
    if (!read.ok) throw new HttpError(401, 'Permission denied');
    let value = read.value;
    if (url.searchParams.get('shallow') === 'true') value = shallow(value);
    // restView copies the node: a large one is sent from that copy in slices while writes go on.
    const view = restView(value, url.searchParams.get('format') === 'export');
    if (pretty || !isLargeJson(view)) return send(res, 200, view, pretty);
    res.writeHead(200, JSON_HEADERS);
    writeJsonSliced(res, view).catch(() => res.destroy());
    return;
  }
  if (method === 'PUT' || method === 'PATCH' || method === 'POST' || method === 'DELETE') {
    const body = payload;
    let target = path;
    let name: string | null = null;
    if (method === 'POST') {
      name = pushId(server.clock());
      target = [...path, name];
    }
    const result =
      method === 'PATCH' ? db.write(who, { kind: 'update', path, value: body }) : db.write(who, { kind: 'set', path: target, value: body });
    if (!result.ok) throw new HttpError(result.status === 'permission_denied' ? 401 : 400, result.status === 'permission_denied' ? 'Permission denied' : result.reason);
    if (silent) {
      res.writeHead(204);
      res.end();
      return;
    }
    if (method === 'POST') return send(res, 200, { name }, pretty);
    if (method === 'PATCH') return send(res, 200, restView(patchEcho(db.data, path, body)), pretty);
    return send(res, 200, restView(getAt(db.data, target)), pretty);
  }
  throw new HttpError(405, `Method ${method} is not supported`);
}

/** PATCH answers with the values now stored at each patched key. */
function patchEcho(root: Json, base: Path, body: unknown): Json {
  const out = newObject();
  if (typeof body !== 'object' || body === null) return null;
  for (const key of Object.keys(body)) {
    const v = getAt(root, [...base, ...parsePath(key)]);
    if (v !== null) putKey(out, key, v);
  }
  return Object.keys(out).length > 0 ? out : null;
}

async function rulesEndpoint(server: DatabaseServer, ns: string, who: Identity, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!who.admin) throw new HttpError(401, 'Only the owner may read or change rules');
  if (req.method === 'GET') return await server.withDatabase(ns, (db) => send(res, 200, server.rulesOf(db), true));
  if (req.method !== 'PUT') throw new HttpError(405, 'Rules support GET and PUT');
  const text = await readText(req, res, MAX_RULES, 'rules');
  let doc: unknown;
  try {
    doc = parseRulesText(text);
  } catch (e) {
    throw new HttpError(400, `Rules are not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  await server.withDatabase(ns, (db) => server.setNamespaceRules(db, doc));
  send(res, 200, { status: 'ok' });
}
