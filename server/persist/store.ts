/**
 * Durable storage of one database namespace.
 *
 * Layout of `<dir>`:
 *   snapshot.json   the full tree, written only by compaction through snapshot.json.tmp + fsync +
 *                   rename + fsync of the directory. Written as a framed sequence of pieces of the
 *                   tree (./snapshot.ts) so that loading can yield between pieces; an older
 *                   snapshot.json holding one JSON document (`null` when empty) is still read.
 *   log             append-only write log since the snapshot; framing in ./framing.ts:
 *                   `<byte length>:<crc32 hex>:<json>\n` per record.
 *   rules.json      owned by others; ignored here.
 *
 * State = snapshot.json with every record of `log` applied in order (applyInPlace of ../liveTree.ts).
 *
 * Lifecycle: open() of a folder that does not exist creates nothing; the folder and the log are
 * created by the first append() (or compact()). So reading a namespace nobody ever wrote costs no
 * folder and no file descriptor.
 *
 * Durability: append() hands all its records to the OS with one write() on an O_APPEND fd before it
 * returns, so an acknowledged write survives `kill -9` of the process (not a power cut: that needs
 * flush(), which fsyncs and is called at shutdown).
 *
 * Crash safety of compaction rests on this invariant: records hold already-resolved values (a set
 * or a multi-path set of absolute values, never "increment"), so replaying a sequence of records a
 * second time over the state it produced gives that same state (each record removes what lies at
 * its paths and puts fixed values there; whatever survived the sequence once survives it again, and
 * the last writer of each location writes it again). Hence if we die after renaming the new
 * snapshot but before truncating the log, replaying the old log over the new snapshot is harmless.
 *
 * Loading: openAsync() reads the files without blocking and replays the snapshot's pieces and the
 * log's records in slices of about `sliceMs`, yielding to the event loop between slices, so a
 * server goes on serving everything else while a 300 MB namespace loads. open() does the same
 * steps without yielding. An older single-JSON snapshot is parsed in one go (it cannot be sliced);
 * the next compaction rewrites it in the framed form.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Json } from '../types.ts';
import { applyInPlace } from '../liveTree.ts';
import { parseJson } from '../shape.ts';
import { encodeRecords, scanRecords, type LogRecord, type ScanResult } from './framing.ts';
import { PIECE_BYTES, SNAPSHOT_MAGIC, SnapshotBuilder, isFramedSnapshot, snapshotPieces } from './snapshot.ts';

export type { LogRecord } from './framing.ts';

export type StoreOptions = {
  /** Called with a message for a damaged log (the damage is dropped, never thrown). */
  warn?: (msg: string) => void;
  /** Log size in bytes beyond which shouldCompact() is true; default 64 MB. */
  compactBytes?: number;
  /** Rough size of one snapshot piece in bytes (./snapshot.ts); default 256 KB. Small in tests, for many pieces. */
  pieceBytes?: number;
  /** openAsync(): milliseconds of replay between two yields to the event loop; default 8. */
  sliceMs?: number;
};

/** Records (log) or pieces (snapshot) replayed between two chances to yield: at most this many, ... */
const RECORDS_PER_STEP = 256;
/** ... or this many bytes of them (a snapshot piece is ~256 KB, a log record up to 16 MB). */
const BYTES_PER_STEP = 1 << 20;

/** What a load asks of its driver: the bytes of a file (null when missing), or a chance to yield. */
type LoadRequest = { read: string } | 'yield';

const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;
/** `fd` of a store whose folder and log do not exist yet. */
const NOT_CREATED = -2;
/** `fd` of a closed store. */
const CLOSED = -1;

