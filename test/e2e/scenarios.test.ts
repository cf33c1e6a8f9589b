// What a newcomer does first, in a real VS Code in a browser, against the local emulator: connect,
// browse the sample workspace, open the sample notebook in the notebook editor, edit and save a
// pipeline, then run the notebook with a changed parameter and watch it end.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { FabricClient, StaticTokenProvider, decodeDefinition, fileText } from '../../src/fabric';
import { waitFor } from '../support/waitFor';
import { openWorkbench, type Workbench } from './workbench';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('Fabric Workbench against the local emulator', function () {
  this.timeout(240_000);
  let emulator: Emulator;
  let workbench: Workbench;
  let dataDir: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-e2e-emulator-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true, quiet: true });
    workbench = await openWorkbench({ settings: { 'fabricWorkbench.emulator.url': emulator.url } });
  });
  after(async () => {
    await workbench?.close();
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const row = (label: string) => workbench.page.locator('.monaco-list-row', { hasText: label }).first();

  it('connects to the emulator from the welcome view and shows the sample workspace', async () => {
    const { page } = workbench;
    await page.locator('.activitybar [aria-label^="Fabric"]').first().click();
    await page.getByRole('button', { name: 'Use the local emulator' }).click();
    await row('Sample workspace').waitFor({ timeout: 30_000 });
    await row('Sample workspace').click();
    // Folder mode (the default): the sample's items sit at the workspace's root.
    await row('Hello Fabric').waitFor();
    await row('Daily load').waitFor();
    await workbench.screenshot('03-sample-workspace');
  });

  it('opens the sample notebook in the notebook editor', async () => {
    const { page } = workbench;
    await row('Hello Fabric').click();
    await row('notebook-content.ipynb').waitFor({ timeout: 30_000 });
    await row('notebook-content.ipynb').click();
    await page.locator('.notebook-editor').first().waitFor({ timeout: 60_000 });
    await page.locator('.notebook-editor .cell-list-container').getByText('notebookutils.notebook.exit').first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('04-notebook-editor');
  });

  it('edits a pipeline and saves it back to Fabric', async () => {
    const { page } = workbench;
    await row('Daily load').click();
    await row('pipeline-content.json').waitFor({ timeout: 30_000 });
    await row('pipeline-content.json').click();
    const editor = page.locator('.editor-instance .monaco-editor').last();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+Home');
    // Add a description to the pipeline: right after the opening `{` of the file.
    await page.keyboard.press('End');
    await page.keyboard.type('\n"description": "Edited in VS Code",', { delay: 5 });
    await page.keyboard.press('Control+S');
    const client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'e2e' });
    // The save is done when Fabric holds the edit (the upload follows the keystroke).
    const saved = await waitFor(async () => {
      const workspace = (await client.listWorkspacesPage()).value.find((w) => w.displayName === 'Sample workspace')!;
      const pipeline = (await client.listItemsPage(workspace.id, { type: 'DataPipeline' })).value.find((i) => i.displayName === 'Daily load')!;
      const text = fileText(decodeDefinition(await client.getDefinition(workspace.id, pipeline.id)).find((f) => f.path === 'pipeline-content.json')!);
      return text.includes('Edited in VS Code') && text;
    }, 'Fabric holds the edited pipeline');
    await workbench.screenshot('05-pipeline-saved');
    assert.match(saved, /Edited in VS Code/);
  });
});
