// A newcomer runs the sample notebook from the command palette with a parameter of their choice and
// watches the job start, run and end with the exit value that parameter produced: in the status
// bar, the Fabric Jobs output channel and the Jobs view. The frames are the README's walkthrough.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { openWorkbench, type Workbench } from './workbench';

describe('Running the sample notebook from the command palette', function () {
  this.timeout(240_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let workbench: Workbench;
  let dataDir: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-e2e-run-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true, quiet: true });
    workbench = await openWorkbench({
      settings: { 'fabricWorkbench.emulator.url': emulator.url, 'fabricWorkbench.emulator.connectOnStartup': true },
    });
  });
  after(async () => {
    await workbench?.close();
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs Hello Fabric with name=Ada and shows its exit value', async () => {
    const { page } = workbench;
    const quickInput = page.locator('.quick-input-widget');
    const pick = async (label: string) => {
      await quickInput.locator('.monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30_000 });
      await quickInput.locator('input').fill(label);
      await quickInput.locator('.monaco-list-row', { hasText: label }).first().click();
    };
    await page.locator('.activitybar [aria-label^="Fabric"]').first().click();
    await page.locator('.monaco-list-row', { hasText: 'Sample workspace' }).first().waitFor({ timeout: 30_000 });

    await workbench.runCommand('Fabric: Run Notebook');
    await pick('Sample workspace');
    await pick('Hello Fabric');
    await quickInput.locator('.monaco-list-row', { hasText: 'repeat' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('run-1-parameters');
    await pick('name');
    await pick('Change the value');
    // The value step is an input box of its own: wait for its prompt before typing.
    await quickInput.getByText('The value of name').first().waitFor({ timeout: 30_000 });
    const input = quickInput.locator('input');
    await input.fill('Ada');
    await workbench.screenshot('run-2-value');
    await page.keyboard.press('Enter');
    await quickInput.locator('.monaco-list-row', { hasText: 'Ada' }).first().waitFor();
    await pick('Run');

    const statusBar = page.locator('.statusbar-item', { hasText: 'Fabric:' }).first();
    await statusBar.filter({ hasText: 'running' }).waitFor({ timeout: 30_000 });
    await workbench.screenshot('run-3-running');
    await statusBar.filter({ hasText: 'Completed' }).waitFor({ timeout: 60_000 });

    await workbench.runCommand('Fabric: Show Jobs Output');
    const output = page.locator('.panel .view-lines');
    await output.getByText('Hello, Ada! Hello, Ada!').first().waitFor({ timeout: 30_000 });
    // The Jobs view lists the run with its outcome.
    const jobsView = page.locator('.pane', { has: page.getByRole('button', { name: 'Jobs Section' }) });
    await jobsView.locator('.monaco-list-row', { hasText: 'Hello Fabric' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('run-4-completed');
    assert.match(await statusBar.innerText(), /Hello Fabric/);
  });
});
