import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Json, JsonObject } from '../../../server/types.ts';
import { Store, type LogRecord } from '../../../server/persist/store.ts';
import { crc32, crc32Fallback, encodeRecords } from '../../../server/persist/framing.ts';
import { applyInPlace, getAt } from '../../../server/liveTree.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Applies one record the way the server does: in place on `root`, which it returns updated. */
function applyRecord(root: Json, r: LogRecord): Json {
  return applyInPlace(root, r.path, r.op === 'set' ? { set: clone(r.value) } : { update: clone(r.value) });
}

/** Applies records to a deep clone of `root` (left as it is). */
function applyAll(root: Json, records: readonly LogRecord[]): Json {
  let out = clone(root);
  for (const r of records) out = applyRecord(out, r);
  return out;
}

const setAt = (root: Json, p: readonly string[], value: Json): Json => applyAll(root, [{ op: 'set', path: p, value }]);
const updateAt = (root: Json, p: readonly string[], value: Record<string, Json>): Json => applyAll(root, [{ op: 'update', path: p, value }]);

/** Drops nulls and empty objects (a value without priorities into stored form). */
function dropEmpty(v: Json): Json {
  if (typeof v !== 'object' || v === null) return v;
  const out: JsonObject = {};
  for (const [k, c] of Object.entries(v)) {
    const d = dropEmpty(c);
    if (d !== null) out[k] = d;
  }
  return Object.keys(out).length === 0 ? null : out;
}

function reopen(dir: string, warnings: string[] = []): Json {
  const { store, data } = Store.open(dir, { warn: (m) => warnings.push(m) });
  store.close();
  return data;
}

/** Offsets at which each line of the log starts. */
function lineStarts(buf: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < buf.length - 1; i++) if (buf[i] === 0x0a) starts.push(i + 1);
  return starts;
}

const set = (p: string, value: Json): LogRecord => ({ op: 'set', path: p.split('/').filter(Boolean), value });
const update = (p: string, value: Record<string, Json>): LogRecord => ({ op: 'update', path: p.split('/').filter(Boolean), value });

