/**
 * Who counts as "this machine". The server trusts unsigned tokens and honours the `owner` token,
 * so what it grants depends on where a request comes from: these pure functions decide that.
 */
import { isIP } from 'node:net';

/** True for a loopback socket address: 127.0.0.0/8, ::1, and IPv4-mapped ::ffff:127.x.x.x. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  return isIP(v4) === 4 && v4.split('.')[0] === '127';
}

/** True when listening on `host` keeps the server on this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.endsWith('.localhost') || isLoopbackAddress(h);
}

/** The warning to print when binding to `host`, or null when it is loopback. */
export function bindWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `warning: listening on ${host}, beyond loopback. Tokens are NOT verified: anyone who can reach this port ` +
    `can act as any user the rules allow. The owner token is still accepted from loopback only.`
  );
}

/** True for a browser Origin on this machine: http(s)://localhost, 127.x.x.x or [::1], any port. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopbackHost(url.hostname);
}

/**
 * Whether a request with this Origin header may use the server as a browser page: no Origin (Node
 * SDK clients, curl), a loopback origin, or one listed in `extra` (exact `scheme://host:port`).
 * `null` (sandboxed frames, file: pages) is a foreign origin.
 */
export function isAllowedOrigin(origin: string | undefined, extra: readonly string[] = []): boolean {
  if (origin === undefined) return true;
  if (isLoopbackOrigin(origin)) return true;
  return extra.some((o) => o.replace(/\/$/, '').toLowerCase() === origin.toLowerCase());
}
