// The warm Python worker, Node's side (the Python side and the protocol: forkServerSource.ts).
// Started on the first run, it lives until close(); when it dies, the runs it had started fail with
// the reason and the next run starts a new one. Its handles are unref'd, so it never keeps the
// emulator's process alive, and it exits when the emulator's end of its stdin closes.
// A run's output comes through a Unix socket of its own, in the run's folder.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { describeExit, DriverNotStarted, type DriverExit, type OutputBuffer, type RunPaths, type StartedDriver } from './driverProcess';
import { FORK_SERVER_SOURCE } from './forkServerSource';
import { runEnvironment } from './runEnvironment';

/** The worker cannot take this run (it did not start, or the socket's path is too long): spawn it instead. */
export class ForkServerUnavailable extends Error {}

/** A socket's path holds 104 bytes on macOS (108 on Linux), its final NUL included. */
const MAX_SOCKET_PATH_BYTES = 103;
/** How much of the worker's stderr is kept, for the reason it stopped. */
const STDERR_TAIL = 2048;

interface Report {
  ready?: boolean;
  id?: string;
  pid?: number;
  code?: number;
  signal?: string;
  error?: string;
}

/** What a run hears from the worker. */
interface RunWatch {
  started(pid: number): void;
  exited(how: string): void;
  /** The worker refused the run, or stopped: before started() the run never began; after it, the run is lost. */
  failed(reason: string): void;
}

class Worker {
  readonly ready: Promise<void>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly runs = new Map<string, RunWatch>();
  private stopped: string | undefined;
  private stderrTail = '';

  constructor(python: string, onStopped: () => void) {
    let becameReady!: () => void;
    let failedToStart!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => ((becameReady = resolve), (failedToStart = reject)));
    // Its own session, as every run has: a terminal's Ctrl+C reaches the emulator, which cancels the runs.
    this.child = spawn(python, ['-c', FORK_SERVER_SOURCE], { detached: true, cwd: tmpdir(), stdio: 'pipe', env: runEnvironment(tmpdir()) });
    const stop = (reason: string): void => {
      if (this.stopped !== undefined) return;
      this.stopped = reason;
      failedToStart(new ForkServerUnavailable(reason));
      for (const run of this.runs.values()) run.failed(reason);
      this.runs.clear();
      onStopped();
    };
    this.child.stdin.on('error', () => undefined); // a write to a worker that has just died: 'close' says why
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL)));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onReport(line, becameReady));
    this.child.once('error', (error) => stop(`The emulator's Python worker could not start: ${error.message}`));
    // 'close' comes after the last report was read.
    this.child.once('close', (code, signal) => stop(`The emulator's Python worker stopped: it ${describeExit(code, signal)}.${this.lastError()}`));
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stderr]) (stream as unknown as Socket).unref();
    // Its reports keep the emulator's process alive only while it starts or runs something.
    void this.ready.then(
      () => this.holdWhileRunning(),
      () => undefined,
    );
  }

  run(request: RunPaths & { id: string }, watch: RunWatch): void {
    if (this.stopped !== undefined) return watch.failed(this.stopped);
    this.runs.set(request.id, watch);
    this.holdWhileRunning();
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
  }

  kill(): void {
    this.child.kill('SIGTERM');
  }

  private onReport(line: string, becameReady: () => void): void {
    let report: Report;
    try {
      report = JSON.parse(line) as Report;
    } catch {
      return; // not a report: the protocol's lines are all JSON
    }
    if (report.ready) return becameReady();
    const run = report.id === undefined ? undefined : this.runs.get(report.id);
    if (!run) return;
    if (typeof report.pid === 'number') return run.started(report.pid);
    this.runs.delete(report.id!);
    this.holdWhileRunning();
    if (report.error !== undefined) run.failed(`The emulator's Python worker could not start the run: ${report.error}`);
    else run.exited(describeExit(report.code ?? null, report.signal ?? null));
  }

  private holdWhileRunning(): void {
    const reports = this.child.stdout as unknown as Socket;
    if (this.runs.size > 0) reports.ref();
    else reports.unref();
  }

  private lastError(): string {
    const last = this.stderrTail.trim().split('\n').at(-1);
    return last ? ` ${last}` : '';
  }
}

/** Listens on the run's socket; the worker's connection (the only one taken) carries the run's stdout and stderr. */
function listenForOutput(path: string, output: OutputBuffer): Promise<{ closed: Promise<void>; close(): void }> {
  const server = createServer();
  let connection: Socket | undefined;
  const closed = new Promise<void>((resolve) =>
    server.once('connection', (socket) => {
      connection = socket;
      server.close();
      socket.on('data', (chunk: Buffer) => output.append(chunk));
      socket.on('error', () => undefined); // 'close' follows
      socket.on('close', () => resolve());
    }),
  );
  const close = (): void => {
    server.close();
    connection?.destroy();
  };
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new ForkServerUnavailable(`The run's output socket could not be opened: ${error.message}`)));
    server.listen(path, () => resolve({ closed, close }));
  });
}

/** Starts runs as children of the warm Python worker (POSIX only). */
export class PythonForkServer {
  private worker: Worker | undefined;

  constructor(private readonly python: string) {}

  /** Resolves once the run's process exists and its output is connected; throws ForkServerUnavailable when the worker cannot take it. */
  async launch(paths: RunPaths, output: OutputBuffer): Promise<StartedDriver> {
    if (Buffer.byteLength(paths.output) > MAX_SOCKET_PATH_BYTES) throw new ForkServerUnavailable(`The socket path ${paths.output} is too long.`);
    const worker = this.currentWorker();
    await worker.ready;
    const socket = await listenForOutput(paths.output, output);
    return new Promise((resolve, reject) => {
      let report!: (exit: DriverExit) => void;
      // Exited: the worker reported the exit and the output is closed (nothing of it is lost).
      const exited = new Promise<DriverExit>((settle) => (report = settle))
        .then(async (exit) => {
          if (exit.kind === 'exited') await socket.closed;
          return exit;
        })
        .finally(() => socket.close());
      let started = false;
      worker.run(
        { id: randomUUID(), ...paths },
        {
          started: (pid) => {
            started = true;
            resolve({ pid, exited });
          },
          exited: (how) => report({ kind: 'exited', how }),
          failed: (reason) => {
            if (started) return report({ kind: 'lost', reason });
            socket.close();
            reject(new DriverNotStarted(reason));
          },
        },
      );
    });
  }

  /** Ends the worker; a later run starts a new one. */
  close(): void {
    this.worker?.kill();
    this.worker = undefined;
  }

  private currentWorker(): Worker {
    if (!this.worker) {
      const worker: Worker = new Worker(this.python, () => {
        if (this.worker === worker) this.worker = undefined;
      });
      this.worker = worker;
    }
    return this.worker;
  }
}
