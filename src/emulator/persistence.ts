// The emulator's data folder: a snapshot plus an append-only journal of changes.
// - One journal line per acknowledged change: a request that changes several records (an item and
//   its definition, a workspace and its items) writes them in one line, so a kill never leaves half.
// - A line is written in full before memory changes, and fdatasynced before any answer goes out, so
//   a restart or a SIGKILL never loses what was acknowledged. The sync is shared (group commit):
//   the lines written while the event loop handled one batch of requests are synced once, just
//   after it (setImmediate), and every answer of that batch waits for that one sync. A sync that
//   fails takes back every line it covered (journal cut back, memory restored) and every waiting
//   answer becomes a refusal, so what was refused is not served, and not found after a restart.
// - A write that fails (a full disk: a short write, then ENOSPC) is cut off the journal again, so
//   the journal always ends with a complete line and the next write does not glue onto a torn one.
// - At open, a torn last line (a crash mid-append, never acknowledged) is cut off, with a notice.
// - The snapshot is rewritten atomically (temporary file, fsync, rename) from time to time and the
//   journal then starts again; a snapshot that cannot be written keeps the journal and is retried.
// - Both files are read and written a record at a time (JSON lines, read in chunks): no string ever
//   holds more than one record, so a store larger than V8's longest string (512 MB) still loads.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Collections = Record<string, Record<string, unknown>>;

/** One record's new value; `v` absent for a deletion. */
export interface Change {
  c: string;
  id: string;
  v?: unknown;
}

/** The writes that need disk space, replaceable so tests can simulate a full or failing disk. */
export interface Disk {
  /** As fs.writeSync: may write fewer bytes than asked (a full disk), or throw. */
  write(fd: number, buffer: Buffer, offset: number, length: number): number;
  /** As fs.fdatasyncSync. */
  sync(fd: number): void;
}

const realDisk: Disk = {
  write: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  sync: (fd) => fs.fdatasyncSync(fd),
};

/** A change that could not be made durable; nothing of it was kept. */
export class StorageError extends Error {
  constructor(
    message: string,
    /** No space left (ENOSPC, EDQUOT) rather than another I/O failure. */
    readonly full: boolean,
  ) {
    super(message);
  }
}

export interface PersistenceOptions {
  disk?: Disk;
  /** Notices about the data folder (a torn journal line cut off, a snapshot not written). */
  log?: (message: string) => void;
}

const SNAPSHOT = 'state.ndjson';
/** The snapshot of emulators before 0.2.0: one JSON object, read once and then replaced. */
const LEGACY_SNAPSHOT = 'state.json';
/** How much of a file is read, or gathered before a write, at a time. */
const CHUNK_BYTES = 1 << 20;
const JOURNAL = 'journal.ndjson';
const UNREADABLE = 'journal.unreadable.ndjson';
const COMPACT_AFTER = 5000;

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

function writeAll(disk: Disk, fd: number, buffer: Buffer): void {
  for (let offset = 0; offset < buffer.length;) {
    const written = disk.write(fd, buffer, offset, buffer.length - offset);
    if (written <= 0) throw Object.assign(new Error('the disk accepted no bytes'), { code: 'ENOSPC' });
    offset += written;
  }
}

/** A change written to the journal but not synced yet: what it replaced, to restore if the sync fails. */
interface Unsynced {
  change: Change;
  before: unknown;
}

export class Persistence {
  private readonly journalFd: number;
  private entries = 0;
  private compactAfter = COMPACT_AFTER;
  /** A failed write could not be cut off yet: cut it before the next one. */
  private tornTail = false;
  /** Bytes of the journal known to be on disk: where a failed sync cuts back to. */
  private syncedSize: number;
  private unsynced: Unsynced[] = [];
  /** The next group sync, once scheduled: every answer of the batch waits for it. */
  private nextSync: Promise<void> | undefined;
  /** Told of changes a failed sync took back (newest first), with the value each restored. */
  onRevert: (reverted: { change: Change; restored: unknown }[]) => void = () => undefined;

