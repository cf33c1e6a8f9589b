// Runs the notebook driver in one Python process (forked by the warm worker or spawned:
// DriverLauncher.ts), in a process group of its own so that a cancel can end it together with
// anything the user's code started. Notebook code is the user's own code
// running with the user's rights, not a sandbox; what the run gets is kept small all the same: an
// environment without the emulator's variables (no tokens or keys leak in), a temporary folder of
// its own as working folder, HOME and TMPDIR (deleted afterwards), a time limit and, where the OS
// allows, a memory limit.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverLauncher } from './DriverLauncher';
import { DriverNotStarted, OutputBuffer, type DriverExit, type StartedDriver } from './driverProcess';
import type { DriverCell } from './notebookCells';

/** What the driver writes to its result file (see notebookDriverSource.ts). */
export type DriverResult =
  { status: 'Completed'; exitValue?: string } | { status: 'Failed'; errorType: string; message: string; traceback: string; noSpark: boolean };

export type NotebookProcessResult =
  | { kind: 'finished'; result: DriverResult; output: string }
  | { kind: 'cancelled'; output: string }
  /** The process could not start, or died without writing its result (killed, out of memory…). */
  | { kind: 'crashed'; reason: string; output: string };

export interface NotebookLimits {
  /** A run still going after this long is stopped and fails. */
  timeMs: number;
  /** The address space the Python process may use (RLIMIT_AS; not enforced on Windows). */
  memoryBytes: number;
}

export const DEFAULT_NOTEBOOK_LIMITS: NotebookLimits = { timeMs: 60 * 60_000, memoryBytes: 4 * 1024 ** 3 };

/** How long the process has after SIGTERM before its whole group gets SIGKILL. */
const KILL_GRACE_MS = 1000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

type ProcessEnd = DriverExit | { kind: 'cancelled' } | { kind: 'timedOut' };

/** Waits for the process to end; Cancel and the time limit end its group (SIGTERM, then SIGKILL). */
async function supervise(driver: StartedDriver, timeMs: number, signal: AbortSignal): Promise<ProcessEnd> {
  let killTimer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const stop = (): void => {
    killGroup(driver.pid, 'SIGTERM');
    killTimer ??= setTimeout(() => killGroup(driver.pid, 'SIGKILL'), KILL_GRACE_MS);
  };
  const timeLimit = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeMs);
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  try {
    const exit = await driver.exited;
    // Whatever the user's code left behind, or a run whose worker is gone.
    if (signal.aborted || timedOut || exit.kind === 'lost') killGroup(driver.pid, 'SIGKILL');
    if (signal.aborted) return { kind: 'cancelled' };
    return timedOut ? { kind: 'timedOut' } : exit;
  } finally {
    signal.removeEventListener('abort', stop);
    clearTimeout(killTimer);
    clearTimeout(timeLimit);
  }
}

async function readDriverResult(resultPath: string): Promise<DriverResult | undefined> {
  try {
    return JSON.parse(await readFile(resultPath, 'utf8')) as DriverResult;
  } catch {
    return undefined;
  }
}

/** Runs the cells in order in one Python process; resolves once the process is gone. */
export async function runNotebookProcess(
  launcher: DriverLauncher,
  cells: readonly DriverCell[],
  signal: AbortSignal,
  limits: NotebookLimits = DEFAULT_NOTEBOOK_LIMITS,
): Promise<NotebookProcessResult> {
  // A short name: the output socket's path must fit in 104 bytes (macOS).
  const dir = await mkdtemp(join(tmpdir(), 'fwb-nb-'));
  try {
    const paths = { spec: join(dir, 'spec.json'), result: join(dir, 'result.json'), work: join(dir, 'work'), output: join(dir, 'out') };
    await mkdir(paths.work);
    await writeFile(paths.spec, JSON.stringify({ cells, memoryBytes: limits.memoryBytes }), 'utf8');
    const output = new OutputBuffer();
    let driver: StartedDriver;
    try {
      driver = await launcher.launch(paths, output);
    } catch (error) {
      if (error instanceof DriverNotStarted) return { kind: 'crashed', reason: error.message, output: output.toString() };
      throw error;
    }
    const end = await supervise(driver, limits.timeMs, signal);
    if (end.kind === 'cancelled') return { kind: 'cancelled', output: output.toString() };
    if (end.kind === 'lost') return { kind: 'crashed', reason: end.reason, output: output.toString() };
    if (end.kind === 'timedOut')
      return {
        kind: 'crashed',
        reason: `The notebook ran longer than the emulator's limit of ${Math.round(limits.timeMs / 1000)} s and was stopped.`,
        output: output.toString(),
      };
    const result = await readDriverResult(paths.result);
    if (result) return { kind: 'finished', result, output: output.toString() };
    return { kind: 'crashed', reason: `The Python process ${end.how} before the notebook finished.`, output: output.toString() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
