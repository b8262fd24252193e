import type { WebSocket } from 'ws';
import { ANONYMOUS, OWNER_REFUSED, identityFromToken, type Identity } from './auth.ts';
import type { Database, Sink, Subscription, WriteOp } from './database.ts';
import { QueryError, loadsAllData, parseQuery, runQuery, type QuerySpec } from './query.ts';
import { indexOnAt } from './rules/index.ts';
import { InvalidDataError, LIMITS, getAt, isPrefix, parsePath, pathString } from './tree.ts';
import type { Json, Path } from './types.ts';
import type { BudgetMember, SendBudget } from './sendBudget.ts';

/** The SDK splits messages into frames of this many characters (WEBSOCKET_MAX_FRAME_SIZE). */
const FRAME_SIZE = 16384;
/** Largest message accepted: Firebase's 16 MB write limit plus room for the request envelope. */
export const MAX_MESSAGE = LIMITS.writeBytes + 64 * 1024;
/** Most frames one message may announce. */
const MAX_FRAMES = Math.ceil(MAX_MESSAGE / FRAME_SIZE);
/** Token bucket per connection: sustained requests per second and burst. */
const RATE_PER_SECOND = 5000;
const RATE_BURST = 20000;
/**
 * Default bound on what may wait in one connection's outgoing buffer. A client that reads slower
 * than its listens produce events would otherwise make the server hold an unbounded backlog;
 * past this bound the connection is dropped and the SDK reconnects and re-listens from fresh data.
 */
export const DEFAULT_MAX_SEND_BUFFER = 64 * 1024 * 1024;

export type ConnectionOptions = {
  /** Bound on this connection's unsent backlog (default 64 MB). */
  maxSendBuffer?: number;
  /** The server-wide bound on all connections' unsent backlogs. */
  budget?: SendBudget | null;
  /** Whether the peer is on this machine: only then is the `owner` token honoured. */
  isTrusted?: boolean;
};

/** Bytes of requests one connection may send while its namespace loads (a few full-size writes). */
const MAX_WAITING = 4 * MAX_MESSAGE;

/** Whether a message is of the control layer (`{"t":"c",...}`): pings need no database. */
function isControl(text: string): boolean {
  try {
    const msg = JSON.parse(text) as unknown;
    return typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'c';
  } catch {
    return false;
  }
}

type DisconnectOp = { kind: 'set' | 'update'; path: Path; value: unknown };

let sessionCounter = 0;
/** DOMS_DB_TRACE=1 logs every message in and out (first 500 characters). */
const TRACE = process.env['DOMS_DB_TRACE'] === '1';

/** One SDK client over one WebSocket: framing, requests, listens and onDisconnect. */
export class Connection implements Sink, BudgetMember {
  identity: Identity = ANONYMOUS;
  private frames: string[] | null = null;
  private framesExpected = 0;
  private framesBytes = 0;
  private framesSeen = 0;
  private readonly plain = new Map<string, Subscription>();
  private readonly tagged = new Map<number, Subscription>();
  private onDisconnect: DisconnectOp[] = [];
  private tokens = RATE_BURST;
  private lastRefill = Date.now();
  private closed = false;
  /** Set once the send backlog passed its bound: nothing more is sent, the socket closes next tick. */
  private dropping = false;
  /** True while the TCP socket is corked until the end of the current tick. */
  private corked = false;
  readonly sessionId = `s${process.pid.toString(36)}${(++sessionCounter).toString(36)}${Date.now().toString(36)}`;

  private readonly maxSendBuffer: number;
  private readonly budget: SendBudget | null;
  private readonly isTrusted: boolean;
  /** Set once the namespace is loaded; until then every request waits in `waiting`. */
  private db!: Database;
  /** Requests that arrived while the namespace loaded (null once it is loaded), and their size. */
  private waiting: string[] | null = null;
  private waitingBytes = 0;

