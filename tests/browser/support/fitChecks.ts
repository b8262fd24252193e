/**
 * What "fits on a phone" means, checked in the page (issue 12): no sideways scroll, nothing drawn
 * over the header or the bottom bar, tap targets of at least 44 px, and no serious or critical
 * axe-core violation. Each check returns human-readable problems; an empty list is a pass.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** The smallest tap target, in CSS px (WCAG 2.5.5's 44 × 44). */
export const MIN_TAP = 44;

/** Elements wider than the viewport when the page scrolls sideways (none when it does not). */
export async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const name = (e: Element): string => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length > 0 ? `.${[...e.classList].join('.')}` : ''}`;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      // The outermost offenders only: their children are wide because they are.
      .filter((e) => !(e.parentElement !== null && e.parentElement.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((e) => `${name(e)} ends at ${Math.round(e.getBoundingClientRect().right)} px`);
    return [`the page scrolls sideways (${document.documentElement.scrollWidth} px on a ${width} px screen): ${wide.join('; ')}`];
  });
}

/** An open dialog whose content is wider than the dialog (it would scroll sideways inside it, or be cut off). */
export async function dialogOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('dialog[open], dialog[open] .modal__body')].flatMap((d) =>
      d.scrollWidth > d.clientWidth + 1 || d.getBoundingClientRect().right > document.documentElement.clientWidth + 1
        ? [`dialog "${d.closest('dialog')?.getAttribute('aria-label') ?? ''}" is ${d.scrollWidth} px wide inside ${d.clientWidth} px`]
        : [],
    ),
  );
}

/**
 * Samples points across the header and the bottom bar at the top, middle and bottom of the page:
 * at each, the element drawn there must be the bar itself or inside it.
 */
export async function drawnOverBars(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // A modal dialog's backdrop covers everything by design.
    if (document.querySelector('dialog[open]') !== null) return [];
    const bars = [
      { name: 'header', el: document.querySelector('.app-header') },
      { name: 'bottom bar', el: document.querySelector('.app-nav__list:not(.app-nav__list--more)') },
      { name: 'side nav', el: document.querySelector('.app-nav') },
      // Phones: the bottom bar is fixed. Desktops: the nav is a sticky side column instead.
    ].filter((b): b is { name: string; el: Element } => b.el !== null && (b.name === 'header' || ['fixed', 'sticky'].includes(getComputedStyle(b.el).position)));
    const problems: string[] = [];
    // A screen shorter than the viewport would never pass under the bars: room to scroll, removed after.
    const spacer = document.createElement('div');
    spacer.style.height = `${innerHeight}px`;
    (document.querySelector('main') ?? document.body).append(spacer);
    const max = document.documentElement.scrollHeight - innerHeight;
    for (const y of [0, Math.round(max / 3), Math.round((max * 2) / 3), max]) {
      scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      for (const { name, el } of bars) {
        const r = el.getBoundingClientRect();
        if (r.height === 0 || r.bottom <= 0 || r.top >= innerHeight) continue;
        for (let i = 1; i < 8; i++) {
          for (const fy of [0.25, 0.75]) {
            const x = r.left + (r.width * i) / 8;
            const at = document.elementFromPoint(x, Math.max(0, r.top) + (Math.min(r.bottom, innerHeight) - Math.max(0, r.top)) * fy);
            if (at !== null && !el.contains(at)) {
              problems.push(`${at.tagName.toLowerCase()}.${[...at.classList].join('.')} ("${(at.textContent ?? '').trim().slice(0, 30)}") is drawn over the ${name} at scroll ${y}`);
            }
          }
        }
      }
    }
    // A fixed or sticky bar of the screen's own (New order's cart bar, Stock's actions) must sit above the bottom bar, not behind it.
    const bottomBar = bars.find((b) => b.name === 'bottom bar')?.el.getBoundingClientRect();
    if (bottomBar !== undefined) {
      for (const el of document.querySelectorAll('main *')) {
        const position = getComputedStyle(el).position;
        if (position !== 'fixed' && position !== 'sticky') continue;
        const r = el.getBoundingClientRect();
        if (r.height > 0 && r.bottom > bottomBar.top + 1 && r.top < bottomBar.bottom) problems.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} is hidden behind the bottom bar`);
      }
    }
    spacer.remove();
    scrollTo(0, 0);
    return [...new Set(problems)].slice(0, 5);
  });
}

/** Visible controls smaller than MIN_TAP in either direction (inline links in running text are exempt, as in WCAG). */
export async function smallTapTargets(page: Page, min = MIN_TAP): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab]');
    const problems: string[] = [];
    for (const c of controls) {
      if (c.closest('[inert], [aria-hidden="true"]') !== null) continue;
      const style = getComputedStyle(c);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (c.tagName === 'A' && style.display === 'inline') continue;
      // A checkbox or radio is tapped through its label.
      const isToggle = c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio');
      const target = isToggle ? (c.closest('label') ?? c) : c;
      const r = target.getBoundingClientRect();
      // Visually hidden (a file input behind its button, screen-reader text): not a target.
      if (r.width <= 1 || r.height <= 1) continue;
      if (r.width + 0.5 < min || r.height + 0.5 < min) {
        const label = (c.getAttribute('aria-label') ?? (c.textContent ?? '').trim() ?? '').slice(0, 30) || c.getAttribute('name') || c.tagName.toLowerCase();
        problems.push(`${c.tagName.toLowerCase()}${c.classList.length > 0 ? `.${[...c.classList].join('.')}` : ''} "${label}" is ${Math.round(r.width)}×${Math.round(r.height)} px`);
      }
    }
    return [...new Set(problems)].slice(0, 8);
  }, min);
}

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };

/** Rules held to whatever axe rates them: a skipped heading level confuses screen-reader navigation by headings. */
const ALWAYS = ['heading-order'];

/** axe-core's serious and critical violations (and any of ALWAYS) on the page as it is, or within `selector`. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (selector) => (window as unknown as { axe: { run: (c: Document | string, o: object) => Promise<AxeResult> } }).axe.run(selector ?? document, { resultTypes: ['violations'] }),
    selector,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS.includes(v.id))
    .map((v) => `axe ${v.impact} ${v.id}: ${v.nodes
      .slice(0, 3)
      .map((n) => JSON.stringify(n.target))
      .join(', ')}`);
}
