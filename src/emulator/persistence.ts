// The emulator's data folder: a snapshot plus an append-only journal of changes. Every change is
// appended and fsynced before the request is answered, so a restart or a SIGKILL never loses what
// was acknowledged; the snapshot is rewritten atomically (temporary file, fsync, rename) from time
// to time and the journal then starts again. A torn last journal line (a crash mid-append) is
// ignored: its request was never acknowledged.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Collections = Record<string, Record<string, unknown>>;

interface JournalEntry {
  c: string;
  id: string;
  /** Absent for a deletion. */
  v?: unknown;
}

const SNAPSHOT = 'state.json';
const JOURNAL = 'journal.ndjson';
const COMPACT_AFTER = 5000;

export class Persistence {
  private journalFd: number;
  private entries = 0;

  private constructor(private readonly dir: string, private readonly data: Collections) {
    this.journalFd = fs.openSync(path.join(dir, JOURNAL), 'a');
  }

  /** Opens (or creates) the data folder and loads what it holds. */
  static open(dir: string): { persistence: Persistence; data: Collections; fresh: boolean } {
    fs.mkdirSync(dir, { recursive: true });
    const snapshotFile = path.join(dir, SNAPSHOT);
    const journalFile = path.join(dir, JOURNAL);
    const fresh = !fs.existsSync(snapshotFile) && !fs.existsSync(journalFile);
    const data: Collections = fs.existsSync(snapshotFile) ? JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) : {};
    if (fs.existsSync(journalFile)) {
      for (const line of fs.readFileSync(journalFile, 'utf8').split('\n')) {
        if (!line) continue;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line);
        } catch {
          continue; // a torn last line
        }
        apply(data, entry);
      }
    }
    const persistence = new Persistence(dir, data);
    persistence.compact();
    return { persistence, data, fresh };
  }

  /** Records a change already made to the data; durable when this returns. */
  write(collection: string, id: string, value: unknown | undefined): void {
    const entry: JournalEntry = value === undefined ? { c: collection, id } : { c: collection, id, v: value };
    fs.writeSync(this.journalFd, `${JSON.stringify(entry)}\n`);
    fs.fdatasyncSync(this.journalFd);
    if (++this.entries >= COMPACT_AFTER) this.compact();
  }

  close(): void {
    fs.closeSync(this.journalFd);
  }

  private compact(): void {
    const snapshotFile = path.join(this.dir, SNAPSHOT);
    const temporary = `${snapshotFile}.${process.pid}.tmp`;
    const fd = fs.openSync(temporary, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(this.data));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, snapshotFile);
    fs.closeSync(this.journalFd);
    fs.writeFileSync(path.join(this.dir, JOURNAL), '');
    this.journalFd = fs.openSync(path.join(this.dir, JOURNAL), 'a');
    this.entries = 0;
  }
}

function apply(data: Collections, entry: JournalEntry): void {
  const collection = (data[entry.c] ??= {});
  if (entry.v === undefined) delete collection[entry.id];
  else collection[entry.id] = entry.v;
}
