/**
 * Adversarial probe: a legitimate business is built through the app's own domain transitions on
 * the real local server with the real rules file, then attacked, as an attacker would, by
 * a new sign-up (pending staff), a retailer, an active staff member and an admin whose sign-in
 * is 10 minutes old. Every attack is tried over every transport:
 *
 * - REST with `?auth=<forged token>`, REST with `Authorization: Bearer <forged token>`;
 * - the firebase SDK over WebSocket (update / set) with a forged mock token;
 * - raw wire-protocol frames (`m` / `p`), and the same write queued as an onDisconnect
 *   operation (`om` / `o`) on a connection that is then dropped.
 *
 * Each attack must be refused on every transport, and an owner read of the WHOLE database must be
 * identical before and after each attempt. Patches that depend on an order's revision are rebuilt
 * from fresh data for every transport, so a refusal is a refusal by policy, never by staleness.
 * An attack that gets through fails its test with the transport, the identity and every changed
 * path; it is never weakened.
 */
import { get, ref, set, update, type Database } from 'firebase/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrderState, readStock, runCommand, runOrderCommand, transitionCtxOf } from '../../../src/data/orderKernel.ts';
import { bill, DEFAULT_EXPIRY, deleteOrder, expireOrder, revertOrder, sendToBilling, setPicked, setRemarks } from '../../../src/domain/lifecycle.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { DAY_MS, SERVER_TIMESTAMP, stamp, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, placeOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import { purgeDeleted, purgeExpired, purgeIfDue } from '../../../src/domain/retention.ts';
import { parse } from '../../../src/domain/schema.ts';
import { setStock } from '../../../src/domain/stock.ts';
import type { AuditAction, Line, OrderId, OrderState, PartyId, ProductId, Uid } from '../../../src/domain/types.ts';
import { retailerOrderSchema } from '../../../src/domain/validate.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';

// ---------------------------------------------------------------------------------------------
// Identities and forged tokens
// ---------------------------------------------------------------------------------------------

type Who = { label: string; uid: Uid; email: string; signedInSecondsAgo: number };
const who = (label: string, uid: string, signedInSecondsAgo = 0): Who => ({ label, uid: uid as Uid, email: `${uid}@shop.in`, signedInSecondsAgo });

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER_A = who('retailer A', 'retailer-a');
const RETAILER_B = who('retailer B', 'retailer-b');
const STAFF = who('active staff', 'staff-a');
const STAFF_B = who('active staff B', 'staff-b');
const OLD_ADMIN = who('admin signed in 10 minutes ago', 'admin-1', 600);
const FRESH_ADMIN = who('admin signed in just now', 'admin-1');

