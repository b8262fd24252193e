/**
 * The snapshot file's format, written by Store.compact and Store.compactInBackground:
 *
 *     DOMS-SNAPSHOT 2\n
 *     <record>\n <record>\n ...          framed exactly like the log (./framing.ts)
 *
 * Each record is a piece of the tree: `{op:"update", path, value:{key: child, ...}}` puts those
 * children under `path` (creating the objects on the way), or, for a small tree or a leaf root,
 * one `{op:"set", path:[], value: root}`. Pieces are disjoint and about PIECE_BYTES of JSON each,
 * so a loader parses one piece at a time and can yield to the event loop between pieces: a single
 * JSON.parse of a 300 MB file blocks the process for tens of seconds and cannot be sliced.
 *
 * Pieces are not log records: they are assigned as they are (no normalisation, no "emptied parent"
 * rule), because together they are the stored tree itself.
 *
 * An older snapshot is one JSON document (`null` when empty); it never starts with "D", so the
 * first bytes tell the formats apart. It is still read, with one blocking parse.
 */
import type { Json, JsonObject, Path } from '../types.ts';
import { VALUE, hasOwn, isObject, jsonSizeUpTo, newObject, putKey } from '../shape.ts';
import type { LogRecord } from './framing.ts';

export const SNAPSHOT_MAGIC = Buffer.from('DOMS-SNAPSHOT 2\n', 'latin1');
/** Rough JSON size of one piece; a child larger than this is split into its own pieces. */
export const PIECE_BYTES = 256 * 1024;

/** True when `buf` holds a framed snapshot (rather than an older single-JSON one). */
export function isFramedSnapshot(buf: Buffer): boolean {
  return buf.length >= SNAPSHOT_MAGIC.length && buf.subarray(0, SNAPSHOT_MAGIC.length).equals(SNAPSHOT_MAGIC);
}

/** A child that may be split further: an object with children (not a `.value` wrapper). */
function isSplittable(v: Json | undefined): v is JsonObject {
  return isObject(v) && !hasOwn(v, VALUE);
}

/**
 * The pieces of `root`, each to be encoded before the next is asked for. Children are read only
 * when the walk gets to them, so a tree changed in place between pieces (compaction in the
 * background) still gives well-formed pieces: each holds the values its children had when it was
 * made, and the log records since the walk began put right whatever changed meanwhile.
 */
export function* snapshotPieces(root: Json, pieceBytes = PIECE_BYTES): Generator<LogRecord> {
  if (!isSplittable(root) || jsonSizeUpTo(root, pieceBytes) <= pieceBytes) {
    yield { op: 'set', path: [], value: root };
    return;
  }
  yield* piecesOf(root, [], pieceBytes);
}

function* piecesOf(node: JsonObject, path: Path, pieceBytes: number): Generator<LogRecord> {
  let batch = newObject();
  let size = 0;
  let count = 0;
  for (const key of Object.keys(node)) {
    if (!hasOwn(node, key)) continue; // removed since the keys were listed
    const child = node[key] as Json;
    if (child === null) continue;
    const childSize = jsonSizeUpTo(child, pieceBytes);
    if (childSize > pieceBytes && isSplittable(child)) {
      yield* piecesOf(child, [...path, key], pieceBytes);
      continue;
    }
    putKey(batch, key, child);
    size += childSize + key.length;
    count++;
    if (size >= pieceBytes) {
      yield { op: 'update', path, value: batch };
      batch = newObject();
      size = 0;
      count = 0;
    }
  }
  if (count > 0) yield { op: 'update', path, value: batch };
}

/** Builds a tree from snapshot pieces, in the order they were written. */
export class SnapshotBuilder {
  private root: Json = null;

  add(piece: LogRecord): void {
    if (piece.op === 'set') {
      if (piece.path.length === 0) this.root = piece.value;
      else this.put(piece.path.slice(0, -1), { [piece.path.at(-1) as string]: piece.value });
      return;
    }
    this.put(piece.path, piece.value);
  }

  private put(path: Path, children: Record<string, Json>): void {
    if (!isSplittable(this.root)) this.root = newObject();
    let node = this.root;
    for (const key of path) {
      let next = hasOwn(node, key) ? node[key] : undefined;
      if (!isSplittable(next)) {
        next = newObject();
        putKey(node, key, next);
      }
      node = next;
    }
    for (const key of Object.keys(children)) putKey(node, key, children[key] as Json);
  }

  /** The tree built so far (null when no piece held anything). */
  result(): Json {
    return isObject(this.root) && Object.keys(this.root).length === 0 ? null : this.root;
  }
}