  private constructor(
    private readonly dir: string,
    readonly data: Collections,
    /** Bytes of complete lines in the journal: where a failed write is cut back to. */
    private journalSize: number,
    private readonly disk: Disk,
    private readonly log: (message: string) => void,
  ) {
    this.journalFd = fs.openSync(path.join(dir, JOURNAL), 'a');
    this.syncedSize = journalSize;
  }

  /** Opens (or creates) a data folder the caller has locked, and loads what it holds. */
  static open(dir: string, { disk = realDisk, log = () => undefined }: PersistenceOptions = {}): { persistence: Persistence; fresh: boolean } {
    fs.mkdirSync(dir, { recursive: true });
    const snapshotFile = path.join(dir, SNAPSHOT);
    const legacyFile = path.join(dir, LEGACY_SNAPSHOT);
    const journalFile = path.join(dir, JOURNAL);
    const fresh = ![snapshotFile, legacyFile, journalFile].some((file) => fs.existsSync(file));
    const data: Collections = fs.existsSync(snapshotFile)
      ? readSnapshot(snapshotFile)
      : fs.existsSync(legacyFile)
        ? JSON.parse(fs.readFileSync(legacyFile, 'utf8'))
        : {};
    const journalSize = fs.existsSync(journalFile) ? replayJournal(dir, data, log) : 0;
    const persistence = new Persistence(dir, data, journalSize, disk, log);
    if (persistence.compact()) fs.rmSync(legacyFile, { force: true });
    return { persistence, fresh };
  }

  /**
   * Writes the changes to the journal, then applies them to the data; throws StorageError (nothing
   * changed) when they cannot be written. They are durable once `durable()` resolves.
   */
  commit(changes: Change[]): void {
    const line = Buffer.from(`${JSON.stringify(changes.length === 1 ? changes[0] : changes)}\n`);
    try {
      if (this.tornTail) this.cutBack();
      writeAll(this.disk, this.journalFd, line);
    } catch (error) {
      this.tornTail = true;
      try {
        this.cutBack();
      } catch {
        // Tried again before the next write.
      }
      throw storageError(error);
    }
    this.journalSize += line.length;
    for (const change of changes) {
      this.unsynced.push({ change, before: this.data[change.c]?.[change.id] });
      apply(this.data, change);
    }
    this.entries++;
    this.nextSync ??= new Promise((resolve, reject) => setImmediate(() => this.syncGroup().then(resolve, reject)));
  }

  /** Resolves once everything committed so far is on disk; rejects with StorageError when it could not be (it was taken back). */
  durable(): Promise<void> {
    return this.nextSync ?? Promise.resolve();
  }

  /** One fdatasync for every line written since the last one. */
  private async syncGroup(): Promise<void> {
    this.nextSync = undefined;
    if (this.unsynced.length === 0) return;
    try {
      this.disk.sync(this.journalFd);
    } catch (error) {
      this.takeBack();
      throw storageError(error);
    }
    this.syncedSize = this.journalSize;
    this.unsynced = [];
    if (this.entries >= this.compactAfter) this.compact();
  }

  /** Cuts the journal back to what is on disk and restores the data the unsynced changes replaced. */
  private takeBack(): void {
    const reverted = this.unsynced.reverse().map(({ change, before }) => {
      apply(this.data, { c: change.c, id: change.id, v: before });
      return { change, restored: before };
    });
    this.unsynced = [];
    this.journalSize = this.syncedSize;
    try {
      this.cutBack();
    } catch {
      this.tornTail = true; // Tried again before the next write.
    }
    this.onRevert(reverted);
  }

  close(): void {
    // The lines still waiting for their group's sync are synced now (that sync then finds none).
    void this.syncGroup().catch(() => undefined);
    fs.closeSync(this.journalFd);
  }

  private cutBack(): void {
    fs.ftruncateSync(this.journalFd, this.journalSize);
    this.tornTail = false;
  }

