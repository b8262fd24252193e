import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isLargeJson, jsonPieces, writeJsonSliced } from '../../../server/jsonStream.ts';
import { restView } from '../../../server/tree.ts';
import type { Json } from '../../../server/types.ts';

/** A REST view with what JSON can hold: wide and deep objects, arrays (with nulls), odd keys and strings. */
function sample(width: number): unknown {
  const items = Object.create(null) as Record<string, unknown>;
  for (let i = 0; i < width; i++) items[`k${i}`] = { n: i, name: `item "${i}"\n`, tags: { even: i % 2 === 0 }, f: i / 7 };
  const odd = Object.create(null) as Record<string, unknown>;
  odd['__proto__'] = { x: 1 };
  odd['0'] = 'zero first';
  return { items, list: Array.from({ length: width }, (_, i) => (i % 5 === 0 ? null : { i })), odd, deep: { a: { b: { c: items } } }, s: 'é€😀', t: true };
}

describe('JSON sent in slices', () => {
  it('pieces concatenate to exactly JSON.stringify, for small and large values', () => {
    for (const v of [null, 1, 'x', [], {}, sample(3), sample(5000), restView({ a: { '0': 1, '1': 2 }, b: { '.value': 3, '.priority': 1 } } as unknown as Json)]) {
      expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v));
    }
    expect([...jsonPieces(sample(5000))].length).toBeGreaterThan(10); // a large value really is cut up
  });

  it('writes the whole text, yielding to the event loop between slices', async () => {
    const value = sample(40_000);
    expect(isLargeJson(value)).toBe(true);
    expect(isLargeJson(sample(3))).toBe(false);
    const chunks: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk.toString('utf8'));
        cb();
      },
    });
    let turns = 0;
    let isWriting = true;
    const spin = (): void => {
      turns++;
      if (isWriting) setImmediate(spin);
    };
    setImmediate(spin);
    await writeJsonSliced(out, value, 0);
    isWriting = false;
    expect(chunks.join('')).toBe(JSON.stringify(value));
    expect(turns).toBeGreaterThan(10); // one JSON.stringify would let none through
  });

  it('waits while the reader is full and stops when it goes away', async () => {
    // A client that never reads: the first chunk is never acknowledged, so the stream stays full.
    const chunks: string[] = [];
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer) {
        chunks.push(chunk.toString('utf8'));
      },
    });
    const done = writeJsonSliced(out, sample(40_000), 0);
    let isFinished = false;
    void done.then(() => (isFinished = true));
    // Enough turns for it to make the whole text (a yield per piece, ~100 bytes a piece) if it did not wait.
    for (let i = 0; i < 100_000 && !isFinished; i++) await new Promise((r) => setImmediate(r));
    expect(isFinished).toBe(false);
    // It waits for 'drain' instead of piling up the ~4 MB text in the stream's buffer.
    expect(chunks).toHaveLength(1);
    expect(out.writableLength).toBeGreaterThan(0);
    expect(out.writableLength).toBeLessThan(200 * 1024);
    out.destroy();
    await done; // returns, does not hang or throw
    expect(out.writableEnded).toBe(false);
  });
});