describe('tree operations', () => {
  it('sets, deletes and removes emptied parents', () => {
    let t: Json = null;
    t = setAt(t, ['a', 'b', 'c'], 1);
    t = setAt(t, ['a', 'x'], 'y');
    expect(t).toEqual({ a: { b: { c: 1 }, x: 'y' } });
    t = setAt(t, ['a', 'b', 'c'], null);
    expect(t).toEqual({ a: { x: 'y' } });
    t = setAt(t, ['a', 'x'], null);
    expect(t).toBeNull();
    t = setAt(t, ['leaf'], 'v');
    const live = t as JsonObject;
    expect(applyInPlace(live, ['leaf', 'child'], { set: null })).toBe(live); // deleting below a leaf changes nothing
    expect(live).toEqual({ leaf: 'v' });
    expect(setAt(t, ['leaf', 'child'], 2)).toEqual({ leaf: { child: 2 } });
    expect(getAt({ a: { b: 2 } }, ['a', 'b'])).toBe(2);
    expect(getAt({ a: { b: 2 } }, ['a', 'toString'])).toBeNull();
    expect(getAt({ a: 1 }, ['a', 'b'])).toBeNull();
  });

  it('applies multi-path updates, removing emptied parents', () => {
    const t0: Json = { a: { b: 1, c: 2 }, d: { e: 3 } };
    expect(updateAt(t0, ['a'], { b: 10, 'n/m': 'x', c: null })).toEqual({ a: { b: 10, n: { m: 'x' } }, d: { e: 3 } });
    expect(updateAt(t0, [], { 'a/b': null, 'a/c': null, 'd/e': null })).toBeNull();
    expect(updateAt(t0, ['q'], { r: null })).toEqual(t0);
    // Overlapping paths fall back to applying them in order.
    expect(updateAt(t0, [], { a: { z: 1 }, 'a/y': 2 })).toEqual({ a: { z: 1, y: 2 }, d: { e: 3 } });
  });

  it('handles __proto__ as an ordinary key', () => {
    const t = setAt({ a: 1 }, ['__proto__', 'x'], 1) as JsonObject;
    expect(Object.getPrototypeOf(t)).toBe(Object.prototype);
    expect(Object.keys(t)).toEqual(['a', '__proto__']);
    expect(getAt(t, ['__proto__', 'x'])).toBe(1);
    expect(setAt(t, ['__proto__', 'x'], null)).toEqual({ a: 1 });
  });

  it('keeps priorities like Firebase', () => {
    const withPrio: Json = { a: { x: 1, '.priority': 5 } };
    expect(setAt(withPrio, ['a', 'x'], null)).toBeNull(); // only the priority left: empty
    expect(setAt({ a: 'v' }, ['a', '.priority'], 3)).toEqual({ a: { '.value': 'v', '.priority': 3 } });
    expect(setAt({ a: { '.value': 'v', '.priority': 3 } }, ['a', '.priority'], null)).toEqual({ a: 'v' });
    expect(setAt({ a: { '.value': 'v', '.priority': 3 } }, ['a', 'c'], 1)).toEqual({ a: { c: 1, '.priority': 3 } });
    expect(setAt(null, ['a', '.priority'], 3)).toBeNull();
    expect(updateAt(null, ['a'], { '.priority': 1, b: 2 })).toEqual({ a: { b: 2, '.priority': 1 } });
  });

  it('replays priority writes exactly as the server applies them', () => {
    const dir = tempDir();
    const records: LogRecord[] = [
      set('a', { x: 1, '.priority': 5 }),
      set('a/x', null), // a is empty: its priority goes too
      set('a/y', 2),
      set('b', 'v'),
      set('b/.priority', 3),
      set('b/c', 1),
      update('d', { '.priority': 1, e: 2 }),
      set('d/.priority', null),
    ];
    const { store } = Store.open(dir);
    store.append(records);
    store.close();
    const expected = { a: { y: 2 }, b: { c: 1, '.priority': 3 }, d: { e: 2 } };
    expect(applyAll(null, records)).toEqual(expected);
    expect(reopen(dir)).toEqual(expected);
  });

  it('computes CRC-32 with zlib or the fallback alike', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(crc32Fallback(data)).toBe(0x414fa339);
    expect(crc32(data)).toBe(0x414fa339);
  });
});

