import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, onValue, ref, set, type Database } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { FRAME_SIZE, rawClient, type RawClient, type RawResponse } from '../support/rawWs.ts';

const BASE = { keep: { a: 1 }, t: { v: 1 } };
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectError(res: RawResponse, status: string, reason: RegExp | string): void {
  expect(res.s).toBe(status);
  if (typeof reason === 'string') expect(String(res.d)).toContain(reason);
  else expect(String(res.d)).toMatch(reason);
}

/** A request object for `{t:'d', d}` with a fresh request number. */
function dataMsg(raw: RawClient, a: unknown, b: unknown): { r: number; text: string } {
  const r = raw.nextR();
  return { r, text: JSON.stringify({ t: 'd', d: { r, a, b } }) };
}

describe('bad input on the WebSocket protocol, while a well-behaved SDK client listens', () => {
  let db: TestDb;
  let sdk: Database;
  let events: unknown[];
  let raw: RawClient;

  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
    expect((await db.rest('PUT', '/.json', BASE)).status).toBe(200);
    sdk = db.client();
    events = [];
    onValue(ref(sdk, '/'), (s) => events.push(s.val()));
    await until(() => events.length === 1, 'initial value');
    expect(events[0]).toEqual(BASE);
    raw = await rawClient(db.port);
  });
  afterEach(async () => {
    await raw.close();
    await db.close();
  });

  /** Nothing was written, the SDK client saw nothing, and the server still serves everyone. */
  async function expectUnharmed(): Promise<void> {
    await sleep(300);
    expect(events).toHaveLength(1);
    expect((await db.rest('GET', '/.json')).json).toEqual(BASE);
    const fresh = db.client();
    expect((await get(ref(fresh, 'keep'))).val()).toEqual({ a: 1 });
    await set(ref(sdk, 'after'), 'ok');
    await until(() => events.length === 2, 'the SDK client to see its own write');
    expect(events[1]).toEqual({ ...BASE, after: 'ok' });
    expect((await get(ref(fresh, 'after'))).val()).toBe('ok');
  }

  /** The bad client either was disconnected or still gets answers to valid requests. */
  async function rawStillServedOrClosed(): Promise<void> {
    if (raw.closed()) return;
    const res = await raw.request('g', { p: '/keep' });
    expect(res).toEqual({ s: 'ok', d: { a: 1 } });
  }

  it('malformed frames (not JSON, arrays, scalars, missing fields, unknown layer, binary) get a control error', async () => {
    const cases: [string, RegExp][] = [
      ['{not json', /not JSON/],
      ['{"t":"d","d":{"r":1,"a":"p","b":{"p":"/t","d":2}}', /not JSON/],
      ['[1,2,3]', /Malformed/],
      ['[{"t":"d","d":{"r":1,"a":"p","b":{"p":"/t","d":2}}}]', /Malformed/],
      ['"just a string"', /not an object/],
      ['null', /not an object/],
      ['true', /not an object/],
      ['{}', /missing d/],
      ['{"t":"d"}', /missing d/],
      ['{"t":"d","d":"p"}', /missing d/],
      ['{"d":{"r":1,"a":"p","b":{"p":"/t","d":2}}}', /unknown layer/],
      ['{"t":"x","d":{"r":2,"a":"p","b":{"p":"/t","d":2}}}', /unknown layer "x"/],
      ['{"t":5,"d":{}}', /unknown layer 5/],
    ];
    let n = 0;
    for (const [text, reason] of cases) {
      raw.sendRaw(text);
      expect(await raw.controlError(++n), text).toMatch(reason);
    }
    raw.ws.send(Buffer.from([0x7b, 0x00, 0xff]), { binary: true });
    expect(await raw.controlError(n + 1)).toMatch(/Binary/);
    expect(raw.responses.size).toBe(0);
    await rawStillServedOrClosed();
    await expectUnharmed();
  });

  it('requests with missing or wrong fields get an error naming the field', async () => {
    // No usable request number: only a control error is possible.
    let n = 0;
    for (const d of [
      { a: 'p', b: { p: '/t', d: 2 } },
      { r: '7', a: 'p', b: { p: '/t', d: 2 } },
      { r: 1.5, a: 'p', b: { p: '/t', d: 2 } },
      { r: null, a: 'p', b: { p: '/t', d: 2 } },
    ]) {
      raw.sendRaw(JSON.stringify({ t: 'd', d }));
      expect(await raw.controlError(++n)).toMatch(/\br\b.*integer/);
    }
    const noAction = raw.nextR();
    raw.sendRaw(JSON.stringify({ t: 'd', d: { r: noAction, b: { p: '/t', d: 2 } } }));
    await until(() => raw.responses.has(noAction), 'answer');
    expectError(raw.responses.get(noAction) as RawResponse, 'invalid_request', /action/);

    expectError(await raw.request('p', {}), 'invalid_data', /path/);
    expectError(await raw.request('p', { p: 42, d: 2 }), 'invalid_data', /path/);
    expectError(await raw.request('p', { p: ['t'], d: 2 }), 'invalid_data', /path/);
    expectError(await raw.request('m', { p: '/t', d: 5 }), 'invalid_data', /update must be an object/);
    expectError(await raw.request('m', { p: '/t', d: [1, 2] }), 'invalid_data', /update must be an object/);
    expectError(await raw.request('m', { p: '/t', d: { '': 1 } }), 'invalid_data', /empty key/);
    expectError(await raw.request('m', { p: '/t', d: { v: 2, 'v/w': 3 } }), 'invalid_data', /overlap/);
    expectError(await raw.request('q', { h: '' }), 'invalid_data', /path/);
    expectError(await raw.request('q', { p: '/t', t: 3, h: '' }), 'invalid_data', /query/);
    expectError(await raw.request('q', { p: '/t', t: 4, q: 'not an object', h: '' }), 'invalid_data', /query must be an object/);
    expectError(await raw.request('q', { p: '/t', t: 5, q: { zz: 1 }, h: '' }), 'invalid_data', /unknown query key "zz"/);
    expectError(await raw.request('g', { p: '/t', q: { l: -3, vf: 'l' } }), 'invalid_data', /\bl\b/);
    expectError(await raw.request('o', { d: 1 }), 'invalid_data', /path/);
    expectError(await raw.request('auth', { cred: 'garbage' }), 'invalid_token', /token/);
    expectError(await raw.request('auth', {}), 'invalid_token', /token/);
    await rawStillServedOrClosed();
    await raw.close();
    await expectUnharmed();
  });

  it('unknown actions get invalid_request naming the action', async () => {
    for (const action of ['zz', '', 'P', 'put', 'x'.repeat(1000)]) {
      const res = await raw.request(action, { p: '/t', d: 2 });
      expectError(res, 'invalid_request', /Unknown action/);
      expect(String(res.d)).toContain(JSON.stringify(action).slice(0, 30));
    }
    const numeric = dataMsg(raw, 12, { p: '/t', d: 2 });
    raw.sendRaw(numeric.text);
    await until(() => raw.responses.has(numeric.r), 'answer');
    expectError(raw.responses.get(numeric.r) as RawResponse, 'invalid_request', /action/);
    await rawStillServedOrClosed();
    await expectUnharmed();
  });

  it('keys with . # $ [ ] / or control characters in the data are refused (set, update, onDisconnect), naming the key', async () => {
    for (const c of ['.', '#', '$', '[', ']', '/', '\u0001', '\u007f']) {
      const key = `a${c}b`;
      expectError(await raw.request('p', { p: '/t', d: { v: 1, [key]: 1 } }), 'invalid_data', key);
      expectError(await raw.request('p', { p: '/t', d: { v: 1, deep: { er: { [key]: { x: 1 } } } } }), 'invalid_data', key);
      expectError(await raw.request('p', { p: '/', d: { ...BASE, [key]: 1 } }), 'invalid_data', key);
      expectError(await raw.request('o', { p: '/t', d: { [key]: 1 } }), 'invalid_data', key);
      if (c !== '/') {
        // In an update a "/" separates path segments, so only the other characters are invalid there.
        expectError(await raw.request('m', { p: '/t', d: { v: 2, [key]: 3 } }), 'invalid_data', key);
        expectError(await raw.request('m', { p: '/', d: { 't/v': 2, [`keep/${key}`]: 3 } }), 'invalid_data', key);
        expectError(await raw.request('om', { p: '/t', d: { v: 2, [key]: 3 } }), 'invalid_data', key);
      }
    }
    // A key over 768 bytes.
    const long = 'k'.repeat(769);
    expectError(await raw.request('p', { p: '/t', d: { [long]: 1 } }), 'invalid_data', /768/);
    await rawStillServedOrClosed();
    // onDisconnect writes were refused, so closing the bad client writes nothing either.
    await raw.close();
    await expectUnharmed();
  });

  it('keys with . # $ [ ] in the path are refused for every action, naming the key', async () => {
    for (const c of ['.', '#', '$', '[', ']', '\u0001']) {
      const key = `a${c}b`;
      const p = `/t/${key}/x`;
      expectError(await raw.request('p', { p, d: 1 }), 'invalid_data', key);
      expectError(await raw.request('m', { p, d: { x: 1 } }), 'invalid_data', key);
      expectError(await raw.request('g', { p, q: {} }), 'invalid_data', key);
      expectError(await raw.request('q', { p, h: '' }), 'invalid_data', key);
      expectError(await raw.request('o', { p, d: 1 }), 'invalid_data', key);
      expectError(await raw.request('om', { p, d: { x: 1 } }), 'invalid_data', key);
      expectError(await raw.request('n', { p }), 'invalid_data', key);
      expectError(await raw.request('p', { p: `/${key}`, d: 1 }), 'invalid_data', key);
    }
    await rawStillServedOrClosed();
    await raw.close();
    await expectUnharmed();
  });

  it('other invalid values: unknown server values, bad .priority and .value, non-finite numbers', async () => {
    expectError(await raw.request('p', { p: '/t/v', d: { '.sv': 'bogus' } }), 'invalid_data', /server value/);
    expectError(await raw.request('p', { p: '/t/v', d: { '.sv': { increment: 'x' } } }), 'invalid_data', /increment/);
    expectError(await raw.request('p', { p: '/t', d: { v: { '.value': 1, c: 2 } } }), 'invalid_data', /\.value/);
    expectError(await raw.request('p', { p: '/t', d: { v: { '.value': { o: 1 } } } }), 'invalid_data', /\.value/);
    expectError(await raw.request('p', { p: '/t', d: { v: 1, '.priority': true } }), 'invalid_data', /\.priority/);
    // JSON has no NaN; 1e400 parses to Infinity.
    const inf = raw.nextR();
    raw.sendRaw(`{"t":"d","d":{"r":${inf},"a":"p","b":{"p":"/t/v","d":1e400}}}`);
    await until(() => raw.responses.has(inf), 'answer');
    expectError(raw.responses.get(inf) as RawResponse, 'invalid_data', /finite/);
    await rawStillServedOrClosed();
    await expectUnharmed();
  });

  it('a string over 10 MB is refused with invalid_data', async () => {
    const ascii = await raw.request('p', { p: '/t/big', d: 'x'.repeat(10 * MB + 1) }, 30_000);
    expectError(ascii, 'invalid_data', /longer than 10485760 bytes/);
    // 3.5 M characters, but 10.5 MB of UTF-8.
    const wide = await raw.request('p', { p: '/t', d: { v: 1, big: '€'.repeat(3.5 * MB) } }, 30_000);
    expectError(wide, 'invalid_data', /\/t\/big.*longer than 10485760 bytes/);
    await rawStillServedOrClosed();
    await expectUnharmed();
  }, 60_000);

  it('a whole message over 16 MB, announced by a frame count, is refused and writes nothing', async () => {
    // Two strings of 9 MB each: each is under the 10 MB string limit, the write is 18 MB.
    const msg = dataMsg(raw, 'p', { p: '/t/huge', d: { a: 'x'.repeat(9 * MB), b: 'y'.repeat(9 * MB) } });
    const frames = Math.ceil(msg.text.length / FRAME_SIZE);
    expect(msg.text.length).toBeGreaterThan(16 * MB);
    const errorsBefore = raw.controlErrors.length;
    raw.sendFramed(msg.text);
    await until(() => raw.responses.has(msg.r) || raw.controlErrors.length > errorsBefore || raw.closed(), `an answer to the ${frames}-frame message`, 30_000);
    const res = raw.responses.get(msg.r);
    if (res !== undefined) {
      expect(res.s).not.toBe('ok');
      expect(String(res.d)).toMatch(/16777216|16 MB|too large|limit|exceeds/i);
    } else if (!raw.closed()) {
      expect(raw.controlErrors.at(-1)).toMatch(/16777216|limit|exceeds/);
    }
    await expectUnharmed();
  }, 60_000);

  it('a frame count above the maximum is refused with a control error, and its frames are swallowed', async () => {
    for (const count of ['2000', '99999', '999999']) {
      // Each on its own connection: the announced frames that follow belong to the refused message.
      const liar = await rawClient(db.port);
      liar.sendRaw(count);
      expect(await liar.controlError(1)).toMatch(new RegExp(`Frame count ${count} exceeds`));
      liar.sendRaw('{"t":"d","d":{"r":1,"a":"p","b":{"p":"/t/swallowed","d":1}}}');
      await new Promise((r) => setTimeout(r, 100));
      expect(liar.responses.has(1)).toBe(false);
      await liar.close();
    }
    expect((await db.rest('GET', '/t/swallowed.json')).json).toBeNull();
    await rawStillServedOrClosed();
    await expectUnharmed();
  });

  it('frame-count announcements that lie: too many frames announced, too few, or the connection closed midway', async () => {
    // Announces 3, then sends three whole messages: they are joined into one non-JSON message.
    const lies = [0, 1, 2].map((i) => dataMsg(raw, 'p', { p: `/t/lie${i}`, d: i }));
    raw.sendRaw('3');
    for (const l of lies) raw.sendRaw(l.text);
    expect(await raw.controlError(1)).toMatch(/not JSON/);
    for (const l of lies) expect(raw.responses.has(l.r)).toBe(false);
    await rawStillServedOrClosed();

    // Announces 2, then sends a message split in 3: frames 1+2 and frame 3 are both garbage.
    if (!raw.closed()) {
      const split = dataMsg(raw, 'p', { p: '/t/split', d: 'z'.repeat(100) });
      const third = Math.ceil(split.text.length / 3);
      raw.sendRaw('2');
      for (let i = 0; i < 3; i++) raw.sendRaw(split.text.slice(i * third, (i + 1) * third));
      expect(await raw.controlError(2)).toMatch(/not JSON|Malformed/);
      expect(await raw.controlError(3)).toMatch(/not JSON|Malformed/);
      expect(raw.responses.has(split.r)).toBe(false);
      await rawStillServedOrClosed();
    }

    // Announces 5 and closes after 2 of them: nothing is written.
    const other = await rawClient(db.port);
    const cut = dataMsg(other, 'p', { p: '/t/cut', d: 'c'.repeat(5 * FRAME_SIZE) });
    other.sendRaw('5');
    other.sendRaw(cut.text.slice(0, FRAME_SIZE));
    other.sendRaw(cut.text.slice(FRAME_SIZE, 2 * FRAME_SIZE));
    await other.close();
    await expectUnharmed();
  });

  it('data nested deeper than 32, or a path deeper than 32, is refused', async () => {
    const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { n: nest(depth - 1) });
    expectError(await raw.request('p', { p: '/t', d: nest(40) }), 'invalid_data', /deeper than 32/);
    const deepPath = '/' + Array.from({ length: 40 }, (_, i) => `s${i}`).join('/');
    expectError(await raw.request('p', { p: deepPath, d: 1 }), 'invalid_data', /deeper than 32/);
    expectError(await raw.request('g', { p: deepPath, q: {} }), 'invalid_data', /deeper than 32/);
    const halfPath = '/' + Array.from({ length: 20 }, (_, i) => `s${i}`).join('/');
    expectError(await raw.request('p', { p: halfPath, d: nest(20) }), 'invalid_data', /deeper than 32/);
    expectError(await raw.request('m', { p: '/t', d: { v: 2, w: nest(40) } }), 'invalid_data', /deeper than 32/);
    expectError(await raw.request('m', { p: '/t', d: { v: 2, [deepPath.slice(1)]: 1 } }), 'invalid_data', /deeper than 32/);
    await rawStillServedOrClosed();
    await expectUnharmed();
  });

  it('a put with a stale transaction hash is refused with datastale', async () => {
    expectError(await raw.request('p', { p: '/t', d: { v: 2 }, h: 'not-the-hash' }), 'datastale', /hash/);
    // '' is the hash of no data: stale where data exists.
    expectError(await raw.request('p', { p: '/t', d: { v: 2 }, h: '' }), 'datastale', /hash/);
    expectError(await raw.request('p', { p: '/keep/a', d: 5, h: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }), 'datastale', /hash/);
    expectError(await raw.request('p', { p: '/none/here', d: 5, h: 'c29tZXRoaW5n' }), 'datastale', /hash/);
    await rawStillServedOrClosed();
    await expectUnharmed();
  });

  it('a flood of 50,000 requests: the excess gets too_many_requests, the server keeps serving everyone', async () => {
    const N = 50_000;
    const first = raw.nextR();
    const texts: string[] = [];
    for (let i = 0; i < N; i++) texts.push(JSON.stringify({ t: 'd', d: { r: i === 0 ? first : raw.nextR(), a: 'g', b: { p: '/keep' } } }));
    for (const t of texts) raw.sendRaw(t);
    await until(() => raw.responses.size >= N || raw.closed(), `${N} answers`, 90_000);
    const counts: Record<string, number> = {};
    for (const res of raw.responses.values()) counts[res.s] = (counts[res.s] ?? 0) + 1;
    expect(raw.closed()).toBe(false);
    expect(raw.responses.size).toBe(N);
    expect((counts['ok'] ?? 0) + (counts['too_many_requests'] ?? 0)).toBe(N);
    expect(counts['too_many_requests'] ?? 0).toBeGreaterThan(0);
    expect(counts['ok'] ?? 0).toBeGreaterThan(0);
    const limited = [...raw.responses.values()].find((r) => r.s === 'too_many_requests') as RawResponse;
    expect(String(limited.d)).toMatch(/too many requests/i);
    for (const res of raw.responses.values()) if (res.s === 'ok') expect(res.d).toEqual({ a: 1 });
    // The bucket refills: after a pause the bad client is served again.
    await sleep(1500);
    await rawStillServedOrClosed();
    await expectUnharmed();
  }, 120_000);
});
