/**
 * Builds the whole demo business in memory: catalogue, parties, users, opening stock, then
 * `days` simulated days of orders (plus a backlog placed before them, so some orders are old
 * enough to expire) run through the domain's transitions. Same options → same tree.
 */
import { DEMO_ACCOUNTS, placeholderUid } from './demoAccounts.ts';
import { DAY_MS, SERVER_TIMESTAMP, skuId, type Party, type PartyId, type Product, type UserRecord } from './domain.ts';
import { demoBarcodes } from './barcodes.ts';
import { generateCatalog } from './catalog.ts';
import { generateParties } from './parties.ts';
import { adjustStock, expirySweep, initialImport, placeStaffOrder, restock, submitRetailer, type Business, type Plan, type Sku } from './business.ts';
import { cumulative, Random } from './random.ts';
import { compact, type Tree } from './tree.ts';
import { World } from './world.ts';

/** What the business looks like: the PRNG seed, how many days, how big, and the day it ends. */
export type SeedOptions = {
  seed: number;
  days: number;
  /** Multiplies parties and orders per day (10 for benchmarks). */
  scale: number;
  /** Epoch ms of 00:00 UTC of the day after the last simulated day (`--today`). */
  today: number;
};

/** Products in the catalogue (the original's demo advertised 150+). */
export const PRODUCT_COUNT = 160;
/** Parties at scale 1 (50+ in the original's demo). */
export const PARTIES_PER_SCALE = 56;
/** Staff orders per working day at scale 1, on average. */
const ORDERS_PER_DAY = 13;
const HOUR_MS = 3_600_000;

/** Expected weekly demand of each SKU from product popularity, so stock runs short only sometimes. */
function skusOf(random: Random, entries: { id: string; product: Product; popularity: number }[], scale: number): Sku[] {
  const active = entries.filter((e) => e.product.active);
  const totalPopularity = active.reduce((n, e) => n + e.popularity, 0);
  // ≈1.9 products per order, ≈9 pieces of each product picked.
  const piecesPerWeek = 6 * ORDERS_PER_DAY * scale * 1.9 * 9;
  return entries.flatMap((e) => {
    const variants = e.product.colors.length * e.product.sizes.length;
    const weekly = e.product.active ? (piecesPerWeek * e.popularity) / totalPopularity / variants : 0.5;
    return e.product.colors.flatMap((c) =>
      e.product.sizes.map((size): Sku => {
        const line = { productId: e.id as Sku['line']['productId'], color: c.code, size };
        return { id: skuId(e.id, c.code, size), line, weekly: Math.max(0.5, weekly), isScarce: random.chance(0.1), isActive: e.product.active };
      }),
    );
  });
}