  constructor(
    private readonly socket: WebSocket,
    db: Database | Promise<Database>,
    host: string,
    private readonly log: (msg: string) => void,
    opts: ConnectionOptions = {},
  ) {
    this.maxSendBuffer = opts.maxSendBuffer ?? DEFAULT_MAX_SEND_BUFFER;
    this.budget = opts.budget ?? null;
    this.isTrusted = opts.isTrusted ?? false;
    socket.on('message', (data, isBinary) => this.onFrame(isBinary ? null : data.toString()));
    socket.on('close', () => this.onClose());
    socket.on('error', () => this.onClose());
    this.send({ t: 'c', d: { t: 'h', d: { ts: Date.now(), v: '5', h: host, s: this.sessionId } } });
    if (db instanceof Promise) {
      this.waiting = [];
      db.then(
        (loaded) => this.ready(loaded),
        (e: unknown) => this.loadFailed(e instanceof Error ? e.message : String(e)),
      );
    } else {
      this.db = db;
    }
  }

  /** The namespace is loaded: the requests that waited for it run in the order they came, through the rules as always. */
  private ready(db: Database): void {
    this.db = db;
    const waited = this.waiting ?? [];
    this.waiting = null;
    for (const text of waited) {
      if (this.closed || this.dropping) return;
      this.onMessage(text);
    }
  }

  /** Requests held until the namespace is loaded. */
  waitingCount(): number {
    return this.waiting?.length ?? 0;
  }

  private loadFailed(reason: string): void {
    this.waiting = null;
    if (this.closed) return;
    this.controlError(reason);
    this.socket.close(1011, 'namespace unavailable');
  }

  /**
   * A whole message from the client. While the namespace loads, pings are answered at once (the
   * SDK must not think the connection dead) and requests wait, up to a bound.
   */
  private receive(text: string): void {
    if (this.waiting === null) return this.onMessage(text);
    if (isControl(text)) return this.onMessage(text);
    this.waitingBytes += text.length;
    if (this.waitingBytes > MAX_WAITING) {
      this.log(`connection ${this.sessionId} closed: over ${MAX_WAITING} bytes of requests sent while its namespace loads`);
      this.controlError('Too many requests while the namespace loads; reconnect later.');
      this.waiting = null;
      this.socket.close(1008, 'too many requests while loading');
      return;
    }
    this.waiting.push(text);
  }

  private send(msg: unknown): void {
    if (this.closed || this.dropping) return;
    // The bound applies to the backlog before this message, so one large value (a listen on a big
    // node) always goes out whole, and a backlog never exceeds the bound plus one message.
    if (this.socket.bufferedAmount > this.maxSendBuffer) {
      return this.drop(`bound ${this.maxSendBuffer}`);
    }
    this.corkUntilNextTick();
    const text = JSON.stringify(msg);
    if (TRACE) this.log(`-> ${this.sessionId} ${text.slice(0, 500)}`);
    if (text.length <= FRAME_SIZE) {
      this.socket.send(text);
    } else {
      const count = Math.ceil(text.length / FRAME_SIZE);
      this.socket.send(String(count));
      for (let i = 0; i < count; i++) this.socket.send(text.slice(i * FRAME_SIZE, (i + 1) * FRAME_SIZE));
    }
    this.budget?.note(this);
  }

  backlog(): number {
    return this.closed || this.dropping ? 0 : this.socket.bufferedAmount;
  }

  dropForBudget(limit: number): void {
    this.drop(`the largest backlog past the server-wide bound of ${limit} bytes for all connections`);
  }

  /** Stops sending and closes the socket once the current fan-out is over. */
  private drop(why: string): void {
    if (this.dropping || this.closed) return;
    this.log(`connection ${this.sessionId} dropped: ${this.socket.bufferedAmount} bytes unsent (${why}); the client reads slower than its listens change`);
    // Sends happen inside the database's fan-out of a write: close after it, not within it
    // (closing unsubscribes listens and runs onDisconnect writes).
    this.dropping = true;
    this.budget?.forget(this);
    setImmediate(() => {
      this.socket.terminate();
      this.onClose();
    });
  }

