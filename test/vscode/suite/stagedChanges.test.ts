// Staged mode (`fabricWorkbench.save.mode: staged`) and the Fabric entry of the Source Control
// view, inside a real extension host against an emulator of this suite's own. The view's resources
// are read through the test API (explorer.saving.scm), menus are run as VS Code runs them (with the
// resource states, group or source control they pass), and every effect is checked through the
// emulator's REST API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Item } from '../../../src/fabric/types';
import { PendingChangesFile } from '../../../src/vscode/files/PendingChangesFile';
import { PendingChanges } from '../../../src/workspace/PendingChanges';
import { shownNotifications as notifications } from './support/notifications';
import { PART, pipelineJson, savingSuite } from './support/savingSuite';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { waitFor } from './support/wait';

describe('Staged mode and the Fabric Source Control view', function () {
  this.timeout(180_000);
  const prompter = new ScriptedPrompter();
  const { suite, uploads, uriOf, pendingOf, pipeline, remote, changeInFabric } = savingSuite('Staged suite', prompter);
  const scm = () => suite.explorer.saving.scm.pending;
  /** The Source Control view's resource for a part, as VS Code passes it to a menu's command. */
  const stateOf = (uri: vscode.Uri) => scm().states.find((s) => s.resourceUri.toString() === uri.toString());
  const listed = () => scm().states.map((s) => s.resourceUri.path);
  const settings = (section: string) => vscode.workspace.getConfiguration(section);

  /** Opens the part, replaces its text and saves it (Ctrl+S): in staged mode, the save is kept, not uploaded. */
  async function stage(item: Item, text: string, part = PART): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uriOf(item, part));
    await vscode.window.showTextDocument(document, { preview: false });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save(), 'the save succeeds');
    await waitFor(() => stateOf(document.uri), `${item.displayName}/${part} is listed in the Source Control view`);
    return document;
  }

  before(async () => {
    await settings('fabricWorkbench').update('save.mode', 'staged', vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async () => {
    assert.deepEqual(prompter.takeUnused(), [], 'every answer was asked for');
    // What a test left staged goes, so the next one starts with an empty list.
    if (scm().states.length) {
      prompter.answer({ confirm: 'Discard' });
      await vscode.commands.executeCommand('fabricWorkbench.discardAllPendingChanges');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await settings('fabricWorkbench').update('save.mode', undefined, vscode.ConfigurationTarget.Global);
  });

  it('[fabricWorkbench.showPendingChanges @ commandPalette] [fabricWorkbench.discardPendingChange @ scm/resourceState/context] [fabricWorkbench.publishPendingChanges @ scm/resourceState/context] stages saves of two items, lists them, compares, discards one and publishes the other', async () => {
    const [first, second] = [await pipeline('Staged first'), await pipeline('Staged second')];
    const before = uploads();
    const firstDoc = await stage(first, pipelineJson('mine, first'));
    await stage(second, pipelineJson('mine, second'));

    // Kept, not uploaded; shown as modified; what the file reads.
    assert.equal(uploads(), before, 'nothing reached Fabric');
    assert.match(await remote(first), /in Fabric/);
    assert.equal(firstDoc.isDirty, false);
    assert.equal(suite.explorer.saving.pendingView.provideFileDecoration(firstDoc.uri)?.badge, 'M');
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(firstDoc.uri)).toString('utf8'), /mine, first/);
    assert.deepEqual(listed(), [`/Staged first.DataPipeline/${PART}`, `/Staged second.DataPipeline/${PART}`]);
    const state = stateOf(firstDoc.uri)!;
    assert.equal(state.contextValue, 'fabricWorkbench.pending.staged');
    assert.match(state.decorations?.tooltip ?? '', /^Staged first \(DataPipeline\): Staged/);
    // On disk too: a reloaded window lists them again.
    const stored = new PendingChanges(new PendingChangesFile(vscode.Uri.joinPath(suite.explorer.saving.pendingFile, '..')));
    await stored.restore();
    assert.deepEqual(
      stored
        .list()
        .filter((c) => c.item.id === first.id || c.item.id === second.id)
        .map((c) => [c.item.displayName, c.reason.kind]),
      [
        ['Staged first', 'staged'],
        ['Staged second', 'staged'],
      ],
    );

    // A click on a part: Fabric's copy ↔ yours.
    await vscode.commands.executeCommand(state.command!.command, ...(state.command!.arguments ?? []));
    const diff = await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input;
    }, 'a diff editor opens');
    assert.equal(diff.modified.toString(), firstDoc.uri.toString());
    assert.equal(diff.original.scheme, 'fabricwb-remote');
    assert.match((await vscode.workspace.openTextDocument(diff.original)).getText(), /in Fabric/);

    await vscode.commands.executeCommand('fabricWorkbench.showPendingChanges');
    assert.ok(!(await notifications()).includes('Every change you saved is in Fabric.'), 'it shows the Source Control view instead');

    prompter.answer({ confirm: 'Discard' });
    await vscode.commands.executeCommand('fabricWorkbench.discardPendingChange', state);
    assert.match(prompter.asked.at(-1)?.message ?? '', /^Discard your changes to Staged first\.DataPipeline\/pipeline-content\.json\?$/);
    assert.deepEqual(pendingOf(first), []);
    await waitFor(() => /in Fabric/.test(firstDoc.getText()), "the editor shows Fabric's copy");

    await vscode.commands.executeCommand('fabricWorkbench.publishPendingChanges', stateOf(uriOf(second)));
    assert.match(await remote(second), /mine, second/);
    assert.match(await remote(first), /in Fabric/, 'the discarded change never went up');
    assert.equal(uploads(), before + 1);
    await waitFor(() => listed().length === 0, 'the list is empty');
  });

  it('[fabricWorkbench.publishPendingChanges @ scm/title] a conflict during publish stops that item only: it stays, with the Compare / Overwrite / Discard choice; the others go', async () => {
    const items = [await pipeline('Publish A'), await pipeline('Publish B'), await pipeline('Publish C')];
    for (const item of items) await stage(item, pipelineJson(`mine: ${item.displayName}`));
    await changeInFabric(items[1]!, 'theirs');
    // The title's actions get the source control.
    await vscode.commands.executeCommand('fabricWorkbench.publishPendingChanges', { id: 'fabricWorkbench', label: 'Fabric' });
    assert.match(await remote(items[0]!), /mine: Publish A/);
    assert.match(await remote(items[1]!), /theirs/);
    assert.match(await remote(items[2]!), /mine: Publish C/);
    assert.deepEqual(listed(), [`/Publish B.DataPipeline/${PART}`]);
    assert.equal(stateOf(uriOf(items[1]!))?.contextValue, 'fabricWorkbench.pending.conflict');
    const shown = (await notifications()).filter((m) => /Fabric/.test(m));
    assert.deepEqual(shown, ['"Publish B" was changed in Fabric since you opened it. Your changes are kept here, not in Fabric yet.']);
    await vscode.commands.executeCommand('fabricWorkbench.overwriteRemote', uriOf(items[1]!));
    assert.match(await remote(items[1]!), /mine: Publish B/);
  });

  it('[fabricWorkbench.publishPendingChanges @ scm/resourceGroup/context] [fabricWorkbench.publishPendingChanges @ commandPalette] publishes every item of the group; with nothing left, says so', async () => {
    const item = await pipeline('Group publish', { [PART]: pipelineJson('in Fabric'), 'settings.json': '{}' });
    await stage(item, pipelineJson('mine'));
    await stage(item, '{ "mine": true }', 'settings.json');
    const before = uploads();
    await vscode.commands.executeCommand('fabricWorkbench.publishPendingChanges', { id: 'pending', label: 'Pending changes', resourceStates: scm().states });
    assert.equal(uploads(), before + 1, "one upload for the item's two parts");
    assert.match(await remote(item), /mine/);
    assert.equal(await remote(item, 'settings.json'), '{ "mine": true }');
    await vscode.commands.executeCommand('fabricWorkbench.publishPendingChanges');
    assert.ok((await notifications()).includes('Nothing to publish: every change you saved is in Fabric.'));
  });

  it("[fabricWorkbench.discardPendingItem @ scm/resourceState/context] asks, then discards all the item's parts; Cancel keeps them", async () => {
    const item = await pipeline('Discard item', { [PART]: pipelineJson('in Fabric'), 'settings.json': '{}' });
    const kept = await pipeline('Kept');
    await stage(item, pipelineJson('mine'));
    await stage(item, '{ "mine": true }', 'settings.json');
    await stage(kept, pipelineJson('kept'));
    prompter.answer({ confirm: undefined });
    await vscode.commands.executeCommand('fabricWorkbench.discardPendingItem', stateOf(uriOf(item)));
    assert.equal(pendingOf(item).length, 2, 'Cancel discards nothing');
    prompter.answer({ confirm: 'Discard' });
    await vscode.commands.executeCommand('fabricWorkbench.discardPendingItem', stateOf(uriOf(item)));
    assert.equal(prompter.asked.at(-1)?.message, 'Discard your changes to "Discard item" (2 file(s))?');
    assert.deepEqual(pendingOf(item), []);
    assert.deepEqual(listed(), [`/Kept.DataPipeline/${PART}`]);
    assert.match(await remote(item), /in Fabric/);
  });

  it('[fabricWorkbench.discardAllPendingChanges @ scm/resourceGroup/context] [fabricWorkbench.discardAllPendingChanges @ scm/title] [fabricWorkbench.discardAllPendingChanges @ commandPalette] asks, then discards everything', async () => {
    const items = [await pipeline('All 1'), await pipeline('All 2')];
    for (const item of items) await stage(item, pipelineJson('mine'));
    prompter.answer({ confirm: 'Discard' });
    await vscode.commands.executeCommand('fabricWorkbench.discardAllPendingChanges', { id: 'pending', label: 'Pending changes', resourceStates: scm().states });
    assert.equal(prompter.asked.at(-1)?.message, 'Discard your changes to 2 items (2 files)?');
    assert.deepEqual(listed(), []);
    for (const item of items) assert.match(await remote(item), /in Fabric/);
    // From the title or the palette, with nothing left: nothing to ask.
    await vscode.commands.executeCommand('fabricWorkbench.discardAllPendingChanges');
  });

  it('[fabricWorkbench.refreshPendingChanges @ scm/title] [fabricWorkbench.refreshPendingChanges @ commandPalette] shows a staged item changed in Fabric since as a conflict, before any publish', async () => {
    const [same, changed] = [await pipeline('Refresh same'), await pipeline('Refresh changed')];
    await stage(same, pipelineJson('mine'));
    await stage(changed, pipelineJson('mine'));
    await changeInFabric(changed, 'theirs');
    const before = uploads();
    await vscode.commands.executeCommand('fabricWorkbench.refreshPendingChanges');
    assert.equal(stateOf(uriOf(same))?.contextValue, 'fabricWorkbench.pending.staged');
    assert.equal(stateOf(uriOf(changed))?.contextValue, 'fabricWorkbench.pending.conflict');
    assert.equal(uploads(), before);
  });
});