function readIfExists(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Decodes the records of `buf` from `from` on, as scanRecords does, asking for a yield after every
 * RECORDS_PER_STEP records or BYTES_PER_STEP bytes.
 */
function* replay(buf: Buffer, from: number, onRecord: (r: LogRecord) => void): Generator<LoadRequest, ScanResult, Buffer | null> {
  let at = from;
  let count = 0;
  for (;;) {
    const stepStart = at;
    for (let n = 0; n < RECORDS_PER_STEP && at - stepStart < BYTES_PER_STEP && at < buf.length; n++) {
      const scan = scanRecords(buf, onRecord, at, 1);
      if (scan.problem !== null) return { count, end: scan.end, problem: scan.problem };
      at = scan.end;
      count++;
    }
    if (at >= buf.length) return { count, end: at, problem: null };
    yield 'yield';
  }
}

async function readFileIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

export class Store {
  readonly dir: string;
  readonly snapshotPath: string;
  readonly logPath: string;
  private fd: number;
  private bytes: number;
  private readonly compactBytes: number;
  private readonly pieceBytes: number;

  /**
   * True when the snapshot read at open was the older single-JSON form, which loads in one
   * blocking parse: the server rewrites it framed (compactInBackground) as soon as it has loaded,
   * so the next start loads in slices. False again once a compaction has finished.
   */
  hasLegacySnapshot = false;

  private constructor(dir: string, fd: number, bytes: number, opts: StoreOptions) {
    this.dir = dir;
    this.snapshotPath = path.join(dir, 'snapshot.json');
    this.logPath = path.join(dir, 'log');
    this.fd = fd;
    this.bytes = bytes;
    this.compactBytes = opts.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.pieceBytes = opts.pieceBytes ?? PIECE_BYTES;
  }

  /**
   * Opens the namespace in `dir` and returns its current data, blocking until it is loaded (tests
   * and tools; the server uses openAsync). A missing folder is an empty namespace: it is created,
   * with the log, on the first append().
   */
  static open(dir: string, opts: StoreOptions = {}): { store: Store; data: Json } {
    const steps = Store.load(dir, opts);
    let next = steps.next();
    while (next.done !== true) next = steps.next(next.value === 'yield' ? null : readIfExists(next.value.read));
    return next.value;
  }

  /**
   * open() without blocking the event loop: files are read asynchronously and replayed in slices
   * of about `opts.sliceMs`, with a yield (setImmediate) between slices.
   */
  static async openAsync(dir: string, opts: StoreOptions = {}): Promise<{ store: Store; data: Json }> {
    const sliceMs = opts.sliceMs ?? 8;
    const steps = Store.load(dir, opts);
    let sliceStart = performance.now();
    let next = steps.next();
    while (next.done !== true) {
      const request = next.value;
      if (request === 'yield') {
        if (performance.now() - sliceStart >= sliceMs) {
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
        }
        next = steps.next(null);
      } else {
        const bytes = await readFileIfExists(request.read);
        sliceStart = performance.now();
        next = steps.next(bytes);
      }
    }
    return next.value;
  }

  /** The steps of loading `dir`, shared by open() and openAsync(): they differ only in how they drive it. */
  private static *load(dir: string, opts: StoreOptions): Generator<LoadRequest, { store: Store; data: Json }, Buffer | null> {
    const warn = opts.warn ?? ((msg: string) => console.warn(msg));
    if (!fs.existsSync(dir)) return { store: new Store(dir, NOT_CREATED, 0, opts), data: null };
    const snapshotPath = path.join(dir, 'snapshot.json');
    const logPath = path.join(dir, 'log');
    fs.rmSync(snapshotPath + '.tmp', { force: true }); // an unfinished compaction
    fs.rmSync(logPath + '.tmp', { force: true }); // a log tail not yet swapped in: the log still holds it

    let data: Json = null;
    const snap = yield { read: snapshotPath };
    if (snap !== null && isFramedSnapshot(snap)) {
      const builder = new SnapshotBuilder();
      const scan = yield* replay(snap, SNAPSHOT_MAGIC.length, (piece) => builder.add(piece));
      // The snapshot was renamed into place whole: damage is not a torn write but a broken disk.
      if (scan.problem !== null) throw new Error(`Store: ${snapshotPath} is damaged: ${scan.problem} at byte offset ${scan.end}`);
      data = builder.result();
    } else if (snap !== null) {
      try {
        data = parseJson(snap.toString('utf8')) as Json;
      } catch (e) {
        throw new Error(`Store: ${snapshotPath} is not valid JSON (${(e as Error).message})`, { cause: e });
      }
    }

    const log = (yield { read: logPath }) ?? Buffer.alloc(0);
    // The tree was just built and nobody else holds it: the records are applied in place.
    const apply = (r: LogRecord): void => {
      data = applyInPlace(data, r.path, r.op === 'set' ? { set: r.value } : { update: r.value });
    };
    const { count, end: at, problem } = yield* replay(log, 0, apply);
    if (problem !== null) {
      const dropped = log.length - at;
      warn(`Store: ${logPath}: ${problem} at byte offset ${at}; dropping ${dropped} bytes from there to the end (${count} good records kept)`);
      fs.truncateSync(logPath, at);
    }
    const fd = fs.openSync(logPath, 'a');
    const store = new Store(dir, fd, at, opts);
    store.hasLegacySnapshot = snap !== null && !isFramedSnapshot(snap);
    return { store, data };
  }

  /** Current size of the log in bytes. */
  get logBytes(): number {
    return this.bytes;
  }

  /** True when the log has grown past `compactBytes` and no compaction is running: the server should compact. */
  shouldCompact(): boolean {
    return this.bytes > this.compactBytes && this.compacting === null;
  }

  private compacting: Promise<void> | null = null;

  /**
   * Compacts without stopping the server: `root` (the live tree, which keeps changing in place
   * meanwhile) is written to snapshot.json.tmp a piece at a time (./snapshot.ts), yielding to the event loop
   * between slices, so REST and WebSocket clients are served while a 300 MB database is written.
   * The snapshot may then hold some changes made during the walk and not others; the log keeps
   * every record appended since the walk began, and replaying those over it gives the current
   * state (each record puts fixed values at its paths: the invariant at the top). Then the log
   * is cut to those records: written to log.tmp, fsynced and renamed over the log. Dying at any
   * point is safe: before the snapshot's rename the old snapshot and the whole log stand; after
   * it, the whole old log replays over the new snapshot, which is harmless by the same invariant.
   */
  compactInBackground(root: Json, sliceMs = 8): Promise<void> {
    if (this.compacting !== null) return this.compacting;
    this.compacting = this.writeSnapshotThenCut(root, sliceMs).finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private async writeSnapshotThenCut(root: Json, sliceMs: number): Promise<void> {
    this.openFd();
    const from = this.bytes;
    const tmp = this.snapshotPath + '.tmp';
    const tfd = fs.openSync(tmp, 'w');
    try {
      const out = new ChunkWriter(tfd);
      out.add(SNAPSHOT_MAGIC);
      let sliceStart = performance.now();
      // Each piece is encoded as soon as it is made, before any yield: it holds its children's
      // values of that moment.
      for (const piece of snapshotPieces(root, this.pieceBytes)) {
        out.add(encodeRecords([piece]));
        if (performance.now() - sliceStart >= sliceMs) {
          await new Promise((r) => setImmediate(r));
          if (this.fd < 0) return; // closed meanwhile: the old snapshot and the log stand
          sliceStart = performance.now();
        }
      }
      out.end();
      fs.fsyncSync(tfd);
    } finally {
      fs.closeSync(tfd);
      if (this.fd < 0) fs.rmSync(tmp, { force: true });
    }
    if (this.fd < 0) return; // closed meanwhile (tmp removed above)
    // From here on everything is synchronous: no append can slip between the steps.
    fs.renameSync(tmp, this.snapshotPath);
    fsyncDir(this.dir);
    this.hasLegacySnapshot = false;
    const tail = Buffer.alloc(this.bytes - from);
    const rfd = fs.openSync(this.logPath, 'r');
    try {
      let off = 0;
      while (off < tail.length) off += fs.readSync(rfd, tail, off, tail.length - off, from + off);
    } finally {
      fs.closeSync(rfd);
    }
    const logTmp = this.logPath + '.tmp';
    const lfd = fs.openSync(logTmp, 'w');
    try {
      writeAll(lfd, tail);
      fs.fsyncSync(lfd);
    } finally {
      fs.closeSync(lfd);
    }
    fs.renameSync(logTmp, this.logPath);
    fsyncDir(this.dir);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.logPath, 'a');
    this.bytes = tail.length;
  }

  /** True once the folder and the log exist (after the first append, or when opened from disk). */
  get isCreated(): boolean {
    return this.fd !== NOT_CREATED;
  }

  private openFd(): number {
    if (this.fd === NOT_CREATED) {
      fs.mkdirSync(this.dir, { recursive: true });
      this.fd = fs.openSync(this.logPath, 'a');
    }
    if (this.fd < 0) throw new Error(`Store: ${this.dir} is closed`);
    return this.fd;
  }

  /**
   * Appends records with a single write(); when this returns they are in the OS and survive a
   * crash of the process. If the write fails part-way, the partial bytes are cut off again so
   * that later appends do not sit behind a torn record.
   */
  append(records: readonly LogRecord[]): void {
    if (records.length === 0) return;
    const fd = this.openFd();
    const buf = encodeRecords(records);
    try {
      writeAll(fd, buf);
    } catch (e) {
      try {
        fs.ftruncateSync(fd, this.bytes);
      } catch {
        // Nothing more to do: the next open() drops the torn tail with a warning.
      }
      throw e;
    }
    this.bytes += buf.length;
  }

  /**
   * Replaces the snapshot with `data` (the state after every appended record) and empties the log.
   * Order: write snapshot.json.tmp, fsync, rename over snapshot.json, fsync the directory, then
   * truncate the log. Dying anywhere in between is safe (see the invariant at the top).
   */
  compact(data: Json): void {
    const fd = this.openFd();
    const tmp = this.snapshotPath + '.tmp';
    const tfd = fs.openSync(tmp, 'w');
    try {
      const out = new ChunkWriter(tfd);
      out.add(SNAPSHOT_MAGIC);
      for (const piece of snapshotPieces(data, this.pieceBytes)) out.add(encodeRecords([piece]));
      out.end();
      fs.fsyncSync(tfd);
    } finally {
      fs.closeSync(tfd);
    }
    fs.renameSync(tmp, this.snapshotPath);
    fsyncDir(this.dir);
    this.hasLegacySnapshot = false;
    fs.ftruncateSync(fd, 0);
    this.bytes = 0;
  }

  /** fsyncs the log (for shutdown; append() alone already survives a process crash). */
  flush(): void {
    if (this.fd === NOT_CREATED) return;
    fs.fsyncSync(this.openFd());
  }

  /** Flushes and closes the log; further appends throw. Closing twice is a no-op. */
  close(): void {
    if (this.fd === NOT_CREATED) this.fd = CLOSED;
    if (this.fd < 0) return;
    try {
      fs.fsyncSync(this.fd);
    } finally {
      fs.closeSync(this.fd);
      this.fd = CLOSED;
    }
  }
}

/** Gathers small buffers and writes them to `fd` about a megabyte at a time. */
class ChunkWriter {
  private pending: Buffer[] = [];
  private size = 0;

  constructor(private readonly fd: number) {}

  add(buf: Buffer): void {
    this.pending.push(buf);
    this.size += buf.length;
    if (this.size >= 1 << 20) this.end();
  }

  /** Writes whatever is pending. */
  end(): void {
    writeAll(this.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.size = 0;
  }
}

/** Makes a rename in `dir` durable (best effort: not every platform can fsync a directory). */
function fsyncDir(dir: string): void {
  let dfd: number | null = null;
  try {
    dfd = fs.openSync(dir, 'r');
    fs.fsyncSync(dfd);
  } catch {
    // e.g. Windows: directories cannot be opened for fsync.
  } finally {
    if (dfd !== null) fs.closeSync(dfd);
  }
}
