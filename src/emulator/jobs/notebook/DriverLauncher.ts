// How a notebook run's Python process starts: forked by the warm Python worker where there is one
// (POSIX), so a run costs what its code takes; else (Windows, a worker that cannot start, the option
// off) spawned as a process of its own. Whatever follows (cancel, time limit, result) is the same.
import type { OutputBuffer, RunPaths, StartedDriver } from './driverProcess';
import { ForkServerUnavailable, PythonForkServer } from './PythonForkServer';
import { spawnDriver } from './spawnDriver';

export class DriverLauncher {
  private readonly forkServer: PythonForkServer | undefined;

  /** `forkServer` false: every run spawns its own Python (the fallback, also for tests). */
  constructor(
    private readonly python: string,
    forkServer = true,
  ) {
    this.forkServer = forkServer && process.platform !== 'win32' ? new PythonForkServer(python) : undefined;
  }

  /** Throws DriverNotStarted when no process could be started. */
  async launch(paths: RunPaths, output: OutputBuffer): Promise<StartedDriver> {
    if (this.forkServer) {
      try {
        return await this.forkServer.launch(paths, output);
      } catch (error) {
        if (!(error instanceof ForkServerUnavailable)) throw error;
      }
    }
    return spawnDriver(this.python, paths, output);
  }

  /** Ends the warm worker (the emulator's shutdown); runs still going are lost. */
  close(): void {
    this.forkServer?.close();
  }
}
