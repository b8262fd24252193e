/**
 * Writing the generated tree as a JSON file (`--out`); dbWriter.ts writes it into a database.
 * Placeholder uids are swapped for real ones while serialising, so generation never depends on
 * the Auth emulator. The JSON is produced one record at a time, so a year at scale 10 never has
 * to exist as one string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { storedKey, uidReplacer, type UidMap } from './batches.ts';
import type { Tree } from './tree.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `"key":value` for each record of one top-level path, with uids mapped (in values, and in the keys of `users`). */
function* records(top: string, value: unknown, uids: UidMap | null): Generator<string> {
  const replacer = uidReplacer(uids);
  if (!isObject(value)) throw new Error(`/${top} is not an object`);
  for (const [key, child] of Object.entries(value)) yield `${JSON.stringify(storedKey(top, key, uids))}:${JSON.stringify(child, replacer)}`;
}

/** The whole tree as JSON, in pieces (deterministic: same tree → same bytes). */
export function* jsonPieces(tree: Tree, uids: UidMap | null = null): Generator<string> {
  yield '{';
  let first = true;
  for (const [top, value] of Object.entries(tree)) {
    yield `${first ? '' : ','}${JSON.stringify(top)}:{`;
    first = false;
    let firstChild = true;
    for (const r of records(top, value, uids)) {
      yield firstChild ? r : `,${r}`;
      firstChild = false;
    }
    yield '}';
  }
  yield '}\n';
}

/** Writes the tree to `file`; returns its size in bytes. */
export function writeJsonFile(tree: Tree, file: string, uids: UidMap | null = null): number {
  const fd = openSync(file, 'w');
  let size = 0;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = () => {
    const chunk = buffer.join('');
    size += writeSync(fd, chunk);
    buffer = [];
    buffered = 0;
  };
  try {
    for (const piece of jsonPieces(tree, uids)) {
      buffer.push(piece);
      buffered += piece.length;
      if (buffered > 4 * 1024 * 1024) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return size;
}
