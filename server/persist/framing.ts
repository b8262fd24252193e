/**
 * Framing of the write log: one record per line,
 *
 *     <length>:<crc32>:<json>\n
 *
 * where <json> is the record as JSON (UTF-8, no raw newlines since JSON.stringify escapes them),
 * <length> its byte length in decimal and <crc32> the IEEE CRC-32 (zlib's) of those bytes as 8
 * lowercase hex digits. A record is good only if the length field is digits, the CRC field is 8 hex
 * digits, the bytes fit in the file, the byte after them is '\n', the CRC matches, the JSON parses
 * and has the shape of a LogRecord. A torn tail (the process died in the middle of a write) or any
 * damage fails one of these checks.
 */
import * as zlib from 'node:zlib';
import { parseJson } from '../shape.ts';
import type { Json, Path } from '../types.ts';

/** One write already resolved by the server (server values replaced by their results). */
export type LogRecord =
  | { op: 'set'; path: Path; value: Json }
  | { op: 'update'; path: Path; value: Record<string, Json> };

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Table-driven CRC-32 (IEEE), used when node:zlib has no crc32 (Node < 20.15). */
export function crc32Fallback(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const nativeCrc = (zlib as { crc32?: unknown }).crc32;
export const crc32: (data: Uint8Array) => number =
  typeof nativeCrc === 'function' ? (data) => (nativeCrc as (d: Uint8Array) => number)(data) >>> 0 : crc32Fallback;

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** The framed bytes of `records`, ready for a single write. */
export function encodeRecords(records: readonly LogRecord[]): Buffer {
  const parts: Buffer[] = [];
  for (const r of records) {
    const json = Buffer.from(JSON.stringify({ op: r.op, path: r.path, value: r.value }), 'utf8');
    parts.push(Buffer.from(`${json.length}:${hex8(crc32(json))}:`, 'latin1'), json, NEWLINE);
  }
  return Buffer.concat(parts);
}
const NEWLINE = Buffer.from('\n', 'latin1');

function isRecord(v: unknown): v is LogRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as { op?: unknown; path?: unknown; value?: unknown };
  if (!Array.isArray(r.path) || !r.path.every((s) => typeof s === 'string')) return false;
  if (r.op === 'set') return r.value !== undefined && !Array.isArray(r.value);
  if (r.op === 'update') return typeof r.value === 'object' && r.value !== null && !Array.isArray(r.value);
  return false;
}

const COLON = 0x3a;
const LF = 0x0a;
const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;
const isHex = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46));

/** Result of scanning a log: `end` is the offset just after the last good record. */
export type ScanResult = { count: number; end: number; problem: string | null };

/**
 * Decodes records from `buf` in order, starting at offset `from`, calling `onRecord` for each good
 * one, and stops at the first bad one, or after `maxRecords` (then `end` is where to go on, with
 * no problem, and is short of the buffer's end). Linear in the bytes scanned.
 */
export function scanRecords(buf: Buffer, onRecord: (r: LogRecord) => void, from = 0, maxRecords = Infinity): ScanResult {
  let o = from;
  let count = 0;
  const bad = (problem: string): ScanResult => ({ count, end: o, problem });
  while (o < buf.length && count < maxRecords) {
    let p = o;
    let len = 0;
    while (isDigit(buf[p]) && p - o < 12) len = len * 10 + (buf[p++]! - 0x30);
    if (p === o || buf[p] !== COLON) return p >= buf.length ? bad('truncated record header') : bad('bad length field');
    p++;
    const crcAt = p;
    for (let i = 0; i < 8; i++, p++) if (!isHex(buf[p])) return p >= buf.length ? bad('truncated record header') : bad('bad CRC field');
    if (buf[p] !== COLON) return p >= buf.length ? bad('truncated record header') : bad('bad CRC field');
    const start = p + 1;
    const end = start + len;
    if (end >= buf.length) return bad(`truncated record (needs ${end + 1 - o} bytes, ${buf.length - o} present)`);
    if (buf[end] !== LF) return bad('record length does not match its line');
    const body = buf.subarray(start, end);
    const want = parseInt(buf.toString('latin1', crcAt, crcAt + 8), 16);
    if (crc32(body) !== want) return bad('CRC mismatch');
    let rec: unknown;
    try {
      rec = parseJson(body.toString('utf8'));
    } catch {
      return bad('record is not valid JSON');
    }
    if (!isRecord(rec)) return bad('record is not a set or update');
    onRecord(rec);
    count++;
    o = end + 1;
  }
  return { count, end: o, problem: null };
}
