// Runs the notebook driver in one Python process, in a process group of its own so that a cancel
// can end it together with anything the user's code started. Notebook code is the user's own code
// running with the user's rights, not a sandbox; what the run gets is kept small all the same: an
// environment without the emulator's variables (no tokens or keys leak in), a temporary folder of
// its own as working folder, HOME and TMPDIR (deleted afterwards), a time limit and, where the OS
// allows, a memory limit.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverCell } from './notebookCells';
import { NOTEBOOK_DRIVER_SOURCE } from './notebookDriverSource';

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

/** The variables the run inherits: what finds and runs Python, nothing else (no tokens, no keys). */
const INHERITED = [
  'PATH',
  'PATHEXT',
  'SYSTEMROOT',
  'WINDIR',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONUSERBASE',
];

function runEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name];
  // pip install --user packages stay importable although HOME moves.
  if (process.platform === 'linux') env.PYTHONUSERBASE ??= join(homedir(), '.local');
  return { ...env, HOME: home, USERPROFILE: home, TMPDIR: home, TMP: home, TEMP: home, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' };
}

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
  | { kind: 'timedOut'; output: string }
  | { kind: 'notStarted'; reason: string; output: string };

function spawnDriver(python: string, paths: { spec: string; result: string; work: string }, timeMs: number, signal: AbortSignal): Promise<ProcessEnd> {
  return new Promise((resolve) => {
    const output = new OutputBuffer();
    const child = spawn(python, ['-c', NOTEBOOK_DRIVER_SOURCE, paths.spec, paths.result], {
      detached: true,
      cwd: paths.work,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: runEnvironment(paths.work),
    });
    let killTimer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const stop = (): void => {
      const pid = child.pid;
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const onAbort = stop;
    const timeLimit = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeMs);
    child.stdout.on('data', (chunk: Buffer) => output.append(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.append(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(timeLimit);
      const reason =
        error.code === 'ENOENT'
          ? `${python} was not found: the local emulator runs notebooks with Python 3 (python3 on the PATH).`
          : `Could not start ${python}: ${error.message}`;
      resolve({ kind: 'notStarted', reason, output: output.toString() });
    });
    child.on('close', (code, exitSignal) => {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      clearTimeout(timeLimit);
      if (signal.aborted || timedOut) {
        if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL'); // whatever the user's code left behind
        resolve({ kind: signal.aborted ? 'cancelled' : 'timedOut', output: output.toString() });
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
export async function runNotebookProcess(
  python: string,
  cells: readonly DriverCell[],
  signal: AbortSignal,
  limits: NotebookLimits = DEFAULT_NOTEBOOK_LIMITS,
): Promise<NotebookProcessResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fabric-notebook-'));
  try {
    const paths = { spec: join(dir, 'spec.json'), result: join(dir, 'result.json'), work: join(dir, 'work') };
    await mkdir(paths.work);
    await writeFile(paths.spec, JSON.stringify({ cells, memoryBytes: limits.memoryBytes }), 'utf8');
    const end = await spawnDriver(python, paths, limits.timeMs, signal);
    if (end.kind === 'cancelled') return end;
    if (end.kind === 'notStarted') return { kind: 'crashed', reason: end.reason, output: end.output };
    if (end.kind === 'timedOut')
      return {
        kind: 'crashed',
        reason: `The notebook ran longer than the emulator's limit of ${Math.round(limits.timeMs / 1000)} s and was stopped.`,
        output: end.output,
      };
    const result = await readDriverResult(paths.result);
    if (result) return { kind: 'finished', result, output: end.output };
    return { kind: 'crashed', reason: `The Python process ${end.how} before the notebook finished.`, output: end.output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
