/**
 * The demo catalogue, shaped like the original's (reference 1.6): "Product SKU-0xx" items and
 * plausible garment names, sizes T1–T6 (some starting at T2 or showing T6 first), S–2XL, cup
 * sizes or waist sizes, 3–9 colour codes with CSS swatches (a few half-and-half), and an
 * optional MRP per size in paise.
 */
import type { CatalogColor, Product, ProductId } from './domain.ts';
import { cumulative, type Random } from './random.ts';

/** A colour code as the catalogue lists it: code, full name, swatch ('#rgb' or two of them). */
type Colour = readonly [code: string, name: string, swatch: string];

/** About 45 codes, as the original's swatch map had; two-tone ones are half-and-half. */
const COLOURS: readonly Colour[] = [
  ['BLACK', 'Black', '#000000'],
  ['WHITE', 'White', '#ffffff'],
  ['SKIN', 'Skin', '#e4c8a5'],
  ['PEARL', 'Pearl', '#e8c8bb'],
  ['GRW', 'Grape Wine', '#371a18'],
  ['GRYMRL', 'Grey Marl', '#d8d7dc'],
  ['CPM', 'Chalk Pink Mist', '#d3e3ea'],
  ['TMG', 'Tea Rose Mauve Glow', '#e57f7f'],
  ['NAVY', 'Navy', '#1f2a44'],
  ['MAROON', 'Maroon', '#800000'],
  ['RED', 'Red', '#c8102e'],
  ['NUDE', 'Nude', '#e3bc9a'],
  ['BEIGE', 'Beige', '#d9c5a0'],
  ['PINK', 'Pink', '#f4a6c0'],
  ['BBYPNK', 'Baby Pink', '#f9d1dc'],
  ['LAVNDR', 'Lavender', '#b9a3d6'],
  ['PURPLE', 'Purple', '#6a3d9a'],
  ['TEAL', 'Teal', '#008080'],
  ['MINT', 'Mint', '#a8e6cf'],
  ['OLIVE', 'Olive', '#708238'],
  ['CORAL', 'Coral', '#ff7f50'],
  ['PEACH', 'Peach', '#ffcba4'],
  ['MUSTRD', 'Mustard', '#d4a017'],
  ['CHRCL', 'Charcoal', '#36454f'],
  ['DKGRY', 'Dark Grey', '#555555'],
  ['LTGRY', 'Light Grey', '#c8c8c8'],
  ['BROWN', 'Brown', '#6b4423'],
  ['CHOCO', 'Chocolate', '#3f1f0f'],
  ['WINE', 'Wine', '#722f37'],
  ['SKYBLU', 'Sky Blue', '#87ceeb'],
  ['RYLBLU', 'Royal Blue', '#4169e1'],
  ['BTLGRN', 'Bottle Green', '#006a4e'],
  ['ORANGE', 'Orange', '#ff8c00'],
  ['YELLOW', 'Yellow', '#f5d033'],
  ['CREAM', 'Cream', '#fffdd0'],
  ['IVORY', 'Ivory', '#fffff0'],
  ['ROSE', 'Rose', '#e8a0a8'],
  ['MAUVE', 'Mauve', '#b784a7'],
  ['AQUA', 'Aqua', '#7fdbff'],
  ['FUCHSIA', 'Fuchsia', '#c2185b'],
  ['KHAKI', 'Khaki', '#c3b091'],
  ['INDIGO', 'Indigo', '#3f3d8f'],
  ['BLKWHT', 'Black / White', '#000 #fff'],
  ['NVYGRY', 'Navy / Grey Marl', '#1f2a44 #d8d7dc'],
  ['SKNBLK', 'Skin / Black', '#e4c8a5 #000'],
];
/** Basics appear in most products; fashion colours less often. */
const COLOUR_WEIGHTS = COLOURS.map(([code]) => (['BLACK', 'WHITE', 'SKIN'].includes(code) ? 12 : ['PEARL', 'GRYMRL', 'NAVY', 'NUDE', 'GRW', 'CPM', 'TMG'].includes(code) ? 5 : 1.5));

