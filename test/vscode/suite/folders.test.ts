// Folders and workspaces from the Workspaces view, as VS Code runs the commands from its menus (the
// node right-clicked and, the view allowing multi-selection, the selection) and as it calls the
// drag-and-drop controller; every effect is checked through the emulator's REST API. Also: the
// tree in folder mode, expansion that survives a filter and Clear Filter, and an export and import
// that keep the folders.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Folder, Item, Workspace } from '../../../src/fabric/types';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import type { ExportResult } from '../../../src/workspace/WorkspaceSync';
import { folderNamePaths } from '../../../src/workspace/folderLayout';
import type { ExplorerNode } from '../../../src/vscode/explorer/WorkspaceTreeDataProvider';
import { connectScripted, scriptedPrompterHooks } from './support/explorerSuite';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { remoteFolder as remoteFolderOf, remoteFolders as remoteFoldersOf } from './support/remote';
import { allChildren as loadAll, nodeAt as nodeAtPath } from './support/tree';
import { waitFor } from './support/wait';

const MIME = 'application/vnd.code.tree.fabricworkbench.workspaces';

describe('Folders and workspaces in the Workspaces view', function () {
  this.timeout(90_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let workspaceId: string;
  const items: Record<string, Item> = {};
  const prompter = new ScriptedPrompter();
  const failures: string[] = [];

  const tree = () => explorer.tree;
  const labelOf = (node: ExplorerNode) => String(tree().getTreeItem(node).label);
  const allChildren = (node?: ExplorerNode) => loadAll(tree(), node);
  const token = new vscode.CancellationTokenSource().token;

  async function workspaceNode(id = workspaceId): Promise<ExplorerNode> {
    const node = (await allChildren()).find((n) => n.kind === 'workspace' && n.workspaceId === id);
    assert.ok(node, `the tree shows workspace ${id}`);
    return node;
  }

  const nodeAt = (...labels: string[]) => nodeAtPath(tree(), workspaceId, ...labels);
  const remoteFolders = () => remoteFoldersOf(client, workspaceId);
  const remoteFolder = (displayName: string) => remoteFolderOf(client, workspaceId, displayName);

  async function remoteWorkspaces(): Promise<Workspace[]> {
    const found: Workspace[] = [];
    for await (const w of client.listWorkspaces()) found.push(w);
    return found;
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-folders-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: false, pageSize: 2 });
    client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'folders-suite' });
    for (const name of ['Alpha', 'Beta']) await client.createWorkspace({ displayName: name });
    workspaceId = (await client.createWorkspace({ displayName: 'Folders suite' })).id;
    for (const [name, type] of [
      ['Load', 'DataPipeline'],
      ['Clean', 'Notebook'],
      ['Spare', 'Notebook'],
    ] as const) {
      items[name] = await client.createItem(workspaceId, { displayName: name, type });
    }
    ({ explorer } = await connectScripted(prompter, failures, emulator));
  });

  scriptedPrompterHooks(prompter, failures);

  after(async () => {
    explorer?.setPrompter(undefined);
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('[fabricWorkbench.createFolder @ view/item/context] creates a folder in the workspace and one inside it; names are checked as you type', async () => {
    prompter.answer({ input: 'Sales', typed: ['', 'a/b', ' Sales', 'recycled', 'Sales'] });
    await vscode.commands.executeCommand('fabricWorkbench.createFolder', await workspaceNode());
    const sales = await remoteFolder('Sales');
    assert.ok(sales, 'created in Fabric');
    assert.equal(sales.parentFolderId ?? undefined, undefined, "at the workspace's root");
    const [empty, slash, space, reserved, fine] = prompter.asked.at(-1)!.checks!;
    assert.match(String(empty), /Enter a name/);
    assert.match(String(slash), /cannot contain/);
    assert.match(String(space), /start or end with a space/);
    assert.match(String(reserved), /reserved/);
    assert.equal(fine, undefined);

    prompter.answer({ input: 'Bronze' });
    await vscode.commands.executeCommand('fabricWorkbench.createFolder', await nodeAt('Sales'));
    assert.equal((await remoteFolder('Bronze'))?.parentFolderId, sales.id, 'inside the folder right-clicked');
    prompter.answer({ input: undefined, typed: ['sales', 'Sales 2'] });
    await vscode.commands.executeCommand('fabricWorkbench.createFolder', await workspaceNode());
    const [taken, free] = prompter.asked.at(-1)!.checks!;
    assert.match(String(taken), /already there/, "a sibling's name, whatever its case");
    assert.equal(free, undefined);
    assert.equal((await remoteFolders()).length, 2, 'a cancel creates nothing');
    assert.deepEqual((await allChildren(await workspaceNode())).map(labelOf), ['Sales', 'Clean', 'Load', 'Spare'], 'folders first, then the items at the root');
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.moveToFolder @ view/item/context] moves the selected items into the folder picked', async () => {
    const load = await nodeAt('Load');
    const clean = await nodeAt('Clean');
    prompter.answer({ pick: 'Sales' });
    // VS Code passes the node right-clicked and the view's selection.
    await vscode.commands.executeCommand('fabricWorkbench.moveToFolder', load, [load, clean]);
    const sales = (await remoteFolder('Sales'))!;
    assert.equal((await client.getItem(workspaceId, items.Load!.id)).folderId, sales.id);
    assert.equal((await client.getItem(workspaceId, items.Clean!.id)).folderId, sales.id);
    assert.deepEqual((await allChildren(await nodeAt('Sales'))).map(labelOf), ['Bronze', 'Clean', 'Load'], 'the tree shows them there');
    const offered = prompter.asked.at(-1)!.labels!;
    assert.deepEqual(offered, ['Folders suite', 'Sales', 'Bronze'], 'the root and every folder');
    assert.deepEqual(failures, []);
  });

  it('moves an item and a folder by drag and drop, and refuses a folder dropped into its own subfolder', async () => {
    const dnd = explorer.dragAndDrop;
    let transfer = new vscode.DataTransfer();
    await dnd.handleDrag([await nodeAt('Spare')], transfer, token);
    assert.ok(transfer.get(MIME), "the drag carries the view's own MIME type");
    await dnd.handleDrop(await nodeAt('Sales', 'Bronze'), transfer, token);
    const bronze = (await remoteFolder('Bronze'))!;
    assert.equal((await client.getItem(workspaceId, items.Spare!.id)).folderId, bronze.id);
    assert.deepEqual((await allChildren(await nodeAt('Sales', 'Bronze'))).map(labelOf), ['Spare']);

    transfer = new vscode.DataTransfer();
    await dnd.handleDrag([await nodeAt('Sales')], transfer, token);
    await dnd.handleDrop(await nodeAt('Sales', 'Bronze'), transfer, token);
    assert.equal(failures.length, 1);
    assert.match(failures[0]!, /cannot move into itself or one of its subfolders/);
    assert.equal((await remoteFolder('Sales'))!.parentFolderId ?? undefined, undefined, 'nothing moved');

    // Dropped on the workspace: to the root. A drop from elsewhere (another MIME type) is ignored.
    transfer = new vscode.DataTransfer();
    await dnd.handleDrag([await nodeAt('Sales', 'Bronze')], transfer, token);
    await dnd.handleDrop(await workspaceNode(), transfer, token);
    assert.equal((await remoteFolder('Bronze'))!.parentFolderId ?? undefined, undefined);
    const foreign = new vscode.DataTransfer();
    foreign.set('text/uri-list', new vscode.DataTransferItem('file:///tmp/x'));
    await dnd.handleDrop(await nodeAt('Sales'), foreign, token);
    assert.equal(failures.length, 1);
  });

  it("[fabricWorkbench.renameFolder @ view/item/context] renames a folder; a sibling's name is refused as you type", async () => {
    prompter.answer({ input: 'Sales 2024', typed: ['Bronze', 'Sales'] });
    await vscode.commands.executeCommand('fabricWorkbench.renameFolder', await nodeAt('Sales'));
    assert.ok(await remoteFolder('Sales 2024'));
    assert.equal(await remoteFolder('Sales'), undefined);
    const [sibling, itself] = prompter.asked.at(-1)!.checks!;
    assert.match(String(sibling), /already there/);
    assert.equal(itself, undefined, 'its own name is no conflict');
    assert.ok(await nodeAt('Sales 2024', 'Load'), 'the tree shows the new name, with what it holds');
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.deleteFolder @ view/item/context] refuses a folder that is not empty, saying what to do; deletes an empty one; a cancel keeps it', async () => {
    prompter.answer({ confirm: 'Delete' });
    await vscode.commands.executeCommand('fabricWorkbench.deleteFolder', await nodeAt('Sales 2024'));
    assert.ok(await remoteFolder('Sales 2024'), 'kept');
    assert.equal(failures.length, 1);
    assert.match(failures[0]!, /not empty.*Move or delete its items and subfolders first/);

    await client.moveItems(workspaceId, [items.Spare!.id], undefined);
    await vscode.commands.executeCommand('fabricWorkbench.refreshNode', await workspaceNode());
    prompter.answer({ confirm: undefined });
    await vscode.commands.executeCommand('fabricWorkbench.deleteFolder', await nodeAt('Bronze'));
    assert.ok(await remoteFolder('Bronze'), 'a cancel deletes nothing');
    prompter.answer({ confirm: 'Delete' });
    await vscode.commands.executeCommand('fabricWorkbench.deleteFolder', await nodeAt('Bronze'));
    assert.equal(await remoteFolder('Bronze'), undefined, 'deleted in Fabric');
    assert.ok(!(await allChildren(await workspaceNode())).map(labelOf).includes('Bronze'));
    assert.equal(failures.length, 1, 'the cancel was not an error');
  });

  it('keeps what was expanded through a filter and Clear Filter', async () => {
    const ws = await workspaceNode();
    await explorer.treeView.reveal(ws, { expand: true });
    const folder = await nodeAt('Sales 2024');
    await explorer.treeView.reveal(folder, { expand: true });
    await waitFor(() => tree().model.isExpanded(folder as never), 'the view reports the folder expanded');
    prompter.answer({ input: 'alpha' });
    await vscode.commands.executeCommand('fabricWorkbench.filterWorkspaces');
    assert.ok(!(await allChildren()).some((n) => n.kind === 'workspace' && n.workspaceId === workspaceId), 'the filter hides the workspace');
    await vscode.commands.executeCommand('fabricWorkbench.clearFilter');
    assert.equal(tree().getTreeItem(await workspaceNode()).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the workspace comes back expanded');
    assert.equal(tree().getTreeItem(await nodeAt('Sales 2024')).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'and so does its folder');
    assert.equal(
      tree().getTreeItem(await nodeAt('Spare')).collapsibleState,
      vscode.TreeItemCollapsibleState.Collapsed,
      'what was never expanded stays collapsed',
    );
  });

  it('[fabricWorkbench.createWorkspace @ view/title] [fabricWorkbench.createWorkspace @ commandPalette] creates a workspace; a taken name is refused as you type', async () => {
    prompter.answer({ input: 'Made here', typed: ['folders SUITE', '  ', 'Made here'] });
    await vscode.commands.executeCommand('fabricWorkbench.createWorkspace');
    const made = (await remoteWorkspaces()).find((w) => w.displayName === 'Made here');
    assert.ok(made, 'created in Fabric');
    const [taken, blank, free] = prompter.asked.at(-1)!.checks!;
    assert.match(String(taken), /already exists/);
    assert.match(String(blank), /Enter a name/);
    assert.equal(free, undefined);
    assert.ok(
      (await allChildren()).some((n) => n.kind === 'workspace' && n.workspaceId === made.id),
      'the tree shows it',
    );
    assert.deepEqual(failures, []);
  });

  it('[fabricWorkbench.renameWorkspace @ view/item/context] renames a workspace', async () => {
    const made = (await remoteWorkspaces()).find((w) => w.displayName === 'Made here')!;
    prompter.answer({ input: 'Made and renamed', typed: ['Alpha'] });
    await vscode.commands.executeCommand('fabricWorkbench.renameWorkspace', await workspaceNode(made.id));
    assert.equal((await client.getWorkspace(made.id)).displayName, 'Made and renamed');
    assert.match(String(prompter.asked.at(-1)!.checks![0]), /already exists/);
    assert.equal(labelOf(await workspaceNode(made.id)), 'Made and renamed');
  });

  it('[fabricWorkbench.deleteWorkspace @ view/item/context] deletes a workspace only once its name is typed', async () => {
    const made = (await remoteWorkspaces()).find((w) => w.displayName === 'Made and renamed')!;
    prompter.answer({ input: undefined, typed: ['made and renamed', 'Made and renamed'] });
    await vscode.commands.executeCommand('fabricWorkbench.deleteWorkspace', await workspaceNode(made.id));
    const [wrongCase, exact] = prompter.asked.at(-1)!.checks!;
    assert.match(String(wrongCase), /Type "Made and renamed" exactly/);
    assert.equal(exact, undefined);
    assert.ok(
      (await remoteWorkspaces()).some((w) => w.id === made.id),
      'a dismissed box deletes nothing',
    );
    prompter.answer({ input: 'Made and renamed' });
    await vscode.commands.executeCommand('fabricWorkbench.deleteWorkspace', await workspaceNode(made.id));
    assert.ok(!(await remoteWorkspaces()).some((w) => w.id === made.id), 'deleted in Fabric');
    assert.ok(!(await allChildren()).some((n) => n.kind === 'workspace' && n.workspaceId === made.id));
    assert.deepEqual(failures, []);
  });

  it('exports a workspace with nested folders and re-imports it into a new, empty workspace: the same folders, each item in its own', async () => {
    const newWorkspace = async (name: string) => {
      prompter.answer({ input: name });
      await vscode.commands.executeCommand('fabricWorkbench.createWorkspace');
      return (await remoteWorkspaces()).find((w) => w.displayName === name)!.id;
    };
    /** Through REST: every folder as a path, every item as `<folder path>/<Name>.<Type>`. */
    const layout = async (id: string) => {
      const folders: Folder[] = [];
      for await (const f of client.listFolders(id)) folders.push(f);
      const paths = folderNamePaths(folders);
      const found: string[] = [];
      for await (const i of client.listItems(id)) found.push([...(i.folderId ? paths.get(i.folderId)! : []), `${i.displayName}.${i.type}`].join('/'));
      return { folders: [...paths.values()].map((p) => p.join('/')).sort(), items: found.sort() };
    };
    const source = await newWorkspace('Nested source');
    const sales = await client.createFolder(source, { displayName: 'Sales' });
    const bronze = await client.createFolder(source, { displayName: 'Bronze', parentFolderId: sales.id });
    await client.createFolder(source, { displayName: 'Empty' });
    const content = JSON.stringify({ properties: { activities: [], description: 'ingest in Bronze' } });
    await client.createItem(source, {
      displayName: 'Ingest',
      type: 'DataPipeline',
      folderId: bronze.id,
      definition: encodeDefinition([{ path: 'pipeline-content.json', content: Buffer.from(content) }]),
    });
    await client.createItem(source, { displayName: 'Shape', type: 'Notebook', folderId: sales.id });
    await client.createItem(source, { displayName: 'Overview', type: 'Notebook' });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-nested-export-'));
    try {
      prompter.answer({ folders: [vscode.Uri.file(out)] });
      const exported = await vscode.commands.executeCommand<ExportResult>('fabricWorkbench.exportToFolder', await workspaceNode(source));
      assert.deepEqual(exported.failed, []);
      assert.equal(fs.readFileSync(path.join(out, 'Sales', 'Bronze', 'Ingest.DataPipeline', 'pipeline-content.json'), 'utf8'), content);
      assert.ok(fs.existsSync(path.join(out, 'Sales', 'Shape.Notebook', '.platform')));
      assert.deepEqual(fs.readdirSync(out).sort(), ['Overview.Notebook', 'Sales']);

      const copy = await newWorkspace('Nested copy');
      prompter.answer({ folders: [vscode.Uri.file(out)] });
      await vscode.commands.executeCommand('fabricWorkbench.importFromFolder', await workspaceNode(copy));
      assert.deepEqual(await layout(copy), {
        folders: ['Sales', 'Sales/Bronze'],
        items: ['Overview.Notebook', 'Sales/Bronze/Ingest.DataPipeline', 'Sales/Shape.Notebook'],
      });
      const copied: Item[] = [];
      for await (const item of client.listItems(copy)) copied.push(item);
      const ingest = copied.find((i) => i.displayName === 'Ingest')!;
      const part = decodeDefinition(await client.getDefinition(copy, ingest.id)).find((f) => f.path === 'pipeline-content.json');
      assert.equal(Buffer.from(part?.content ?? []).toString('utf8'), content, 'the definition came across');

      // Imported again after the item moved in Fabric: the question says where it moves back to.
      await client.moveItem(copy, ingest.id, undefined);
      prompter.answer({ folders: [vscode.Uri.file(out)] }, { confirm: 'Replace' });
      await vscode.commands.executeCommand('fabricWorkbench.importFromFolder', await workspaceNode(copy));
      assert.match(prompter.asked.at(-1)!.detail!, /Ingest\.DataPipeline \(moves to Sales\/Bronze\)/);
      assert.deepEqual(
        (await layout(copy)).items,
        ['Overview.Notebook', 'Sales/Bronze/Ingest.DataPipeline', 'Sales/Shape.Notebook'],
        'moved back into its folder, nothing created twice',
      );
      assert.deepEqual(
        (await allChildren(await workspaceNode(copy))).map(labelOf),
        ['Sales', 'Overview'],
        'the tree shows the folder and the item at the root',
      );
      assert.deepEqual(failures, []);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
