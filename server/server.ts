import { existsSync, mkdirSync, readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Connection, MAX_MESSAGE } from './connection.ts';
import { Database, NamespaceLoadError } from './database.ts';
import { Store, type StoreOptions } from './persist/store.ts';
import { SendBudget } from './sendBudget.ts';
import { bindWarning, isAllowedOrigin, isLoopbackAddress } from './exposure.ts';
import { handleRest } from './rest.ts';
import { parseRulesText } from './rulesText.ts';
import { CLOSED_RULES, RulesError, compileRules, type RuleNode } from './rules/index.ts';
import { DEFAULT_BODY_LIMITS, DEFAULT_LIMITS, ServiceLimitError, type RestBodyLimits } from './limits.ts';
import type { Identity } from './auth.ts';
import type { Json } from './types.ts';

export type ServerOptions = {
  port?: number;
  host?: string;
  /** Folder holding one sub-folder per namespace. */
  dataDir: string;
  /** Rules file applied to every namespace that has no rules of its own; watched for changes. */
  rulesFile?: string | null;
  /** JSON file loaded into the default namespace when it is empty at start. */
  importFile?: string | null;
  /** Namespace for requests that name none (REST without ?ns=). */
  defaultNamespace?: string;
  log?: (msg: string) => void;
  clock?: () => number;
  /** Bytes that may wait unsent on one WebSocket before it is dropped (default 64 MB). */
  maxSendBuffer?: number;
  /** Namespaces open at once (default 100); past it the least recently used idle one is closed. */
  maxNamespaces?: number;
  /** A namespace with no connection, unused this many ms, is closed (default 5 minutes). */
  namespaceIdleMs?: number;
  /** WebSocket connections one remote address may hold open (default 100). */
  maxConnectionsPerAddress?: number;
  /** Bytes that may wait unsent on all WebSockets together; past it the largest backlog is dropped (default 256 MB). */
  sendBudget?: number;
  /** Whether a peer's socket address is this machine: only then is `owner` honoured (default: loopback). */
  trustedAddress?: (address: string) => boolean;
  /** Browser origins besides loopback ones (any port) that may open WebSockets and use `owner` over REST. */
  allowedOrigins?: readonly string[];
  /** Largest REST body by sender (defaults 1 MB anonymous, 16 MB signed in, 256 MB owner). */
  restBodyLimits?: Partial<RestBodyLimits>;
  /** How a namespace's storage is loaded (default Store.openAsync); tests wrap it to hold a load open. */
  openStore?: (dir: string, opts: StoreOptions) => Promise<{ store: Store; data: Json }>;
};

/**
 * One open (or opening) namespace: its database and storage once loaded, and who is using it.
 * While it loads, `db` is null and `ready` settles when it is loaded or has failed to load.
 */
type OpenNamespace = {
  db: Database | null;
  store: Store | null;
  ready: Promise<Database>;
  /** WebSockets on it, counted from before their handshake. */
  connections: number;
  /** Requests waiting for the load; each stops counting when it runs (in the same tick as it is handed the database). */
  waiters: number;
  /** The WebSockets on it (to count the requests they hold while it loads). */
  sockets: Set<Connection>;
  lastUsed: number;
  /** Closed (or the server stopped) while loading: the load closes what it opened instead of serving it. */
  isClosed: boolean;
};

const NAMESPACE = /^[a-zA-Z0-9_-]{1,128}$/;