  /**
   * One write fans out to many sends on the same socket within one tick (events, then the ack).
   * Corking the TCP socket until the tick ends sends them in one writev instead of one each, so
   * the client is woken once per batch instead of once per message.
   * ws itself corks around each frame; corks nest, so ours holds until the tick ends.
   */
  private corkUntilNextTick(): void {
    if (this.corked) return;
    const tcp = (this.socket as unknown as { _socket?: { cork?: () => void; uncork?: () => void } })._socket;
    if (typeof tcp?.cork !== 'function' || typeof tcp.uncork !== 'function') return;
    this.corked = true;
    tcp.cork();
    process.nextTick(() => {
      this.corked = false;
      tcp.uncork!();
    });
  }

  push(action: string, body: Record<string, unknown>): void {
    this.send({ t: 'd', d: { a: action, b: body } });
  }

  private respond(r: number, status: string, data: unknown): void {
    this.send({ t: 'd', d: { r, b: { s: status, d: data } } });
  }

  private controlError(reason: string): void {
    this.send({ t: 'c', d: { t: 'e', d: reason } });
  }

  private onFrame(text: string | null): void {
    if (text === null) return this.controlError('Binary frames are not supported');
    if (this.frames !== null) {
      // Keep counting frames even once over the limit, so the next message starts in sync.
      this.framesSeen++;
      this.framesBytes += text.length;
      if (this.framesBytes <= MAX_MESSAGE) this.frames.push(text);
      if (this.framesSeen < this.framesExpected) return;
      const whole = this.framesBytes <= MAX_MESSAGE ? this.frames.join('') : null;
      const refusedEarly = this.framesBytes === Infinity;
      this.frames = null;
      if (whole === null) {
        if (!refusedEarly) this.controlError(`Message refused: larger than the ${LIMITS.writeBytes}-byte write limit`);
        return;
      }
      return this.receive(whole);
    }
    // A short all-digit frame announces how many frames the next message has; '0' is keep-alive.
    if (text.length <= 6 && /^\d+$/.test(text)) {
      const n = Number(text);
      if (n === 0) return;
      if (n > 1) {
        this.frames = [];
        this.framesExpected = n;
        this.framesSeen = 0;
        this.framesBytes = 0;
      }
      if (n > MAX_FRAMES) {
        // Refuse now, then swallow the announced frames so they are not taken for messages.
        this.framesBytes = Infinity;
        this.controlError(`Frame count ${n} exceeds ${MAX_FRAMES}: message refused, larger than the ${LIMITS.writeBytes}-byte write limit`);
      }
      return;
    }
    if (text.length > MAX_MESSAGE) return this.controlError(`Message refused: larger than the ${LIMITS.writeBytes}-byte write limit`);
    this.receive(text);
  }

