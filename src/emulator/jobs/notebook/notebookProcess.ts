// Runs the notebook driver in one Python process, in a process group of its own so that a cancel
// can end it together with anything the user's code started.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverCell } from './notebookCells';
import { NOTEBOOK_DRIVER_SOURCE } from './notebookDriverSource';

/** What the driver writes to its result file (see notebookDriverSource.ts). */
export type DriverResult =
  | { status: 'Completed'; exitValue?: string }
  | { status: 'Failed'; errorType: string; message: string; traceback: string; noSpark: boolean };

export type NotebookProcessResult =
  | { kind: 'finished'; result: DriverResult; output: string }
  | { kind: 'cancelled'; output: string }
  /** The process could not start, or died without writing its result (killed, out of memory…). */
  | { kind: 'crashed'; reason: string; output: string };

const OUTPUT_LIMIT = 64 * 1024;
/** How long the process has after SIGTERM before its whole group gets SIGKILL. */
const KILL_GRACE_MS = 1000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

class OutputBuffer {
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

type ProcessEnd =
  | { kind: 'exited'; how: string; output: string }
  | { kind: 'cancelled'; output: string }
  | { kind: 'notStarted'; reason: string; output: string };

function spawnDriver(python: string, specPath: string, resultPath: string, signal: AbortSignal): Promise<ProcessEnd> {
  return new Promise((resolve) => {
    const output = new OutputBuffer();
    const child = spawn(python, ['-c', NOTEBOOK_DRIVER_SOURCE, specPath, resultPath], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
    });
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      const pid = child.pid;
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    child.stdout.on('data', (chunk: Buffer) => output.append(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.append(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      const reason = error.code === 'ENOENT' ? `${python} was not found: the local emulator runs notebooks with Python 3 (python3 on the PATH).` : `Could not start ${python}: ${error.message}`;
      resolve({ kind: 'notStarted', reason, output: output.toString() });
    });
    child.on('close', (code, exitSignal) => {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      if (signal.aborted) {
        if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL'); // whatever the user's code left behind
        resolve({ kind: 'cancelled', output: output.toString() });
      } else {
        resolve({ kind: 'exited', how: exitSignal ? `was killed by ${exitSignal}` : `exited with code ${code}`, output: output.toString() });
      }
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function readDriverResult(resultPath: string): Promise<DriverResult | undefined> {
  try {
    return JSON.parse(await readFile(resultPath, 'utf8')) as DriverResult;
  } catch {
    return undefined;
  }
}

/** Runs the cells in order in one `python` process; resolves once the process is gone. */
export async function runNotebookProcess(python: string, cells: readonly DriverCell[], signal: AbortSignal): Promise<NotebookProcessResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fabric-notebook-'));
  try {
    const specPath = join(dir, 'spec.json');
    const resultPath = join(dir, 'result.json');
    await writeFile(specPath, JSON.stringify({ cells }), 'utf8');
    const end = await spawnDriver(python, specPath, resultPath, signal);
    if (end.kind === 'cancelled') return end;
    if (end.kind === 'notStarted') return { kind: 'crashed', reason: end.reason, output: end.output };
    const result = await readDriverResult(resultPath);
    if (result) return { kind: 'finished', result, output: end.output };
    return { kind: 'crashed', reason: `The Python process ${end.how} before the notebook finished.`, output: end.output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
