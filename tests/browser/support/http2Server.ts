/**
 * A static server for a production build as Firebase Hosting delivers it: HTTP/2 over TLS (a
 * self-signed certificate made with `openssl` for 127.0.0.1), text compressed with Brotli for a
 * browser that accepts it (as Chrome does), else gzip. Vite's preview
 * server speaks HTTP/1.1, where a browser opens at most six connections per host: on a slow
 * network a page's seventh file then waits a whole round trip for a free connection, which no
 * user of Hosting (HTTP/2, one connection for every file) ever does. `headers` are added to every
 * response (firebase.json's, for example). For benchmarks and build tests; loopback only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
};
const TEXT = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest']);

/** A self-signed certificate for 127.0.0.1, made in a temp folder that is removed again. */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'doms-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves `root` on https://127.0.0.1:<free port>/ (HTTP/2, HTTP/1.1 for other clients); browsers must accept its certificate. */
export async function serveHttp2(root: string, headers: Readonly<Record<string, string>> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const cache = new Map<string, { body: Buffer; br: Buffer | null; gz: Buffer | null }>();
  const server: Http2SecureServer = createSecureServer({ ...selfSigned(), allowHTTP1: true }, (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'https://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const ext = extname(file);
    let entry = cache.get(file);
    if (entry === undefined) {
      const body = readFileSync(file);
      entry = TEXT.has(ext) ? { body, br: brotliCompressSync(body), gz: gzipSync(body, { level: 9 }) } : { body, br: null, gz: null };
      cache.set(file, entry);
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [encoding, body] = entry.br !== null && /\bbr\b/.test(accepts) ? ['br', entry.br] : entry.gz !== null && /\bgzip\b/.test(accepts) ? ['gzip', entry.gz] : [null, entry.body];
    res.writeHead(200, { ...headers, 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...(encoding !== null ? { 'content-encoding': encoding } : {}) });
    res.end(body);
  });
  // close() waits for open sessions, and a browser keeps its connection open: end them.
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const session of sessions) session.destroy();
      }),
  };
}

/** firebase.json's Hosting headers for every path (`source: "**"`): the CSP and the others. */
export function hostingHeaders(): Record<string, string> {
  const config = JSON.parse(readFileSync('firebase.json', 'utf8')) as { hosting: { headers: { source: string; headers: { key: string; value: string }[] }[] } };
  return Object.fromEntries((config.hosting.headers.find((h) => h.source === '**')?.headers ?? []).map((h) => [h.key, h.value]));
}