const T = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'];
const SIZE_SETS: Record<'t' | 'letter' | 'cup' | 'waist' | 'free', readonly (readonly string[])[]> = {
  t: [T, T.slice(1), ['T6', ...T.slice(0, 5)], T.slice(0, 4)],
  letter: [
    ['S', 'M', 'L', 'XL', '2XL'],
    ['M', 'L', 'XL', '2XL'],
    ['XS', 'S', 'M', 'L', 'XL'],
  ],
  cup: [
    ['32B', '34B', '36B', '38B'],
    ['32B', '32C', '34B', '34C', '36B', '36C'],
    ['30B', '32B', '34B', '36B', '38B', '40B'],
    ['34C', '36C', '38C', '40C', '34D', '36D'],
  ],
  waist: [
    ['75', '80', '85', '90', '95', '100'],
    ['80', '85', '90', '95', '100', '105', '110'],
  ],
  free: [['FS']],
};
type SizeKind = keyof typeof SIZE_SETS;

/** Garments and the size systems they come in; prices are a typical MRP in rupees. */
/** `abbr` starts the product codes of the garment ("HIP-014"). */
const GARMENTS: readonly { name: string; abbr: string; kinds: readonly SizeKind[]; rupees: readonly [number, number] }[] = [
  { name: 'Brief', abbr: 'BRF', kinds: ['t', 'waist'], rupees: [149, 349] },
  { name: 'Hipster', abbr: 'HIP', kinds: ['t', 'letter'], rupees: [179, 399] },
  { name: 'Bikini Brief', abbr: 'BKB', kinds: ['t', 'letter'], rupees: [159, 349] },
  { name: 'Boyshort', abbr: 'BOY', kinds: ['letter', 't'], rupees: [229, 449] },
  { name: 'Trunk', abbr: 'TRK', kinds: ['waist', 'letter'], rupees: [199, 449] },
  { name: 'Boxer', abbr: 'BXR', kinds: ['letter'], rupees: [249, 499] },
  { name: 'Vest', abbr: 'VST', kinds: ['waist', 'letter'], rupees: [179, 399] },
  { name: 'Gym Vest', abbr: 'GVS', kinds: ['letter'], rupees: [299, 549] },
  { name: 'T-Shirt Bra', abbr: 'TSB', kinds: ['cup'], rupees: [399, 899] },
  { name: 'Padded Bra', abbr: 'PDB', kinds: ['cup'], rupees: [449, 1099] },
  { name: 'Sports Bra', abbr: 'SPB', kinds: ['letter', 'cup'], rupees: [449, 999] },
  { name: 'Minimiser Bra', abbr: 'MNB', kinds: ['cup'], rupees: [549, 1199] },
  { name: 'Nursing Bra', abbr: 'NRB', kinds: ['cup'], rupees: [499, 999] },
  { name: 'Bralette', abbr: 'BRL', kinds: ['letter'], rupees: [349, 749] },
  { name: 'Camisole', abbr: 'CAM', kinds: ['letter', 'free'], rupees: [249, 599] },
  { name: 'Slip', abbr: 'SLP', kinds: ['letter', 'free'], rupees: [299, 649] },
  { name: 'Shapewear Brief', abbr: 'SHB', kinds: ['letter', 't'], rupees: [599, 1299] },
  { name: 'Tummy Tucker', abbr: 'TUT', kinds: ['letter'], rupees: [699, 1299] },
  { name: 'Leggings', abbr: 'LEG', kinds: ['letter', 'free'], rupees: [349, 699] },
  { name: 'Lounge Pant', abbr: 'LNP', kinds: ['letter'], rupees: [449, 899] },
  { name: 'Tank Top', abbr: 'TNK', kinds: ['letter'], rupees: [299, 599] },
  { name: 'Thermal Top', abbr: 'THT', kinds: ['letter'], rupees: [499, 999] },
  { name: 'Thermal Bottom', abbr: 'THB', kinds: ['letter'], rupees: [499, 999] },
  { name: 'Night Gown', abbr: 'NGT', kinds: ['letter', 'free'], rupees: [599, 1299] },
];
const STYLES = ['Classic', 'Seamless', 'Cotton', 'Modal', 'Micro', 'Lace', 'Comfort', 'Everyday', 'Active', 'Soft Touch', 'Premium', 'Stretch', 'Printed', 'Mesh', 'Organic'];

