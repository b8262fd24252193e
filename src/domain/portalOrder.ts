/**
 * What the portal checks before sending an order, and the lines it marks at review: the same
 * limits the rules enforce (rules/portal.ts), with messages naming the field. Apart from
 * portal.ts so that it loads with Place order, not with Home.
 */
import type { FieldError } from './errors.ts';
import { lineKey, normalizeLines } from './lines.ts';
import { LOW_STOCK_MAX, REFERENCE_MAX, RETAIL_MAX_QTY, type Availability } from './portal.ts';
import { at, int, list, object, parse, text, type Result } from './schema.ts';
import type { Line, Product } from './types.ts';
import { checkAgainstCatalog, LIMITS } from './validate.ts';

/** A portal order as typed: reference, note and lines. */
export type PortalOrderInput = { reference: string; note: string; lines: Line[] };

const noEdgeSpace = { pattern: /^\S(?:[^]*\S)?$/, patternMessage: 'must not start or end with a space' };
const portalLine = object({
  productId: text({ min: 1, max: 128 }),
  color: text({ min: 1, max: LIMITS.colorCode, ...noEdgeSpace }),
  size: text({ min: 1, max: LIMITS.size, ...noEdgeSpace }),
  qty: int(1, RETAIL_MAX_QTY),
});
/** No HTML in free text (the rules refuse it too: NO_MARKUP in rules/portal.ts); "qty < 5" is fine. */
const noMarkup = { pattern: /^(?![^]*<[A-Za-z!?/])[^]*$/, patternMessage: 'must not contain HTML such as <b>' };
const portalForm = object({
  reference: text({ max: REFERENCE_MAX, trim: true, ...noMarkup }),
  note: text({ max: LIMITS.note, multiline: true, trim: true, ...noMarkup }),
  lines: list(portalLine, 1, LIMITS.lines),
});

/** Names a field for a person: `lines[2].qty` → "Line 3 quantity". */
export function fieldName(field: string): string {
  const m = /^lines\[(\d+)\]\.?(\w*)$/.exec(field);
  if (m !== null) {
    const what = { qty: 'quantity', productId: 'product', color: 'colour', size: 'size' }[m[2] ?? ''] ?? '';
    return `Line ${Number(m[1]) + 1}${what === '' ? '' : ` ${what}`}`;
  }
  return { reference: 'Your reference', note: 'Note', lines: 'Cart' }[field] ?? field;
}

/** "Line 1 quantity: must be at most 100000" for each problem. */
export const problemText = (errors: readonly FieldError[]): string[] => errors.map((e) => `${fieldName(e.field)}: ${e.message}`);

/**
 * A retailer's order checked before sending: whole quantities 1..100,000, every product in the
 * catalogue and still sold (colour and size offered), a reference of at most 40 characters and a
 * note of at most 500. The party is never part of the input: it comes from the user record.
 */
export function parsePortalOrder(input: unknown, catalog: Readonly<Record<string, Product>>): Result<PortalOrderInput> {
  const r = parse(portalForm, input);
  if (!r.ok) return r;
  const lines = r.value.lines as Line[];
  const errors = checkAgainstCatalog(lines, catalog);
  if (errors.length > 0) return { ok: false, errors };
  const merged = normalizeLines(lines);
  const over = merged.findIndex((l) => l.qty > RETAIL_MAX_QTY);
  if (over >= 0) return { ok: false, errors: [{ field: at(at('lines', over), 'qty'), message: `adds up to more than ${RETAIL_MAX_QTY}` }] };
  return { ok: true, value: { reference: r.value.reference, note: r.value.note, lines: merged } };
}

/** Pieces a retailer can count on for a line: exact stock, or for bands the most the band promises (out: 0; low/in: unknown). */
function knownShort(line: Line, a: Availability | undefined): number | null {
  if (a === undefined) return null;
  if (a.kind === 'exact') return a.qty < line.qty ? a.qty : null;
  if (a.band === 'out') return 0;
  if (a.band === 'low' && line.qty > LOW_STOCK_MAX) return LOW_STOCK_MAX;
  return null;
}

/** Lines asking for more than is available: with exact stock, more than on hand; with bands, anything out of stock or more than "low" can hold. */
export function linesOverStock(lines: readonly Line[], availability: (line: Line) => Availability | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    const short = knownShort(l, availability(l));
    if (short !== null) out.set(lineKey(l), short);
  }
  return out;
}

