/**
 * The production build as Hosting would serve it: built once with the repo's Vite config into a
 * temp dir, then checked for secrets, source maps, inline scripts and first-screen weight; and
 * firebase.json's Hosting security headers.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, ManifestChunk>;

// Values a build must never embed: server-side secrets in the environment and in a .env file.
const SECRETS = {
  DOMS_SECRET_TEST: 'doms-secret-test-7f3a9c1e5b',
  SECRET_KEY: 'secret-key-value-d41d8cd98f',
  FIREBASE_TOKEN: 'firebase-token-value-0b1c2d',
  GOOGLE_APPLICATION_CREDENTIALS: '/keys/service-account-e4f5a6.json',
};
// The public Firebase web config: it is meant to be in the bundle (positive control).
const PUBLIC = {
  VITE_FIREBASE_API_KEY: 'AIzaPublicWebKey-test-123456',
  VITE_FIREBASE_PROJECT_ID: 'doms-dist-test',
  VITE_FIREBASE_DATABASE_URL: 'https://doms-dist-test-default-rtdb.example.test',
};
const ENV_SECRET = { name: 'DOMS_DOTENV_SECRET', value: 'dotenv-only-secret-91e2f3' };

/** 80 characters from the middle of a file's base64 (as a `?inline` data URL embeds it). */
const base64Slice = (path: string): string => readFileSync(resolve(path)).toString('base64').slice(8_000, 8_080);

/** A marker string found only in each heavy library's own code (checked below to be in the build). */
const LIBRARY_MARKERS = {
  jsPDF: 'Invalid argument passed to jsPDF',
  SheetJS: 'file:///C:/SheetJS/',
  JsBarcode: 'InvalidInputException',
  'html5-qrcode': 'mebjas/html5-qrcode',
  // The PDF font (src/exports/pdfFont.ts): each weight's TTF as base64 in a lazily imported chunk.
  'PDF font regular': base64Slice('src/exports/fonts/DomsSans-Regular.ttf'),
  'PDF font bold': base64Slice('src/exports/fonts/DomsSans-Bold.ttf'),
};

let outDir = '';
let envDir = '';
let manifest: Manifest = {};
const files: Record<string, string> = {};
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'doms-dist-'));
  envDir = mkdtempSync(join(tmpdir(), 'doms-env-'));
  for (const [k, v] of Object.entries({ ...SECRETS, ...PUBLIC })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  for (const k of Object.keys(process.env)) if (k.startsWith('VITE_DOMS_')) delete process.env[k];
  writeFileSync(join(envDir, '.env'), `${ENV_SECRET.name}=${ENV_SECRET.value}\nSECRET_KEY=${SECRETS.SECRET_KEY}\n`);
  await build({
    configFile: resolve('vite.config.ts'),
    envDir,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else files[path] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(outDir, '');
}, 60_000);

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(outDir, { recursive: true, force: true });
  rmSync(envDir, { recursive: true, force: true });
});

/** Every served file: HTML, JS, CSS and anything copied from public/ (not the build manifest). */
const served = (): [string, string][] => Object.entries(files).filter(([path]) => !path.startsWith('.vite/'));
const jsChunks = (): [string, string][] => served().filter(([path]) => path.endsWith('.js'));
const isVendor = (path: string): boolean => /^assets\/(firebase|preact|rolldown-runtime)-/.test(path);

/** The files a page loads before any user action: its entry chunk and the closure of its static imports. */
function firstScreen(html: 'index.html' | 'retailer.html'): string[] {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
  };
  visit(html);
  return [...seen].map((k) => manifest[k]?.file).filter((f): f is string => f !== undefined);
}

