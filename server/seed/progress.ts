/**
 * The progress file of a seed written into a database: what `--resume` needs to carry on after
 * an interrupted run. It records the flags that decide the data, the bound on batches, the uids
 * the Auth emulator gave, whether the namespace was cleared, and a short hash of every batch the
 * server acknowledged, in order. Batches are deterministic, so a resumed run regenerates the
 * same ones, checks their hashes against these, and sends only the rest.
 *
 * It lives in the OS temp dir (or `--progress-dir`) as `.seed-progress-<ns>-<host>-<port>.json`,
 * is rewritten (atomically: temp file + rename) after every acknowledged batch, and is deleted
 * when the seed finishes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchLimits } from './batches.ts';

/** The flags that decide which batches a run writes. */
export type RunFlags = { seed: number; days: number; scale: number; today: number; batchKb: number };

/** What the progress file holds. */
export type Progress = {
  version: 1;
  dbUrl: string;
  ns: string;
  flags: RunFlags;
  limits: BatchLimits;
  /** Placeholder uid → uid, as the interrupted run wrote them into the data. */
  uids: Record<string, string>;
  /** True once the namespace was cleared for this run. */
  isCleared: boolean;
  /** Short hash of each acknowledged batch, in the order written. */
  batches: string[];
  /** Bytes of the acknowledged batches. */
  bytes: number;
};

/** The progress file of a seed of namespace `ns` on the server at `dbUrl`. */
export function progressFile(dir: string, dbUrl: string, ns: string): string {
  const where = dbUrl
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/[^a-zA-Z0-9.]+/g, '-');
  return join(dir, `.seed-progress-${ns}-${where}.json`);
}

/** Short hash of a batch body (the file keeps one per batch, so it stays small). */
export function batchHash(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

/** The progress file's content, or null when there is none. Throws on a damaged file. */
export function readProgress(file: string): Progress | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const p = JSON.parse(text) as Progress;
  if (p.version !== 1 || !Array.isArray(p.batches)) throw new Error(`${file} is not a seed progress file this version understands`);
  return p;
}

/** Writes the progress file atomically (a crash leaves the old one or the new one). */
export function saveProgress(file: string, p: Progress): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(p));
  renameSync(tmp, file);
}

/** Removes the progress file (a finished seed, or a new run starting over). */
export function removeProgress(file: string): void {
  rmSync(file, { force: true });
}

const FLAG_NAMES: Record<keyof RunFlags, string> = { seed: '--seed', days: '--days', scale: '--scale', today: '--today', batchKb: '--batch-kb' };

const show = (k: keyof RunFlags, v: number) => (k === 'today' ? new Date(v).toISOString().slice(0, 10) : String(v));

/** Why `current` cannot resume the run `saved` recorded, or null when it can. */
export function resumeMismatch(saved: Progress, current: { dbUrl: string; ns: string; flags: RunFlags; limits: BatchLimits }): string | null {
  const url = (u: string) => u.replace(/\/+$/, '');
  if (url(saved.dbUrl) !== url(current.dbUrl) || saved.ns !== current.ns) return `it wrote to ${saved.dbUrl} namespace ${saved.ns}, not ${current.dbUrl} namespace ${current.ns}`;
  const differ = (Object.keys(FLAG_NAMES) as Array<keyof RunFlags>).filter((k) => saved.flags[k] !== current.flags[k]);
  if (differ.length > 0) {
    const was = differ.map((k) => `${FLAG_NAMES[k]} ${show(k, saved.flags[k])}`).join(' ');
    const now = differ.map((k) => `${FLAG_NAMES[k]} ${show(k, current.flags[k])}`).join(' ');
    return `it ran with ${was}, this run has ${now}${differ.includes('today') ? ' (--today defaults to the current date)' : ''}. Pass the same flags: ${was}`;
  }
  if (saved.limits.bytes !== current.limits.bytes || saved.limits.keys !== current.limits.keys) return `it cut batches of ${saved.limits.bytes} bytes / ${saved.limits.keys} keys, this version cuts ${current.limits.bytes} / ${current.limits.keys}`;
  return null;
}
