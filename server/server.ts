import { existsSync, mkdirSync, readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Connection } from './connection.ts';
import { Database } from './database.ts';
import { Store } from './persist/store.ts';
import { handleRest } from './rest.ts';
import { parseRulesText } from './rulesText.ts';
import { CLOSED_RULES, RulesError, compileRules, type RuleNode } from './rules/index.ts';
import { LIMITS } from './tree.ts';

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
};

const NAMESPACE = /^[a-zA-Z0-9_-]{1,128}$/;

/** The local Realtime Database server: REST and the SDK's WebSocket protocol on one port. */
export class DatabaseServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly namespaces = new Map<string, Database>();
  private readonly connections = new Set<Connection>();
  private fileRules: RuleNode = CLOSED_RULES;
  private rulesProblem: string | null = null;
  readonly log: (msg: string) => void;
  readonly clock: () => number;
  readonly defaultNamespace: string;
  url = '';

  constructor(private readonly opts: ServerOptions) {
    this.log = opts.log ?? ((m) => process.stderr.write(`[db] ${m}\n`));
    this.clock = opts.clock ?? Date.now;
    this.defaultNamespace = opts.defaultNamespace ?? 'demo-doms-default-rtdb';
    this.http = createServer((req, res) => {
      handleRest(this, req, res).catch((e: unknown) => {
        this.log(`REST error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'Internal server error' }));
      });
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.writeBytes * 2 });
    this.http.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const ns = this.namespaceFrom(url, req.headers.host);
      if (url.pathname !== '/.ws' || ns === null) {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      let db: Database;
      try {
        db = this.database(ns);
      } catch (e) {
        // One broken namespace must not take the server down: refuse this socket, keep serving.
        this.log(`namespace ${ns} cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
        socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new Connection(ws, db, req.headers.host ?? 'localhost', this.log, this.opts.maxSendBuffer);
        this.connections.add(conn);
        ws.on('close', () => this.connections.delete(conn));
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
      for (const db of this.namespaces.values()) if (db.ownRules === null) db.setRules(this.fileRules, null);
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

  /** Opens (or creates) a namespace's database. */
  database(ns: string): Database {
    const existing = this.namespaces.get(ns);
    if (existing !== undefined) return existing;
    const dir = join(this.opts.dataDir, ns);
    mkdirSync(dir, { recursive: true });
    const { store, data } = Store.open(dir, { warn: (m) => this.log(`warning: ${m}`) });
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
    this.namespaces.set(ns, db);
    return db;
  }

  /** Sets a namespace's own rules (REST `PUT /.settings/rules.json`); throws RulesError when invalid. */
  setNamespaceRules(ns: string, doc: unknown): void {
    const rules = compileRules(doc);
    const db = this.database(ns);
    writeFileSync(join(this.opts.dataDir, ns, 'rules.json'), JSON.stringify(doc, null, 2));
    db.setRules(rules, doc);
  }

  /** Rules text of a namespace as REST returns it. */
  rulesOf(ns: string): unknown {
    const db = this.database(ns);
    if (db.ownRules !== null) return db.ownRules;
    const file = this.opts.rulesFile;
    if (file !== null && file !== undefined && existsSync(file)) return parseRulesText(readFileSync(file, 'utf8'));
    return { rules: { '.read': false, '.write': false } };
  }

  async start(): Promise<string> {
    this.loadFileRules();
    const file = this.opts.rulesFile;
    if (file !== null && file !== undefined) watchFile(file, { interval: 300 }, () => this.loadFileRules());
    const def = this.database(this.defaultNamespace);
    const importFile = this.opts.importFile;
    if (importFile !== null && importFile !== undefined) {
      if (def.data !== null) this.log(`--import ${importFile} skipped: ${this.defaultNamespace} is not empty`);
      else {
        const value = JSON.parse(readFileSync(importFile, 'utf8')) as unknown;
        const result = def.write({ admin: true, auth: null }, { kind: 'set', path: [], value });
        if (!result.ok) throw new Error(`--import ${importFile}: ${result.reason}`);
      }
    }
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.opts.port ?? 9000, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    const addr = this.http.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.url = `http://${host}:${addr.port}`;
    return this.url;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** Stops accepting, closes every client, flushes every namespace to disk. */
  async stop(): Promise<void> {
    const file = this.opts.rulesFile;
    if (file !== null && file !== undefined) unwatchFile(file);
    for (const conn of this.connections) conn.close();
    this.connections.clear();
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
    for (const db of this.namespaces.values()) db.close();
    this.namespaces.clear();
  }
}
