// A notebook run's driver process, however it was started (spawned on its own, or forked by the
// warm Python worker): what the rest of the run (cancel, time limit, result) needs of it.

/** The run's files: the spec the driver reads, the result it writes, its working folder, the socket its output goes to (forked runs). */
export interface RunPaths {
  spec: string;
  result: string;
  work: string;
  output: string;
}

/** How the process ended: it exited (and its output closed), or whatever watched it went away. */
export type DriverExit = { kind: 'exited'; how: string } | { kind: 'lost'; reason: string };

export interface StartedDriver {
  /** The process, leader of a process group of its own: Cancel and the time limit kill the group. */
  pid: number;
  exited: Promise<DriverExit>;
}

/** Nothing runs: the message says why (a run that fails with it). */
export class DriverNotStarted extends Error {}

/** "exited with code 1", "was killed by SIGKILL". */
export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

const OUTPUT_LIMIT = 64 * 1024;

/** What the run printed: its first 64 KiB, then "[output truncated]". */
export class OutputBuffer {
  private text = '';
  private truncated = false;

  append(chunk: Buffer): void {
    if (this.text.length >= OUTPUT_LIMIT) {
      this.truncated = true;
      return;
    }
    this.text += chunk.toString('utf8');
  }

  toString(): string {
    return this.truncated || this.text.length > OUTPUT_LIMIT ? this.text.slice(0, OUTPUT_LIMIT) + '\n[output truncated]' : this.text;
  }
}
