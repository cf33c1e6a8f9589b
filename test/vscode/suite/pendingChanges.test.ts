// Saving as a person types, under VS Code's auto-save, and a save that meets a change made in
// Fabric, inside a real extension host against an emulator of this suite's own. Effects are
// checked through the emulator's REST API (content, and how many updateDefinition calls arrived)
// and the notifications through the page itself (ui.ts reads the notification center).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PendingChanges } from '../../../src/workspace/PendingChanges';
import type { Item } from '../../../src/fabric/types';
import { PendingChangesFile } from '../../../src/vscode/files/PendingChangesFile';
import { shownNotifications as notifications } from './support/notifications';
import { PART, pipelineJson, savingSuite } from './support/savingSuite';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { waitFor } from './support/wait';

describe('Saving while typing, and changes not in Fabric yet', function () {
  this.timeout(120_000);
  const prompter = new ScriptedPrompter();
  const { suite, uploads, uriOf, pendingOf, pipeline, remote, changeInFabric } = savingSuite('Pending suite', prompter);
  const settings = (section: string) => vscode.workspace.getConfiguration(section);

  async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  async function type(document: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }

  /** Types, then waits for VS Code's auto-save to save it. */
  async function typeAndLetAutoSave(document: vscode.TextDocument, text: string): Promise<void> {
    await type(document, text);
    await waitFor(() => !document.isDirty && document.getText() === text, 'auto-save saved the text');
  }

  const fabricProblems = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Fabric');

  beforeEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async () => {
    assert.deepEqual(prompter.takeUnused(), [], 'every answer was asked for');
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('under files.autoSave: afterDelay', () => {
    before(async () => {
      await settings('files').update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
      await settings('files').update('autoSaveDelay', 200, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await settings('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      await settings('files').update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
      await settings('fabricWorkbench').update('save.autoSaveUploadDelaySeconds', undefined, vscode.ConfigurationTarget.Global);
    });

    it('keeps half-typed JSON quietly (no upload, no save error, its problem shown); once fixed, it goes up and is no longer pending', async () => {
      await settings('fabricWorkbench').update('save.autoSaveUploadDelaySeconds', 1, vscode.ConfigurationTarget.Global);
      const item = await pipeline('Typing');
      const uri = uriOf(item);
      const document = await open(uri);
      const before = uploads();
      await typeAndLetAutoSave(document, '{\n  "properties": {\n    "activities": [,\n');
      const [change] = await waitFor(() => pendingOf(item).length === 1 && pendingOf(item), 'the text is pending');
      assert.equal(change!.reason.kind, 'invalid');
      assert.equal(fabricProblems(uri).length, 1, 'the Problems panel shows why');
      assert.match(
        String(suite.explorer.saving.pendingView.provideFileDecoration(uri)?.tooltip),
        /^Not in Fabric yet: .*\(line \d+\)$/,
        'the file says why it is not in Fabric',
      );
      assert.match(await remote(item), /in Fabric/);
      assert.equal(uploads(), before, 'no updateDefinition reached Fabric');
      const shown = await notifications();
      assert.ok(!shown.some((m) => /Failed to save|FileSystemError/.test(m)), `no save error was shown: ${shown.join(' | ')}`);

      // The store on disk holds it too: a new session restores it.
      const restarted = new PendingChanges(new PendingChangesFile(vscode.Uri.joinPath(suite.explorer.saving.pendingFile, '..')));
      await restarted.restore();
      const stored = restarted.list().filter((c) => c.item.id === item.id);
      assert.deepEqual(
        stored.map((c) => [c.path, c.reason.kind, Buffer.from(c.content).toString('utf8')]),
        [[PART, 'invalid', document.getText()]],
      );

      await typeAndLetAutoSave(document, pipelineJson('fixed while typing'));
      await waitFor(() => pendingOf(item).length === 0, 'the fixed text is uploaded');
      assert.match(await remote(item), /fixed while typing/);
      assert.equal(uploads(), before + 1);
      assert.equal(fabricProblems(uri).length, 0, 'the problem is gone');
    });

    it("uploads several auto-saves of an item's parts in one updateDefinition, once its saves pause", async () => {
      // Long enough that the auto-saves below (a few hundred ms apart) are one burst on a busy machine.
      await settings('fabricWorkbench').update('save.autoSaveUploadDelaySeconds', 8, vscode.ConfigurationTarget.Global);
      const item = await pipeline('Burst', { [PART]: pipelineJson('in Fabric'), 'settings.json': '{}' });
      const content = await open(uriOf(item));
      const other = await open(uriOf(item, 'settings.json'));
      const before = uploads();
      for (let n = 1; n <= 3; n++) {
        await typeAndLetAutoSave(content, pipelineJson(`edit ${n}`));
        await typeAndLetAutoSave(other, JSON.stringify({ edit: n }));
      }
      await waitFor(() => pendingOf(item).length === 0, 'the burst is uploaded', 60_000);
      assert.equal(uploads(), before + 1, 'one upload for the whole burst');
      assert.match(await remote(item), /edit 3/);
      assert.equal(await remote(item, 'settings.json'), JSON.stringify({ edit: 3 }));
    });
  });

  it('refuses a manual save of invalid JSON with a message that says why in plain words', async () => {
    const item = await pipeline('Manual');
    const document = await open(uriOf(item));
    await type(document, '{ "properties": ');
    assert.equal(await document.save(), false);
    assert.ok(document.isDirty, 'the text is kept, unsaved');
    assert.deepEqual(pendingOf(item), []);
    const error = (await notifications()).find((m) => m.startsWith('Failed to save'));
    assert.ok(error, 'VS Code says the save failed');
    // VS Code frames the reason: "Failed to save '<file>': Unable to write file '<uri>' (<reason>)".
    assert.match(
      error,
      /^Failed to save 'pipeline-content\.json': Unable to write file '[^']+' \(Not saved to Fabric: Not valid JSON: [^()]+ \(line 1\)\. Fix it, then save again; the Problems panel shows where\.\)$/,
    );
    assert.doesNotMatch(error, /FileSystemError|NoPermissions|Unavailable/);
  });

  describe('a save that meets a change made in Fabric', () => {
    let item: Item;
    let uri: vscode.Uri;
    let document: vscode.TextDocument;

    beforeEach(async () => {
      item = await pipeline(`Conflict ${Date.now()}`);
      uri = uriOf(item);
      document = await open(uri);
      await changeInFabric(item, 'theirs');
      await type(document, pipelineJson('mine'));
      assert.ok(await document.save(), 'the save succeeds: the text is kept, not lost, and VS Code shows no error');
      assert.equal(document.isDirty, false);
      await waitFor(() => pendingOf(item).length === 1, 'the text is pending');
    });

    it('keeps the text as a conflict, with one notification (ours); Overwrite uploads it', async () => {
      assert.match(await remote(item), /theirs/, 'Fabric is unchanged');
      assert.equal(pendingOf(item)[0]!.reason.kind, 'conflict');
      assert.match(Buffer.from(pendingOf(item)[0]!.content).toString('utf8'), /mine/);
      // VS Code's own notifications unrelated to the save (e.g. "Activating Extensions...") aside.
      const shown = (await notifications()).filter((m) => /save|Fabric/i.test(m));
      assert.equal(shown.length, 1, `one notification: ${shown.join(' | ')}`);
      assert.match(shown[0]!, /^"Conflict \d+" was changed in Fabric since you opened it/);
      await vscode.commands.executeCommand('fabricWorkbench.overwriteRemote', uri);
      assert.match(await remote(item), /mine/);
      assert.deepEqual(pendingOf(item), []);
    });

    it("[fabricWorkbench.discardLocalChanges] Discard shows Fabric's copy", async () => {
      await vscode.commands.executeCommand('fabricWorkbench.discardLocalChanges', uri);
      assert.deepEqual(pendingOf(item), []);
      await waitFor(() => /theirs/.test(document.getText()), "the editor shows Fabric's copy");
      assert.equal(document.isDirty, false);
      assert.match(await remote(item), /theirs/);
    });

    it('[fabricWorkbench.publishPendingChanges] Publish still checks: the conflict stays until the user chooses', async () => {
      const state = () => suite.explorer.saving.scm.pending.states.find((s) => s.resourceUri.toString() === uri.toString());
      assert.equal(state()?.contextValue, 'fabricWorkbench.pending.conflict', 'the Source Control view lists it as a conflict');
      const before = uploads();
      await vscode.commands.executeCommand('fabricWorkbench.publishPendingChanges', state());
      assert.equal(uploads(), before);
      assert.equal(pendingOf(item)[0]?.reason.kind, 'conflict');
      // Fabric holds what the text was based on again: nothing would be overwritten now.
      await changeInFabric(item, 'in Fabric');
      await vscode.commands.executeCommand('fabricWorkbench.publishPendingChanges', state());
      assert.match(await remote(item), /mine/);
      assert.deepEqual(pendingOf(item), []);
    });
  });

  it('[fabricWorkbench.showPendingChanges] says so when every saved change is in Fabric', async () => {
    assert.deepEqual(suite.explorer.saving.pendingView.changes, []);
    await vscode.commands.executeCommand('fabricWorkbench.showPendingChanges');
    assert.ok((await notifications()).includes('Every change you saved is in Fabric.'));
  });
});