/** How many products are named like the original's hard-coded items. */
const SKU_NAMED = 57;

/** A generated product with its id and how often parties order it. */
export type CatalogEntry = { id: ProductId; product: Product; popularity: number };

function mrpFor(random: Random, sizes: readonly string[], rupees: readonly [number, number], premium: number): CatalogColor['mrp'] {
  // Price bands: the larger half of the sizes costs a little more, as on the original's labels.
  const base = Math.round(random.int(rupees[0], rupees[1]) / 10) * 10 - 1;
  const step = random.pick([0, 20, 30, 50]);
  return sizes.map((size, i) => ({ size, paise: (base + premium + (i >= Math.ceil(sizes.length / 2) ? step : 0)) * 100 }));
}

function colours(random: Random, sizes: readonly string[], rupees: readonly [number, number], hasMrp: boolean): CatalogColor[] {
  const n = random.int(3, 9);
  const sums = cumulative(COLOUR_WEIGHTS);
  const chosen = new Map<string, Colour>();
  while (chosen.size < n) {
    const c = random.weightedFrom(COLOURS, sums);
    chosen.set(c[0], c);
  }
  const mrp = hasMrp ? mrpFor(random, sizes, rupees, 0) : undefined;
  return [...chosen.values()].map(([code, name, swatch]) => {
    const colour: CatalogColor = { code, name, swatch };
    if (mrp !== undefined) {
      // Two-tone and fashion colours sometimes carry a higher MRP.
      const premium = swatch.includes(' ') || random.chance(0.1) ? random.pick([20, 30, 50]) : 0;
      colour.mrp = mrp.map((m) => ({ size: m.size, paise: m.paise + premium * 100 }));
    }
    return colour;
  });
}

/**
 * At least 150 products (`count`), with ids from `newId` and codes like "HIP-014" (the number is
 * the product's place in the catalogue, so codes are unique). The first 57 are "Product SKU-001"…
 * "Product SKU-057" in T sizes; SKU-003 and SKU-004 are the best sellers, as in the original's
 * demo. About one in twelve products is inactive (no longer sold).
 */
export function generateCatalog(random: Random, count: number, newId: () => string): CatalogEntry[] {
  const names = new Set<string>();
  const entries: CatalogEntry[] = [];
  for (let i = 0; i < count; i++) {
    let name: string;
    let garment: (typeof GARMENTS)[number];
    let kind: SizeKind;
    if (i < SKU_NAMED) {
      name = `Product SKU-${String(i + 1).padStart(3, '0')}`;
      kind = random.chance(0.85) ? 't' : random.pick(['letter', 'cup'] as const);
      garment = GARMENTS[0] as (typeof GARMENTS)[number];
    } else {
      do {
        garment = random.pick(GARMENTS);
        const style = random.pick(STYLES);
        name = random.chance(0.3) ? `${style} ${garment.name} ${random.pick(['LP', 'DX', 'CM', 'SF', 'AX'])}-${random.int(10, 99)}` : `${style} ${garment.name}`;
      } while (names.has(name));
      kind = random.pick(garment.kinds);
    }
    names.add(name);
    const sizes = [...random.pick(SIZE_SETS[kind])];
    const hasMrp = random.chance(0.75);
    // Every demo product has a human code (garment and catalogue number, unique): labels read
    // "Cotton Hipster · HIP-014", never a database id. No random draw, so the rest of the demo is unchanged.
    const code = `${garment.abbr}-${String(i + 1).padStart(3, '0')}`;
    const product: Product = { name, code, sizes, colors: colours(random, sizes, garment.rupees, hasMrp), active: true };
    entries.push({ id: newId() as ProductId, product, popularity: 0 });
  }
  // Popularity: a long tail over a random ranking, with SKU-003 and SKU-004 on top.
  const ranked = random.shuffle(entries.map((_, i) => i).filter((i) => i !== 2 && i !== 3));
  [2, 3, ...ranked].forEach((index, rank) => {
    const entry = entries[index] as CatalogEntry;
    entry.popularity = 1 / Math.pow(rank + 1.5, 0.85);
    // Retired products come from the tail, so the demo's best sellers stay on sale.
    if (rank > 20 && random.chance(0.09)) entry.product.active = false;
  });
  return entries;
}
