/**
 * Sends a large JSON answer without stopping the server. One JSON.stringify of a 76 MB node blocks
 * the event loop for seconds (measured: a REST GET of 76 MB stalled every other client for 2.3 s),
 * so the text is made a piece at a time, written in 64 KB chunks, with a yield to the event loop
 * every `sliceMs` and a wait for 'drain' when the client reads slower than we write.
 *
 * The value must not change meanwhile: callers pass a private copy (REST passes restView's copy of
 * the node, which shares only immutable strings and numbers with the live tree), so the answer is
 * the node as it was at one moment even though writes go on while it is sent.
 */
import type { Writable } from 'node:stream';
import { jsonSizeUpTo } from './shape.ts';

/** A node smaller than this is stringified in one call. */
const SMALL = 64 * 1024;
const CHUNK = 64 * 1024;

/** The JSON text of `value` in pieces, small subtrees whole; the concatenation equals JSON.stringify(value). */
export function* jsonPieces(value: unknown): Generator<string> {
  if (typeof value !== 'object' || value === null || jsonSizeUpTo(value, SMALL) <= SMALL) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonPieces((value[i] as unknown) ?? null);
    }
    yield ']';
    return;
  }
  yield '{';
  let isFirst = true;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    yield `${isFirst ? '' : ','}${JSON.stringify(key)}:`;
    isFirst = false;
    yield* jsonPieces(child);
  }
  yield '}';
}

/** Whether `value` is large enough to be worth writeJsonSliced. */
export function isLargeJson(value: unknown): boolean {
  return jsonSizeUpTo(value, 4 * SMALL) > 4 * SMALL;
}

/**
 * Writes the JSON text of `value` to `out` and ends it, yielding between slices of about `sliceMs`
 * and waiting while `out` is full. Stops quietly if `out` is closed meanwhile (the client left).
 */
export async function writeJsonSliced(out: Writable, value: unknown, sliceMs = 8): Promise<void> {
  let pending: string[] = [];
  let size = 0;
  let sliceStart = performance.now();
  for (const piece of jsonPieces(value)) {
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK) {
      const isFull = !out.write(pending.join(''));
      pending = [];
      size = 0;
      if (isFull) await drainedOrClosed(out);
      if (out.destroyed) return;
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((r) => setImmediate(r));
      if (out.destroyed) return;
      sliceStart = performance.now();
    }
  }
  out.end(pending.join(''));
}

function drainedOrClosed(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
