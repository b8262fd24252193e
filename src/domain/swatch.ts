/**
 * Colour swatches of the catalogue: '#rgb' / '#rrggbb', or two of them separated by a space
 * (a half-and-half colour). Picks a text colour that stays readable on the swatch.
 */

/** The one or two colours of a swatch, as #rrggbb; an unreadable swatch is light grey. */
export function swatchColors(swatch: string): string[] {
  const parts = swatch.trim().split(/\s+/).filter((p) => /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(p));
  if (parts.length === 0) return ['#e5e7eb'];
  return parts.slice(0, 2).map((p) => (p.length === 4 ? `#${p[1]}${p[1]}${p[2]}${p[2]}${p[3]}${p[3]}` : p).toLowerCase());
}

/** WCAG relative luminance of '#rrggbb'. */
export function luminance(hex: string): number {
  const ch = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (ch[0] ?? 0) + 0.7152 * (ch[1] ?? 0) + 0.0722 * (ch[2] ?? 0);
}

/** Contrast ratio of two luminances. */
const contrast = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** Black or white, whichever has the better worst-case contrast over every colour of the swatch. */
export function textColorFor(swatch: string): '#000000' | '#ffffff' {
  const lums = swatchColors(swatch).map(luminance);
  const worst = (text: number): number => Math.min(...lums.map((l) => contrast(l, text)));
  return worst(0) >= worst(1) ? '#000000' : '#ffffff';
}

/** A CSS background for the swatch: a flat colour, or a hard diagonal split for two colours. */
export function swatchBackground(swatch: string): string {
  const [a, b] = swatchColors(swatch);
  return b === undefined ? (a ?? '#e5e7eb') : `linear-gradient(135deg, ${a} 0 50%, ${b} 50% 100%)`;
}
