// Staged mode as a person meets it: with `fabricWorkbench.save.mode: staged`, saves of two items of
// the sample workspace stay in the Source Control view's Fabric entry (Fabric is unchanged), and a
// click on one opens the diff of Fabric's copy against the edit. The frame is the README's picture.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { FabricClient, StaticTokenProvider, decodeDefinition, fileText } from '../../src/fabric';
import { openWorkbench, type Workbench } from './workbench';

describe('Staged edits in the Source Control view', function () {
  this.timeout(240_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let workbench: Workbench;
  let dataDir: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-e2e-staged-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true, quiet: true });
    workbench = await openWorkbench({
      settings: {
        'fabricWorkbench.emulator.url': emulator.url,
        'fabricWorkbench.emulator.connectOnStartup': true,
        'fabricWorkbench.save.mode': 'staged',
        'files.autoSave': 'off',
      },
    });
  });
  after(async () => {
    await workbench?.close();
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the saves of two items staged, lists them under Fabric and shows a diff', async () => {
    const { page } = workbench;
    // The row whose label is exactly `label`: a row's text also holds its description ("… with Sales as its default lakehouse").
    const row = (label: string) =>
      page
        .locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
        .first();
    /** Clicks a row; a hover left open (a tree item's tooltip, the editor's) would take the click, so the mouse leaves first. */
    const click = async (label: string) => {
      await page.mouse.move(0, 0);
      await page.keyboard.press('Escape');
      await row(label).click();
    };
    /** Opens an item's part from the Workspaces view, adds a description after its opening `{` and saves. */
    const edit = async (item: string, part: string) => {
      await click(item);
      await row(part).waitFor({ timeout: 30_000 });
      await click(part);
      const editor = page.locator('.editor-instance .monaco-editor').last();
      await editor.waitFor();
      await page.locator('.tab.active', { hasText: part }).waitFor({ timeout: 30_000 });
      await editor.click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type('\n"description": "Staged in VS Code",', { delay: 5 });
      await page.keyboard.press('Control+S');
      await page.locator('.tab.active:not(.dirty)', { hasText: part }).waitFor({ timeout: 30_000 });
    };

    await page.locator('.activitybar [aria-label^="Fabric"]').first().click();
    await row('Sample workspace').waitFor({ timeout: 30_000 });
    await click('Sample workspace');
    await edit('Daily load', 'pipeline-content.json');
    await edit('Sales', 'lakehouse.metadata.json');

    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await page.locator('.activitybar [aria-label^="Source Control"]').first().click();
    const scm = page.locator('.scm-view');
    await scm.locator('.monaco-list-row', { hasText: 'pipeline-content.json' }).first().waitFor({ timeout: 30_000 });
    await scm.locator('.monaco-list-row', { hasText: 'lakehouse.metadata.json' }).first().waitFor();
    await scm.locator('.monaco-list-row', { hasText: 'pipeline-content.json' }).first().click();
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-diff-editor .line-insert').first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('06-source-control');

    // Staged, not published: Fabric still holds the sample's text.
    const client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'e2e' });
    const workspace = (await client.listWorkspacesPage()).value.find((w) => w.displayName === 'Sample workspace')!;
    const pipeline = (await client.listItemsPage(workspace.id, { type: 'DataPipeline' })).value.find((i) => i.displayName === 'Daily load')!;
    const text = fileText(decodeDefinition(await client.getDefinition(workspace.id, pipeline.id)).find((f) => f.path === 'pipeline-content.json')!);
    assert.doesNotMatch(text, /Staged in VS Code/);
  });
});