describe('Store', () => {
  it('round-trips sets, updates and deletes through the log', () => {
    const dir = tempDir();
    const records: LogRecord[] = [
      set('orders/o1', { customer: 'Ann', lines: { l1: { sku: 'A', qty: 2 }, l2: { sku: 'B', qty: 1 } } }),
      set('orders/o2', { customer: 'Bob', note: 'é ☃ "quoted"\nnewline' }),
      update('orders/o1', { 'lines/l1/qty': 5, 'lines/l2': null, status: 'open' }),
      set('orders/o2/customer', null),
      set('orders/o2/note', null), // o2 becomes empty and vanishes
      set('tmp/a/b/c', true),
      set('tmp/a/b/c', null), // tmp vanishes entirely
      update('', { 'counters/orders': 2 }),
    ];
    const { store, data } = Store.open(dir);
    expect(data).toBeNull();
    store.append(records.slice(0, 3));
    for (const r of records.slice(3)) store.append([r]);
    store.close();
    const expected = { orders: { o1: { customer: 'Ann', lines: { l1: { sku: 'A', qty: 5 } }, status: 'open' } }, counters: { orders: 2 } };
    expect(applyAll(null, records)).toEqual(expected);
    const warnings: string[] = [];
    expect(reopen(dir, warnings)).toEqual(expected);
    expect(warnings).toEqual([]);
    expect(() => store.append([set('x', 1)])).toThrow(/closed/);
  });

  it('replays random writes exactly like the server applies them and a naive model', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const randPath = (): string[] => Array.from({ length: 1 + rand(3) }, () => 'abc'[rand(3)]!);
    const randValue = (): Json => [null, null, rand(100), 'str', { x: rand(9), y: { z: 'w' } }, { a: { b: 1 } }][rand(6)]!;
    // Naive model: mutate a deep clone, then drop every empty object.
    const naiveSet = (root: Json, p: string[], v: Json): Json => {
      const holder = { r: structuredClone(root) } as JsonObject;
      let node = holder;
      const full = ['r', ...p];
      for (let i = 0; i < full.length - 1; i++) {
        const k = full[i]!;
        const child = node[k];
        if (typeof child !== 'object' || child === null) {
          if (v === null) return root;
          node[k] = {};
        }
        node = node[k] as JsonObject;
      }
      if (v === null) delete node[full[full.length - 1]!];
      else node[full[full.length - 1]!] = structuredClone(v);
      return dropEmpty(holder['r'] ?? null);
    };
    const dir = tempDir();
    const { store } = Store.open(dir);
    let live: Json = null; // mutated in place, as the server does
    let naive: Json = null;
    let nonEmptyCheckpoints = 0;
    for (let i = 0; i < 600; i++) {
      let rec: LogRecord;
      if (rand(2) === 0) rec = { op: 'set', path: randPath(), value: randValue() };
      else {
        const changes: Record<string, Json> = {};
        for (let j = rand(3); j >= 0; j--) changes[randPath().join('/')] = randValue();
        rec = { op: 'update', path: randPath().slice(1), value: changes };
      }
      store.append([rec]);
      live = applyRecord(live, rec);
      if (rec.op === 'set') naive = naiveSet(naive, [...rec.path], rec.value);
      else for (const [rel, v] of Object.entries(rec.value)) naive = naiveSet(naive, [...rec.path, ...rel.split('/')], v);
      expect(live).toEqual(naive);
      if (i % 25 === 24) {
        // Replays the whole log in place, over the snapshot of the previous checkpoint (if any).
        const seen = reopen(dir);
        expect(seen).toEqual(live);
        if (seen !== null) nonEmptyCheckpoints++;
        // Idempotence: the whole log replayed over the current state leaves it unchanged (this is
        // what a crash between compaction's rename and truncate amounts to).
        fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(live));
        expect(reopen(dir)).toEqual(live);
      }
    }
    store.close();
    expect(nonEmptyCheckpoints).toBeGreaterThan(10);
  });

  it('drops a torn last record, truncates the log and keeps appending', () => {
    const dir = tempDir();
    const { store } = Store.open(dir);
    store.append([set('a', 1), set('b', { c: 2 })]);
    store.append([set('d', 'torn value that will be cut')]);
    store.close();
    const log = path.join(dir, 'log');
    const full = fs.readFileSync(log);
    const lastStart = lineStarts(full).at(-1)!;
    const cut = lastStart + 10; // in the middle of the last record
    fs.truncateSync(log, cut);

    const warnings: string[] = [];
    const { store: s2, data } = Store.open(dir, { warn: (m) => warnings.push(m) });
    expect(data).toEqual({ a: 1, b: { c: 2 } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(log);
    expect(warnings[0]).toContain(`offset ${lastStart}`);
    expect(warnings[0]).toContain(`dropping ${cut - lastStart} bytes`);
    expect(fs.statSync(log).size).toBe(lastStart);
    expect(s2.logBytes).toBe(lastStart);

    s2.append([set('e', true), update('b', { f: 3 })]);
    s2.close();
    const again: string[] = [];
    expect(reopen(dir, again)).toEqual({ a: 1, b: { c: 2, f: 3 }, e: true });
    expect(again).toEqual([]);
  });

  it('stops replay at a record with a bad CRC in the middle', () => {
    const dir = tempDir();
    const { store } = Store.open(dir);
    store.append([set('a', 1), set('b', 2), set('c', 3), set('d', 4)]);
    store.close();
    const log = path.join(dir, 'log');
    const buf = fs.readFileSync(log);
    const third = lineStarts(buf)[2]!;
    const colon = buf.indexOf(0x3a, third); // "<len>:<crc>:" — flip one CRC digit
    buf[colon + 1] = buf[colon + 1] === 0x30 ? 0x31 : 0x30;
    fs.writeFileSync(log, buf);

    const warnings: string[] = [];
    expect(reopen(dir, warnings)).toEqual({ a: 1, b: 2 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/CRC mismatch/);
    expect(warnings[0]).toContain(`offset ${third}`);
    expect(warnings[0]).toContain(`dropping ${buf.length - third} bytes`);
    expect(fs.statSync(log).size).toBe(third);
  });

  it('rejects records whose bytes are damaged but whose framing is intact', () => {
    const dir = tempDir();
    const body = Buffer.from(JSON.stringify({ op: 'set', path: ['a'], value: 1 }));
    const good = encodeRecords([set('z', 0)]);
    // A correct CRC over a body that is not a record, then a good record that must not be applied.
    const notRecord = Buffer.from('{"op":"increment"}');
    const frame = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length}:${crc32(b).toString(16).padStart(8, '0')}:`), b, Buffer.from('\n')]);
    fs.writeFileSync(path.join(dir, 'log'), Buffer.concat([frame(body), frame(notRecord), good]));
    const warnings: string[] = [];
    expect(reopen(dir, warnings)).toEqual({ a: 1 });
    expect(warnings[0]).toMatch(/not a set or update/);
    expect(fs.statSync(path.join(dir, 'log')).size).toBe(frame(body).length);
  });

  it('compacts into the snapshot and reopens with the same data', () => {
    const dir = tempDir();
    const { store, data: d0 } = Store.open(dir, { compactBytes: 200 });
    let data = d0;
    for (let i = 0; i < 20; i++) {
      const rec = i % 3 === 2 ? set(`items/i${i - 1}`, null) : set(`items/i${i}`, { n: i, name: `item ${i}` });
      store.append([rec]);
      data = applyAll(data, [rec]);
      if (store.shouldCompact()) {
        store.compact(data);
        expect(store.logBytes).toBe(0);
        expect(fs.statSync(path.join(dir, 'log')).size).toBe(0);
      }
    }
    expect(fs.existsSync(path.join(dir, 'snapshot.json'))).toBe(true);
    expect(store.logBytes).toBeGreaterThan(0); // records after the last compaction
    store.close();
    expect(reopen(dir)).toEqual(data);
    expect(fs.existsSync(path.join(dir, 'snapshot.json.tmp'))).toBe(false);
  });

  it('gives the same data when killed between snapshot rename and log truncation', () => {
    const dir = tempDir();
    const { store } = Store.open(dir);
    const records: LogRecord[] = [
      set('o/a', { q: 1, r: { s: 2 } }),
      update('o', { 'a/q': 5, b: 'x' }),
      set('o/a/r', null),
      set('o/b', null),
      set('c', 'leaf'),
      set('c/d', 1), // turns the leaf into an object
      update('', { 'c/d': null, 'e/f': 7 }),
      set('o', 'now a leaf'),
    ];
    store.append(records);
    store.close();
    const data = applyAll(null, records);
    // What compact() does up to the rename, without the truncation.
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(data));
    expect(fs.statSync(path.join(dir, 'log')).size).toBeGreaterThan(0);
    expect(reopen(dir)).toEqual(data);
    // A leftover temp file from a compaction that died before its rename is ignored and removed.
    fs.writeFileSync(path.join(dir, 'snapshot.json.tmp'), '{"half":');
    expect(reopen(dir)).toEqual(data);
    expect(fs.existsSync(path.join(dir, 'snapshot.json.tmp'))).toBe(false);
  });

  it('throws a clear error for a corrupt snapshot', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'snapshot.json'), '{"a": ');
    expect(() => Store.open(dir)).toThrow(path.join(dir, 'snapshot.json'));
  });

  it('keeps every acknowledged append when the process is killed with SIGKILL', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'writer.mts');
    const storeUrl = pathToFileURL(path.join(ROOT, 'server/persist/store.ts')).href;
    fs.writeFileSync(
      script,
      `import { Store } from ${JSON.stringify(storeUrl)};
const { store } = Store.open(${JSON.stringify(path.join(dir, 'db'))});
const pad = 'x'.repeat(2000);
// Bounded, so a writer that escapes the kill still stops by itself.
for (let i = 0; i < 100000; i++) {
  store.append(i % 2 === 0
    ? [{ op: 'set', path: ['items', 'k' + i], value: { i, pad } }]
    : [{ op: 'update', path: ['items'], value: { ['k' + i + '/i']: i, ['k' + i + '/pad']: pad } }]);
  process.stdout.write('acked ' + i + '\\n');
}
`,
    );
    // Its own process group: tsx runs the script in a child node process, and both must die.
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [script], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let lastAck = -1;
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const m = /^acked (\d+)$/.exec(line);
          if (m) lastAck = Number(m[1]);
        }
        if (lastAck >= 300) {
          process.kill(-(child.pid as number), 'SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    const warnings: string[] = [];
    const data = reopen(path.join(dir, 'db'), warnings);
    const items = getAt(data, ['items']) as JsonObject;
    for (let i = 0; i <= lastAck; i++) expect(getAt(items, [`k${i}`, 'i'])).toBe(i);
    // Anything beyond the acks is either complete or cut off with a warning; never an exception.
    expect(warnings.length).toBeLessThanOrEqual(1);
  }, 30_000);
});


describe('compaction in the background', () => {
  /** A random write below `items` (a set, an update or a removal), as the server logs it. */
  const randomRecord = (i: number, rand: () => number): LogRecord => {
    const k = `i${Math.floor(rand() * 400)}`;
    const pick = rand();
    if (pick < 0.3) return set(`items/${k}`, null);
    if (pick < 0.6) return update('items', { [`${k}/n`]: i, [`${k}/tags/t${i % 5}`]: `w${i}` });
    return set(`items/${k}`, { n: i, name: `item ${i}`, deep: { a: { b: i } } });
  };

  it('writes go on while it runs, and reopening gives exactly the data of every write (seeded runs)', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      let s = seed * 7919;
      const rand = () => ((s = (s * 48271) % 2147483647) / 2147483647);
      const dir = tempDir();
      const { store } = Store.open(dir, { pieceBytes: 300 }); // many small pieces: many chances to interleave
      let live: Json = null; // the server's tree, changed in place as the server does
      let expected: Json = null; // the same writes applied to a separate copy
      const write = (r: LogRecord) => {
        store.append([r]);
        live = applyRecord(live, r);
        expected = applyAll(expected, [clone(r)]);
      };
      for (let i = 0; i < 600; i++) write(randomRecord(i, rand));
      const done = store.compactInBackground(live, 0); // a slice per piece: many chances to interleave
      let writesDuring = 0;
      let isDone = false;
      void done.then(() => (isDone = true));
      for (let i = 600; !isDone; i++) {
        write(randomRecord(i, rand));
        writesDuring++;
        await new Promise((r) => setImmediate(r));
      }
      await done;
      expect(writesDuring).toBeGreaterThan(10); // writes really landed while the snapshot was written
      expect(store.logBytes).toBeGreaterThan(0); // they stay in the log
      for (let i = 0; i < 50; i++) write(randomRecord(100_000 + i, rand));
      store.close();
      expect(reopen(dir)).toEqual(expected);
      expect(fs.existsSync(path.join(dir, 'log.tmp'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'snapshot.json.tmp'))).toBe(false);
    }
  });

  it('keeps the event loop turning while a large tree is written', async () => {
    const dir = tempDir();
    const { store } = Store.open(dir);
    const items: Record<string, unknown> = {};
    for (let i = 0; i < 60_000; i++) items[`k${i}`] = { name: `item ${i}`, n: i, note: 'x'.repeat(40) };
    const r = set('items', items as Json);
    store.append([r]);
    const root = applyRecord(null, clone(r));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await store.compactInBackground(root);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3); // a blocking write of the whole tree lets no timer run
    expect(store.logBytes).toBe(0);
    store.close();
    expect(reopen(dir)).toEqual(root);
  });

  it('a close during the walk leaves the old snapshot and the whole log', async () => {
    const dir = tempDir();
    const { store } = Store.open(dir);
    const items: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) items[`k${i}`] = { n: i };
    const r = set('items', items as Json);
    store.append([r]);
    const done = store.compactInBackground(applyRecord(null, clone(r)), 0);
    store.close();
    await done;
    expect(fs.existsSync(path.join(dir, 'snapshot.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'snapshot.json.tmp'))).toBe(false);
    expect(reopen(dir)).toEqual(applyRecord(null, clone(r)));
  });

  it('a log tail left from a crash before its rename is dropped on open (the log still holds it)', () => {
    const dir = tempDir();
    const { store } = Store.open(dir);
    store.append([set('a', 1)]);
    store.close();
    fs.writeFileSync(path.join(dir, 'log.tmp'), 'partial');
    expect(reopen(dir)).toEqual({ a: 1 });
    expect(fs.existsSync(path.join(dir, 'log.tmp'))).toBe(false);
  });
});

describe('framed snapshot and sliced load', () => {
  /** Both ways of opening give `expected`, and each leaves the folder as the other would. */
  async function expectBothOpens(dir: string, expected: Json, warnings: string[] = []): Promise<void> {
    const sync = Store.open(dir, { warn: (m) => warnings.push(m) });
    sync.store.close();
    expect(sync.data).toEqual(expected);
    const sliced = await Store.openAsync(dir, { sliceMs: 0, warn: (m) => warnings.push(m) });
    sliced.store.close();
    expect(sliced.data).toEqual(expected);
  }

  /** The folder's snapshot is in the framed form, and both opens give `expected`. */
  async function expectFramed(dir: string, expected: Json): Promise<void> {
    expect(fs.readFileSync(path.join(dir, 'snapshot.json')).subarray(0, 16).toString('latin1')).toBe('DOMS-SNAPSHOT 2\n');
    await expectBothOpens(dir, expected);
  }

  /** A tree with what the stored form can hold: priorities, `.value` wrappers, odd keys, wide and deep nodes. */
  function sampleTree(width: number): Json {
    const items = Object.create(null) as JsonObject;
    for (let i = 0; i < width; i++) items[`k${i}`] = { n: i, name: `item ${i}`, tags: { even: i % 2 === 0 } };
    const odd = Object.create(null) as JsonObject;
    odd['__proto__'] = { x: 1 };
    odd['constructor'] = 'c';
    odd['big'] = 'y'.repeat(5000);
    return { items, odd, pri: { a: 1, '.priority': 'p' }, wrapped: { '.value': 'v', '.priority': 3 }, deep: { a: { b: { c: { d: items } } } }, leaf: 7 } as Json;
  }

  it('compaction writes pieces after a header, and both opens read them back exactly', async () => {
    const dir = tempDir();
    const tree = sampleTree(2000);
    const { store } = Store.open(dir, { pieceBytes: 1000 });
    store.append([{ op: 'set', path: [], value: tree }]);
    store.compact(tree);
    store.close();
    const file = fs.readFileSync(path.join(dir, 'snapshot.json'));
    expect(file.subarray(0, 16).toString('latin1')).toBe('DOMS-SNAPSHOT 2\n');
    expect(lineStarts(file).length).toBeGreaterThan(50); // many pieces, each its own framed line
    const data = reopen(dir);
    expect(data).toEqual(tree);
    expect(Object.keys(getAt(data, ['odd']) as object)).toContain('__proto__');
    expect(Object.getPrototypeOf(getAt(data, ['odd']))).toBeNull();
    await expectBothOpens(dir, tree);
  });

  it('round-trips small trees, a leaf root and an empty namespace', async () => {
    for (const tree of [null, 5, 'text', { a: 1 }, { a: { '.value': true, '.priority': 1 } }] as Json[]) {
      const dir = tempDir();
      const { store } = Store.open(dir);
      store.compact(tree);
      store.close();
      await expectFramed(dir, tree);
    }
  });

  it('a background compaction writes the same format', async () => {
    const dir = tempDir();
    const tree = sampleTree(3000);
    const { store } = Store.open(dir, { pieceBytes: 2000 });
    store.append([{ op: 'set', path: [], value: tree }]);
    await store.compactInBackground(applyRecord(null, { op: 'set', path: [], value: tree }), 0);
    store.close();
    await expectFramed(dir, tree);
  });

  it('still reads an older single-JSON snapshot.json, with its log on top, and rewrites it framed at the next compaction', async () => {
    const dir = tempDir();
    const old = sampleTree(50);
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(old));
    const records = [set('items/k1/n', 100), update('odd', { constructor: null, 'new/x': 1 })];
    fs.writeFileSync(path.join(dir, 'log'), encodeRecords(records));
    const expected = applyAll(old, records);
    await expectBothOpens(dir, expected);
    const { store, data } = await Store.openAsync(dir);
    store.compact(data);
    store.close();
    await expectFramed(dir, expected);
  });

  it('recovers the same data whichever compaction step the process died after', async () => {
    // S0 in a framed snapshot, then records R in the log: the state is S1 = S0 + R.
    const dir = tempDir();
    const s0 = sampleTree(300);
    const { store } = Store.open(dir, { pieceBytes: 500 });
    store.compact(s0);
    const records: LogRecord[] = [set('items/k3', null), update('items', { 'k4/n': -4, 'k9000/n': 9000 }), set('deep/a/b', 'cut'), set('odd/__proto__/x', 2)];
    store.append(records);
    store.close();
    const s1 = applyAll(s0, records);
    const log = fs.readFileSync(path.join(dir, 'log'));
    // The snapshot compaction of S1 would write, made in a scratch folder.
    const scratch = tempDir();
    const other = Store.open(scratch, { pieceBytes: 500 });
    other.store.compact(s1);
    other.store.close();
    const s1Snapshot = fs.readFileSync(path.join(scratch, 'snapshot.json'));

    // 1. Died while writing snapshot.json.tmp: the old snapshot and the whole log stand.
    fs.writeFileSync(path.join(dir, 'snapshot.json.tmp'), s1Snapshot.subarray(0, Math.floor(s1Snapshot.length / 2)));
    await expectBothOpens(dir, s1);
    expect(fs.existsSync(path.join(dir, 'snapshot.json.tmp'))).toBe(false);
    // 2. Died after the rename, before the log was cut: the whole old log replays over S1.
    fs.writeFileSync(path.join(dir, 'snapshot.json'), s1Snapshot);
    fs.writeFileSync(path.join(dir, 'log'), log);
    await expectBothOpens(dir, s1);
    // 3. Died after writing log.tmp (the tail), before its rename: the log still holds it.
    fs.writeFileSync(path.join(dir, 'log.tmp'), log.subarray(0, 10));
    await expectBothOpens(dir, s1);
    expect(fs.existsSync(path.join(dir, 'log.tmp'))).toBe(false);
    // 4. Done: the new snapshot and an empty log.
    fs.writeFileSync(path.join(dir, 'log'), '');
    await expectBothOpens(dir, s1);
  });

  it('a damaged framed snapshot is an error naming the file, not silently partial data', async () => {
    const dir = tempDir();
    const { store } = Store.open(dir, { pieceBytes: 500 });
    store.compact(sampleTree(100));
    store.close();
    const file = path.join(dir, 'snapshot.json');
    const bytes = fs.readFileSync(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    expect(() => Store.open(dir)).toThrow(file);
    await expect(Store.openAsync(dir)).rejects.toThrow(file);
  });

  it('openAsync replays a long log with a torn tail: keeps the good records, truncates, warns and appends', async () => {
    const dir = tempDir();
    const { store } = Store.open(dir);
    const records: LogRecord[] = [];
    for (let i = 0; i < 2000; i++) records.push(i % 7 === 3 ? set(`items/k${i - 1}`, null) : update('items', { [`k${i}/n`]: i }));
    store.append(records);
    store.close();
    fs.appendFileSync(path.join(dir, 'log'), '123:0000');
    const warnings: string[] = [];
    const { store: again, data } = await Store.openAsync(dir, { sliceMs: 0, warn: (m) => warnings.push(m) });
    expect(data).toEqual(applyAll(null, records));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/truncated record header.*2000 good records kept/);
    again.append([set('after', 1)]);
    again.close();
    expect(reopen(dir)).toEqual(applyAll(null, [...records, set('after', 1)]));
  });

  it('openAsync yields to the event loop between slices of the snapshot and of the log', async () => {
    const dir = tempDir();
    const tree = sampleTree(20_000);
    const { store } = Store.open(dir, { pieceBytes: 200 });
    store.compact(tree);
    const records: LogRecord[] = [];
    for (let i = 0; i < 3000; i++) records.push(set(`items/k${i}/n`, -i));
    store.append(records);
    store.close();
    const pieces = lineStarts(fs.readFileSync(path.join(dir, 'snapshot.json'))).length - 1;
    expect(pieces).toBeGreaterThan(10_000);
    // Counts event-loop turns while the load runs. The file reads are made to answer at once, so
    // that the only turns are the load's own yields: a load that never yields lets one through.
    const read = vi.spyOn(fs.promises, 'readFile').mockImplementation((file) => Promise.resolve(fs.readFileSync(file as string)));
    let turns = 0;
    let isLoading = true;
    const spin = (): void => {
      turns++;
      if (isLoading) setImmediate(spin);
    };
    setImmediate(spin);
    const { store: again, data } = await Store.openAsync(dir, { sliceMs: 0 });
    isLoading = false;
    const reads = read.mock.calls.length;
    read.mockRestore();
    again.close();
    expect(reads).toBe(2); // the snapshot and the log
    expect(data).toEqual(applyAll(tree, records));
    // With sliceMs 0 it yields after every 256 pieces or records (half of that, for margin).
    expect(turns).toBeGreaterThanOrEqual((Math.floor(pieces / 256) + Math.floor(3000 / 256)) / 2);
  });

  it('openAsync yields within a run of full-size pieces too (a step is bounded by bytes, not only by count)', async () => {
    const dir = tempDir();
    const items = Object.create(null) as JsonObject;
    for (let i = 0; i < 40_000; i++) items[`k${i}`] = { name: `item ${i}`, note: 'x'.repeat(150) };
    const { store } = Store.open(dir); // default piece size: ~256 KB
    store.compact({ items } as Json);
    store.close();
    const file = fs.readFileSync(path.join(dir, 'snapshot.json'));
    expect(file.length).toBeGreaterThan(6_000_000);
    expect(lineStarts(file).length - 1).toBeLessThan(256); // fewer pieces than one count-bounded step
    const read = vi.spyOn(fs.promises, 'readFile').mockImplementation((f) => Promise.resolve(fs.readFileSync(f as string)));
    let turns = 0;
    let isLoading = true;
    const spin = (): void => {
      turns++;
      if (isLoading) setImmediate(spin);
    };
    setImmediate(spin);
    const { store: again, data } = await Store.openAsync(dir, { sliceMs: 0 });
    isLoading = false;
    read.mockRestore();
    again.close();
    expect(data).toEqual({ items });
    expect(turns).toBeGreaterThanOrEqual(3); // ~6 MB at 1 MB a step
  });
});