/** The local Realtime Database server: REST and the SDK's WebSocket protocol on one port. */
export class DatabaseServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  /** Open namespaces, least recently used first (an entry moves to the end when used). */
  private readonly namespaces = new Map<string, OpenNamespace>();
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  private readonly connections = new Set<Connection>();
  /** Open and opening WebSockets by remote address. */
  private readonly perAddress = new Map<string, number>();
  private readonly budget: SendBudget;
  private fileRules: RuleNode = CLOSED_RULES;
  private rulesProblem: string | null = null;
  readonly log: (msg: string) => void;
  readonly clock: () => number;
  readonly defaultNamespace: string;
  readonly bodyLimits: RestBodyLimits;
  url = '';

  constructor(private readonly opts: ServerOptions) {
    this.log = opts.log ?? ((m) => process.stderr.write(`[db] ${m}\n`));
    this.clock = opts.clock ?? Date.now;
    this.defaultNamespace = opts.defaultNamespace ?? 'demo-doms-default-rtdb';
    this.bodyLimits = { ...DEFAULT_BODY_LIMITS, ...opts.restBodyLimits };
    this.budget = new SendBudget(opts.sendBudget ?? DEFAULT_LIMITS.sendBudget);
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      handleRest(this, req, res).catch((e: unknown) => {
        this.log(`REST error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'Internal server error' }));
      });
    };
    this.http = createServer(onRequest);
    // With a listener here Node no longer answers `Expect: 100-continue` by itself: handleRest sends
    // Continue only to a body it is willing to read, so an over-limit one is never sent at all.
    this.http.on('checkContinue', onRequest);
    // The SDK sends 16 KB frames; no single frame may be larger than a whole message may be. ws checks
    // a frame's length from its header, so a bigger one closes the connection (1009) unbuffered.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
    this.http.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const ns = this.namespaceFrom(url, req.headers.host);
      if (url.pathname !== '/.ws' || ns === null) {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      const origin = req.headers.origin;
      if (!this.isAllowedOrigin(origin)) {
        this.log(`WebSocket from the page at ${origin ?? ''} refused: not a loopback origin nor in allowedOrigins`);
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      const address = req.socket.remoteAddress ?? '';
      const perAddress = this.perAddress.get(address) ?? 0;
      const maxPerAddress = this.opts.maxConnectionsPerAddress ?? DEFAULT_LIMITS.maxConnectionsPerAddress;
      if (perAddress >= maxPerAddress) {
        this.log(`connection from ${address} refused: it has ${perAddress} open (maxConnectionsPerAddress ${maxPerAddress})`);
        socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n');
        return;
      }
      let entry: OpenNamespace;
      try {
        entry = this.entry(ns);
      } catch (e) {
        // One broken namespace must not take the server down: refuse this socket, keep serving.
        if (!(e instanceof ServiceLimitError)) this.log(`namespace ${ns} cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
        socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
        return;
      }
      // Counted before the handshake completes, so the namespace cannot be closed under it (nor
      // while it loads) and handshakes in flight count against the address's bound.
      entry.connections++;
      this.perAddress.set(address, perAddress + 1);
      const release = (): void => {
        const left = (this.perAddress.get(address) ?? 1) - 1;
        if (left > 0) this.perAddress.set(address, left);
        else this.perAddress.delete(address);
        entry.connections--;
        entry.lastUsed = performance.now();
      };
      let upgraded = false;
      socket.once('close', () => {
        if (!upgraded) release();
      });
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        upgraded = true;
        // A namespace still loading: the connection answers pings meanwhile and holds its requests
        // until the database is there (or closes with the reason the load failed).
        const conn = new Connection(ws, entry.db ?? entry.ready, req.headers.host ?? 'localhost', this.log, {
          maxSendBuffer: this.opts.maxSendBuffer,
          budget: this.budget,
          isTrusted: this.isTrusted(req),
        });
        this.connections.add(conn);
        entry.sockets.add(conn);
        ws.on('close', () => {
          this.connections.delete(conn);
          entry.sockets.delete(conn);
          release();
        });
      });
    });
  }

  /** The namespace a request names (`?ns=`), the default one when it names none, or null if invalid. */
  namespaceFrom(url: URL, _host: string | undefined): string | null {
    const ns = url.searchParams.get('ns') ?? this.defaultNamespace;
    return NAMESPACE.test(ns) ? ns : null;
  }

  private loadFileRules(): void {
    const file = this.opts.rulesFile;
    if (file === null || file === undefined) return;
    if (!existsSync(file)) {
      this.reportRules(`rules file ${file} not found; every namespace without its own rules denies all access`);
      return;
    }
    try {
      this.fileRules = compileRules(parseRulesText(readFileSync(file, 'utf8')));
      this.reportRules(null);
      for (const { db } of this.namespaces.values()) if (db !== null && db.ownRules === null) db.setRules(this.fileRules, null);
    } catch (e) {
      const why = e instanceof RulesError || e instanceof SyntaxError ? e.message : String(e);
      this.reportRules(`rules file ${file} rejected, keeping the previous rules: ${why}`);
    }
  }

  /** Logs a problem with the rules file once, not on every poll. */
  private reportRules(problem: string | null): void {
    if (problem !== null && problem !== this.rulesProblem) this.log(problem);
    this.rulesProblem = problem;
  }

  /**
   * Runs `use` with the database of `ns` as soon as it is loaded: at once when it is open,
   * otherwise after an asynchronous load during which the server serves everything else. `use`
   * runs in the same tick as it is handed the database, so the namespace cannot be closed under
   * it. Concurrent callers share one load. Rejects with NamespaceLoadError when the load fails
   * and with ServiceLimitError when maxNamespaces are open and all in use.
   */
  withDatabase<T>(ns: string, use: (db: Database) => T): Promise<T> {
    const entry = this.entry(ns);
    if (entry.db !== null) return Promise.resolve(use(entry.db));
    entry.waiters++;
    return entry.ready.then(
      (db) => {
        entry.waiters--;
        entry.lastUsed = performance.now();
        return use(db);
      },
      (e: unknown) => {
        entry.waiters--;
        throw e;
      },
    );
  }

  /**
   * The database of `ns`, loaded synchronously if it is not open (tests and tools: this blocks
   * the event loop for as long as the load takes; the server itself uses withDatabase).
   */
  database(ns: string): Database {
    const existing = this.entry(ns, true);
    if (existing.db === null) throw new NamespaceLoadError(`Namespace ${ns} is still loading`);
    return existing.db;
  }

  /** The entry of `ns`, most recently used now; a new one starts loading (synchronously when `isSync`). */
  private entry(ns: string, isSync = false): OpenNamespace {
    const existing = this.namespaces.get(ns);
    if (existing !== undefined) {
      this.namespaces.delete(ns);
      this.namespaces.set(ns, existing);
      existing.lastUsed = performance.now();
      return existing;
    }
    this.makeRoom();
    const entry: OpenNamespace = {
      db: null,
      store: null,
      ready: Promise.resolve(null as never),
      connections: 0,
      waiters: 0,
      sockets: new Set(),
      lastUsed: performance.now(),
      isClosed: false,
    };
    const dir = join(this.opts.dataDir, ns);
    const warn = (m: string): void => this.log(`warning: ${m}`);
    if (isSync) {
      const { store, data } = Store.open(dir, { warn });
      entry.ready = Promise.resolve(this.loaded(ns, entry, store, data));
    } else {
      const openStore = this.opts.openStore ?? ((d: string, o: StoreOptions) => Store.openAsync(d, o));
      entry.ready = openStore(dir, { warn }).then(
        ({ store, data }) => this.loaded(ns, entry, store, data),
        (e: unknown) => {
          if (this.namespaces.get(ns) === entry) this.namespaces.delete(ns);
          const why = e instanceof Error ? e.message : String(e);
          this.log(`namespace ${ns} cannot be opened: ${why}`);
          throw new NamespaceLoadError(`Namespace ${ns} could not be loaded: ${why}`);
        },
      );
      // Waiters see the failure; without any, it is logged above and must not be an unhandled rejection.
      entry.ready.catch(() => undefined);
    }
    this.namespaces.set(ns, entry);
    return entry;
  }

  /** Finishes opening `ns`: its rules, its database. */
  private loaded(ns: string, entry: OpenNamespace, store: Store, data: Json): Database {
    if (entry.isClosed) {
      store.close();
      throw new NamespaceLoadError(`Namespace ${ns} was closed while it loaded (the server is stopping)`);
    }
    const dir = join(this.opts.dataDir, ns);
    let rules = this.fileRules;
    let ownRules: unknown = null;
    const rulesPath = join(dir, 'rules.json');
    if (existsSync(rulesPath)) {
      try {
        ownRules = JSON.parse(readFileSync(rulesPath, 'utf8')) as unknown;
        rules = compileRules(ownRules);
      } catch (e) {
        this.log(`stored rules of ${ns} unreadable, using the rules file: ${e instanceof Error ? e.message : String(e)}`);
        ownRules = null;
      }
    }
    const db = new Database(ns, store, data, rules, ownRules, this.clock);
    entry.db = db;
    entry.store = store;
    entry.lastUsed = performance.now();
    // An older single-JSON snapshot loads in one blocking parse: rewrite it framed now, in the
    // background, so the next start loads in slices (a failure leaves the old snapshot and log).
    if (store.hasLegacySnapshot) db.compactSoon().catch((e: unknown) => this.log(`${ns}: rewriting the older snapshot failed: ${String(e)}`));
    return db;
  }

  /** Whether the request comes from this machine (decides whether the `owner` token counts). */
  isTrusted(req: IncomingMessage): boolean {
    return (this.opts.trustedAddress ?? isLoopbackAddress)(req.socket.remoteAddress ?? '');
  }

  /** Whether a browser page at `origin` (undefined: not a browser) may use the server. */
  isAllowedOrigin(origin: string | undefined): boolean {
    return isAllowedOrigin(origin, this.opts.allowedOrigins ?? []);
  }

  /** The largest REST body `who` may send. */
  bodyLimitFor(who: Identity): number {
    return who.admin ? this.bodyLimits.owner : who.auth === null ? this.bodyLimits.anonymous : this.bodyLimits.signedIn;
  }

  /** Bytes waiting unsent on all open WebSockets (not counting ones being dropped). */
  unsentBytes(): number {
    let sum = 0;
    for (const c of this.connections) sum += c.backlog();
    return sum;
  }

  /**
   * How many requests wait for `ns` to load (REST requests and WebSocket messages), or null when it
   * is not loading (open, or not open at all).
   */
  waitingFor(ns: string): number | null {
    const entry = this.namespaces.get(ns);
    if (entry === undefined || entry.db !== null) return null;
    let n = entry.waiters;
    for (const conn of entry.sockets) n += conn.waitingCount();
    return n;
  }

  /** Names of the open namespaces, least recently used first. */
  openNamespaces(): string[] {
    return [...this.namespaces.keys()];
  }

  /**
   * Closes idle namespaces until one more may open: first those never written (nothing on disk, so
   * nothing to reload), then the least recently used. One with a connection, one still loading
   * and one with requests waiting for it are never closed; a loading one counts as open.
   */
  private makeRoom(): void {
    const max = this.opts.maxNamespaces ?? DEFAULT_LIMITS.maxNamespaces;
    while (this.namespaces.size >= max) {
      const idle = [...this.namespaces].filter(([, e]) => isIdle(e));
      const victim = idle.find(([, e]) => e.store?.isCreated === false && e.db?.ownRules === null) ?? idle[0];
      if (victim === undefined) throw new ServiceLimitError(503, `Too many namespaces in use (${max} open, each with a connected client); try again later`);
      this.closeNamespace(victim[0]);
    }
  }

  private closeNamespace(ns: string): void {
    const entry = this.namespaces.get(ns);
    if (entry === undefined) return;
    this.namespaces.delete(ns);
    entry.isClosed = true;
    entry.db?.close();
  }

  /** Closes every namespace that has had no connection and no request for namespaceIdleMs. */
  private closeIdle(): void {
    const idleMs = this.opts.namespaceIdleMs ?? DEFAULT_LIMITS.namespaceIdleMs;
    const now = performance.now();
    for (const [ns, e] of this.namespaces) if (isIdle(e) && now - e.lastUsed >= idleMs) this.closeNamespace(ns);
  }

  /** Sets a namespace's own rules (REST `PUT /.settings/rules.json`); throws RulesError when invalid. */
  setNamespaceRules(db: Database, doc: unknown): void {
    const rules = compileRules(doc);
    mkdirSync(join(this.opts.dataDir, db.name), { recursive: true });
    writeFileSync(join(this.opts.dataDir, db.name, 'rules.json'), JSON.stringify(doc, null, 2));
    db.setRules(rules, doc);
  }

  /** Rules text of a namespace as REST returns it. */
  rulesOf(db: Database): unknown {
    if (db.ownRules !== null) return db.ownRules;
    const file = this.opts.rulesFile;
    if (file !== null && file !== undefined && existsSync(file)) return parseRulesText(readFileSync(file, 'utf8'));
    return { rules: { '.read': false, '.write': false } };
  }

  async start(): Promise<string> {
    this.loadFileRules();
    const file = this.opts.rulesFile;
    if (file !== null && file !== undefined) watchFile(file, { interval: 300 }, () => this.loadFileRules());
    const idleMs = this.opts.namespaceIdleMs ?? DEFAULT_LIMITS.namespaceIdleMs;
    this.idleTimer = setInterval(() => this.closeIdle(), Math.max(10, Math.min(idleMs / 2, 30_000)));
    this.idleTimer.unref();
    const importFile = this.opts.importFile;
    // With an import, nobody may see the namespace before it is imported: load it before listening.
    // Without one, listen first, so other namespaces are served while a large default one loads.
    if (importFile !== null && importFile !== undefined) {
      await this.withDatabase(this.defaultNamespace, (def) => {
        if (def.data !== null) return this.log(`--import ${importFile} skipped: ${this.defaultNamespace} is not empty`);
        const value = JSON.parse(readFileSync(importFile, 'utf8')) as unknown;
        const result = def.write({ admin: true, auth: null }, { kind: 'set', path: [], value });
        if (!result.ok) throw new Error(`--import ${importFile}: ${result.reason}`);
      });
    }
    const host = this.opts.host ?? '127.0.0.1';
    const warning = bindWarning(host);
    if (warning !== null) this.log(warning);
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.opts.port ?? 9000, host, () => resolve());
    });
    try {
      await this.withDatabase(this.defaultNamespace, () => undefined);
    } catch (e) {
      await new Promise<void>((resolve) => this.http.close(() => resolve()));
      throw e;
    }
    const addr = this.http.address() as AddressInfo;
    const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.url = `http://${shown}:${addr.port}`;
    return this.url;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** Stops accepting, closes every client, flushes every namespace to disk. */
  async stop(): Promise<void> {
    const file = this.opts.rulesFile;
    if (file !== null && file !== undefined) unwatchFile(file);
    if (this.idleTimer !== null) clearInterval(this.idleTimer);
    for (const conn of this.connections) conn.close();
    this.connections.clear();
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
    for (const ns of [...this.namespaces.keys()]) this.closeNamespace(ns);
  }
}

/** Whether nothing uses a namespace: loaded, with no connection and no request waiting for it. */
function isIdle(e: OpenNamespace): boolean {
  return e.db !== null && e.connections === 0 && e.waiters === 0;
}
