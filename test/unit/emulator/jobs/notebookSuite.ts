// What the notebook runner suites share: one job runner for the suite (so one warm Python worker,
// as in the emulator), a fresh tenant and temporary folder for each test.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobRunner, type EmulatorJobRunner } from '../../../../src/emulator/jobs';
import { TestTenant } from './testTenant';

export interface NotebookSuite {
  readonly runner: EmulatorJobRunner;
  readonly tenant: TestTenant;
  readonly dir: string;
}

/** Call inside a describe(): sets up its hooks. */
export function notebookSuite(folderPrefix: string): NotebookSuite {
  let runner: EmulatorJobRunner;
  let tenant: TestTenant;
  let dir: string;
  before(() => (runner = createJobRunner()));
  after(() => runner.close());
  beforeEach(() => {
    tenant = new TestTenant(runner);
    dir = mkdtempSync(join(tmpdir(), folderPrefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get runner() {
      return runner;
    },
    get tenant() {
      return tenant;
    },
    get dir() {
      return dir;
    },
  };
}

/** Gone, or a zombie nobody reaps (an orphan's parent here may be a PID 1 that does not reap). */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && /^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
}
