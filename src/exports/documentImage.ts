/**
 * Renders an OrderDocument to a PNG card 375 CSS px wide (as the original's "Download IMG"),
 * drawn on an offscreen canvas: title, meta rows, a table Item & Colour | Sizes | Qty, the
 * totals and notes. Text is measured first so the canvas gets its exact height.
 */
import type { OrderDocument } from '../domain/orderDocument.ts';

const WIDTH = 375;
const PAD = 14;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
// Canvas height is limited (about 32k px in Chromium); long documents get a lower pixel ratio.
const MAX_CANVAS_PX = 30000;

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
type Block = { height: number; draw: (ctx: Ctx, y: number) => void };

function makeCanvas(w: number, h: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

function context(c: OffscreenCanvas | HTMLCanvasElement): Ctx {
  const ctx = c.getContext('2d') as Ctx | null;
  if (ctx === null) throw new Error('This browser cannot draw images (no 2D canvas)');
  return ctx;
}

/** Splits `text` into lines that fit `width` with the context's current font (long words are cut). */
function wrap(ctx: Ctx, text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line === '' ? word : `${line} ${word}`;
      if (ctx.measureText(next).width <= width) line = next;
      else {
        if (line !== '') out.push(line);
        let rest = word;
        while (ctx.measureText(rest).width > width && rest.length > 1) {
          let n = rest.length - 1;
          while (n > 1 && ctx.measureText(rest.slice(0, n)).width > width) n--;
          out.push(rest.slice(0, n));
          rest = rest.slice(n);
        }
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

function layout(ctx: Ctx, doc: OrderDocument): Block[] {
  const inner = WIDTH - 2 * PAD;
  const blocks: Block[] = [];
  const textBlock = (text: string, font: string, lineH: number, color: string, align: 'left' | 'center' = 'left'): void => {
    ctx.font = font;
    const lines = wrap(ctx, text, inner);
    blocks.push({
      height: lines.length * lineH,
      draw: (c, y) => {
        c.font = font;
        c.fillStyle = color;
        c.textAlign = align;
        lines.forEach((l, i) => c.fillText(l, align === 'center' ? WIDTH / 2 : PAD, y + (i + 0.78) * lineH));
        c.textAlign = 'left';
      },
    });
  };
  const gap = (h: number): void => void blocks.push({ height: h, draw: () => undefined });

  gap(PAD);
  textBlock(doc.title, `bold 17px ${FONT}`, 22, '#1a2530', 'center');
  gap(8);
  for (const m of doc.meta) textBlock(`${m.label}: ${m.value}`, `13px ${FONT}`, 18, '#33414e');
  gap(10);

  const colW = [inner * 0.46, inner * 0.4, inner * 0.14];
  const rowFont = `12px ${FONT}`;
  const rowBlock = (cells: string[], bold: boolean, fill: string | null, color: string): void => {
    const font = bold ? `bold ${rowFont}` : rowFont;
    ctx.font = font;
    const lines = cells.map((t, i) => wrap(ctx, t, (colW[i] ?? 0) - 10));
    const h = Math.max(1, ...lines.map((l) => l.length)) * 16 + 10;
    blocks.push({
      height: h,
      draw: (c, y) => {
        if (fill !== null) {
          c.fillStyle = fill;
          c.fillRect(PAD, y, inner, h);
        }
        c.strokeStyle = '#d2d6da';
        c.lineWidth = 1;
        c.strokeRect(PAD + 0.5, y + 0.5, inner - 1, h);
        c.font = font;
        c.fillStyle = color;
        let x = PAD;
        lines.forEach((ls, i) => {
          const w = colW[i] ?? 0;
          const right = i === lines.length - 1;
          c.textAlign = right ? 'right' : 'left';
          ls.forEach((l, j) => c.fillText(l, right ? x + w - 5 : x + 5, y + 5 + (j + 0.8) * 16));
          x += w;
        });
        c.textAlign = 'left';
      },
    });
  };
  rowBlock(['Item & Colour', 'Sizes', 'Qty'], true, 'rgb(41,128,185)', '#ffffff');
  doc.rows.forEach((r, i) => rowBlock([`${r.item}\n${r.colour}`, r.sizes, String(r.total)], false, i % 2 === 1 ? '#f2f4f6' : '#ffffff', '#141414'));
  gap(12);
  textBlock(`Total Items: ${doc.rows.length}`, `13px ${FONT}`, 18, '#33414e');
  textBlock(`Total Quantity: ${doc.totalQty}`, `bold 15px ${FONT}`, 20, '#1a2530');
  if (doc.notes !== undefined) {
    gap(8);
    textBlock('Notes:', `bold 13px ${FONT}`, 18, '#1a2530');
    textBlock(doc.notes, `13px ${FONT}`, 18, '#33414e');
  }
  if (doc.footer !== undefined) {
    gap(8);
    textBlock(doc.footer, `11px ${FONT}`, 15, '#6e6e6e');
  }
  gap(PAD);
  return blocks;
}

/** The PNG card of `doc` as a Blob (image/png), 375 CSS px wide at up to 2× pixel ratio. */
export async function renderDocumentPng(doc: OrderDocument): Promise<Blob> {
  const measure = context(makeCanvas(1, 1));
  const blocks = layout(measure, doc);
  const height = Math.ceil(blocks.reduce((n, b) => n + b.height, 0));
  const ratio = Math.max(0.25, Math.min(2, MAX_CANVAS_PX / height));
  const canvas = makeCanvas(Math.round(WIDTH * ratio), Math.round(height * ratio));
  const ctx = context(canvas);
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);
  let y = 0;
  for (const b of blocks) {
    b.draw(ctx, y);
    y += b.height;
  }
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b === null ? reject(new Error('The image could not be encoded')) : resolve(b)), 'image/png'),
  );
}
