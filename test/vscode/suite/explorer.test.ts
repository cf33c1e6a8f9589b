// The Workspaces view, the `fabricwb` file system and the save rules, inside a real extension
// host against an emulator of this suite's own; every change is checked through the emulator's API.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import type { FabricClient } from '../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Item } from '../../../src/fabric/types';
import { UserCancelled, type Prompter } from '../../../src/base/prompter';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import type { ExplorerNode } from '../../../src/vscode/explorer/WorkspaceTreeDataProvider';
import { closeScriptedSuite, startPagedTenant } from './support/explorerSuite';
import { waitFor } from './support/wait';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const bytes = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

describe('Explorer: Workspaces view and fabricwb files', function () {
  this.timeout(60_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let workspaceId: string;
  let pipeline: Item;
  let dataflow: Item;
  let notebook: Item;
  const confirmations: string[] = [];
  const prompter: Prompter = {
    pick: async () => {
      throw new UserCancelled();
    },
    input: async () => {
      throw new UserCancelled();
    },
    confirm: async (message, _options, ...actions) => {
      confirmations.push(message);
      return actions[0];
    },
    openDialog: async () => {
      throw new UserCancelled();
    },
  };

  const uriOf = (item: Pick<Item, 'displayName' | 'type'>, part?: string) =>
    vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: `/${item.displayName}.${item.type}${part ? `/${part}` : ''}` });

  async function remotePart(item: Item, part: string, format?: string): Promise<string> {
    const files = decodeDefinition(await client.getDefinition(workspaceId, item.id, format ? { format } : {}));
    return text(files.find((f) => f.path === part)?.content);
  }

  async function replaceText(document: vscode.TextDocument, newText: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), newText);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }

  before(async () => {
    ({ dataDir, emulator, client, workspaceId, pipeline } = await startPagedTenant('Explorer suite'));
    dataflow = { ...(await client.createItem(workspaceId, { displayName: 'Flow', type: 'Dataflow' })), workspaceId };
    notebook = { ...(await client.createItem(workspaceId, { displayName: 'Clean', type: 'Notebook' })), workspaceId };

    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const api = (await extension.activate()) as { explorer: Explorer };
    explorer = api.explorer;
    explorer.setPrompter(prompter);
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
    assert.equal(explorer.connection.label, 'Local emulator');
    // VS Code in the browser auto-saves by default; these tests save when they choose (auto-save: pendingChanges.test.ts).
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  after(() => closeScriptedSuite(explorer, emulator, dataDir));

  it('finds a workspace on the last page by filter, with no "Load more"', async () => {
    const tree = explorer.tree;
    await vscode.commands.executeCommand('fabricWorkbench.refresh');
    const firstPaint = await tree.getChildren();
    assert.equal(firstPaint.filter((n) => n.kind === 'workspace').length, 2, 'the first page of two');
    explorer.setPrompter({ ...prompter, input: async () => 'explorer' });
    try {
      await vscode.commands.executeCommand('fabricWorkbench.filterWorkspaces');
    } finally {
      explorer.setPrompter(prompter);
    }
    const found = await new Promise<ExplorerNode[]>((resolve, reject) => {
      const check = () =>
        tree.getChildren().then((roots) => {
          if (roots.length !== 1 || roots[0]!.kind !== 'workspace') return;
          subscription.dispose();
          resolve(roots);
        }, reject);
      const subscription = tree.onDidChangeTreeData(() => void check());
      void check();
    });
    assert.equal(tree.getTreeItem(found[0]!).label, 'Explorer suite');
    await vscode.commands.executeCommand('fabricWorkbench.clearFilter');
  });

  it('shows workspaces, then item types (from all pages of items) when grouped by type, items and definition files', async () => {
    const tree = explorer.tree;
    const config = vscode.workspace.getConfiguration('fabricWorkbench');
    await config.update('explorer.groupBy', 'type', vscode.ConfigurationTarget.Global);
    await waitFor(() => tree.model.groupBy === 'type', 'the tree groups by type');
    try {
      await showsTypeGroups();
    } finally {
      await config.update('explorer.groupBy', undefined, vscode.ConfigurationTarget.Global);
      await waitFor(() => tree.model.groupBy === 'folder', 'the tree groups by folder again');
    }
  });

  async function showsTypeGroups(): Promise<void> {
    const tree = explorer.tree;
    assert.equal(explorer.treeView.description, 'Local emulator');
    let roots = await tree.getChildren();
    while (roots.at(-1)?.kind === 'loadMore') {
      await vscode.commands.executeCommand('fabricWorkbench.loadMore', roots.at(-1));
      roots = await tree.getChildren();
    }
    const ws = roots.find((n) => n.kind === 'workspace' && n.workspaceId === workspaceId)!;
    assert.equal(tree.getTreeItem(ws).contextValue, 'fabricWorkbench.workspace');
    const groups = await tree.getChildren(ws);
    assert.deepEqual(
      groups.map((g) => tree.getTreeItem(g).label),
      ['Dataflows', 'Data pipelines', 'Notebooks'],
    );
    const pipelines = groups.find((g) => tree.getTreeItem(g).label === 'Data pipelines')!;
    const [load] = await tree.getChildren(pipelines);
    const treeItem = tree.getTreeItem(load);
    assert.equal(treeItem.label, 'Load');
    assert.equal(treeItem.contextValue, 'fabricWorkbench.item.datapipeline');
    assert.equal((load as { item: Item }).item.id, pipeline.id);
    assert.match((treeItem.tooltip as vscode.MarkdownString).value, new RegExp(pipeline.id.replace(/-/g, '\\\\?-')));
    const [schedules, ...files] = await tree.getChildren(load);
    assert.equal(schedules?.kind, 'schedules', 'a pipeline lists its Schedules first');
    assert.deepEqual(
      files.map((f) => path.basename((f as { uri: vscode.Uri }).uri.path)),
      ['.platform', 'pipeline-content.json'],
    );
    const fileItem = tree.getTreeItem(files[1]);
    assert.equal(fileItem.command?.command, 'vscode.open');
    assert.equal(tree.getParent(files[1] as ExplorerNode), load);
    await explorer.treeView.reveal(files[1], { select: true, expand: false });
  }

  it('opens, edits and saves a pipeline; the change reaches Fabric', async () => {
    const document = await vscode.workspace.openTextDocument(uriOf(pipeline, 'pipeline-content.json'));
    const changed = JSON.stringify({ properties: { activities: [{ name: 'Wait1', type: 'Wait', typeProperties: { waitTimeInSeconds: 1 } }] } }, null, 2);
    await replaceText(document, changed);
    assert.ok(await document.save(), 'saved');
    assert.match(await remotePart(pipeline, 'pipeline-content.json'), /Wait1/);
  });

  it('refuses invalid JSON: the editor stays dirty, Fabric unchanged, a diagnostic at the line', async () => {
    const uri = uriOf(pipeline, 'pipeline-content.json');
    const before = await remotePart(pipeline, 'pipeline-content.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await replaceText(document, '{\n  "properties": {\n    "activities": [,]\n  }\n}\n');
    assert.equal(await document.save(), false);
    assert.ok(document.isDirty);
    assert.equal(await remotePart(pipeline, 'pipeline-content.json'), before);
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 2);
    await replaceText(document, before);
    assert.ok(await document.save());
    assert.equal(vscode.languages.getDiagnostics(uri).length, 0, 'cleared once fixed');
  });

  it('refuses a mashup that does not parse', async () => {
    const uri = uriOf(dataflow, 'mashup.pq');
    const before = await remotePart(dataflow, 'mashup.pq');
    const document = await vscode.workspace.openTextDocument(uri);
    await replaceText(document, 'section Section1;\nshared Q = let\n  a = 1,\n  b = in a;\n');
    assert.equal(await document.save(), false);
    assert.ok(document.isDirty);
    assert.equal(await remotePart(dataflow, 'mashup.pq'), before);
    assert.equal(vscode.languages.getDiagnostics(uri)[0]?.range.start.line, 3);
    await vscode.commands.executeCommand('fabricWorkbench.discardLocalChanges', uri);
  });

  it('keeps the editor dirty when Fabric fails during a save, and saves once it answers again', async () => {
    const uri = uriOf(pipeline, 'pipeline-content.json');
    const before = await remotePart(pipeline, 'pipeline-content.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await replaceText(document, JSON.stringify({ properties: { activities: [], description: 'during an outage' } }, null, 2));
    emulator.setFaults('error5xx=1,seed=3');
    try {
      assert.equal(await document.save(), false, 'the save fails');
    } finally {
      emulator.setFaults(undefined);
    }
    assert.ok(document.isDirty, 'the text is kept');
    assert.equal(await remotePart(pipeline, 'pipeline-content.json'), before);
    assert.ok(await document.save(), 'saved once Fabric answers');
    assert.match(await remotePart(pipeline, 'pipeline-content.json'), /during an outage/);
  });

  it('uploads nothing when Fabric changed underneath, keeps the text pending, then Overwrite uploads', async () => {
    const uri = uriOf(pipeline, 'pipeline-content.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const theirs = decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).map((f) =>
      f.path === 'pipeline-content.json' ? { ...f, content: bytes(JSON.stringify({ properties: { activities: [], description: 'theirs' } })) } : f,
    );
    await client.updateDefinition(workspaceId, pipeline.id, encodeDefinition(theirs));
    await replaceText(document, JSON.stringify({ properties: { activities: [], description: 'mine' } }, null, 2));
    assert.ok(await document.save(), 'the text is kept as a pending change, not lost');
    assert.match(await remotePart(pipeline, 'pipeline-content.json'), /theirs/, 'nothing was uploaded');
    assert.equal(explorer.saving.pendingView.changes.find((c) => c.item.id === pipeline.id)?.reason.kind, 'conflict');
    await vscode.commands.executeCommand('fabricWorkbench.overwriteRemote', uri);
    assert.equal(document.isDirty, false);
    assert.match(await remotePart(pipeline, 'pipeline-content.json'), /mine/);
  });

  it('opens a notebook in the notebook editor and keeps Fabric metadata through an edit', async () => {
    const uri = uriOf(notebook, 'notebook-content.ipynb');
    const original = JSON.parse(await remotePart(notebook, 'notebook-content.ipynb', 'ipynb'));
    const document = await vscode.workspace.openNotebookDocument(uri);
    assert.equal(document.notebookType, 'jupyter-notebook');
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, [
      vscode.NotebookEdit.insertCells(document.cellCount, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'added_in_vscode = 1', 'python')]),
    ]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    const saved = JSON.parse(await remotePart(notebook, 'notebook-content.ipynb', 'ipynb'));
    assert.deepEqual(saved.metadata.kernel_info ?? null, original.metadata.kernel_info ?? null);
    const added = saved.cells.at(-1);
    assert.match(added.source.join?.('') ?? added.source, /added_in_vscode/);
    assert.equal(added.metadata.microsoft.language, 'python');
    assert.ok(added.metadata.microsoft.language_group);
    for (const [i, cell] of original.cells.entries()) assert.deepEqual(saved.cells[i].metadata?.microsoft, cell.metadata?.microsoft);
  });

  it('creates, renames and deletes items through the file system', async () => {
    const folder = vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: '/Fresh.Notebook' });
    await vscode.workspace.fs.createDirectory(folder);
    const created = await findItem('Fresh', 'Notebook');
    assert.ok(created, 'created in Fabric');
    const entries = await vscode.workspace.fs.readDirectory(folder);
    assert.ok(entries.some(([name]) => name === '.platform'));
    const renamed = vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: '/Renamed.Notebook' });
    await vscode.workspace.fs.rename(folder, renamed);
    assert.equal((await client.getItem(workspaceId, created.id)).displayName, 'Renamed');
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.rename(renamed, vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: '/Renamed.DataPipeline' }))),
    );
    await vscode.workspace.fs.delete(renamed, { recursive: true });
    assert.equal(confirmations.length, 0, "the file system does not ask: VS Code's Explorer and Delete Item ask before");
    assert.equal(await findItem('Renamed', 'Notebook'), undefined);
  });

  it('writes a new part into an item and deletes it again', async () => {
    const part = uriOf(pipeline, 'notes/readme.json');
    await vscode.workspace.fs.writeFile(part, bytes('{"hello": "world"}'));
    assert.equal(await remotePart(pipeline, 'notes/readme.json'), '{"hello": "world"}');
    await vscode.workspace.fs.delete(part);
    assert.equal(await remotePart(pipeline, 'notes/readme.json'), '');
  });

  async function findItem(displayName: string, type: string): Promise<Item | undefined> {
    for await (const item of client.listItems(workspaceId)) if (item.displayName === displayName && item.type === type) return item;
    return undefined;
  }
});