  private allow(): boolean {
    const now = Date.now();
    this.tokens = Math.min(RATE_BURST, this.tokens + ((now - this.lastRefill) / 1000) * RATE_PER_SECOND);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private onMessage(text: string): void {
    if (TRACE) this.log(`<- ${this.sessionId} ${text.slice(0, 500)}`);
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return this.controlError('Malformed message: not JSON');
    }
    if (typeof msg !== 'object' || msg === null) return this.controlError('Malformed message: not an object');
    const { t, d } = msg as { t?: unknown; d?: unknown };
    if (typeof d !== 'object' || d === null) return this.controlError('Malformed message: missing d');
    if (t === 'c') {
      // Control: answer pings with a pong so the SDK marks the connection healthy.
      if ((d as { t?: unknown }).t === 'p') this.send({ t: 'c', d: { t: 'o', d: {} } });
      return;
    }
    if (t !== 'd') return this.controlError(`Malformed message: unknown layer ${JSON.stringify(t)}`);
    const { r, a, b } = d as { r?: unknown; a?: unknown; b?: unknown };
    if (typeof r !== 'number' || !Number.isSafeInteger(r)) return this.controlError('Malformed request: r must be an integer');
    if (!this.allow()) return this.respond(r, 'too_many_requests', 'Too many requests from this connection; slow down.');
    if (typeof a !== 'string') return this.respond(r, 'invalid_request', 'Request has no action');
    const body = typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : {};
    try {
      this.handle(r, a, body);
    } catch (e) {
      if (e instanceof InvalidDataError || e instanceof QueryError) return this.respond(r, 'invalid_data', e.message);
      this.log(`error handling ${a}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.respond(r, 'internal_error', 'The server failed to handle this request');
    }
  }

  private handle(r: number, action: string, b: Record<string, unknown>): void {
    switch (action) {
      case 'auth':
      case 'gauth': {
        const result = identityFromToken(b['cred']);
        if (!result.ok) return this.respond(r, result.status, result.reason);
        if (result.identity.admin && !this.isTrusted) return this.respond(r, 'invalid_token', OWNER_REFUSED);
        this.identity = result.identity;
        if (result.identity.admin && typeof b['authvar'] === 'object' && b['authvar'] !== null) {
          const uid = (b['authvar'] as Record<string, unknown>)['uid'];
          this.identity = { admin: false, auth: { uid: String(uid ?? ''), provider: 'custom', token: b['authvar'] as Record<string, unknown> } };
        }
        this.recheckListens();
        const auth = this.identity.admin ? null : this.identity.auth;
        return this.respond(r, 'ok', { auth, expires: result.expires });
      }
      case 'unauth':
        this.identity = ANONYMOUS;
        this.recheckListens();
        return this.respond(r, 'ok', {});
      case 'q':
        return this.listen(r, b);
      case 'n':
        return this.unlisten(r, b);
      case 'g':
        return this.get(r, b);
      case 'p':
      case 'm': {
        const path = parsePath(b['p']);
        if (typeof b['h'] === 'string' && action === 'p') return this.finishWrite(r, { kind: 'set', path, value: b['d'], hash: b['h'] });
        return this.finishWrite(r, action === 'p' ? { kind: 'set', path, value: b['d'] } : { kind: 'update', path, value: b['d'] });
      }
      case 'o':
      case 'om':
      case 'oc':
        return this.registerOnDisconnect(r, action, b);
      case 's':
      case 'appcheck':
      case 'unappeck':
        return this.respond(r, 'ok', {});
      case 'echo':
        return this.respond(r, 'ok', b['d'] ?? null);
      default:
        return this.respond(r, 'invalid_request', `Unknown action ${JSON.stringify(action).slice(0, 40)}`);
    }
  }

  private finishWrite(r: number, op: WriteOp): void {
    const result = this.db.write(this.identity, op);
    if (result.ok) this.respond(r, 'ok', '');
    else this.respond(r, result.status, result.reason);
  }

  private parseSpec(b: Record<string, unknown>): QuerySpec | null {
    if (b['q'] === undefined || b['q'] === null) return null;
    return parseQuery(b['q']);
  }

  private listen(r: number, b: Record<string, unknown>): void {
    const path = parsePath(b['p']);
    const tag = typeof b['t'] === 'number' ? b['t'] : null;
    const spec = tag === null ? null : this.parseSpec(b);
    if (tag !== null && spec === null) return this.respond(r, 'invalid_data', 'A tagged listen needs a query');
    if (!this.db.mayRead(this.identity, path, spec)) return this.respond(r, 'permission_denied', 'Permission denied');
    this.dropListen(path, tag);
    const sub: Subscription = { sink: this, path, tag, spec, wire: b['q'] };
    const data = this.db.subscribe(sub);
    if (tag === null) this.plain.set(pathString(path), sub);
    else this.tagged.set(tag, sub);
    const body: Record<string, unknown> = { p: pathString(path), d: data };
    if (tag !== null) body['t'] = tag;
    this.push('d', body);
    const warnings = this.indexWarnings(path, spec ?? this.parseSpec(b));
    this.respond(r, 'ok', warnings.length > 0 ? { w: warnings } : {});
  }

  private indexWarnings(path: Path, spec: QuerySpec | null): string[] {
    if (spec === null || spec.index.kind !== 'child') return [];
    const wanted = spec.index.path.join('/');
    return indexOnAt(this.db.rules, path).includes(wanted) ? [] : ['no_index'];
  }

  private dropListen(path: Path, tag: number | null): void {
    const existing = tag === null ? this.plain.get(pathString(path)) : this.tagged.get(tag);
    if (existing === undefined) return;
    this.db.unsubscribe(existing);
    if (tag === null) this.plain.delete(pathString(path));
    else this.tagged.delete(tag);
  }

  private unlisten(r: number, b: Record<string, unknown>): void {
    const path = parsePath(b['p']);
    this.dropListen(path, typeof b['t'] === 'number' ? b['t'] : null);
    this.respond(r, 'ok', {});
  }

  private get(r: number, b: Record<string, unknown>): void {
    const path = parsePath(b['p']);
    const q = b['q'];
    const spec = typeof q === 'object' && q !== null && Object.keys(q).length > 0 ? parseQuery(q) : null;
    if (!this.db.mayRead(this.identity, path, spec)) return this.respond(r, 'permission_denied', 'Permission denied');
    const node: Json = getAt(this.db.data, path);
    this.respond(r, 'ok', spec === null || loadsAllData(spec) ? node : runQuery(node, spec));
  }

  private registerOnDisconnect(r: number, action: string, b: Record<string, unknown>): void {
    const path = parsePath(b['p']);
    if (action === 'oc') {
      this.onDisconnect = this.onDisconnect.filter((op) => !isPrefix(path, op.path));
      return this.respond(r, 'ok', '');
    }
    // Firebase checks the rules when the operation is queued, against the current data.
    const op: DisconnectOp = { kind: action === 'o' ? 'set' : 'update', path, value: b['d'] };
    const probe = this.db.dryRun(this.identity, op);
    if (!probe.ok) return this.respond(r, probe.status, probe.reason);
    this.onDisconnect.push(op);
    this.respond(r, 'ok', '');
  }

  private recheckListens(): void {
    for (const sub of [...this.plain.values(), ...this.tagged.values()]) {
      if (this.db.mayRead(this.identity, sub.path, sub.spec)) continue;
      this.dropListen(sub.path, sub.tag);
      const body: Record<string, unknown> = { p: pathString(sub.path) };
      if (sub.tag !== null) body['q'] = [sub.wire];
      this.push('c', body);
    }
  }

  /** Forgets a listen the database revoked. */
  forget(sub: Subscription): void {
    if (sub.tag === null) this.plain.delete(pathString(sub.path));
    else this.tagged.delete(sub.tag);
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.waiting = null;
    this.budget?.forget(this);
    for (const sub of [...this.plain.values(), ...this.tagged.values()]) this.db.unsubscribe(sub);
    this.plain.clear();
    this.tagged.clear();
    const ops = this.onDisconnect;
    this.onDisconnect = [];
    for (const op of ops) {
      const result = this.db.write(this.identity, op.kind === 'set' ? { kind: 'set', path: op.path, value: op.value } : { kind: 'update', path: op.path, value: op.value });
      if (!result.ok) this.log(`onDisconnect ${op.kind} at ${pathString(op.path)} refused: ${result.reason}`);
    }
  }

  /** Closes the socket (server shutdown): onDisconnect operations run first, as for any disconnect. */
  close(): void {
    this.onClose();
    this.socket.terminate();
  }
}