/** Generates the demo business (with placeholder uids, see demoAccounts.ts). */
export function generateBusiness(opts: SeedOptions): Tree {
  const root = new Random(opts.seed);
  const catalogRandom = root.fork();
  const partyRandom = root.fork();
  const skuRandom = root.fork();
  const windowStart = opts.today - opts.days * DAY_MS;
  const w = new World(root.fork(), windowStart - 60 * DAY_MS + 5 * HOUR_MS, opts.today);

  // Set-up by the admin (no domain patch builders exist for these records; verify.ts validates them).
  // Records were typed in one after another, a few seconds apart: their push ids say so.
  const setupId = () => {
    w.clock += catalogRandom.int(5_000, 60_000);
    return w.newId();
  };
  const products = generateCatalog(catalogRandom, PRODUCT_COUNT, setupId);
  const parties = generateParties(partyRandom, Math.round(PARTIES_PER_SCALE * opts.scale), setupId);
  const catalog: Record<string, Product> = Object.fromEntries(products.map((e) => [e.id, e.product]));
  const partyMap: Record<string, Party> = Object.fromEntries(parties.map((e) => [e.id, e.party]));
  // Stamped with the server's time like every write of the app (the rules require it; devices resume from it).
  w.apply(Object.fromEntries(products.map((e) => [`catalog/${e.id}`, { ...e.product, updatedAt: SERVER_TIMESTAMP }])));
  w.apply(Object.fromEntries(parties.map((e) => [`parties/${e.id}`, { ...e.party, updatedAt: SERVER_TIMESTAMP }])));
  w.apply(
    Object.fromEntries(
      DEMO_ACCOUNTS.map((a) => {
        const user: UserRecord = { name: a.name, email: a.email, role: a.role, status: a.status };
        if (a.partyId !== undefined) user.partyId = a.partyId;
        return [`users/${placeholderUid(a)}`, user];
      }),
    ),
  );
  // The demo admin is the project's first admin: the first-admin path (README "Accounts") is closed locally too.
  const firstAdmin = DEMO_ACCOUNTS.find((a) => a.role === 'admin');
  if (firstAdmin !== undefined) w.apply({ 'meta/firstAdmin': placeholderUid(firstAdmin) });
  // The admin labelled most SKUs before the window (server/seed/barcodes.ts), as Stock's barcode screen writes them.
  if (firstAdmin !== undefined) w.apply(demoBarcodes(products, placeholderUid(firstAdmin)));

  const active = products.filter((e) => e.product.active);
  const b: Business = {
    world: w,
    catalog,
    parties: partyMap,
    products: { ids: active.map((e) => e.id), sums: cumulative(active.map((e) => e.popularity)) },
    partyPick: { ids: parties.map((e) => e.id), sums: cumulative(parties.map((e) => e.activity)) },
    skus: skusOf(skuRandom, products, opts.scale),
    keepExpired: new Set(),
    decisions: 0,
    pendingProcessed: 0,
  };
  const r = w.random;

  w.at(w.open(windowStart - 50 * DAY_MS), () => initialImport(b));

  // The backlog: orders from before the window, still (partly) pending when it starts. The two
  // oldest are past the 40-day expiry on the first morning and stay expired.
  w.at(w.open(windowStart - 45 * DAY_MS), () => b.keepExpired.add(placeStaffOrder(b, 'neglect')));
  w.at(w.open(windowStart - 43 * DAY_MS), () => b.keepExpired.add(placeStaffOrder(b, 'neglect')));
  for (let i = 0; i < Math.max(4, Math.round(5 * opts.scale)); i++) {
    const plan: Plan = r.chance(0.5) ? 'carryPartial' : 'neglect';
    w.at(w.during(windowStart - r.int(3, 39) * DAY_MS), () => placeStaffOrder(b, plan));
  }

  const retailers = DEMO_ACCOUNTS.filter((a) => a.role === 'retailer' && a.status === 'active').map((a) => ({ uid: placeholderUid(a), partyId: a.partyId as PartyId }));
  // The first morning, a retailer sends a request (the first one decided is always rejected).
  const [firstRetailer] = retailers;
  if (firstRetailer !== undefined) w.at(windowStart + 2 * HOUR_MS, () => submitRetailer(b, firstRetailer));
  for (let day = 0; day < opts.days; day++) {
    const dayStart = windowStart + day * DAY_MS;
    const weekday = (Math.floor(dayStart / DAY_MS) + 4) % 7;
    if (weekday !== 0) {
      w.at(dayStart + 4 * HOUR_MS + r.int(0, 20 * 60_000), () => expirySweep(b));
      if (weekday === 1) w.at(dayStart + 4 * HOUR_MS + r.int(25 * 60_000, 50 * 60_000), () => restock(b));
      if (r.chance(0.1)) w.at(w.during(dayStart), () => adjustStock(b));
      const orders = Math.round(opts.scale * r.int(ORDERS_PER_DAY - 4, ORDERS_PER_DAY + 4) * (weekday === 6 ? 0.6 : 1));
      for (let i = 0; i < orders; i++) {
        const plan: Plan = r.chance(0.03) ? 'neglect' : 'normal';
        w.at(w.during(dayStart), () => placeStaffOrder(b, plan));
      }
    }
    // Retailers order from the portal on any day, early morning to late evening.
    for (const who of retailers) if (r.chance(0.3)) w.at(dayStart + r.int(1.5 * HOUR_MS, 16.5 * HOUR_MS), () => submitRetailer(b, who));
  }
  // One order placed two working days before the end is partly sent and partly billed, so the
  // demo always shows an order that is in orders and billing at once (longer runs have many).
  w.at(w.during(opts.today - 3 * DAY_MS), () => placeStaffOrder(b, 'showcase'));
  // Requests sent late on the last evening wait for approval when the demo starts.
  for (const who of retailers) w.at(opts.today - 7 * HOUR_MS, () => submitRetailer(b, who, true));

  w.run();
  return compact(w.tree);
}
