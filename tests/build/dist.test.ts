/**
 * The production build as Hosting would serve it: built once with the repo's Vite config into a
 * temp dir, then checked for secrets, source maps, inline scripts and first-screen weight; and
 * firebase.json's Hosting security headers.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_PRELOAD_CSP, ROUTE_PRELOAD_SCRIPT } from '../../buildTools/routePreload.ts';
import { launchChromium } from '../browser/support/chromium.ts';
import { hostingHeaders, serveHttp2 } from '../browser/support/http2Server.ts';

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

  it('has no inline scripts but the route preloader (whose hash the CSP allows) and no inline event handlers', () => {
    for (const html of ['index.html', 'retailer.html']) {
      const text = files[html] ?? '';
      const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, html).toBeGreaterThan(0);
      const inline = scripts.filter(([, attrs]) => !/\bsrc=/.test(attrs ?? ''));
      // retailer.html carries exactly one, byte for byte the script whose hash is in firebase.json.
      expect(inline.map(([, , body]) => body), html).toEqual(html === 'retailer.html' ? [ROUTE_PRELOAD_SCRIPT] : []);
      for (const [, attrs, body] of scripts.filter((s) => !inline.includes(s))) {
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

  it("names each portal route's lazily loaded files for the route preloader, none of them already on the first screen", () => {
    const html = files['retailer.html'] ?? '';
    const metas = new Map([...html.matchAll(/<meta name="doms-preload" data-route="([a-z]+)" content="([^"]*)">/g)].map(([, route, content]) => [route ?? '', (content ?? '').split(' ')]));
    expect([...metas.keys()].sort()).toEqual(['order', 'orders', 'stock', 'support']);
    const initial = firstScreen('retailer.html');
    for (const [route, module] of Object.entries({ order: 'PlaceOrderScreen', stock: 'StockCheckScreen', orders: 'OrdersScreen', support: 'SupportScreen' })) {
      const listed = metas.get(route) ?? [];
      const key = Object.keys(manifest).find((k) => k.endsWith(`/${module}.tsx`)) ?? '';
      const chunk = manifest[key] as (ManifestChunk & { css?: string[] }) | undefined;
      expect(chunk, module).toBeDefined();
      // The screen's own chunk and CSS, and every static import not already loaded by the page.
      expect(listed, route).toContain(`/${chunk?.file ?? ''}`);
      for (const css of chunk?.css ?? []) expect(listed, route).toContain(`/${css}`);
      for (const k of chunk?.imports ?? []) {
        const file = manifest[k]?.file ?? '';
        expect(initial.includes(file) || listed.includes(`/${file}`), `${route}: ${file}`).toBe(true);
      }
      for (const file of listed) {
        expect(files[file.slice(1)], `${route}: ${file} is in the build`).toBeDefined();
        expect(initial, `${route}: ${file}`).not.toContain(file.slice(1));
      }
    }
  });

  it("runs under firebase.json's CSP in Chromium: retailer.html opened on #/order preloads Place order's files, on Home none", async () => {
    const html = files['retailer.html'] ?? '';
    const orderFiles = (/<meta name="doms-preload" data-route="order" content="([^"]*)">/.exec(html)?.[1] ?? '').split(' ');
    expect(orderFiles.length).toBeGreaterThan(1);
    const browser = await launchChromium();
    const server = await serveHttp2(outDir, hostingHeaders());
    try {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      // Every script the CSP blocks (an inline script whose hash is not listed, for one).
      await page.addInitScript(() => {
        const w = window as unknown as { blocked: string[] };
        w.blocked = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          if (e.effectiveDirective.startsWith('script-src')) w.blocked.push(`${e.effectiveDirective} ${e.blockedURI}`);
        });
      });
      const preloads = (p: Page): Promise<string[]> => p.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"], link[rel="preload"]')].map((l) => new URL(l.href).pathname));
      await page.goto(`${server.url}retailer.html#/order`, { waitUntil: 'domcontentloaded' });
      expect(await preloads(page)).toEqual(expect.arrayContaining(orderFiles));
      expect(await page.evaluate(() => (window as unknown as { blocked: string[] }).blocked)).toEqual([]);
      const home = await context.newPage();
      await home.goto(`${server.url}retailer.html#/`, { waitUntil: 'domcontentloaded' });
      const onHome = await preloads(home);
      for (const file of orderFiles) expect(onHome, file).not.toContain(file);
    } finally {
      await server.close();
      await browser.close();
    }
  }, 60_000);

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
    // Scripts from the site, and the one inline script by its hash (buildTools/routePreload.ts).
    expect(scriptSrc).toEqual(["'self'", ROUTE_PRELOAD_CSP]);
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) expect(scriptSrc).not.toContain(bad);
  });

  it('sets nosniff, a referrer policy and a permissions policy', () => {
    expect(header('X-Content-Type-Options')).toBe('nosniff');
    expect(header('Referrer-Policy')).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(header('Permissions-Policy')).toMatch(/microphone=\(\)/);
    expect(header('Permissions-Policy')).toMatch(/geolocation=\(\)/);
  });
});
