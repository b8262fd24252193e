import { skuLabel } from '../../../domain/barcodes.ts';
import { lineKey } from '../../../domain/lines.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import type { Line, Product, SkuId } from '../../../domain/types.ts';

/** The original's seven remark presets (reference §4.3). */
export const REMARK_PRESETS = [
  'STOCK NOT FOUND IN GODOWN',
  'WAITING FOR APPROVAL',
  'PT FILE BILLING',
  'STOCK ON SHOP BUT WAITING APPROVAL',
  'CANCEL',
  'DUPLICATE ITEMS',
  'STOCK NOT FOUND IN SHOP',
] as const;

/** Reasons offered when deleting a billing order (free text is allowed too). */
export const DELETE_REASONS = ['Order cancelled by party', 'Duplicate order', 'Stock not available', 'Order placed by mistake'] as const;

/** Catalogue products by id. */
export type Catalog = ReadonlyMap<string, Product>;

/** 'DD/MM/YYYY' in local time, as the original showed order dates. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

/** 'Comfort Bra · BRA-01 (Black)': the item column of the billing table (productLabel, colour name). */
export function itemName(line: Pick<Line, 'productId' | 'color'>, catalog: Catalog): string {
  const p = catalog.get(line.productId);
  const color = p?.colors.find((c) => c.code === line.color)?.name ?? line.color;
  return `${productLabel(p)} (${color})`;
}

/** 'Comfort Bra Black 32B', for messages. */
export const labelOf = (catalog: Catalog) => (ref: Pick<Line, 'productId' | 'color' | 'size'>): string => skuLabel(ref, catalog);

/** Bill quantities pre-filled with everything in billing (the original's default). */
export const fullQuantities = (lines: readonly Line[]): Map<SkuId, number> => new Map(lines.map((l) => [lineKey(l), l.qty]));

/** The lines to bill from quantities by line key (zeros kept; the command drops them). */
export const billedLines = (lines: readonly Line[], quantities: ReadonlyMap<SkuId, number>): Line[] => lines.map((l) => ({ ...l, qty: quantities.get(lineKey(l)) ?? 0 }));

/** A stable signature of lines, to notice when another device changed them. */
export const linesSignature = (lines: readonly Line[]): string => lines.map((l) => `${lineKey(l)}=${l.qty}`).join('|');
