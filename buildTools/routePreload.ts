/**
 * Route preloading for a page opened straight on a lazily loaded screen (a bookmark, a reload of
 * `retailer.html#/order`). Such a screen's code is otherwise requested only once the page's own
 * scripts have run, a whole round trip after them on a slow phone network (bench:portal,
 * docs/benchmarks.md). This plugin writes, for each route, a `<meta name="doms-preload">` listing
 * the route's JS and CSS files that the page does not load anyway, and one inline script that
 * preloads the current route's files while the page is still being parsed. Other routes cost
 * nothing: their files are only named. Like Vite's own preloads, the links are `crossorigin`, so
 * that the screen's import finds them in the preload cache.
 *
 * The script's text is constant (the file names live in the meta tags), so its CSP hash is too:
 * `ROUTE_PRELOAD_CSP` is in firebase.json's Content-Security-Policy, and a test keeps the two equal.
 */
import { createHash } from 'node:crypto';
import type { Plugin, Rollup } from 'vite';

/** Reads the route id as the app does (shell/routes.ts: the hash without `#/`, up to `?`). */
export const ROUTE_PRELOAD_SCRIPT =
  "(()=>{const r=location.hash.replace(/^#\\/?/,'').split('?')[0];for(const m of document.querySelectorAll('meta[name=\"doms-preload\"]')){if(m.dataset.route!==r)continue;for(const f of m.content.split(' ')){const l=document.createElement('link');if(f.endsWith('.css')){l.rel='preload';l.as='style'}else l.rel='modulepreload';l.crossOrigin='';l.fetchPriority='high';l.href=f;document.head.append(l)}}})()";

/** The CSP source that allows the script (and nothing else inline). */
export const ROUTE_PRELOAD_CSP = `'sha256-${createHash('sha256').update(ROUTE_PRELOAD_SCRIPT).digest('base64')}'`;

type Bundle = Rollup.OutputBundle;
type Chunk = Rollup.OutputChunk & { viteMetadata?: { importedCss: Set<string> } };

/** A chunk's file, its static imports' files, and their CSS, recursively. */
function closure(bundle: Bundle, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const chunk = bundle[file] as Chunk | undefined;
  if (chunk?.type !== 'chunk') return seen;
  for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
  for (const i of chunk.imports) closure(bundle, i, seen);
  return seen;
}

/**
 * For `page` (an HTML input's file name), preloads the screen of each route in `routes` (route id
 * → the screen module's path, relative to the project root) when the page is opened on it.
 */
export function routePreload(page: string, routes: Readonly<Record<string, string>>): Plugin {
  let base = '/';
  return {
    name: 'doms-route-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.filename.endsWith(`/${page}`) || ctx.bundle === undefined || ctx.chunk === undefined) return;
        const bundle = ctx.bundle;
        const loaded = closure(bundle, ctx.chunk.fileName);
        const tags = Object.entries(routes).map(([route, module]) => {
          const chunk = Object.values(bundle).find((c): c is Chunk => c.type === 'chunk' && c.isDynamicEntry && (c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${module}`) ?? false));
          if (chunk === undefined) throw new Error(`routePreload: no lazily loaded chunk for ${module} (route ${route} of ${page})`);
          const files = [...closure(bundle, chunk.fileName)].filter((f) => !loaded.has(f));
          return `<meta name="doms-preload" data-route="${route}" content="${files.map((f) => base + f).join(' ')}">`;
        });
        // Before the stylesheets: a script after them would wait for them to load before it runs.
        const at = html.search(/<link rel="stylesheet"|<script type="module"|<\/head>/);
        if (at < 0) throw new Error(`routePreload: ${page} has no </head>`);
        return `${html.slice(0, at)}${tags.join('\n    ')}\n    <script>${ROUTE_PRELOAD_SCRIPT}</script>\n    ${html.slice(at)}`;
      },
    },
  };
}
