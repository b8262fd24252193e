import type { IncomingMessage, ServerResponse } from 'node:http';
import { identityFromToken, ANONYMOUS, type Identity } from './auth.ts';
import { pushId } from './pushId.ts';
import { parseRulesText } from './rulesText.ts';
import { QueryError, parseRestQuery } from './query.ts';
import { RulesError, indexOnAt } from './rules/index.ts';
import type { DatabaseServer } from './server.ts';
import { newObject, parseJson, putKey } from './shape.ts';
import { InvalidDataError, getAt, parsePath, pathString, restView } from './tree.ts';
import type { Json, Path } from './types.ts';

/** Firebase accepts REST bodies up to 256 MB. */
const MAX_BODY = 256 * 1024 * 1024;
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

function send(res: ServerResponse, status: number, body: unknown, pretty = false): void {
  const text = body === undefined ? '' : JSON.stringify(body, null, pretty ? 2 : undefined);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': '*',
    'cache-control': 'no-cache',
  });
  res.end(text);
}

async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req, MAX_BODY);
  try {
    return parseJson(text);
  } catch {
    throw new HttpError(400, 'Invalid data; couldn\'t parse JSON object, array, or value.');
  }
}

function identityOf(req: IncomingMessage, url: URL): Identity {
  const header = req.headers.authorization;
  const token = url.searchParams.get('auth') ?? url.searchParams.get('access_token') ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : null);
  if (token === null) return ANONYMOUS;
  const result = identityFromToken(token);
  if (!result.ok) throw new HttpError(401, result.reason);
  return result.identity;
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
  const pretty = url.searchParams.get('print') === 'pretty';
  const silent = url.searchParams.get('print') === 'silent';
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, PUT, POST, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type',
    });
    res.end();
    return;
  }
  try {
    const ns = server.namespaceFrom(url, req.headers.host);
    if (ns === null) throw new HttpError(400, 'Invalid namespace (ns parameter)');
    const who = identityOf(req, url);
    if (url.pathname === '/.settings/rules.json') return await rulesEndpoint(server, ns, who, req, res);
    if (url.pathname.startsWith('/.lp')) throw new HttpError(400, 'Long polling is not supported by this server; use WebSockets (forceWebSockets()).');
    const path = restPath(url.pathname);
    const db = server.database(ns);
    const method = (req.method ?? 'GET').toUpperCase();
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
      return send(res, 200, restView(value, url.searchParams.get('format') === 'export'), pretty);
    }
    if (method === 'PUT' || method === 'PATCH' || method === 'POST' || method === 'DELETE') {
      const body = method === 'DELETE' ? null : await readBody(req);
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
        res.writeHead(204, { 'access-control-allow-origin': '*' });
        res.end();
        return;
      }
      if (method === 'POST') return send(res, 200, { name }, pretty);
      if (method === 'PATCH') return send(res, 200, restView(patchEcho(db.data, path, body)), pretty);
      return send(res, 200, restView(getAt(db.data, target)), pretty);
    }
    throw new HttpError(405, `Method ${method} is not supported`);
  } catch (e) {
    if (e instanceof HttpError) return send(res, e.status, { error: e.message });
    if (e instanceof InvalidDataError || e instanceof QueryError || e instanceof RulesError) return send(res, 400, { error: e.message });
    throw e;
  }
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
  if (req.method === 'GET') return send(res, 200, server.rulesOf(ns), true);
  if (req.method !== 'PUT') throw new HttpError(405, 'Rules support GET and PUT');
  const text = await readText(req, MAX_RULES);
  let doc: unknown;
  try {
    doc = parseRulesText(text);
  } catch (e) {
    throw new HttpError(400, `Rules are not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  server.setNamespaceRules(ns, doc);
  send(res, 200, { status: 'ok' });
}
