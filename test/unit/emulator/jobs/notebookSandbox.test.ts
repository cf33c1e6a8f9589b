import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createJobRunner } from '../../../../src/emulator/jobs';
import { pyNotebook, type FixtureCell } from './notebookFixtures';
import { TestTenant } from './testTenant';

const SECRET_NAME = 'FABRIC_SANDBOX_TEST_TOKEN';
const SECRET = 'hunter2-do-not-leak';

function notebook(tenant: TestTenant, cells: FixtureCell[]) {
  return tenant.add('Notebook', 'Sandboxed', { 'notebook-content.py': pyNotebook(cells), '.platform': '{}' });
}

describe('emulator notebook sandbox', () => {
  afterEach(() => delete process.env[SECRET_NAME]);

  it("runs without the emulator's environment, in a temporary working folder, HOME and TMPDIR that are gone afterwards", async () => {
    process.env[SECRET_NAME] = SECRET;
    const tenant = new TestTenant(); // its warm Python worker starts now, with the secret in the emulator's environment
    const marker = `fwb-sandbox-${process.pid}-${Date.now()}.txt`;
    const item = notebook(tenant, [
      {
        kind: 'code',
        source: [
          'import json, os, tempfile',
          `open("${marker}", "w").write("relative")`,
          `open(os.path.join(os.path.expanduser("~"), "${marker}"), "w").write("home")`,
          'handle, temporary = tempfile.mkstemp()',
          'os.close(handle)',
          // The process that started the run (the warm worker, or the emulator on the fallback) as the OS shows it, where it does.
          'parent = f"/proc/{os.getppid()}/environ"',
          'parent_env = open(parent, "rb").read().decode(errors="replace") if os.path.exists(parent) else ""',
          'notebookutils.notebook.exit(json.dumps({"env": dict(os.environ), "parentEnv": parent_env, "cwd": os.getcwd(), "home": os.path.expanduser("~"), "temporary": temporary}))',
        ].join('\n'),
      },
    ]);
    const outcome = await tenant.run(item, 'RunNotebook');
    assert.equal(outcome.status, 'Completed', outcome.failureReason?.message);
    const seen = JSON.parse(outcome.exitValue!) as { env: Record<string, string>; parentEnv: string; cwd: string; home: string; temporary: string };
    assert.equal(seen.env[SECRET_NAME], undefined);
    assert.doesNotMatch(JSON.stringify(seen.env), new RegExp(SECRET));
    if (process.platform === 'linux') assert.doesNotMatch(seen.parentEnv, new RegExp(SECRET), "the warm worker's own environment has no secret either");
    assert.deepEqual(
      Object.keys(seen.env).filter((name) => /TOKEN|SECRET|KEY|PASSWORD|AZURE|GITHUB/i.test(name)),
      [],
    );
    assert.notEqual(seen.cwd, process.cwd());
    assert.notEqual(seen.home, homedir());
    assert.ok(seen.temporary.startsWith(seen.home), `${seen.temporary} is under the run's own folder`);
    for (const path of [seen.cwd, seen.home, seen.temporary, join(seen.cwd, marker)]) assert.equal(existsSync(path), false, `${path} was removed`);
    assert.equal(existsSync(join(process.cwd(), marker)), false, "nothing written in the emulator's working folder");
    assert.equal(existsSync(join(homedir(), marker)), false, "nothing written in the user's home");
  });

  it('fails a run that allocates past the memory limit with MemoryError, where the OS enforces one', async function () {
    if (process.platform === 'win32') this.skip();
    const tenant = new TestTenant(createJobRunner({ notebookLimits: { memoryBytes: 512 * 1024 ** 2 } }));
    const item = notebook(tenant, [{ kind: 'code', source: 'block = bytearray(1024 ** 3)\nnotebookutils.notebook.exit("allocated")' }]);
    const outcome = await tenant.run(item, 'RunNotebook');
    assert.equal(outcome.status, 'Failed');
    assert.match(outcome.failureReason?.message ?? '', /^MemoryError/);
  });

  it('stops a run that passes the time limit and fails it saying so', async () => {
    const tenant = new TestTenant(createJobRunner({ notebookLimits: { timeMs: 300 } }));
    const item = notebook(tenant, [{ kind: 'code', source: 'import time\ntime.sleep(120)' }]);
    const outcome = await tenant.run(item, 'RunNotebook');
    assert.equal(outcome.status, 'Failed');
    assert.match(outcome.failureReason?.message ?? '', /ran longer than the emulator's limit of 0 s and was stopped/);
  });
});
