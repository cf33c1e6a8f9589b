// Every Workspaces-view command run as VS Code runs it from each menu: from the tree with the node
// it passes, from the palette with no argument (answered through the test prompter, by label), from
// an editor's title with the file's URI. Each effect is checked through the emulator's REST API or
// the file system. Test titles name the command and menu: `[<command> @ <menu>]` (see
// test/unit/commandCoverage.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import type { FabricClient } from '../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { ExportResult } from '../../../src/workspace/WorkspaceSync';
import type { Item } from '../../../src/fabric/types';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import type { ExplorerNode } from '../../../src/vscode/explorer/WorkspaceTreeDataProvider';
import type { JobsTestApi } from '../../../src/vscode/jobs/registerJobs';
import { closeScriptedSuite, connectScripted, scriptedPrompterHooks, startPagedTenant } from './support/explorerSuite';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { allChildren as loadAll, findItemNode } from './support/tree';
import { pickByLabel, waitFor } from './support/wait';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

describe('Commands: the Workspaces view', function () {
  this.timeout(90_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let jobs: JobsTestApi;
  let workspaceId: string;
  let pipeline: Item;
  const prompter = new ScriptedPrompter();
  const failures: string[] = [];

  const tree = () => explorer.tree;
  const labelOf = (node: ExplorerNode) => String(tree().getTreeItem(node).label);

  const allChildren = (node?: ExplorerNode) => loadAll(tree(), node);
  const allRoots = () => allChildren();

  async function workspaceNode(id = workspaceId): Promise<ExplorerNode> {
    const node = (await allRoots()).find((n) => n.kind === 'workspace' && n.workspaceId === id);
    assert.ok(node, `the tree shows workspace ${id}`);
    return node;
  }

  async function itemNode(displayName: string, type: string): Promise<ExplorerNode> {
    const found = await findItemNode(tree(), await workspaceNode(), displayName, type);
    assert.ok(found, `the tree shows the ${type} "${displayName}"`);
    return found;
  }

  /** Runs a command from the palette, choosing in the workspace/item picker (a real quick input) by label. */
  async function fromPalette<T>(command: () => Thenable<T>, ...labels: string[]): Promise<T> {
    const run = command();
    for (const label of labels) await pickByLabel(() => jobs.currentStepInput(), label);
    return run;
  }

  async function remoteItems(id = workspaceId): Promise<Item[]> {
    const found: Item[] = [];
    for await (const item of client.listItems(id)) found.push(item);
    return found;
  }

  const remoteNamed = async (displayName: string, type: string) => (await remoteItems()).find((i) => i.displayName === displayName && i.type === type);

  before(async () => {
    ({ dataDir, emulator, client, workspaceId, pipeline } = await startPagedTenant('Commands suite'));
    await client.createItem(workspaceId, { displayName: 'Clean', type: 'Notebook' });

    ({ explorer, jobs } = await connectScripted(prompter, failures, emulator));
  });

  scriptedPrompterHooks(prompter, failures);

  after(() => closeScriptedSuite(explorer, emulator, dataDir));

  it('[fabricWorkbench.refresh @ view/title] [fabricWorkbench.refresh @ commandPalette] [fabricWorkbench.loadMore] shows a workspace created elsewhere', async () => {
    const firstPage = await tree().getChildren();
    assert.equal(firstPage.at(-1)?.kind, 'loadMore', 'the emulator serves pages of two');
    await vscode.commands.executeCommand('fabricWorkbench.loadMore', firstPage.at(-1));
    const workspaces = (nodes: ExplorerNode[]) => nodes.filter((n) => n.kind === 'workspace').length;
    assert.ok(workspaces(await tree().getChildren()) > workspaces(firstPage), 'Load more adds the next page');
    const created = await client.createWorkspace({ displayName: 'Made in the portal' });
    await vscode.commands.executeCommand('fabricWorkbench.refresh');
    assert.ok((await allRoots()).some((n) => n.kind === 'workspace' && n.workspaceId === created.id));
    const names: string[] = [];
    for await (const w of client.listWorkspaces()) names.push(w.displayName);
    assert.deepEqual(
      (await allRoots())
        .filter((n) => n.kind === 'workspace')
        .map(labelOf)
        .sort(),
      names.sort(),
      'the tree lists what Fabric lists',
    );
    assert.deepEqual(failures, []);
  });

  it("[fabricWorkbench.refreshNode @ view/item/context] reloads one workspace's items", async () => {
    const ws = await workspaceNode();
    assert.ok(!(await allChildren(ws)).map(labelOf).includes('Added elsewhere'));
    await client.createItem(workspaceId, { displayName: 'Added elsewhere', type: 'Dataflow' });
    await vscode.commands.executeCommand('fabricWorkbench.refreshNode', ws);
    assert.ok((await allChildren(ws)).map(labelOf).includes('Added elsewhere'), 'the new item shows');
  });

  it('[fabricWorkbench.filterWorkspaces @ view/title] [fabricWorkbench.filterWorkspaces @ commandPalette] [fabricWorkbench.clearFilter @ view/title] [fabricWorkbench.clearFilter @ commandPalette] filters a paged tenant, then clears', async () => {
    prompter.answer({ input: 'gam' });
    await vscode.commands.executeCommand('fabricWorkbench.filterWorkspaces');
    const filtered = (await allRoots()).filter((n) => n.kind === 'workspace');
    assert.deepEqual(filtered.map(labelOf), ['Gamma'], 'only the matching workspace of every page');
    assert.match(String(explorer.treeView.message), /gam/);
    await vscode.commands.executeCommand('fabricWorkbench.clearFilter');
    assert.equal(explorer.treeView.message, undefined);
    let count = 0;
    for await (const w of client.listWorkspaces()) if (w) count++;
    assert.equal((await allRoots()).filter((n) => n.kind === 'workspace').length, count);
    prompter.answer({ input: undefined });
    await vscode.commands.executeCommand('fabricWorkbench.filterWorkspaces');
    assert.equal(explorer.treeView.message, undefined, 'a dismissed filter box changes nothing');
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.retry @ view/item/context] reloads a workspace whose listing failed', async () => {
    const ws = await workspaceNode();
    emulator.setFaults('error5xx=1,seed=5');
    let error: ExplorerNode | undefined;
    try {
      await vscode.commands.executeCommand('fabricWorkbench.refreshNode', ws);
      error = (await tree().getChildren(ws)).find((n) => n.kind === 'error');
    } finally {
      emulator.setFaults(undefined);
    }
    assert.ok(error, 'a failed listing shows an error node');
    assert.equal(tree().getTreeItem(error).contextValue, 'fabricWorkbench.error');
    await vscode.commands.executeCommand('fabricWorkbench.retry', error);
    const labels = (await allChildren(ws)).map(labelOf);
    assert.ok(labels.includes('Load') && labels.includes('Clean'), labels.join(', '));
  });

  it('[fabricWorkbench.createItem @ view/item/context] creates an item from a workspace node and from a type group; an existing name is refused as you type', async () => {
    const ws = await workspaceNode();
    prompter.answer({ pick: 'Notebook' }, { input: 'Made from the tree', typed: ['Clean', 'Fresh'] });
    await vscode.commands.executeCommand('fabricWorkbench.createItem', ws);
    const made = await remoteNamed('Made from the tree', 'Notebook');
    assert.ok(made, 'created in Fabric');
    const [, box] = prompter.asked.slice(-2);
    assert.match(String(box!.checks![0]), /exists/);
    assert.equal(box!.checks![1], undefined);
    assert.deepEqual(
      prompter.asked.at(-2)!.labels,
      ['Notebook', 'Data pipeline', 'Dataflow', 'Spark job definition', 'Lakehouse', 'Environment'],
      'types by their display names',
    );
    // A type group, as the tree shows it when grouped by type.
    tree().model.setGroupBy('type');
    try {
      const group = (await allChildren(ws)).find((g) => g.kind === 'itemType' && g.itemType === 'DataPipeline')!;
      assert.equal(labelOf(group), 'Data pipelines');
      prompter.answer({ input: 'Second pipeline' });
      await vscode.commands.executeCommand('fabricWorkbench.createItem', group);
    } finally {
      tree().model.setGroupBy('folder');
    }
    assert.ok(await remoteNamed('Second pipeline', 'DataPipeline'), "the group's type was used");
    assert.equal(prompter.asked.at(-1)!.title, 'Create Data pipeline', 'the same name for the type as everywhere');
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.createItem @ commandPalette] asks for the workspace, the type and the name; cancelling changes nothing', async () => {
    const before = (await remoteItems()).length;
    prompter.answer({ pick: undefined });
    await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.createItem'), 'Commands suite');
    assert.equal((await remoteItems()).length, before);
    prompter.answer({ pick: 'Dataflow' }, { input: 'From the palette' });
    const run = vscode.commands.executeCommand('fabricWorkbench.createItem');
    // The one workspace picker: names as labels, ids only as descriptions, every page (of two here).
    const picker = await waitFor(() => {
      const input = jobs.currentStepInput();
      return input && 'items' in input && input.items.some((i) => i.label.endsWith('Commands suite')) ? input : undefined;
    }, 'the picker offers the workspace from a later page');
    assert.equal(picker.title, 'Create Item');
    const offered = picker.items.find((i) => i.label.endsWith('Commands suite'))!;
    assert.equal(offered.description, workspaceId);
    assert.ok(!picker.items.some((i) => i.label.includes(workspaceId)), 'no id in a label');
    await pickByLabel(() => jobs.currentStepInput(), 'Commands suite');
    await run;
    assert.ok(await remoteNamed('From the palette', 'Dataflow'));
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.renameItem @ view/item/context] renames; an existing name is refused as you type; a cancel changes nothing', async () => {
    const node = await itemNode('Second pipeline', 'DataPipeline');
    const id = (node as { item: Item }).item.id;
    prompter.answer({ input: undefined });
    await vscode.commands.executeCommand('fabricWorkbench.renameItem', node);
    assert.equal((await client.getItem(workspaceId, id)).displayName, 'Second pipeline');
    prompter.answer({ input: 'Renamed pipeline', typed: ['Load', 'Load ', 'Clean'] });
    await vscode.commands.executeCommand('fabricWorkbench.renameItem', node);
    assert.equal((await client.getItem(workspaceId, id)).displayName, 'Renamed pipeline');
    const checks = prompter.asked.at(-1)!.checks!;
    assert.match(String(checks[0]), /exists/, 'another pipeline is named Load');
    assert.match(String(checks[1]), /exists/, 'the name is trimmed');
    assert.equal(checks[2], undefined, "a notebook's name is free for a pipeline");
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.renameItem @ commandPalette] picks the workspace and item by label', async () => {
    prompter.answer({ input: 'Renamed twice' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.renameItem'), 'Commands suite', 'Renamed pipeline');
    assert.ok(await remoteNamed('Renamed twice', 'DataPipeline'));
  });

  it('[fabricWorkbench.deleteItem @ view/item/context] asks once; a cancel keeps the item and shows no error; a confirm deletes', async () => {
    const node = await itemNode('Renamed twice', 'DataPipeline');
    const asked = prompter.asked.length;
    prompter.answer({ confirm: undefined });
    await vscode.commands.executeCommand('fabricWorkbench.deleteItem', node);
    assert.ok(await remoteNamed('Renamed twice', 'DataPipeline'), 'kept');
    assert.deepEqual(failures, [], 'a cancelled delete is not an error');
    assert.equal(prompter.asked.length - asked, 1, 'asked once');
    prompter.answer({ confirm: 'Delete' });
    await vscode.commands.executeCommand('fabricWorkbench.deleteItem', node);
    assert.equal(await remoteNamed('Renamed twice', 'DataPipeline'), undefined, 'deleted in Fabric');
    assert.equal(prompter.asked.length - asked, 2, 'asked once more');
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.deleteItem @ commandPalette] picks the item by label and deletes it', async () => {
    prompter.answer({ confirm: 'Delete' });
    await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.deleteItem'), 'Commands suite', 'From the palette');
    assert.equal(await remoteNamed('From the palette', 'Dataflow'), undefined);
  });

  it("[fabricWorkbench.openDefinition @ view/item/context] [fabricWorkbench.openDefinition @ commandPalette] opens the main definition file with Fabric's content", async () => {
    await vscode.commands.executeCommand('fabricWorkbench.openDefinition', await itemNode('Load', 'DataPipeline'));
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/Load.DataPipeline/pipeline-content.json') && vscode.window.activeTextEditor,
      'the pipeline opens',
    );
    const remote = decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).find((f) => f.path === 'pipeline-content.json');
    assert.equal(editor.document.getText(), text(remote?.content));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.openDefinition'), 'Commands suite', 'Clean');
    await waitFor(() => vscode.window.activeNotebookEditor?.notebook.uri.path.includes('/Clean.Notebook/'), 'the notebook opens in the notebook editor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("[fabricWorkbench.copyId @ view/item/context] [fabricWorkbench.copyId @ commandPalette] copies the item's or workspace's id", async () => {
    await vscode.commands.executeCommand('fabricWorkbench.copyId', await itemNode('Load', 'DataPipeline'));
    assert.equal(await vscode.env.clipboard.readText(), pipeline.id);
    await vscode.commands.executeCommand('fabricWorkbench.copyId', await workspaceNode());
    assert.equal(await vscode.env.clipboard.readText(), workspaceId);
    await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.copyId'), 'Commands suite', 'Clean');
    assert.equal(await vscode.env.clipboard.readText(), (await remoteNamed('Clean', 'Notebook'))!.id);
  });

  it('[fabricWorkbench.openInPortal @ view/item/context] [fabricWorkbench.openInPortal @ commandPalette] opens nothing on the emulator, which has no portal', async () => {
    const opened: string[] = [];
    explorer.items.openExternal = async (uri) => {
      opened.push(uri.toString());
      return true;
    };
    try {
      await vscode.commands.executeCommand('fabricWorkbench.openInPortal', await itemNode('Load', 'DataPipeline'));
      await vscode.commands.executeCommand('fabricWorkbench.openInPortal');
      assert.deepEqual(opened, []);
      assert.deepEqual(failures, []);
    } finally {
      explorer.items.openExternal = undefined;
    }
  });

  it("[fabricWorkbench.compareWithRemote @ editor/title] [fabricWorkbench.overwriteRemote] [fabricWorkbench.discardLocalChanges] compares with Fabric's copy, overwrites it, discards", async () => {
    const uri = vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: '/Load.DataPipeline/pipeline-content.json' });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify({ properties: { activities: [], description: 'mine' } }, null, 2));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const theirs = decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).map((f) =>
      f.path === 'pipeline-content.json' ? { ...f, content: bytes(JSON.stringify({ properties: { activities: [], description: 'theirs' } })) } : f,
    );
    await client.updateDefinition(workspaceId, pipeline.id, encodeDefinition(theirs));
    assert.ok(await document.save(), 'the conflicting text is kept pending, nothing uploaded');
    assert.match(
      text(decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).find((f) => f.path === 'pipeline-content.json')?.content),
      /theirs/,
    );

    await vscode.commands.executeCommand('fabricWorkbench.compareWithRemote', uri, { groupId: 0 });
    const diff = await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    }, 'a diff editor opens');
    assert.equal(diff.modified.toString(), uri.toString());
    assert.match((await vscode.workspace.openTextDocument(diff.original)).getText(), /theirs/, "the left side is Fabric's copy");

    await vscode.commands.executeCommand('fabricWorkbench.overwriteRemote', uri);
    const saved = decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).find((f) => f.path === 'pipeline-content.json');
    assert.match(text(saved?.content), /mine/);
    assert.equal(document.isDirty, false);

    // Discard with the diff still the active editor, as a user does from the conflict's notification.
    assert.ok(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the diff is still the active editor');
    const edit2 = new vscode.WorkspaceEdit();
    edit2.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), '{ "unsaved": true }');
    assert.ok(await vscode.workspace.applyEdit(edit2));
    await vscode.commands.executeCommand('fabricWorkbench.discardLocalChanges', uri);
    assert.equal(document.isDirty, false);
    assert.match(document.getText(), /mine/, "the editor shows Fabric's copy again");
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.discardLocalChanges] discards changes made in the Compare diff while it is the only editor of the file', async () => {
    const uri = vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: '/Load.DataPipeline/pipeline-content.json' });
    const theirs = decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).map((f) =>
      f.path === 'pipeline-content.json' ? { ...f, content: bytes(JSON.stringify({ properties: { activities: [], description: 'changed in Fabric' } })) } : f,
    );
    await client.updateDefinition(workspaceId, pipeline.id, encodeDefinition(theirs));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('fabricWorkbench.compareWithRemote', uri, { groupId: 0 });
    const diff = await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    }, 'the diff is the active editor');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, 1, 'the diff is the only editor');
    const document = await vscode.workspace.openTextDocument(diff.modified);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), '{ "unsaved": true }');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);

    await vscode.commands.executeCommand('fabricWorkbench.discardLocalChanges', uri);
    assert.equal(document.isDirty, false);
    assert.match(document.getText(), /changed in Fabric/, "the editor shows Fabric's copy");
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.openWorkspaceFolder @ view/item/context] [fabricWorkbench.openWorkspaceFolder @ commandPalette] adds the workspace as a folder whose listing shows its items', async () => {
    const uri = vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: '/' });
    const added = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeWorkspaceFolders(() => {
        subscription.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('fabricWorkbench.openWorkspaceFolder', await workspaceNode());
    await added;
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === uri.toString());
    assert.ok(folder, 'the workspace is a workspace folder');
    const names = (await vscode.workspace.fs.readDirectory(folder.uri)).map(([name]) => name).sort();
    assert.deepEqual(names, (await remoteItems()).map((i) => `${i.displayName}.${i.type}`).sort());
    // The folder was listed before the connection came back (a window reload): VS Code's Explorer
    // must hear that the folder changed once it is connected again.
    let heard = false;
    const subscription = explorer.files.onDidChangeFile((events) => {
      heard ||= events.some((e) => e.uri.authority === workspaceId && e.uri.path === '/');
    });
    try {
      await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
      await waitFor(() => heard, 'VS Code hears that the workspace folder changed', 10_000);
    } finally {
      subscription.dispose();
    }
    await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.openWorkspaceFolder'), 'Commands suite');
    assert.equal(vscode.workspace.workspaceFolders?.filter((f) => f.uri.toString() === uri.toString()).length, 1, 'not added twice');
    const removed = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeWorkspaceFolders(() => {
        subscription.dispose();
        resolve();
      });
    });
    vscode.workspace.updateWorkspaceFolders(folder.index, 1);
    await removed;
  });

  describe('export and import', () => {
    let scratch: string;
    beforeEach(() => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-commands-sync-'));
    });
    afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

    /** Item folders to import: `<Name>.DataPipeline/pipeline-content.json` describing each. */
    function localPipelines(descriptions: Record<string, string>): vscode.Uri {
      for (const [name, description] of Object.entries(descriptions)) {
        fs.mkdirSync(path.join(scratch, `${name}.DataPipeline`));
        fs.writeFileSync(path.join(scratch, `${name}.DataPipeline`, 'pipeline-content.json'), JSON.stringify({ properties: { activities: [], description } }));
      }
      return vscode.Uri.file(scratch);
    }

    async function remoteDescription(displayName: string): Promise<string | undefined> {
      const item = await remoteNamed(displayName, 'DataPipeline');
      if (!item) return undefined;
      const part = decodeDefinition(await client.getDefinition(workspaceId, item.id)).find((f) => f.path === 'pipeline-content.json');
      return (JSON.parse(text(part?.content)) as { properties: { description?: string } }).properties.description;
    }

    async function pipelineDescribed(displayName: string, description: string): Promise<void> {
      const content = JSON.stringify({ properties: { activities: [], description } });
      await client.createItem(workspaceId, {
        displayName,
        type: 'DataPipeline',
        definition: encodeDefinition([{ path: 'pipeline-content.json', content: bytes(content) }]),
      });
    }

    it('[fabricWorkbench.exportToFolder @ view/item/context] exports the workspace or the item right-clicked into the chosen folder', async () => {
      prompter.answer({ folders: [vscode.Uri.file(path.join(scratch))] });
      const result = await vscode.commands.executeCommand<ExportResult>('fabricWorkbench.exportToFolder', await workspaceNode());
      const expected = (await remoteItems()).filter((i) => !result.skipped.some((s) => s.item.id === i.id)).map((i) => `${i.displayName}.${i.type}`);
      assert.ok(expected.includes('Load.DataPipeline'));
      assert.deepEqual(fs.readdirSync(scratch).sort(), expected.sort());
      const single = path.join(scratch, 'single');
      fs.mkdirSync(single);
      prompter.answer({ folders: [vscode.Uri.file(single)] });
      await vscode.commands.executeCommand('fabricWorkbench.exportToFolder', await itemNode('Load', 'DataPipeline'));
      assert.deepEqual(fs.readdirSync(single), ['Load.DataPipeline']);
      const remote = decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).find((f) => f.path === 'pipeline-content.json');
      assert.equal(fs.readFileSync(path.join(single, 'Load.DataPipeline', 'pipeline-content.json'), 'utf8'), text(remote?.content));
      assert.deepEqual(failures, []);
    });

    it('[fabricWorkbench.exportToFolder @ commandPalette] asks for the workspace by label, then the folder', async () => {
      prompter.answer({ folders: [vscode.Uri.file(scratch)] });
      await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.exportToFolder'), 'Commands suite');
      assert.ok(fs.readdirSync(scratch).includes('Load.DataPipeline'));
      assert.ok(fs.existsSync(path.join(scratch, 'Load.DataPipeline', 'pipeline-content.json')));
      assert.deepEqual(failures, []);
    });

    it("[fabricWorkbench.importFromFolder @ view/item/context] creates the new items of the chosen folder and replaces the existing one's definition", async () => {
      await pipelineDescribed('Imported over', 'in Fabric');
      prompter.answer({ folders: [localPipelines({ 'Imported over': 'from disk', 'Imported new': 'new from disk' })] }, { confirm: 'Replace' });
      await vscode.commands.executeCommand('fabricWorkbench.importFromFolder', await workspaceNode());
      assert.equal(await remoteDescription('Imported over'), 'from disk');
      assert.equal(await remoteDescription('Imported new'), 'new from disk');
      assert.equal((await remoteItems()).filter((i) => i.displayName === 'Imported over').length, 1, 'replaced, not duplicated');
      assert.deepEqual(failures, []);
    });

    it('asks once before replacing existing items, naming them: Cancel writes nothing, Skip Existing imports only the new ones', async () => {
      await pipelineDescribed('Kept one', 'in Fabric');
      await pipelineDescribed('Kept two', 'in Fabric');
      const folders = localPipelines({ 'Kept one': 'from disk', 'Kept two': 'from disk', 'Only on disk': 'new' });
      const before = (await remoteItems()).length;
      const askedBefore = prompter.asked.length;
      prompter.answer({ folders: [folders] }, { confirm: undefined });
      await vscode.commands.executeCommand('fabricWorkbench.importFromFolder', await workspaceNode());
      const question = prompter.asked.at(-1)!;
      assert.equal(question.kind, 'confirm');
      assert.deepEqual(question.labels, ['Replace', 'Skip Existing']);
      assert.match(question.message!, /replace the definitions of 2 items/);
      assert.match(question.detail!, /Kept one\.DataPipeline\nKept two\.DataPipeline/);
      assert.equal((await remoteItems()).length, before, 'a cancel creates nothing');
      assert.equal(await remoteDescription('Kept one'), 'in Fabric');
      prompter.answer({ folders: [folders] }, { confirm: 'Skip Existing' });
      await vscode.commands.executeCommand('fabricWorkbench.importFromFolder', await workspaceNode());
      assert.equal(await remoteDescription('Only on disk'), 'new');
      assert.equal(await remoteDescription('Kept one'), 'in Fabric');
      assert.equal(await remoteDescription('Kept two'), 'in Fabric');
      assert.equal(prompter.asked.slice(askedBefore).filter((a) => a.kind === 'confirm').length, 2, 'one question per import');
      assert.deepEqual(failures, []);
    });

    it('[fabricWorkbench.importFromFolder @ commandPalette] asks for the workspace by label and the folders; a cancelled folder choice changes nothing', async () => {
      const before = (await remoteItems()).length;
      prompter.answer({ folders: undefined });
      await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.importFromFolder'), 'Commands suite');
      assert.equal((await remoteItems()).length, before);
      const folders = localPipelines({ 'From palette one': 'one', 'From palette two': 'two' });
      prompter.answer({
        folders: [vscode.Uri.joinPath(folders, 'From palette one.DataPipeline'), vscode.Uri.joinPath(folders, 'From palette two.DataPipeline')],
      });
      await fromPalette(() => vscode.commands.executeCommand('fabricWorkbench.importFromFolder'), 'Commands suite');
      assert.equal(await remoteDescription('From palette one'), 'one');
      assert.equal(await remoteDescription('From palette two'), 'two');
      assert.deepEqual(failures, []);
    });
  });
});