  /**
   * Writes the snapshot (a record a line) and empties the journal; on failure keeps the journal (it
   * holds everything) and tries again later. True when the snapshot was written.
   */
  private compact(): boolean {
    const snapshotFile = path.join(this.dir, SNAPSHOT);
    const temporary = `${snapshotFile}.${process.pid}.tmp`;
    try {
      const fd = fs.openSync(temporary, 'w');
      try {
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const flush = () => {
          writeAll(this.disk, fd, Buffer.concat(pending));
          pending = [];
          pendingBytes = 0;
        };
        for (const [c, records] of Object.entries(this.data)) {
          for (const [id, v] of Object.entries(records)) {
            const line = Buffer.from(`${JSON.stringify({ c, id, v } satisfies Change)}\n`);
            pending.push(line);
            pendingBytes += line.length;
            if (pendingBytes >= CHUNK_BYTES) flush();
          }
        }
        flush();
        this.disk.sync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temporary, snapshotFile);
      fs.ftruncateSync(this.journalFd, 0);
      this.journalSize = 0;
      this.syncedSize = 0;
      this.entries = 0;
      this.compactAfter = COMPACT_AFTER;
      return true;
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      this.compactAfter = this.entries + COMPACT_AFTER;
      this.log(
        `Could not write the snapshot ${snapshotFile} (${(error as Error).message}); the journal keeps every change and the snapshot is tried again later.`,
      );
      return false;
    }
  }
}

function storageError(error: unknown): StorageError {
  const full = ['ENOSPC', 'EDQUOT'].includes(errorCode(error) ?? '');
  return new StorageError(`${full ? 'The disk is full' : 'The disk failed'} (${(error as Error).message}): the change was not saved.`, full);
}

/**
 * Calls `onLine` with each line of `file` (without its newline) and the offset just past it, reading
 * a chunk at a time; returns the bytes of complete lines and the file's size.
 */
function forEachLine(file: string, onLine: (line: Buffer, end: number) => void): { complete: number; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let carried: Buffer[] = [];
    let position = 0;
    let complete = 0;
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      position += read;
      let start = 0;
      for (let newline = chunk.indexOf(0x0a, start); newline !== -1 && newline < read; newline = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, newline);
        const line = carried.length ? Buffer.concat([...carried, piece]) : piece;
        carried = [];
        complete = position - read + newline + 1;
        onLine(line, complete);
        start = newline + 1;
      }
      if (start < read) carried.push(Buffer.from(chunk.subarray(start, read)));
    }
    return { complete, size: position };
  } finally {
    fs.closeSync(fd);
  }
}

function readSnapshot(file: string): Collections {
  const data: Collections = {};
  forEachLine(file, (line) => apply(data, JSON.parse(line.toString('utf8')) as Change));
  return data;
}

/** Applies the journal's complete lines to `data`; cuts a torn last line off. Returns the journal's size after. */
function replayJournal(dir: string, data: Collections, log: (message: string) => void): number {
  const journalFile = path.join(dir, JOURNAL);
  // A line that does not parse is torn when it is the last one (cut off below), else kept aside.
  let unparsed: { line: Buffer; start: number; number: number } | undefined;
  let lineNumber = 0;
  const setAside = ({ line, number }: { line: Buffer; number: number }) => {
    // Left by an earlier emulator, which appended after a failed write: kept aside, not lost.
    fs.appendFileSync(path.join(dir, UNREADABLE), Buffer.concat([line, Buffer.from('\n')]));
    log(`Line ${number} of ${journalFile} is not a complete change and was skipped; it is kept in ${path.join(dir, UNREADABLE)}.`);
  };
  const read = forEachLine(journalFile, (line, end) => {
    lineNumber++;
    if (unparsed) setAside(unparsed);
    unparsed = undefined;
    let entry: Change | Change[];
    try {
      entry = JSON.parse(line.toString('utf8'));
    } catch {
      unparsed = { line: Buffer.from(line), start: end - line.length - 1, number: lineNumber };
      return;
    }
    for (const change of Array.isArray(entry) ? entry : [entry]) apply(data, change);
  });
  const { size } = read;
  // A last line that does not parse was torn by a crash of the machine: cut off below.
  const complete = unparsed ? unparsed.start : read.complete;
  if (complete < size) {
    fs.truncateSync(journalFile, complete);
    log(`Cut off an incomplete last change (${size - complete} bytes) from ${journalFile}: a write interrupted by a crash, never acknowledged.`);
  }
  return complete;
}

function apply(data: Collections, change: Change): void {
  const collection = (data[change.c] ??= {});
  if (change.v === undefined) delete collection[change.id];
  else collection[change.id] = change.v;
}