describe('the production build (dist/)', () => {
  it('contains the public Firebase web config but no other environment value', () => {
    const all = served().map(([, text]) => text).join('\n');
    for (const value of Object.values(PUBLIC)) expect(all).toContain(value);
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(all, name).not.toContain(value);
      expect(all, name).not.toContain(name);
    }
    expect(all).not.toContain(ENV_SECRET.value);
    expect(all).not.toContain(ENV_SECRET.name);
  });

  it('contains no private keys, service-account fields, or owner bypass token in app code', () => {
    for (const [path, text] of served()) {
      expect(text, path).not.toContain('-----BEGIN');
      expect(text, path).not.toMatch(/"?private_key(_id)?"?\s*:/);
      expect(text, path).not.toMatch(/gserviceaccount\.com/);
      expect(text, path).not.toMatch(/Bearer owner/i);
    }
    // The Firebase SDK names the emulator's admin token itself; our own code must never use it.
    for (const [path, text] of jsChunks().filter(([p]) => !isVendor(p))) expect(text, path).not.toMatch(/[`'"]owner[`'"]/);
  });

  it('ships no source maps or embedded sources', () => {
    for (const [path, text] of served()) {
      expect(path).not.toMatch(/\.map$/);
      expect(text, path).not.toContain('sourceMappingURL');
      expect(text, path).not.toContain('sourcesContent');
    }
  });

  it('has no inline scripts or inline event handlers in either page (CSP script-src is self only)', () => {
    for (const html of ['index.html', 'retailer.html']) {
      const text = files[html] ?? '';
      const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, html).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, html).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
        expect(body?.trim(), html).toBe('');
      }
      expect(text, html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(text, html).not.toMatch(/javascript:/i);
    }
  });

  it('keeps jsPDF, SheetJS, JsBarcode, html5-qrcode and the PDF font out of both first screens (lazy chunks only)', () => {
    for (const html of ['index.html', 'retailer.html'] as const) {
      const initial = firstScreen(html);
      expect(initial.length, html).toBeGreaterThan(1);
      // The page itself loads exactly the entry and its static imports.
      for (const file of initial) expect(files[html], `${html} ${file}`).toContain(`/${file}`);
      for (const [library, marker] of Object.entries(LIBRARY_MARKERS)) {
        const holders = jsChunks().filter(([, text]) => text.includes(marker)).map(([path]) => path);
        expect(holders.length, `${library} is in the build`).toBeGreaterThan(0);
        for (const holder of holders) expect(initial, `${library} in ${html}'s first screen`).not.toContain(holder);
      }
    }
  });

  it('ships the PDF font once, in one chunk of its own that only a dynamic import reaches', () => {
    const holders = jsChunks().filter(([, text]) => text.includes(LIBRARY_MARKERS['PDF font regular']));
    expect(holders.map(([path]) => path)).toHaveLength(1);
    const [path = '', text = ''] = holders[0] ?? [];
    expect(text, path).toContain(LIBRARY_MARKERS['PDF font bold']);
    expect(text.length, `${path} is the font and little else`).toBeLessThan(110_000);
    const entry = Object.values(manifest).find((c) => c.file === path);
    expect(entry?.isEntry ?? false, path).toBe(false);
    const importers = Object.values(manifest).filter((c) => (c.imports ?? []).some((k) => manifest[k]?.file === path));
    expect(importers.map((c) => c.file), `${path} is imported statically`).toEqual([]);
  });
});

describe('firebase.json Hosting headers', () => {
  const config = JSON.parse(readFileSync(resolve('firebase.json'), 'utf8')) as {
    hosting: { public: string; headers: { source: string; headers: { key: string; value: string }[] }[] };
  };
  const all = config.hosting.headers.find((h) => h.source === '**')?.headers ?? [];
  const header = (key: string): string => all.find((h) => h.key.toLowerCase() === key.toLowerCase())?.value ?? '';
  const directives = new Map(
    header('Content-Security-Policy')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...values]) => [name ?? '', values]),
  );

  it('serves dist/ with a strict Content-Security-Policy on every path', () => {
    expect(config.hosting.public).toBe('dist');
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? [];
    expect(scriptSrc).toContain("'self'");
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) expect(scriptSrc).not.toContain(bad);
  });

  it('sets nosniff, a referrer policy and a permissions policy', () => {
    expect(header('X-Content-Type-Options')).toBe('nosniff');
    expect(header('Referrer-Policy')).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(header('Permissions-Policy')).toMatch(/microphone=\(\)/);
    expect(header('Permissions-Policy')).toMatch(/geolocation=\(\)/);
  });
});
