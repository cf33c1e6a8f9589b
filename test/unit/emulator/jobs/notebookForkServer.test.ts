// Notebook runs forked by the warm Python worker (PythonForkServer.ts, forkServerSource.ts): runs
// side by side stay apart, Cancel reaches what the user's code started, the user's code cannot
// reach the worker's control pipes, a worker that dies fails its runs and is replaced, and the
// spawn-per-run fallback still runs notebooks.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createJobRunner } from '../../../../src/emulator/jobs';
import { FORK_SERVER_SOURCE } from '../../../../src/emulator/jobs/notebook/forkServerSource';
import type { JobParameter } from '../../../../src/fabric/types';
import { waitFor } from '../../../support/waitFor';
import { pyNotebook } from './notebookFixtures';
import { notebookSuite, processIsGone } from './notebookSuite';
import { TestTenant } from './testTenant';

const text = (name: string, value: string): JobParameter => ({ name, type: 'Text', value });

describe('emulator notebook runs forked by the warm Python worker', function () {
  if (process.platform === 'win32') return; // no fork: every run spawns (the fallback test below covers it)
  const suite = notebookSuite('fork-server-test-');

  function notebook(source: string[]) {
    return suite.tenant.add('Notebook', 'Forked', {
      'notebook-content.py': pyNotebook([
        { kind: 'parameters', source: 'name = ""\nfolder = ""' },
        { kind: 'code', source: source.join('\n') },
      ]),
    });
  }

  /** Python that waits until `folder` holds a file named `other` (the other run is under way). */
  const waitForFile = (other: string) => ['import os, time', `while not os.path.exists(os.path.join(folder, ${other})):`, '    time.sleep(0.01)'];

  it('runs two notebooks at once, each with its own globals, modules, folder, HOME and output', async () => {
    const item = notebook([
      'import json, os, random, sys',
      'saw = {"global": "shared" in globals(), "module": hasattr(json, "claimed_by")}',
      'shared = json.claimed_by = name',
      'open(os.path.join(folder, name), "w").close()',
      ...waitForFile('"b" if name == "a" else "a"'),
      'for _ in range(3):',
      '    print("from " + name)',
      'print("err " + name, file=sys.stderr)',
      'notebookutils.notebook.exit(json.dumps({"saw": saw, "cwd": os.getcwd(), "home": os.path.expanduser("~"), "parent": os.getppid(), "random": random.random()}))',
    ]);
    const [a, b] = await Promise.all(['a', 'b'].map((name) => suite.tenant.run(item, 'RunNotebook', [text('name', name), text('folder', suite.dir)])));
    const seen = [a!, b!].map((outcome) => {
      assert.equal(outcome.status, 'Completed', outcome.failureReason?.message);
      return JSON.parse(outcome.exitValue!) as { saw: object; cwd: string; home: string; parent: number; random: number };
    });
    for (const run of seen) assert.deepEqual(run.saw, { global: false, module: false });
    assert.notEqual(seen[0]!.cwd, seen[1]!.cwd);
    assert.notEqual(seen[0]!.random, seen[1]!.random, 'each fork has a random state of its own');
    assert.deepEqual(
      seen.map((run) => run.home),
      seen.map((run) => run.cwd),
    );
    assert.equal(seen[0]!.parent, seen[1]!.parent, 'both forked by the one worker');
    assert.notEqual(seen[0]!.parent, process.pid, 'forked, not spawned by the emulator');
    // stdout is buffered and stderr is not: each run's own lines, in either order.
    const lines = (output: string | undefined) => (output ?? '').split('\n').filter(Boolean).sort();
    assert.deepEqual(lines(a!.output), ['err a', 'from a', 'from a', 'from a']);
    assert.deepEqual(lines(b!.output), ['err b', 'from b', 'from b', 'from b']);
  });

  it('ends a forked run as a process of its own ends: its threads finish, its atexit handlers run', async () => {
    const item = notebook([
      'import atexit, os, threading',
      'go = threading.Event()',
      'def write_lines():',
      '    go.wait()',
      '    with open(os.path.join(folder, "thread"), "w") as out:',
      '        out.writelines(f"line {n}\\n" for n in range(20000))',
      'threading.Thread(target=write_lines).start()',
      'atexit.register(lambda: open(os.path.join(folder, "atexit"), "w").write("ran"))',
      'go.set()',
    ]);
    const outcome = await suite.tenant.run(item, 'RunNotebook', [text('folder', suite.dir)]);
    assert.equal(outcome.status, 'Completed', outcome.failureReason?.message);
    assert.equal(readFileSync(join(suite.dir, 'thread'), 'utf8').split('\n').length, 20001);
    assert.equal(readFileSync(join(suite.dir, 'atexit'), 'utf8'), 'ran');
  });

  it('cancels a run together with a process its code started', async () => {
    const pidFile = join(suite.dir, 'grandchild');
    const item = notebook([
      'import subprocess, sys, time',
      'sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])',
      'open(name, "w").write(str(sleeper.pid))',
      'time.sleep(60)',
    ]);
    const abort = new AbortController();
    const running = suite.tenant.run(item, 'RunNotebook', [text('name', pidFile)], abort.signal);
    const grandchild = await waitFor(() => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')), 'the notebook started its sleeper');
    assert.equal(processIsGone(grandchild), false);
    abort.abort();
    assert.equal((await running).status, 'Cancelled');
    await waitFor(() => processIsGone(grandchild), 'the sleeper the notebook started is gone');
  });

  it("keeps the worker's control pipes out of the user's reach: writing to every descriptor disturbs no other run", async () => {
    const forged = JSON.stringify({ id: 'x', code: 0 }) + '\n{"ready": true}\nnot json\n';
    const meddler = notebook([
      'import os',
      'listing = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"',
      'found = sorted(int(fd) for fd in os.listdir(listing))',
      'reached = []',
      'for fd in set(range(3, 21)) | set(found):',
      '    try:',
      `        os.write(fd, ${JSON.stringify(forged)}.encode())`,
      '        reached.append(fd) if fd > 2 else None',
      '    except OSError:',
      '        pass',
      'open(os.path.join(folder, "meddled"), "w").close()',
      'notebookutils.notebook.exit(str(reached))',
    ]);
    const victim = notebook([...waitForFile('"meddled"'), 'notebookutils.notebook.exit("intact " + name)']);
    const [victimRun, meddlerRun] = await Promise.all([
      suite.tenant.run(victim, 'RunNotebook', [text('name', 'victim'), text('folder', suite.dir)]),
      suite.tenant.run(meddler, 'RunNotebook', [text('folder', suite.dir)]),
    ]);
    assert.deepEqual([meddlerRun.status, meddlerRun.exitValue], ['Completed', '[]'], 'no descriptor past stdout and stderr is open in a run');
    assert.deepEqual([victimRun.status, victimRun.exitValue], ['Completed', 'intact victim']);
    const after = await suite.tenant.run(notebook(['notebookutils.notebook.exit("still serving")']), 'RunNotebook');
    assert.deepEqual([after.status, after.exitValue], ['Completed', 'still serving']);
  });

  it('fails the runs of a worker that was killed, saying so, and starts a new worker for the next run', async () => {
    const pidFile = join(suite.dir, 'pids');
    const item = notebook(['import os, time', 'open(name, "w").write(f"{os.getpid()} {os.getppid()}")', 'time.sleep(60)']);
    const running = suite.tenant.run(item, 'RunNotebook', [text('name', pidFile)]);
    const [run, worker] = (await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8'), 'the run wrote its pids')).split(' ').map(Number);
    assert.notEqual(worker, process.pid);
    process.kill(worker!, 'SIGKILL');
    const outcome = await running;
    assert.equal(outcome.status, 'Failed');
    assert.match(outcome.failureReason?.message ?? '', /^The emulator's Python worker stopped: it was killed by SIGKILL\./);
    await waitFor(() => processIsGone(run!), "the lost run's process is gone");

    const next = await suite.tenant.run(notebook(['import os', 'notebookutils.notebook.exit(str(os.getppid()))']), 'RunNotebook');
    assert.equal(next.status, 'Completed', next.failureReason?.message);
    assert.notEqual(Number(next.exitValue), worker);
  });

  it('ends the worker on close(), as the emulator does when it stops', async () => {
    const outcome = await suite.tenant.run(notebook(['import os', 'notebookutils.notebook.exit(str(os.getppid()))']), 'RunNotebook');
    const worker = Number(outcome.exitValue);
    assert.equal(processIsGone(worker), false);
    suite.runner.close();
    await waitFor(() => processIsGone(worker), 'the worker is gone');
  });

  it("never keeps the emulator's process alive, and ends when that process does", async () => {
    const script = join(suite.dir, 'emulator.mts');
    const source = (path: string) => JSON.stringify(join(__dirname, path));
    writeFileSync(
      script,
      [
        `import { createJobRunner } from ${source('../../../../src/emulator/jobs/index.ts')};`,
        `import { pyNotebook } from ${source('notebookFixtures.ts')};`,
        `import { TestTenant } from ${source('testTenant.ts')};`,
        'const tenant = new TestTenant(createJobRunner());',
        `const code = { kind: 'code', source: 'import os\\nnotebookutils.notebook.exit(str(os.getppid()))' } as const;`,
        "const item = tenant.add('Notebook', 'Forked', { 'notebook-content.py': pyNotebook([code]) });",
        "process.stdout.write((await tenant.run(item, 'RunNotebook')).exitValue ?? 'no exit value');",
      ].join('\n'),
    );
    const emulator = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let printed = '';
    emulator.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => emulator.on('close', resolve));
    assert.equal(code, 0, 'it ended by itself, the worker idle and never closed');
    const worker = Number(printed);
    assert.ok(worker > 0 && worker !== emulator.pid, `the worker's pid: ${printed}`);
    await waitFor(() => processIsGone(worker), 'the worker ended with it');
  });

  it('answers a request line that is not a run request with an error, and goes on serving', async () => {
    const worker = spawn('python3', ['-c', FORK_SERVER_SOURCE], { stdio: 'pipe' });
    const reports: object[] = [];
    createInterface({ input: worker.stdout }).on('line', (line) => reports.push(JSON.parse(line) as object));
    await waitFor(() => reports.length === 1, 'the worker is ready');
    worker.stdin.write(`not json\n[1, 2]\n{"id": "r1", "spec": "s"}\n${'['.repeat(100_000)}\n`);
    await waitFor(() => reports.length === 5, 'the worker answered the four lines');
    assert.deepEqual(reports[0], { ready: true });
    for (const report of reports.slice(1)) assert.match((report as { error: string }).error, /^not a run request: /);
    const exited = new Promise<number | null>((resolve) => worker.on('close', (code) => resolve(code)));
    worker.stdin.end();
    assert.equal(await exited, 0, 'it ends at the end of its input, not on a bad line');
  });
});

describe('emulator notebook runs without the warm worker (the fallback: Windows, or a worker that cannot start)', () => {
  it('spawns a Python process per run', async () => {
    const tenant = new TestTenant(createJobRunner({ forkServer: false }));
    const item = tenant.add('Notebook', 'Spawned', {
      'notebook-content.py': pyNotebook([{ kind: 'code', source: 'import os\nprint("spawned")\nnotebookutils.notebook.exit(str(os.getppid()))' }]),
    });
    const outcome = await tenant.run(item, 'RunNotebook');
    assert.deepEqual([outcome.status, outcome.exitValue, outcome.output], ['Completed', String(process.pid), 'spawned\n']);
  });
});
