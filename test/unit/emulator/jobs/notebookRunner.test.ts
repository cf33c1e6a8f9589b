import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ipynbNotebook, pyNotebook, type FixtureCell } from './notebookFixtures';
import { notebookSuite, processIsGone } from './notebookSuite';
import type { TestTenant } from './testTenant';

function pyItem(tenant: TestTenant, cells: FixtureCell[]) {
  return tenant.add('Notebook', 'Notebook 1', { 'notebook-content.py': pyNotebook(cells), '.platform': '{}' });
}

/** The file's text once the notebook has written it; throws if the run ends first. */
async function waitForFile(path: string, runEnded: () => boolean): Promise<string> {
  for (;;) {
    if (runEnded()) throw new Error('The notebook ended before writing ' + path);
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('emulator notebook runner', () => {
  const suite = notebookSuite('notebook-runner-test-');

  it('injects run parameters after the parameters cell of notebook-content.py, converted by type', async () => {
    const item = pyItem(suite.tenant, [
      { kind: 'markdown', source: '# Greeting' },
      { kind: 'parameters', source: 'name = "nobody"\ncount = 1\nratio = 0.5\nloud = False' },
      {
        kind: 'code',
        source: [
          'assert isinstance(count, int) and isinstance(ratio, float) and isinstance(loud, bool)',
          'text = f"{name}:{count * 2}:{ratio * 2}"',
          'notebookutils.notebook.exit(text.upper() if loud else text)',
        ].join('\n'),
      },
    ]);
    const outcome = await suite.tenant.run(item, 'RunNotebook', [
      { name: 'name', type: 'Text', value: 'Ada' },
      { name: 'count', type: 'Integer', value: 21 },
      { name: 'ratio', type: 'Number', value: '1.25' },
      { name: 'loud', type: 'Boolean', value: 'true' },
    ]);
    assert.equal(outcome.status, 'Completed', outcome.failureReason?.message);
    assert.equal(outcome.exitValue, 'ADA:42:2.5');
  });

  it('reads .ipynb notebooks, tagged parameters cell and older form types included', async () => {
    const item = suite.tenant.add('Notebook', 'Notebook 2', {
      'notebook-content.ipynb': ipynbNotebook([
        { kind: 'parameters', source: 'a = 1\nb = "x"\n' },
        { kind: 'code', source: 'notebookutils.notebook.exit(a + len(b))' },
      ]),
    });
    const outcome = await suite.tenant.run(item, 'Execute', [
      { name: 'a', type: 'int' as never, value: '40' },
      { name: 'b', type: 'string' as never, value: 'ab' },
    ]);
    assert.equal(outcome.status, 'Completed', outcome.failureReason?.message);
    assert.equal(outcome.exitValue, '42');
  });

  it('keeps the defaults when the run has no parameters, and exit() turns the value into a string', async () => {
    const item = pyItem(suite.tenant, [
      { kind: 'parameters', source: 'n = 7' },
      { kind: 'code', source: 'notebookutils.notebook.exit(n)' },
    ]);
    const outcome = await suite.tenant.run(item, 'RunNotebook');
    assert.deepEqual([outcome.status, outcome.exitValue], ['Completed', '7']);
  });

  it('ends the run at exit(), even inside try/except Exception: later code does not run', async () => {
    const marker = join(suite.dir, 'after-exit.txt');
    const item = pyItem(suite.tenant, [
      { kind: 'parameters', source: 'marker = ""' },
      { kind: 'code', source: 'try:\n    notebookutils.notebook.exit("early")\nexcept Exception:\n    pass\nopen(marker, "w").write("same cell")' },
      { kind: 'code', source: 'open(marker, "w").write("next cell")' },
    ]);
    const outcome = await suite.tenant.run(item, 'RunNotebook', [{ name: 'marker', type: 'Text', value: marker }]);
    assert.deepEqual([outcome.status, outcome.exitValue], ['Completed', 'early']);
    assert.equal(existsSync(marker), false);
  });

  it('supports the mssparkutils alias, global and imported', async () => {
    const viaGlobal = pyItem(suite.tenant, [{ kind: 'code', source: 'mssparkutils.notebook.exit("global")' }]);
    const viaImport = pyItem(suite.tenant, [{ kind: 'code', source: 'from notebookutils import mssparkutils as mu\nmu.notebook.exit("imported")' }]);
    assert.equal((await suite.tenant.run(viaGlobal, 'RunNotebook')).exitValue, 'global');
    assert.equal((await suite.tenant.run(viaImport, 'RunNotebook')).exitValue, 'imported');
  });

  it('fails on an exception with its type, message and a traceback of the user cells only', async () => {
    const item = pyItem(suite.tenant, [
      { kind: 'code', source: 'def ratio(a, b):\n    return a / b' },
      { kind: 'code', source: 'x = 1\nprint("before")\nratio(x, 0)' },
    ]);
    const outcome = await suite.tenant.run(item, 'RunNotebook');
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.failureReason?.errorCode, 'NotebookExecutionFailed');
    const message = outcome.failureReason?.message ?? '';
    assert.match(message, /^ZeroDivisionError: division by zero/);
    assert.match(message, /File "<cell 2>", line 3, in <module>\n\s+ratio\(x, 0\)/);
    assert.match(message, /File "<cell 1>", line 2, in ratio\n\s+return a \/ b/);
    assert.doesNotMatch(message, /exec\(|driver|_run/);
    assert.match(outcome.output ?? '', /before/);
  });

  it('fails with a clear reason on Spark code and on a pyspark import', async () => {
    const sparkCall = pyItem(suite.tenant, [{ kind: 'code', source: 'df = spark.read.csv("Files/x.csv")' }]);
    const pysparkImport = pyItem(suite.tenant, [{ kind: 'code', source: 'from pyspark.sql import functions as F' }]);
    for (const item of [sparkCall, pysparkImport]) {
      const outcome = await suite.tenant.run(item, 'RunNotebook');
      assert.equal(outcome.status, 'Failed');
      assert.match(outcome.failureReason?.message ?? '', /^The notebook needs Spark: there is no Spark in the local Fabric emulator/);
    }
  });

  it('refuses sparksql cells before running anything', async () => {
    const marker = join(suite.dir, 'ran.txt');
    const item = pyItem(suite.tenant, [
      { kind: 'parameters', source: 'marker = ""' },
      { kind: 'code', source: 'open(marker, "w").write("ran")' },
      { kind: 'code', source: '%%sql\nSELECT * FROM sales', language: 'sparksql' },
    ]);
    const outcome = await suite.tenant.run(item, 'RunNotebook', [{ name: 'marker', type: 'Text', value: marker }]);
    assert.equal(outcome.status, 'Failed');
    assert.match(outcome.failureReason?.message ?? '', /Cell 3 is a sparksql cell: the local emulator cannot run sparksql cells: no Spark here/);
    assert.equal(existsSync(marker), false);
  });

  it('skips %pip installs, refuses other line magics, and leaves valid Python that looks like a magic alone', async () => {
    const item = pyItem(suite.tenant, [
      { kind: 'code', source: '%pip install --quiet nothing\ntemplate = """\n%s done\n"""' },
      { kind: 'code', source: 'notebookutils.notebook.exit(template.strip() % "pip")' },
    ]);
    const outcome = await suite.tenant.run(item, 'RunNotebook');
    assert.deepEqual([outcome.status, outcome.exitValue], ['Completed', 'pip done']);

    const runMagic = pyItem(suite.tenant, [{ kind: 'code', source: 'x = 1\n%run Helpers' }]);
    const failedRun = await suite.tenant.run(runMagic, 'RunNotebook');
    assert.equal(failedRun.status, 'Failed');
    assert.match(failedRun.failureReason?.message ?? '', /Cell 1, line 2: the local emulator cannot run the magic %run; it runs plain Python cells only/);
  });

  it('fails clearly on a parameter value that does not fit its type', async () => {
    const item = pyItem(suite.tenant, [{ kind: 'parameters', source: 'n = 1' }]);
    const outcome = await suite.tenant.run(item, 'RunNotebook', [{ name: 'n', type: 'Integer', value: 'many' }]);
    assert.equal(outcome.failureReason?.errorCode, 'InvalidParameter');
    assert.match(outcome.failureReason?.message ?? '', /'n' is an Integer, but its value "many" is not a whole number/);
  });

  it('cancels a long-running notebook: resolves Cancelled and the python process is gone', async () => {
    const pidFile = join(suite.dir, 'pid.txt');
    const item = pyItem(suite.tenant, [
      { kind: 'parameters', source: 'pid_file = ""' },
      { kind: 'code', source: 'import os, time\nopen(pid_file, "w").write(str(os.getpid()))\ntime.sleep(60)' },
    ]);
    const abort = new AbortController();
    const running = suite.tenant.run(item, 'RunNotebook', [{ name: 'pid_file', type: 'Text', value: pidFile }], abort.signal);
    let ended = false;
    void running.finally(() => (ended = true));
    const pid = Number(await waitForFile(pidFile, () => ended));
    assert.equal(processIsGone(pid), false);
    abort.abort();
    const outcome = await running;
    assert.equal(outcome.status, 'Cancelled');
    assert.equal(processIsGone(pid), true);
  });
});
