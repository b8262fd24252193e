/**
 * Bounds on what one client, or all of them together, can make the server hold. Each has a
 * constructor option and a CLI flag; docs/local-database.md lists them.
 */
export type ServerLimits = {
  /** Namespaces open at once (each open one with storage holds a file descriptor). */
  maxNamespaces: number;
  /** A namespace without connections and unused this long is closed; it reopens from disk when named again. */
  namespaceIdleMs: number;
  /** WebSocket connections open at once from one remote address. */
  maxConnectionsPerAddress: number;
  /** Bytes waiting unsent on all WebSockets together. */
  sendBudget: number;
};

/**
 * Largest REST request body, by who sends it. Firebase documents 256 MB for one REST write and
 * 16 MB for one SDK write. Tokens are not verified here, so "signed in" proves nothing: it gets
 * the SDK's 16 MB, which any WebSocket client may send anyway; only the owner (loopback only) gets
 * Firebase's REST 256 MB, and an anonymous request gets 1 MB.
 */
export type RestBodyLimits = { anonymous: number; signedIn: number; owner: number };

export const DEFAULT_BODY_LIMITS: RestBodyLimits = {
  anonymous: 1024 * 1024,
  signedIn: 16 * 1024 * 1024,
  owner: 256 * 1024 * 1024,
};

export const DEFAULT_LIMITS: ServerLimits = {
  maxNamespaces: 100,
  namespaceIdleMs: 5 * 60 * 1000,
  // Generous: the test suite opens dozens of SDK clients from 127.0.0.1 on one server, a browser
  // has one per tab; a bound that a tab-happy developer could meet would be a bug of its own.
  maxConnectionsPerAddress: 100,
  sendBudget: 256 * 1024 * 1024,
};

/** A request the server refuses because a server-wide bound is reached; `status` is the HTTP status. */
export class ServiceLimitError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
