// One emulator per data folder. Two processes appending to (and compacting) one journal lose each
// other's acknowledged writes, so the folder is locked before anything in it is read or written.
//
// Node has no file lock (flock/LockFileEx) without a native module, so the lock is a file,
// `emulator.lock`, holding the owner's process id. It is created atomically with its content (a
// hard link from a temporary file: the link fails if the lock exists), so no one ever reads a
// half-written lock. A lock whose process is gone (the owner was SIGKILLed) is stale and taken
// over; a stale lock is first renamed aside, so of two emulators finding it only one removes it.
// A lock naming this very process but not held by it is stale too (a container restarted with the
// same pid). The price of a pid lock: if a dead owner's pid now belongs to an unrelated process,
// the folder reads as in use until the lock file is deleted; the message says so.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const LOCK = 'emulator.lock';

/** Lock files this process holds (two emulators in one process must not share a folder either). */
const held = new Set<string>();

export class DataFolderInUseError extends Error {}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // held by this process: `held` says so, checked before
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

function readPid(file: string): number | undefined {
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

export class DataFolderLock {
  private constructor(private readonly file: string) {}

  /** Creates the folder if needed and locks it; throws DataFolderInUseError when another emulator has it. */
  static acquire(dir: string, log: (message: string) => void): DataFolderLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, LOCK);
    const inUse = (pid: number | string) =>
      new DataFolderInUseError(
        `The data folder ${dir} is in use by another Fabric emulator (process ${pid}). Stop that emulator or use another data folder; ` +
          `if no emulator uses it, delete ${file}.`,
      );
    if (held.has(file)) throw inUse(process.pid);
    for (let attempt = 0; attempt < 5; attempt++) {
      const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      fs.writeFileSync(temporary, `${process.pid}\n`);
      try {
        fs.linkSync(temporary, file);
        held.add(file);
        return new DataFolderLock(file);
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error;
      } finally {
        fs.unlinkSync(temporary);
      }
      let owner: number | undefined;
      try {
        owner = readPid(file);
      } catch (error) {
        if (code(error) === 'ENOENT') continue; // released meanwhile
        throw error;
      }
      if (owner === undefined) throw inUse('unknown');
      if (isAlive(owner)) throw inUse(owner);
      const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
      try {
        fs.renameSync(file, aside);
      } catch (error) {
        if (code(error) === 'ENOENT') continue; // another emulator took the stale lock aside first
        throw error;
      }
      const moved = readPid(aside);
      if (moved !== owner) {
        // A live emulator's fresh lock replaced the stale one in between: give it back.
        try {
          fs.linkSync(aside, file);
        } catch (error) {
          if (code(error) !== 'EEXIST') throw error;
        } finally {
          fs.unlinkSync(aside);
        }
        throw inUse(moved ?? 'unknown');
      }
      fs.unlinkSync(aside);
      log(`Took over the data folder lock of process ${owner}, which is no longer running.`);
    }
    throw inUse('unknown');
  }

  release(): void {
    held.delete(this.file);
    try {
      if (readPid(this.file) === process.pid) fs.unlinkSync(this.file);
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error;
    }
  }
}
