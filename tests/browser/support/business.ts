/**
 * A small business for browser tests: a catalogue, parties, stock with its ledger, and staff
 * accounts with their user records. Written over REST as the owner (bypassing rules), so a test
 * starts from a known state; everything the test then does goes through the app and the rules.
 */
import { stockBand } from '../../../src/domain/portal.ts';
import type { Account, AppStack } from './stack.ts';

export const PRODUCTS = {
  'P-BRA': {
    name: 'Comfort Bra',
    sizes: ['32B', '34B', '36B'],
    colors: [
      { code: 'BLK', name: 'Black', swatch: '#111111' },
      { code: 'SKN', name: 'Skin', swatch: '#e8b896' },
    ],
    active: true,
  },
  'P-TEE': {
    name: 'Cotton Tee',
    sizes: ['S', 'M', 'L', 'XL'],
    colors: [
      { code: 'RED', name: 'Red', swatch: '#c0392b' },
      { code: 'NVY', name: 'Navy', swatch: '#1f2a44' },
    ],
    active: true,
  },
} as const;

export const PARTIES = {
  'party-asha': { name: 'ASHA TRADERS', area: 'MAPUSA' },
  'party-ravi': { name: 'RAVI STORES', area: 'PONDA' },
} as const;

/** SKU key as src/domain/ids.ts builds it (product~colour~size, no escaping needed here). */
export const sku = (productId: string, color: string, size: string): string => `${productId}~${color}~${size}`;

/** Stock quantities by SKU for the fixture. */
export const STOCK: Record<string, number> = {
  [sku('P-BRA', 'BLK', '32B')]: 10,
  [sku('P-BRA', 'BLK', '34B')]: 4,
  [sku('P-BRA', 'SKN', '36B')]: 0,
  [sku('P-TEE', 'RED', 'M')]: 120,
  [sku('P-TEE', 'NVY', 'L')]: 2,
};

/** Writes the catalogue, parties and stock (each stock record with an import ledger entry). */
export async function seedBusiness(stack: AppStack, at = Date.now()): Promise<void> {
  // Stamped with the server's time, as the rules require of every client write (devices resume from it).
  const stamped = (records: Record<string, object>) => Object.fromEntries(Object.entries(records).map(([k, v]) => [k, { ...v, updatedAt: { '.sv': 'timestamp' } }]));
  await stack.rest('PUT', '/catalog.json', stamped(PRODUCTS));
  await stack.rest('PUT', '/parties.json', stamped(PARTIES));
  const stock: Record<string, unknown> = {};
  const ledger: Record<string, unknown> = {};
  let n = 0;
  for (const [id, qty] of Object.entries(STOCK)) {
    const [productId, color, size] = id.split('~') as [string, string, string];
    const ledgerId = `fixture-${++n}`;
    stock[id] = { productId, color, size, qty, updatedAt: at, ledgerId };
    ledger[ledgerId] = { skuId: id, reason: 'import', before: 0, delta: qty, actor: 'fixture', at };
  }
  await stack.rest('PUT', '/stockLedger.json', ledger);
  await stack.rest('PUT', '/stock.json', stock);
  // What retailers read of it (bands), as every stock write of the app keeps it.
  await stack.rest('PUT', '/stockBands.json', Object.fromEntries(Object.entries(STOCK).map(([id, qty]) => [id, stockBand(qty)])));
}

/** A new active account with a users record of the given role. */
export async function member(stack: AppStack, name: string, role: 'staff' | 'admin' = 'staff'): Promise<Account> {
  const account = await stack.createAccount(role);
  await stack.rest('PUT', `/users/${account.uid}.json`, { name, email: account.email, role, status: 'active' });
  return account;
}
