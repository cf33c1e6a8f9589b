// A run in a Python process of its own (`python3 -c DRIVER spec result`): Windows, and wherever the
// warm Python worker cannot start. Each start costs a Python start-up (~0.35 s of CPU).
import { spawn } from 'node:child_process';
import { describeExit, DriverNotStarted, type DriverExit, type OutputBuffer, type RunPaths, type StartedDriver } from './driverProcess';
import { NOTEBOOK_DRIVER_COMMAND } from './notebookDriverSource';
import { runEnvironment } from './runEnvironment';

export function spawnDriver(python: string, paths: RunPaths, output: OutputBuffer): Promise<StartedDriver> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', NOTEBOOK_DRIVER_COMMAND, paths.spec, paths.result], {
      detached: true,
      cwd: paths.work,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: runEnvironment(paths.work),
    });
    child.stdout.on('data', (chunk: Buffer) => output.append(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.append(chunk));
    // 'close': the process has exited and its output pipes are closed.
    const exited = new Promise<DriverExit>((done) => child.on('close', (code, signal) => done({ kind: 'exited', how: describeExit(code, signal) })));
    child.once('spawn', () => resolve({ pid: child.pid!, exited }));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new DriverNotStarted(
          error.code === 'ENOENT'
            ? `${python} was not found: the local emulator runs notebooks with Python 3 (python3 on the PATH).`
            : `Could not start ${python}: ${error.message}`,
        ),
      ),
    );
  });
}