/** The server's clock: real time, moved ahead only while the setup needs an order to be due. */
let skew = 0;
const serverNow = (): number => Date.now() + skew;

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** The claims an Auth ID token carries, as the Auth emulator and the SDK's mockUserToken make them (unsigned). */
const claimsOf = (w: Who): Record<string, unknown> => ({
  sub: w.uid,
  user_id: w.uid,
  email: w.email,
  email_verified: true,
  auth_time: Math.floor(Date.now() / 1000) - w.signedInSecondsAgo,
  iat: Math.floor(Date.now() / 1000) - w.signedInSecondsAgo,
  exp: Math.floor(Date.now() / 1000) + 3600,
  firebase: { sign_in_provider: 'password' },
});
const tokenOf = (w: Who): string => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(w))}.`;

// ---------------------------------------------------------------------------------------------
// The business
// ---------------------------------------------------------------------------------------------

const P1 = 'p1' as ProductId;
const L = (color: string, size: string, qty: number): Line => ({ productId: P1, color, size, qty });
const K_BS = lineKey(L('BLACK', 'S', 1));
const K_WM = lineKey(L('WHITE', 'M', 1));
const K_BM = lineKey(L('BLACK', 'M', 1));
const PARTY_A = 'party-a' as PartyId;
const PARTY_B = 'party-b' as PartyId;
const PARTY_S = 'party-s' as PartyId;

const oid = (s: string): OrderId => s as OrderId;
/** Pending: BLACK S 2, WHITE M 3. */
const O_PENDING = oid('ord-pending');
/** In orders (WHITE M 2), billing (BLACK S 1, WHITE M 1) and sent (BLACK S 3). */
const O_SPLIT = oid('ord-split');
/** Deleted just now (retention not passed). */
const O_DELETED = oid('ord-deleted');
/** Expired. */
const O_EXPIRED = oid('ord-expired');
/** Deleted, then reverted: pending again with an expiresAt. */
const O_REVERTED = oid('ord-reverted');
/** Deleted, then purged by the retention job. */
const O_PURGED = oid('ord-purged');
/** Pending, for the deadline pull-in attack only. */
const O_DEADLINE = oid('ord-deadline');
/** Deleted, for the fake purge audit attack only. */
const O_FAKEPURGE = oid('ord-fakepurge');
/** In billing, for the inflated bill ledger attack only. */
const O_BILLFAKE = oid('ord-billfake');
/** Retailer B's order, approved by the admin. */
const R_APPROVED = oid('ret-b-approved');
/** Retailer A's order, still submitted. */
const R_SUBMITTED = oid('ret-a-submitted');

let db: TestDb;
const sdk = new Map<string, Database>();
const raw = new Map<string, RawClient>();
const sdkOf = (w: Who): Database => sdk.get(w.label) as Database;
const rawOf = (w: Who): RawClient => raw.get(w.label) as RawClient;

let seq = 0;
/** Ids for the forged entries: unique, key-safe. */
const newId = (): string => `atk-${Date.now().toString(36)}-${++seq}`;
const ctxOf = (w: Who): TransitionCtx => ({ now: SERVER_TIMESTAMP, actor: w.uid, newId });

async function ownerRoot(): Promise<unknown> {
  const res = await db.rest('GET', '/.json');
  expect(res.status).toBe(200);
  return res.json;
}
async function ownerGet(path: string): Promise<unknown> {
  return (await db.rest('GET', `/${path}.json`)).json;
}
async function ownerPatch(body: Record<string, unknown>): Promise<void> {
  const res = await db.rest('PATCH', '/.json', body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

/** The order as the app reads it, through a staff SDK client. */
const stateOf = (id: OrderId): Promise<OrderState> => readOrderState(sdkOf(STAFF_B), id);

// ---------------------------------------------------------------------------------------------
// The attack harness
// ---------------------------------------------------------------------------------------------

/** Paths (at most 30) where two JSON trees differ. */
function diffPaths(a: unknown, b: unknown, at = '', out: string[] = []): string[] {
  if (out.length >= 30) return out;
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (obj(a) && obj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffPaths(a[k], b[k], `${at}/${k}`, out);
    return out;
  }
  if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out.push(`${at || '/'}: ${JSON.stringify(a ?? null).slice(0, 120)} -> ${JSON.stringify(b ?? null).slice(0, 120)}`);
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves with the promise's outcome, or 'timeout' (a hung write is not an acceptance). */
async function settle(p: Promise<unknown>, ms = 10_000): Promise<{ ok: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: boolean; detail: string }>((r) => {
    timer = setTimeout(() => r({ ok: false, detail: 'timeout (no answer)' }), ms);
  });
  try {
    return await Promise.race([p.then(() => ({ ok: true, detail: 'accepted' })).catch((e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message.slice(0, 160) : String(e) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Kind = 'update' | 'set';
type Attempt = { transport: string; accepted: boolean; detail: string; changed: string[] };
type AttackOpts = {
  /** Where the write is made (default the root). */
  at?: string;
  /** A multi-path update (default) or a set. */
  kind?: Kind;
  /** The body as raw JSON text (for keys JSON.stringify cannot make, e.g. an own "__proto__"). */
  rawText?: (value: unknown) => string;
  /** Transports to leave out (e.g. the SDK refuses some keys on the client). */
  skip?: readonly string[];
};

const TRANSPORTS = ['rest ?auth=', 'rest Bearer', 'sdk', 'ws raw', 'ws onDisconnect'] as const;

/** One attempt of `value` as `w` over one transport: was it accepted, and what did the server say. */
async function attempt(transport: (typeof TRANSPORTS)[number], w: Who, value: unknown, o: Required<Pick<AttackOpts, 'at' | 'kind'>> & AttackOpts): Promise<{ ok: boolean; detail: string }> {
  const body = o.rawText ? o.rawText(value) : JSON.stringify(value);
  const restPath = `/${o.at}.json`.replace('//', '/');
  const method = o.kind === 'set' ? (value === null ? 'DELETE' : 'PUT') : 'PATCH';
  const wsPath = `/${o.at}`;
  switch (transport) {
    case 'rest ?auth=': {
      const res = await db.rest(method, `${restPath}?auth=${tokenOf(w)}`, method === 'DELETE' ? undefined : body, { token: null });
      return { ok: res.status < 400, detail: `HTTP ${res.status} ${JSON.stringify(res.json ?? null).slice(0, 120)}` };
    }
    case 'rest Bearer': {
      const res = await db.rest(method, restPath, method === 'DELETE' ? undefined : body, { token: tokenOf(w) });
      return { ok: res.status < 400, detail: `HTTP ${res.status} ${JSON.stringify(res.json ?? null).slice(0, 120)}` };
    }
    case 'sdk': {
      const r = ref(sdkOf(w), o.at === '' ? undefined : o.at);
      let p: Promise<unknown>;
      try {
        p = o.kind === 'set' ? set(r, value) : update(r, value as Record<string, unknown>);
      } catch (e) {
        return { ok: false, detail: `refused by the SDK on the client: ${e instanceof Error ? e.message.slice(0, 120) : String(e)}` };
      }
      return settle(p);
    }
    case 'ws raw': {
      const c = rawOf(w);
      const text = JSON.stringify({ t: 'd', d: { r: 0, a: o.kind === 'set' ? 'p' : 'm', b: { p: wsPath, d: '__BODY__' } } });
      const r = c.nextR();
      const msg = text.replace('"r":0', `"r":${r}`).replace('"__BODY__"', () => body);
      c.sendFramed(msg);
      await until(() => c.responses.has(r) || c.closed(), `response ${r}`, 15_000);
      const res = c.responses.get(r);
      return { ok: res?.s === 'ok', detail: res === undefined ? 'connection closed' : `${res.s} ${JSON.stringify(res.d).slice(0, 120)}` };
    }
    case 'ws onDisconnect': {
      const c = await rawClient(db.port);
      try {
        const auth = await c.request('auth', { cred: tokenOf(w) });
        if (auth.s !== 'ok') return { ok: false, detail: `auth refused: ${JSON.stringify(auth)}` };
        const text = JSON.stringify({ t: 'd', d: { r: 0, a: o.kind === 'set' ? 'o' : 'om', b: { p: wsPath, d: '__BODY__' } } });
        const r = c.nextR();
        c.sendFramed(text.replace('"r":0', `"r":${r}`).replace('"__BODY__"', () => body));
        await until(() => c.responses.has(r) || c.closed(), `response ${r}`, 15_000);
        const res = c.responses.get(r);
        return { ok: res?.s === 'ok', detail: res === undefined ? 'connection closed' : `registration: ${res.s} ${JSON.stringify(res.d).slice(0, 120)}` };
      } finally {
        await c.close();
        // The server runs queued onDisconnect writes when it sees the close.
        await sleep(60);
      }
    }
  }
}

/**
 * Tries the write that `build` makes (rebuilt from fresh data before each transport) as `w` over
 * every transport; each must be refused and leave the whole database as it was.
 */
async function attack(w: Who, build: () => unknown, opts: AttackOpts = {}): Promise<Attempt[]> {
  const o = { at: '', kind: 'update' as Kind, ...opts };
  const through: Attempt[] = [];
  for (const transport of TRANSPORTS) {
    if (o.skip?.includes(transport)) continue;
    const before = await ownerRoot();
    let value: unknown;
    try {
      value = await build();
    } catch (e) {
      // Only an earlier transport's success can make the legitimate builder fail: report it.
      if (through.length === 0) throw e;
      through.push({ transport, accepted: false, detail: `not tried: the attack could not be rebuilt after it got through (${e instanceof Error ? e.message : String(e)})`, changed: [] });
      break;
    }
    const res = await attempt(transport, w, value, o);
    const after = await ownerRoot();
    const changed = diffPaths(before, after);
    if (process.env['DOMS_PROBE_VERBOSE'] === '1') console.log(`[probe] ${w.uid} ${transport}: ${res.ok ? 'ACCEPTED' : 'refused'} ${res.detail}`);
    if (res.ok || changed.length > 0) through.push({ transport, accepted: res.ok, detail: res.detail, changed });
  }
  return through;
}

/** Asserts that no transport accepted the write and nothing changed; the message names what got through. */
async function expectRefused(w: Who, what: string, build: () => unknown, opts: AttackOpts = {}): Promise<void> {
  const through = await attack(w, build, opts);
  // Soft: every step of a test runs and reports, even after one got through.
  expect.soft(through, `${what} — as ${w.label} (${w.uid}) GOT THROUGH:\n${JSON.stringify(through, null, 2)}`).toEqual([]);
}

/** The patch of a transition that may have nothing to do (null): then there is nothing to attack with. */
function patchOf(t: { patch: Patch } | null, what: string): Patch {
  if (t === null) throw new Error(`${what}: the domain has nothing to do (the order is no longer in that state)`);
  return t.patch;
}

/** `stamp()` with the order's current revision: the well-formed revision bump and audit entry a transition carries. */
async function bump(w: Who, id: OrderId, action: AuditAction, extra: { lines?: Line[]; detail?: string } = {}): Promise<Patch> {
  const rev = (await ownerGet(`orderRev/${id}`)) as number | null;
  return stamp({ id, rev: rev ?? 0 }, action, ctxOf(w), extra).patch;
}

// ---------------------------------------------------------------------------------------------
// Setup: the legitimate business, built by the owner and through the domain's transitions
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath(), clock: serverNow }).start();
  const user = (w: Who, name: string, role: string, status: string, partyId?: string): [string, object] => [w.uid, { name, email: w.email, role, status, ...(partyId === undefined ? {} : { partyId }) }];
  await ownerPatch({
    [`parties/${PARTY_A}`]: { name: 'Alpha Stores', area: 'Panjim' },
    [`parties/${PARTY_B}`]: { name: 'Beta Traders', area: 'Margao' },
    [`parties/${PARTY_S}`]: { name: 'Counter Sale', area: 'Panjim' },
    'catalog/p1': { name: 'Classic Brief', sizes: ['S', 'M'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }, { code: 'WHITE', name: 'White', swatch: '#fff' }], active: true },
    'settings/retentionDays': 30,
    'settings/expiry': { afterDays: 40, graceDays: 10 },
    'settings/deliveryPlan': { mon: ['Panjim'], thu: ['Margao'] },
    'meta/firstAdmin': OLD_ADMIN.uid,
  });
  await ownerPatch({
    users: Object.fromEntries([
      user(OLD_ADMIN, 'Asha Admin', 'admin', 'active'),
      user(STAFF, 'Sam Staff', 'staff', 'active'),
      user(STAFF_B, 'Sita Staff', 'staff', 'active'),
      user(RETAILER_A, 'Alpha Retail', 'retailer', 'active', PARTY_A),
      user(RETAILER_B, 'Beta Retail', 'retailer', 'active', PARTY_B),
      user(NEWBIE, 'Nikhil New', 'staff', 'pending'),
    ]),
  });
  await ownerPatch({
    [`barcodes/890100000001`]: { code: '890100000001', skuId: K_BS, productId: 'p1', color: 'BLACK', size: 'S', updatedAt: Date.now(), updatedBy: STAFF.uid },
  });

  for (const w of [NEWBIE, RETAILER_A, RETAILER_B, STAFF, STAFF_B, OLD_ADMIN, FRESH_ADMIN]) {
    const c = claimsOf(w);
    sdk.set(w.label, db.client({ uid: w.uid, claims: { email: c['email'], email_verified: true, auth_time: c['auth_time'], iat: c['iat'], exp: c['exp'] } }));
    const rc = await rawClient(db.port);
    const auth = await rc.request('auth', { cred: tokenOf(w) });
    expect(auth.s, `raw auth of ${w.label}`).toBe('ok');
    raw.set(w.label, rc);
  }

  // Stock: an everyday adjustment by staff (with its ledger entries).
  const staffDb = sdkOf(STAFF);
  const skus = [K_BS, K_WM, K_BM];
  await runCommand(staffDb, async (r) => setStock([L('BLACK', 'S', 50), L('WHITE', 'M', 40), L('BLACK', 'M', 30)], await r.stock(skus), 'adjust', { ...transitionCtxOf(staffDb, STAFF.uid), note: 'opening count' }));

  // Orders, through the app's kernel and the domain's transitions.
  const place = (id: OrderId, lines: Line[], partyId = PARTY_S, partyName = 'Counter Sale') =>
    runCommand(staffDb, async (r) => placeOrder(id, { partyId, partyName, note: 'probe', lines }, await r.counter(), transitionCtxOf(staffDb, STAFF.uid)));
  const tx = transitionCtxOf(staffDb, STAFF.uid);
  for (const id of [O_PENDING, O_DELETED, O_EXPIRED, O_REVERTED, O_PURGED, O_DEADLINE, O_FAKEPURGE]) await place(id, [L('BLACK', 'S', 2), L('WHITE', 'M', 3)]);
  await place(O_SPLIT, [L('BLACK', 'S', 4), L('WHITE', 'M', 3)], PARTY_A, 'Alpha Stores');
  await place(O_BILLFAKE, [L('BLACK', 'S', 2)]);

  await runOrderCommand(staffDb, O_SPLIT, (s) => sendToBilling(s, [L('BLACK', 'S', 4), L('WHITE', 'M', 1)], tx));
  await runOrderCommand(staffDb, O_SPLIT, async (s, r) => bill(s, [L('BLACK', 'S', 3)], await r.stock([K_BS]), tx));
  await runOrderCommand(staffDb, O_BILLFAKE, (s) => sendToBilling(s, [L('BLACK', 'S', 2)], tx));
  for (const id of [O_DELETED, O_REVERTED, O_PURGED, O_FAKEPURGE]) await runOrderCommand(staffDb, id, (s) => deleteOrder(s, 'pending', 'customer cancelled', tx));
  await runOrderCommand(staffDb, O_REVERTED, (s) => revertOrder(s, 'deleted', serverNow(), DEFAULT_EXPIRY, tx));

  // Expiry and the retention purge are due by the server's clock only: move it ahead for them.
  skew = 45 * DAY_MS;
  await runOrderCommand(staffDb, O_EXPIRED, (s) => expireOrder(s, serverNow(), DEFAULT_EXPIRY, tx));
  skew = 31 * DAY_MS;
  const purged = await runOrderCommand(sdkOf(STAFF_B), O_PURGED, (s) => purgeIfDue(s, serverNow(), 30, transitionCtxOf(sdkOf(STAFF_B), STAFF_B.uid)));
  expect(purged).not.toBeNull();
  skew = 0;

  // Retailer orders: B submits and the admin (recent sign-in) approves; A submits.
  const submit = async (w: Who, id: OrderId, partyId: PartyId) => {
    const { patch } = submitRetailerOrder(id, { note: 'weekly', lines: [L('BLACK', 'M', 5)] }, { uid: w.uid, partyId }, SERVER_TIMESTAMP);
    await update(ref(sdkOf(w)), patch);
  };
  await submit(RETAILER_B, R_APPROVED, PARTY_B);
  await submit(RETAILER_A, R_SUBMITTED, PARTY_A);
  const adminDb = sdkOf(FRESH_ADMIN);
  await runOrderCommand(adminDb, R_APPROVED, async (s, r) => {
    const req = parse(retailerOrderSchema, await r.val(`retailerOrders/${R_APPROVED}`));
    if (!req.ok) throw new Error(JSON.stringify(req.errors));
    return approveRetailerOrder(s, req.value, 'Beta Traders', await r.counter(), transitionCtxOf(adminDb, FRESH_ADMIN.uid));
  });

  // The business is what the transitions say it is.
  const all = (await ownerRoot()) as Record<string, Record<string, unknown>>;
  expect(Object.keys(all['orders'] ?? {}).sort()).toEqual([O_DEADLINE, O_PENDING, O_REVERTED, O_SPLIT, R_APPROVED].sort());
  expect(Object.keys(all['billing'] ?? {}).sort()).toEqual([O_BILLFAKE, O_SPLIT].sort());
  expect(Object.keys(all['deleted'] ?? {}).sort()).toEqual([O_DELETED, O_FAKEPURGE].sort());
  expect(Object.keys(all['expired'] ?? {})).toEqual([O_EXPIRED]);
  expect(Object.keys(all['sent'] ?? {})).toHaveLength(1);
  expect((all['retailerOrders']?.[R_APPROVED] as { status: string }).status).toBe('approved');
  expect((all['retailerOrders']?.[R_SUBMITTED] as { status: string }).status).toBe('submitted');
  expect((all['orderTally']?.[O_PURGED] as Record<string, { purged: number }>)[K_BS]?.purged).toBe(2);
  expect(all['counters']).toEqual({ orderNumber: 10, lastOrderId: R_APPROVED });
  // Home's counters, kept by the same transitions: the approval created the last pending record, sending O_BILLFAKE the last billing one.
  expect(all['counts']).toEqual({ orders: { n: 5, by: R_APPROVED }, billing: { n: 2, by: O_BILLFAKE } });
}, 60_000);

afterAll(async () => {
  for (const c of raw.values()) await c.close();
  await db?.close();
});

// ---------------------------------------------------------------------------------------------
// The attacks
// ---------------------------------------------------------------------------------------------

describe('(a) a new sign-up (pending staff) making itself active staff', () => {
  const me = `users/${NEWBIE.uid}`;
  const active = { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'active' };

  it('PATCH users/{uid} with a key "/0"', async () => {
    await expectRefused(NEWBIE, 'PATCH users/newbie {"/0": …}', () => ({ '/0': active, status: 'active' }), { at: me, skip: ['sdk'] });
    await expectRefused(NEWBIE, 'PATCH users/newbie {"/status": "active"}', () => ({ '/status': 'active' }), { at: me });
  });

  it('PATCH users/{uid} with an own "__proto__" key', async () => {
    const text = `{"__proto__": ${JSON.stringify(active)}, "status": "active"}`;
    await expectRefused(NEWBIE, 'PATCH users/newbie {"__proto__": …}', () => JSON.parse(text) as unknown, { at: me, rawText: () => text, skip: ['sdk'] });
    const nested = `{"users/${NEWBIE.uid}": {"__proto__": {"status": "active"}, "name": "Nikhil New", "email": "${NEWBIE.email}", "role": "staff", "status": "active"}}`;
    await expectRefused(NEWBIE, 'root update with a __proto__ record', () => JSON.parse(nested) as unknown, { rawText: () => nested, skip: ['sdk'] });
  });

  it('PATCH users/{uid} with a "constructor" key', async () => {
    await expectRefused(NEWBIE, 'PATCH users/newbie {"constructor": …}', () => ({ constructor: { prototype: { status: 'active' } }, status: 'active' }), { at: me });
  });

  it('a plain set of its own record as active staff (and as admin, and as first admin)', async () => {
    await expectRefused(NEWBIE, 'set users/newbie active staff', () => active, { at: me, kind: 'set' });
    await expectRefused(NEWBIE, 'set users/newbie/status active', () => 'active', { at: `${me}/status`, kind: 'set' });
    await expectRefused(NEWBIE, 'update users/newbie/status', () => ({ [`${me}/status`]: 'active' }));
    await expectRefused(NEWBIE, 'first-admin claim', () => ({ [me]: { ...active, role: 'admin' }, 'meta/firstAdmin': NEWBIE.uid }));
    await expectRefused(NEWBIE, 'delete own record then recreate', () => ({ [me]: null }));
  });
});

describe('(b) a retailer', () => {
  const forB = { retailerUid: RETAILER_B.uid, partyId: PARTY_B, note: 'x', lines: [L('BLACK', 'M', 500)], createdAt: SERVER_TIMESTAMP, status: 'approved', orderNumber: 'K11', decidedBy: OLD_ADMIN.uid, decidedAt: SERVER_TIMESTAMP };

  it("writes an already-approved retailerOrders record in retailer B's name, for B's party", async () => {
    await expectRefused(RETAILER_A, 'approved record as B', () => ({ 'retailerOrders/forged-1': forB }));
    await expectRefused(RETAILER_A, 'approved record as B (set)', () => forB, { at: 'retailerOrders/forged-2', kind: 'set' });
    await expectRefused(RETAILER_A, 'submitted record as B', () => ({ 'retailerOrders/forged-3': { retailerUid: RETAILER_B.uid, partyId: PARTY_B, note: '', lines: [L('BLACK', 'M', 1)], createdAt: SERVER_TIMESTAMP, status: 'submitted' } }));
  });

  it("writes an approved record in its own name for B's party, or approved for its own party", async () => {
    await expectRefused(RETAILER_A, "own name, B's party", () => ({ 'retailerOrders/forged-4': { ...forB, retailerUid: RETAILER_A.uid } }));
    await expectRefused(RETAILER_A, "own name, B's party, submitted", () => ({ 'retailerOrders/forged-5': { retailerUid: RETAILER_A.uid, partyId: PARTY_B, note: '', lines: [L('BLACK', 'M', 1)], createdAt: SERVER_TIMESTAMP, status: 'submitted' } }));
    await expectRefused(RETAILER_A, 'own party, approved', () => ({ 'retailerOrders/forged-6': { ...forB, retailerUid: RETAILER_A.uid, partyId: PARTY_A } }));
  });

  it("overwrites retailer B's approved order and its own submitted order", async () => {
    const mine = { retailerUid: RETAILER_A.uid, partyId: PARTY_A, note: 'changed', lines: [L('BLACK', 'M', 999)], createdAt: SERVER_TIMESTAMP, status: 'submitted' };
    await expectRefused(RETAILER_A, "overwrite B's approved order", () => mine, { at: `retailerOrders/${R_APPROVED}`, kind: 'set' });
    await expectRefused(RETAILER_A, 'overwrite own submitted order', () => mine, { at: `retailerOrders/${R_SUBMITTED}`, kind: 'set' });
    await expectRefused(RETAILER_A, 'change a line of own submitted order', () => ({ [`retailerOrders/${R_SUBMITTED}/lines/0/qty`]: 999 }));
    await expectRefused(RETAILER_A, 'approve own submitted order', () => ({ [`retailerOrders/${R_SUBMITTED}/status`]: 'approved' }));
    await expectRefused(RETAILER_B, 'delete own approved order', () => null, { at: `retailerOrders/${R_APPROVED}`, kind: 'set' });
  });
});

describe('(d) an admin whose sign-in is 10 minutes old', () => {
  it('creates a new admin user record, promotes staff, removes the new sign-up', async () => {
    const rec = { name: 'Mallory', email: 'mallory@shop.in', role: 'admin', status: 'active' };
    await expectRefused(OLD_ADMIN, 'create users/mallory as admin', () => rec, { at: 'users/mallory', kind: 'set' });
    await expectRefused(OLD_ADMIN, 'create users/mallory as admin (update)', () => ({ 'users/mallory': rec }));
    await expectRefused(OLD_ADMIN, 'promote staff-b to admin', () => ({ [`users/${STAFF_B.uid}/role`]: 'admin' }));
    await expectRefused(OLD_ADMIN, 'approve the new sign-up', () => ({ [`users/${NEWBIE.uid}/status`]: 'active' }));
  });

  it('decides a submitted retailer order and purges an expired order', async () => {
    await expectRefused(OLD_ADMIN, 'reject a submitted retailer order', async () => ({
      [`retailerOrders/${R_SUBMITTED}/status`]: 'rejected',
      [`retailerOrders/${R_SUBMITTED}/rejectReason`]: 'no',
      [`retailerOrders/${R_SUBMITTED}/decidedBy`]: OLD_ADMIN.uid,
      [`retailerOrders/${R_SUBMITTED}/decidedAt`]: SERVER_TIMESTAMP,
      ...(await bump(OLD_ADMIN, R_SUBMITTED, 'reject', { detail: 'no' })),
    }));
    await expectRefused(OLD_ADMIN, 'purge an expired order', async () => purgeExpired(await stateOf(O_EXPIRED), ctxOf(OLD_ADMIN)).patch);
  });
});

describe('(c) active staff destroying an order', () => {
  it('orders/X: null with a well-formed revision bump and audit entry', async () => {
    await expectRefused(STAFF, 'orders/X: null', async () => ({ [`orders/${O_PENDING}`]: null, ...(await bump(STAFF, O_PENDING, 'delete', { lines: [L('BLACK', 'S', 2), L('WHITE', 'M', 3)], detail: 'gone' })) }));
    await expectRefused(STAFF, 'set orders/X null', () => null, { at: `orders/${O_PENDING}`, kind: 'set' });
  });

  it('nulling every field and every line of orders/X without moving the lines anywhere', async () => {
    const build = async (): Promise<Patch> => {
      const rec = (await ownerGet(`orders/${O_PENDING}`)) as Record<string, unknown>;
      const patch: Patch = {};
      for (const f of Object.keys(rec)) if (f !== 'lines') patch[`orders/${O_PENDING}/${f}`] = null;
      for (const k of Object.keys(rec['lines'] as object)) patch[`orders/${O_PENDING}/lines/${k}`] = null;
      return { ...patch, ...(await bump(STAFF, O_PENDING, 'delete', { lines: [L('BLACK', 'S', 2), L('WHITE', 'M', 3)], detail: 'gone' })) };
    };
    await expectRefused(STAFF, 'field-by-field removal of orders/X', build);
    // One line only, the rest of the record kept.
    await expectRefused(STAFF, 'one line of orders/X removed', async () => ({ [`orders/${O_PENDING}/lines/${K_WM}`]: null, ...(await bump(STAFF, O_PENDING, 'pick')) }));
  });

  it('billing/X: null, and billing/X field by field', async () => {
    await expectRefused(STAFF, 'billing/X: null', async () => ({ [`billing/${O_SPLIT}`]: null, ...(await bump(STAFF, O_SPLIT, 'delete', { lines: [L('BLACK', 'S', 1)], detail: 'gone' })) }));
    await expectRefused(STAFF, 'billing/X field by field', async () => {
      const rec = (await ownerGet(`billing/${O_SPLIT}`)) as Record<string, unknown>;
      const patch: Patch = {};
      for (const f of Object.keys(rec)) if (f !== 'lines') patch[`billing/${O_SPLIT}/${f}`] = null;
      for (const k of Object.keys(rec['lines'] as object)) patch[`billing/${O_SPLIT}/lines/${k}`] = null;
      return { ...patch, ...(await bump(STAFF, O_SPLIT, 'delete', { lines: [L('BLACK', 'S', 1)], detail: 'gone' })) };
    });
  });

  it('a delete that loses pieces on the way (deleted/X holds fewer than were pending)', async () => {
    await expectRefused(STAFF, 'deleteOrder with deleted lines cut', async () => {
      const { patch } = deleteOrder(await stateOf(O_PENDING), 'pending', 'cut', ctxOf(STAFF));
      const rec = patch[`deleted/${O_PENDING}`] as { lines: Record<string, Line> };
      return { ...patch, [`deleted/${O_PENDING}`]: { ...rec, lines: { [K_BS]: rec.lines[K_BS] } } };
    });
  });

  it('a sent record deleted, the tally kept', async () => {
    const sentId = Object.keys((await ownerGet('sent')) as object)[0] as string;
    await expectRefused(STAFF, 'sent/S: null', async () => ({ [`sent/${sentId}`]: null, ...(await bump(STAFF, O_SPLIT, 'bill', { lines: [L('BLACK', 'S', 3)] })) }));
  });

  it('the .priority of an order record written (a write "at" the record)', async () => {
    await expectRefused(STAFF, 'orders/X/.priority', async () => ({ [`orders/${O_PENDING}/.priority`]: 7, ...(await bump(STAFF, O_PENDING, 'pick')) }));
  });
});

describe('(c) active staff changing a quantity', () => {
  it('orders/X/lines/K/qty 2 → 999 with a revision bump', async () => {
    await expectRefused(STAFF, 'qty 2 → 999', async () => ({ [`orders/${O_PENDING}/lines/${K_BS}/qty`]: 999, ...(await bump(STAFF, O_PENDING, 'pick')) }));
    await expectRefused(STAFF, 'line replaced with qty 999', async () => ({ [`orders/${O_PENDING}/lines/${K_BS}`]: L('BLACK', 'S', 999), ...(await bump(STAFF, O_PENDING, 'pick')) }));
    await expectRefused(STAFF, 'a new line added', async () => ({ [`orders/${O_PENDING}/lines/${K_BM}`]: L('BLACK', 'M', 5), ...(await bump(STAFF, O_PENDING, 'pick')) }));
    await expectRefused(STAFF, 'qty with a server increment', async () => ({ [`orders/${O_PENDING}/lines/${K_BS}/qty`]: { '.sv': { increment: 997 } }, ...(await bump(STAFF, O_PENDING, 'pick')) }));
  });

  it("a sent record's line qty", async () => {
    const sentId = Object.keys((await ownerGet('sent')) as object)[0] as string;
    await expectRefused(STAFF, 'sent line qty', async () => ({ [`sent/${sentId}/lines/${K_BS}/qty`]: 1, ...(await bump(STAFF, O_SPLIT, 'delivery', { detail: 'x' })) }));
    await expectRefused(STAFF, 'sent line qty (setDeliveryStatus riding)', async () => ({
      [`sent/${sentId}/lines/${K_BS}/qty`]: 1,
      [`sent/${sentId}/deliveryStatus`]: 'delivered',
      ...(await bump(STAFF, O_SPLIT, 'delivery', { detail: `${sentId}: delivered` })),
    }));
  });

  it('the tally: ordered, sent and purged changed directly', async () => {
    const t = `orderTally/${O_SPLIT}/${K_WM}`;
    await expectRefused(STAFF, 'tally ordered', async () => ({ [`${t}/ordered`]: 999, ...(await bump(STAFF, O_SPLIT, 'pick')) }));
    await expectRefused(STAFF, 'tally ordered + pending qty together', async () => ({ [`${t}/ordered`]: 5, [`orders/${O_SPLIT}/lines/${K_WM}/qty`]: 4, ...(await bump(STAFF, O_SPLIT, 'pick')) }));
    await expectRefused(STAFF, 'tally sent', async () => ({ [`${t}/sent`]: 1, [`orders/${O_SPLIT}/lines/${K_WM}/qty`]: 1, ...(await bump(STAFF, O_SPLIT, 'pick')) }));
    await expectRefused(STAFF, 'tally purged', async () => ({ [`${t}/purged`]: 2, [`orders/${O_SPLIT}/lines/${K_WM}`]: null, ...(await bump(STAFF, O_SPLIT, 'pick')) }));
    await expectRefused(STAFF, 'tally line removed', async () => ({ [t]: null, ...(await bump(STAFF, O_SPLIT, 'pick')) }));
  });
});

describe('(c) active staff and retention', () => {
  it('backdating deleted/X/deletedAt to purge at once', async () => {
    await expectRefused(STAFF, 'deletedAt: 0', async () => ({ [`deleted/${O_DELETED}/deletedAt`]: 0, ...(await bump(STAFF, O_DELETED, 'delete', { lines: [L('BLACK', 'S', 2), L('WHITE', 'M', 3)], detail: 'x' })) }));
    await expectRefused(STAFF, 'deletedAt backdated and purged in one write', async () => ({ ...purgeDeleted(await stateOf(O_DELETED), ctxOf(STAFF)).patch, [`deleted/${O_DELETED}/deletedAt`]: 0 }));
    await expectRefused(STAFF, 'retentionDays set to 0 riding on the purge', async () => ({ ...purgeDeleted(await stateOf(O_DELETED), ctxOf(STAFF)).patch, 'settings/retentionDays': 1 }));
  });

  it('a staff purge of a deleted order before its retention has passed', async () => {
    await expectRefused(STAFF, 'purgeDeleted', async () => purgeDeleted(await stateOf(O_DELETED), ctxOf(STAFF)).patch);
    await expectRefused(STAFF, 'purgeIfDue with a clock 31 days ahead', async () => patchOf(purgeIfDue(await stateOf(O_DELETED), Date.now() + 31 * DAY_MS, 30, ctxOf(STAFF)), 'purgeIfDue'));
  });

  it('a staff purge of an expired order', async () => {
    await expectRefused(STAFF, 'purgeExpired', async () => purgeExpired(await stateOf(O_EXPIRED), ctxOf(STAFF)).patch);
  });

  it('a fake one-piece revert that also removes deleted/X', async () => {
    await expectRefused(STAFF, 'revert of one piece, deleted/X removed whole', async () => {
      const { patch } = revertOrder(await stateOf(O_DELETED), 'deleted', Date.now(), DEFAULT_EXPIRY, ctxOf(STAFF));
      const rec = patch[`orders/${O_DELETED}`] as { lines: Record<string, Line> };
      return { ...patch, [`orders/${O_DELETED}`]: { ...rec, lines: { [K_BS]: { ...rec.lines[K_BS], qty: 1 } } } };
    });
    await expectRefused(STAFF, 'revert of one piece by hand', async () => {
      const d = (await ownerGet(`deleted/${O_DELETED}`)) as Record<string, unknown>;
      const patch: Patch = {};
      for (const f of Object.keys(d)) if (f !== 'lines') patch[`deleted/${O_DELETED}/${f}`] = null;
      for (const k of Object.keys(d['lines'] as object)) patch[`deleted/${O_DELETED}/lines/${k}`] = null;
      const base = Object.fromEntries(['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'ordered'].map((f) => [f, d[f]]));
      patch[`orders/${O_DELETED}`] = { ...base, lines: { [K_BS]: L('BLACK', 'S', 1) }, expiresAt: Date.now() + 10 * DAY_MS, revertedAt: SERVER_TIMESTAMP, revertedBy: STAFF.uid };
      return { ...patch, ...(await bump(STAFF, O_DELETED, 'revert', { lines: [L('BLACK', 'S', 1)], detail: 'from deleted' })) };
    });
  });
});

describe('(c) active staff and expiry', () => {
  it('expiring a pending order before its deadline (the server clock decides)', async () => {
    await expectRefused(STAFF, 'expireOrder with a clock 100 days ahead', async () => patchOf(expireOrder(await stateOf(O_PENDING), Date.now() + 100 * DAY_MS, DEFAULT_EXPIRY, ctxOf(STAFF)), 'expireOrder'));
    await expectRefused(STAFF, 'expireOrder with expiredAt and expiresAt backdated', async () => {
      const patch: Patch = patchOf(expireOrder(await stateOf(O_PENDING), Date.now() + 100 * DAY_MS, DEFAULT_EXPIRY, ctxOf(STAFF)), 'expireOrder');
      const rec = patch[`expired/${O_PENDING}`] as Record<string, unknown>;
      return { ...patch, [`expired/${O_PENDING}`]: { ...rec, expiredAt: 1, expiresAt: 1 } };
    });
    await expectRefused(STAFF, 'expiresAt pulled into the past', async () => ({ [`orders/${O_REVERTED}/expiresAt`]: 1, ...(await bump(STAFF, O_REVERTED, 'pick')) }));
  });

  it('pulling a pending deadline in to "now" (expiresAt = server time), then expiring at once', async () => {
    // rules/orders.ts: "A deadline can be pushed out (revert), never pulled in: expiry cannot be forced early."
    await expectRefused(STAFF, 'expiresAt = server now on an order without one', async () => ({ [`orders/${O_DEADLINE}/expiresAt`]: SERVER_TIMESTAMP, ...(await bump(STAFF, O_DEADLINE, 'pick')) }));
    await expectRefused(STAFF, 'expiresAt (reverted: now + 10 days) = server now', async () => ({ [`orders/${O_REVERTED}/expiresAt`]: SERVER_TIMESTAMP, ...(await bump(STAFF, O_REVERTED, 'pick')) }));
    // If the deadline was pulled in, the order is now expirable by the real server clock.
    await expectRefused(STAFF, 'expireOrder right after the pull-in', async () => patchOf(expireOrder(await stateOf(O_DEADLINE), Date.now() + 100 * DAY_MS, DEFAULT_EXPIRY, ctxOf(STAFF)), 'expireOrder'));
  });
});

describe('(c) active staff and order numbers', () => {
  const input = { partyId: PARTY_S, partyName: 'Counter Sale', note: '', lines: [L('BLACK', 'S', 1)] };
  const counter = async (): Promise<number> => (await ownerGet('counters/orderNumber')) as number;

  it('registering a future order number (orderNumbers/K999)', async () => {
    await expectRefused(STAFF, 'orderNumbers/K999 alone', () => ({ 'orderNumbers/K999': O_PENDING }));
    await expectRefused(STAFF, 'placeOrder with counter 998 (number K999)', () => placeOrder(oid('num-1'), input, 998, ctxOf(STAFF)).patch);
  });

  it("placing an order numbered other than 'K' + the next counter", async () => {
    await expectRefused(STAFF, 'counter +1 but number K999', async () => {
      const c = await counter();
      const { patch, number } = placeOrder(oid('num-2'), input, c, ctxOf(STAFF));
      const rec = patch['orders/num-2'] as Record<string, unknown>;
      const out: Patch = { ...patch, 'orders/num-2': { ...rec, number: 'K999' }, 'orderNumbers/K999': 'num-2' };
      delete out[`orderNumbers/${number}`];
      return out;
    });
    await expectRefused(STAFF, 'counter +1 but an already used number K1', async () => {
      const c = await counter();
      const { patch, number } = placeOrder(oid('num-3'), input, c, ctxOf(STAFF));
      const rec = patch['orders/num-3'] as Record<string, unknown>;
      const out: Patch = { ...patch, 'orders/num-3': { ...rec, number: 'K1' } };
      delete out[`orderNumbers/${number}`];
      return out;
    });
    await expectRefused(STAFF, 'renumber an existing order', async () => ({ [`orders/${O_PENDING}/number`]: 'K999', 'orderNumbers/K999': O_PENDING, ...(await bump(STAFF, O_PENDING, 'pick')) }));
  });
});

describe('(c) active staff writing fake audit entries', () => {
  it('a purge audit entry with arbitrary lines riding on a transition that removes nothing', async () => {
    await expectRefused(STAFF, 'setPicked as a purge', async () => {
      const { patch } = setPicked(await stateOf(O_PENDING), [L('BLACK', 'S', 1)], ctxOf(STAFF));
      const [auditKey] = Object.keys(patch).filter((k) => k.startsWith('audit/'));
      return { ...patch, [auditKey as string]: { ...(patch[auditKey as string] as object), action: 'purge', lines: [L('BLACK', 'M', 777)], detail: 'deleted: removed permanently' } };
    });
  });

  it('a purge audit entry with made-up lines riding on a revert (which does remove deleted/X)', async () => {
    await expectRefused(STAFF, 'revertOrder recorded as a purge of 777 pieces', async () => {
      const { patch } = revertOrder(await stateOf(O_FAKEPURGE), 'deleted', Date.now(), DEFAULT_EXPIRY, ctxOf(STAFF));
      const [auditKey] = Object.keys(patch).filter((k) => k.startsWith('audit/'));
      return { ...patch, [auditKey as string]: { ...(patch[auditKey as string] as object), action: 'purge', lines: [L('BLACK', 'M', 777)], detail: 'deleted: removed permanently' } };
    });
  });

  it('an audit entry with a 1 MB detail', async () => {
    await expectRefused(STAFF, '1 MB remarks detail', async () => setRemarks(await stateOf(O_SPLIT), 'x'.repeat(1024 * 1024), ctxOf(STAFF)).patch);
    await expectRefused(STAFF, '1 MB detail on a pick', async () => {
      const { patch } = setPicked(await stateOf(O_PENDING), [L('BLACK', 'S', 1)], ctxOf(STAFF));
      const [auditKey] = Object.keys(patch).filter((k) => k.startsWith('audit/'));
      return { ...patch, [auditKey as string]: { ...(patch[auditKey as string] as object), detail: 'y'.repeat(1024 * 1024) } };
    });
  });

  it('an unknown action, another actor, another time', async () => {
    const tamper = async (change: Record<string, unknown>): Promise<Patch> => {
      const { patch } = setPicked(await stateOf(O_PENDING), [L('BLACK', 'S', 1)], ctxOf(STAFF));
      const [auditKey] = Object.keys(patch).filter((k) => k.startsWith('audit/'));
      return { ...patch, [auditKey as string]: { ...(patch[auditKey as string] as object), ...change } };
    };
    await expectRefused(STAFF, 'unknown action', () => tamper({ action: 'grant' }));
    await expectRefused(STAFF, 'actor staff-b', () => tamper({ actor: STAFF_B.uid }));
    await expectRefused(STAFF, 'at in the past', () => tamper({ at: 1 }));
    await expectRefused(STAFF, 'an extra field', () => tamper({ approvedBy: OLD_ADMIN.uid }));
    await expectRefused(STAFF, 'an audit entry on its own', () => ({ 'audit/lonely': { action: 'pick', orderId: O_PENDING, actor: STAFF.uid, at: SERVER_TIMESTAMP, rev: 99 } }));
  });
});

describe('(c) active staff and the stock ledger', () => {
  const current = (): Promise<Partial<Record<string, number>>> => readStock(sdkOf(STAFF), [K_BS, K_WM, K_BM]);

  it('an import ledger entry without a stockImports record', async () => {
    await expectRefused(STAFF, 'import without stockImports', async () => setStock([L('BLACK', 'M', 999)], await current(), 'import', { ...ctxOf(STAFF), importId: 'imp-ghost', note: 'ghost' }).patch);
  });

  it('a bill ledger entry without a sent record', async () => {
    await expectRefused(STAFF, 'bill without sent', async () => {
      const before = ((await current())[K_BM] ?? 0) as number;
      const ledgerId = newId();
      return {
        [`stock/${K_BM}/qty`]: before - 5,
        [`stock/${K_BM}/productId`]: 'p1',
        [`stock/${K_BM}/color`]: 'BLACK',
        [`stock/${K_BM}/size`]: 'M',
        [`stock/${K_BM}/updatedAt`]: SERVER_TIMESTAMP,
        [`stock/${K_BM}/ledgerId`]: ledgerId,
        [`stockLedger/${ledgerId}`]: { skuId: K_BM, reason: 'bill', before, delta: -5, actor: STAFF.uid, at: SERVER_TIMESTAMP, orderId: O_SPLIT, sentId: 'sent-ghost', billed: 5, shortfall: 0 },
      };
    });
  });

  it('stock set to a value other than before + delta', async () => {
    await expectRefused(STAFF, 'stock qty ≠ before + delta', async () => {
      const { patch } = setStock([L('BLACK', 'M', 31)], await current(), 'adjust', { ...ctxOf(STAFF), note: 'recount' });
      return { ...patch, [`stock/${K_BM}/qty`]: 900 };
    });
    await expectRefused(STAFF, 'stock record alone', () => ({ [`stock/${K_BM}/qty`]: 900 }));
    await expectRefused(STAFF, 'stock deleted', () => ({ [`stock/${K_BM}`]: null }));
    await expectRefused(STAFF, 'ledger rewritten', async () => {
      const ledger = (await ownerGet('stockLedger')) as Record<string, Record<string, unknown>>;
      const [id, entry] = Object.entries(ledger)[0] as [string, Record<string, unknown>];
      return { [`stockLedger/${id}`]: { ...entry, delta: 0 } };
    });
  });

  it('a bill whose ledger takes far more stock than it bills (a SKU not billed at all)', async () => {
    // docs/security.md (known limits) allows a bill to split its billed quantity between SKUs
    // differently from the sent lines; it does not allow taking more than was billed.
    await expectRefused(STAFF, 'bill of BLACK S 1 with a ledger entry taking 30 of BLACK M', async () => {
      const s = await stateOf(O_BILLFAKE);
      const stock = await current();
      const t = bill(s, [L('BLACK', 'S', 1)], stock, ctxOf(STAFF));
      const before = stock[K_BM] ?? 0;
      const ledgerId = newId();
      return {
        ...t.patch,
        [`stock/${K_BM}/qty`]: before - 30,
        [`stock/${K_BM}/productId`]: 'p1',
        [`stock/${K_BM}/color`]: 'BLACK',
        [`stock/${K_BM}/size`]: 'M',
        [`stock/${K_BM}/updatedAt`]: SERVER_TIMESTAMP,
        [`stock/${K_BM}/ledgerId`]: ledgerId,
        [`stockLedger/${ledgerId}`]: { skuId: K_BM, reason: 'bill', before, delta: -30, actor: STAFF.uid, at: SERVER_TIMESTAMP, orderId: O_BILLFAKE, sentId: t.sentId, billed: 30, shortfall: 0 },
      };
    });
  });
});

describe("Home's counters (counts/orders, counts/billing)", () => {
  const n = async (c: 'orders' | 'billing'): Promise<number> => (await ownerGet(`counts/${c}/n`)) as number;
  const by = async (c: 'orders' | 'billing'): Promise<string> => (await ownerGet(`counts/${c}/by`)) as string;
  const input = { partyId: PARTY_S, partyName: 'Counter Sale', note: '', lines: [L('BLACK', 'S', 1)] };
  const counter = async (): Promise<number> => (await ownerGet('counters/orderNumber')) as number;
  /** `patch` without its counter writes. */
  const uncounted = (patch: Patch): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => !k.startsWith('counts/')));

  it('active staff: a transition that creates or removes a record without its counter, or with a wrong one', async () => {
    await expectRefused(STAFF, 'placeOrder without the counter', async () => uncounted(placeOrder(oid('cnt-1'), input, await counter(), ctxOf(STAFF)).patch));
    await expectRefused(STAFF, 'placeOrder counting 2', async () => ({ ...placeOrder(oid('cnt-2'), input, await counter(), ctxOf(STAFF)).patch, 'counts/orders/n': (await n('orders')) + 2 }));
    await expectRefused(STAFF, 'placeOrder with the counter naming another order', async () => ({ ...placeOrder(oid('cnt-3'), input, await counter(), ctxOf(STAFF)).patch, 'counts/orders/by': O_PENDING }));
    await expectRefused(STAFF, 'deleteOrder leaving the pending count as it was', async () => uncounted(deleteOrder(await stateOf(O_PENDING), 'pending', 'gone', ctxOf(STAFF)).patch));
    await expectRefused(STAFF, 'deleteOrder counting the removal as +1', async () => ({ ...deleteOrder(await stateOf(O_PENDING), 'pending', 'gone', ctxOf(STAFF)).patch, 'counts/orders/n': (await n('orders')) + 1 }));
    await expectRefused(STAFF, 'sendToBilling of everything, the billing count kept', async () => {
      const { patch } = sendToBilling(await stateOf(O_PENDING), [L('BLACK', 'S', 2), L('WHITE', 'M', 3)], ctxOf(STAFF));
      return Object.fromEntries(Object.entries(patch).filter(([k]) => !k.startsWith('counts/billing/')));
    });
    await expectRefused(STAFF, 'bill of everything, the billing count kept', async () => uncounted(bill(await stateOf(O_BILLFAKE), [L('BLACK', 'S', 2)], await readStock(sdkOf(STAFF), [K_BS]), ctxOf(STAFF)).patch));
  });

  it('active staff: a counter moved with no record appearing or going', async () => {
    await expectRefused(STAFF, 'counts/orders/n + 1 alone', async () => ({ 'counts/orders/n': (await n('orders')) + 1, 'counts/orders/by': O_PENDING }));
    await expectRefused(STAFF, 'counts/billing/n reset to 0', () => ({ 'counts/billing/n': 0, 'counts/billing/by': O_SPLIT }));
    await expectRefused(STAFF, 'counts/orders/n - 1 riding on setPicked', async () => ({ ...setPicked(await stateOf(O_PENDING), [L('BLACK', 'S', 1)], ctxOf(STAFF)).patch, 'counts/orders/n': (await n('orders')) - 1, 'counts/orders/by': O_PENDING }));
    await expectRefused(STAFF, 'counts/orders/n + 1 riding on a part sent to billing (orders/X stays)', async () => ({
      ...sendToBilling(await stateOf(O_PENDING), [L('BLACK', 'S', 1)], ctxOf(STAFF)).patch,
      'counts/orders/n': (await n('orders')) + 1,
      'counts/orders/by': O_PENDING,
    }));
    await expectRefused(STAFF, 'by naming a line that moves', async () => ({
      ...sendToBilling(await stateOf(O_PENDING), [L('WHITE', 'M', 3)], ctxOf(STAFF)).patch,
      'counts/orders/n': (await n('orders')) + 7,
      'counts/orders/by': `${O_PENDING}/lines/${K_WM}`,
    }));
    await expectRefused(STAFF, 'by rewritten alone', async () => ({ 'counts/orders/by': (await by('orders')) === O_PENDING ? O_SPLIT : O_PENDING }));
  });

  it('active staff: two records of one collection created or removed in one write', async () => {
    await expectRefused(STAFF, 'a new order and a revert, counted as 2', async () => ({
      ...revertOrder(await stateOf(O_DELETED), 'deleted', Date.now(), DEFAULT_EXPIRY, ctxOf(STAFF)).patch,
      ...placeOrder(oid('cnt-4'), input, await counter(), ctxOf(STAFF)).patch,
      'counts/orders/n': (await n('orders')) + 2,
    }));
    await expectRefused(STAFF, 'two pending orders deleted, counted as 2', async () => ({
      ...deleteOrder(await stateOf(O_PENDING), 'pending', 'gone', ctxOf(STAFF)).patch,
      ...deleteOrder(await stateOf(O_DEADLINE), 'pending', 'gone', ctxOf(STAFF)).patch,
      'counts/orders/n': (await n('orders')) - 2,
    }));
  });

  it('active staff: counters removed, replaced or invented', async () => {
    await expectRefused(STAFF, 'counts/orders removed', () => ({ 'counts/orders': null }));
    await expectRefused(STAFF, 'counts removed', () => null, { at: 'counts', kind: 'set' });
    await expectRefused(STAFF, 'counts set whole', async () => ({ orders: { n: 0, by: O_PENDING }, billing: { n: await n('billing'), by: await by('billing') } }), { at: 'counts', kind: 'set' });
    await expectRefused(STAFF, 'counts/orders/n removed riding on setPicked', async () => ({ ...setPicked(await stateOf(O_PENDING), [L('BLACK', 'S', 1)], ctxOf(STAFF)).patch, 'counts/orders/n': null }));
    await expectRefused(STAFF, 'counts/deleted moving with a delete', async () => ({ ...deleteOrder(await stateOf(O_PENDING), 'pending', 'gone', ctxOf(STAFF)).patch, 'counts/deleted': { n: 3, by: O_PENDING } }));
    await expectRefused(STAFF, 'an extra field on counts/orders', async () => ({ ...placeOrder(oid('cnt-5'), input, await counter(), ctxOf(STAFF)).patch, 'counts/orders/note': 'x' }));
  });

  for (const w of [RETAILER_A, NEWBIE]) {
    it(`${w.label}: cannot write the counters, even unchanged, nor read them`, async () => {
      await expectRefused(w, 'counts/orders rewritten unchanged', async () => ({ 'counts/orders/n': await n('orders'), 'counts/orders/by': await by('orders') }));
      await expectRefused(w, 'counts/orders + 1', async () => ({ 'counts/orders': { n: (await n('orders')) + 1, by: R_SUBMITTED } }));
      await expectRefused(w, 'counts/billing set to 0', () => ({ 'counts/billing': { n: 0, by: O_SPLIT } }));
      await expectRefused(w, 'counts removed', () => null, { at: 'counts', kind: 'set' });
      // Reads: REST with the forged token, and the SDK over WebSocket.
      for (const path of ['counts', 'counts/orders', 'counts/billing/n']) {
        const res = await db.rest('GET', `/${path}.json?auth=${tokenOf(w)}`, undefined, { token: null });
        expect.soft(res.status, `${w.label} GET /${path} over REST`).toBeGreaterThanOrEqual(400);
        expect.soft((await settle(get(ref(sdkOf(w), path)))).ok, `${w.label} get ${path} over WebSocket`).toBe(false);
      }
    });
  }

  it('the counters still equal the records after every attack', async () => {
    for (const c of ['orders', 'billing'] as const) expect(await n(c)).toBe(Object.keys(((await ownerGet(c)) ?? {}) as object).length);
    // The staff member can read them (the tiles), over REST and WebSocket.
    expect((await db.rest('GET', `/counts.json?auth=${tokenOf(STAFF)}`, undefined, { token: null })).status).toBe(200);
    expect((await get(ref(sdkOf(STAFF), 'counts/orders/n'))).val()).toBe(await n('orders'));
  });
});

describe('whole-collection writes (a write needs a grant at or above its location)', () => {
  const collections = ['orders', 'barcodes', 'settings', 'catalog'];
  for (const [label, w] of [
    ['staff', STAFF],
    ['an admin signed in 10 minutes ago', OLD_ADMIN],
    ['an admin signed in just now', FRESH_ADMIN],
  ] as const) {
    it(`as ${label}: /orders, /barcodes, /settings, /catalog set to null or junk`, async () => {
      for (const c of collections) {
        await expectRefused(w, `set /${c} null`, () => null, { at: c, kind: 'set' });
        await expectRefused(w, `set /${c} junk`, () => ({ junk: 1 }), { at: c, kind: 'set' });
        await expectRefused(w, `root update {${c}: null}`, () => ({ [c]: null }));
      }
      await expectRefused(w, 'set the root to junk', () => ({ junk: 1 }), { kind: 'set', skip: ['sdk'] });
    });
  }
});

describe('malformed messages to the server over WebSocket', () => {
  it('raw frame garbage and a huge frame leave the server working for other clients and the data unchanged', async () => {
    const before = await ownerRoot();
    const junkFrames = [
      'not json',
      '{',
      '[]',
      'null',
      '{"t":"d"}',
      '{"t":"d","d":{"r":"x","a":"m","b":{"p":"/","d":{"orders":null}}}}',
      '{"t":"d","d":{"r":1,"a":"m","b":{"p":"/","d":"orders"}}}',
      '{"t":"d","d":{"r":2,"a":"p","b":{"p":null,"d":null}}}',
      '{"t":"d","d":{"r":3,"a":"p","b":{"p":"/orders/../users","d":null}}}',
      '{"t":"d","d":{"r":4,"a":"auth","b":{"cred":{"sub":"admin-1"}}}}',
      '{"t":"c","d":{"t":"r","d":"evil.example"}}',
      `{"t":"d","d":{"r":5,"a":"m","b":{"p":"/","d":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}}`,
      '3',
      'a',
    ];
    for (const w of [STAFF, NEWBIE]) {
      const c = await rawClient(db.port);
      await c.request('auth', { cred: tokenOf(w) });
      for (const f of junkFrames) if (!c.closed()) c.sendRaw(f);
      await sleep(100);
      await c.close();
    }
    // A single frame larger than any message may be (the SDK never sends one).
    const big = await rawClient(db.port);
    await big.request('auth', { cred: tokenOf(STAFF) });
    const huge = JSON.stringify({ t: 'd', d: { r: 9, a: 'm', b: { p: '/', d: { [`orders/${O_PENDING}/note`]: 'z'.repeat(17 * 1024 * 1024) } } } });
    big.sendRaw(huge);
    await until(() => big.closed(), 'the huge-frame connection to be closed', 15_000);
    // A frame count, then frames that never complete the message.
    const partial = await rawClient(db.port);
    partial.sendRaw('4');
    partial.sendRaw('{"t":"d","d":{"r":1,"a":"m",');
    await sleep(100);
    await partial.close();

    // Others are still served: a fresh SDK client reads, the existing raw staff client writes a
    // legitimate transition (then it is undone by nothing: compare around it only).
    const fresh = db.client({ uid: STAFF_B.uid, claims: { auth_time: Math.floor(Date.now() / 1000) } });
    expect((await get(ref(fresh, `orders/${O_PENDING}/number`))).val()).toBe('K1');
    const res = await rawOf(STAFF_B).request('g', { p: `/orders/${O_PENDING}/number` });
    expect(res).toEqual({ s: 'ok', d: 'K1' });
    const after = await ownerRoot();
    expect(diffPaths(before, after)).toEqual([]);
  });
});
