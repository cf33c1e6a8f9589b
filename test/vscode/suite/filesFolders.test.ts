// Fabric folders in the `fabricwb` file system: what VS Code's Explorer calls (readDirectory, stat,
// createDirectory, rename, delete through `vscode.workspace.fs`) on a workspace with nested
// folders, and New Item… on a folder node; every effect is checked through the emulator's REST API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Folder, Item } from '../../../src/fabric/types';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import { connectScripted, scriptedPrompterHooks } from './support/explorerSuite';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { remoteFolder as remoteFolderOf, remoteFolders as remoteFoldersOf } from './support/remote';
import { allChildren as loadAll, nodeAt as nodeAtPath } from './support/tree';
import { waitFor } from './support/wait';

const { Directory } = vscode.FileType;

describe('Fabric folders as directories of the fabricwb file system', function () {
  this.timeout(90_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let workspaceId: string;
  let sales: Folder;
  let load: Item;
  let clean: Item;
  const prompter = new ScriptedPrompter();
  const failures: string[] = [];

  const uri = (p: string) => vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: p });
  const listing = async (p: string) => (await vscode.workspace.fs.readDirectory(uri(p))).sort(([a], [b]) => a.localeCompare(b));
  const failsWith = (code: string, message?: RegExp) => (error: vscode.FileSystemError) => {
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  };

  const remoteFolders = () => remoteFoldersOf(client, workspaceId);
  const remoteFolder = (displayName: string) => remoteFolderOf(client, workspaceId, displayName);
  const nodeAt = (...labels: string[]) => nodeAtPath(explorer.tree, workspaceId, ...labels);
  async function remoteItem(displayName: string, type: string): Promise<Item | undefined> {
    for await (const i of client.listItems(workspaceId)) if (i.displayName === displayName && i.type === type) return i;
    return undefined;
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-files-folders-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: false, pageSize: 2 });
    client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'files-folders-suite' });
    workspaceId = (await client.createWorkspace({ displayName: 'Files folders suite' })).id;
    // Sales/Bronze/Load.DataPipeline, Sales/Clean.Notebook, Spare.Notebook at the root.
    sales = await client.createFolder(workspaceId, { displayName: 'Sales' });
    const bronze = await client.createFolder(workspaceId, { displayName: 'Bronze', parentFolderId: sales.id });
    const content = Buffer.from(JSON.stringify({ properties: { activities: [] } }, null, 2), 'utf8');
    load = await client.createItem(workspaceId, {
      displayName: 'Load',
      type: 'DataPipeline',
      folderId: bronze.id,
      definition: encodeDefinition([{ path: 'pipeline-content.json', content }]),
    });
    clean = await client.createItem(workspaceId, { displayName: 'Clean', type: 'Notebook', folderId: sales.id });
    await client.createItem(workspaceId, { displayName: 'Spare', type: 'Notebook' });
    ({ explorer } = await connectScripted(prompter, failures, emulator));
  });

  scriptedPrompterHooks(prompter, failures);

  after(async () => {
    explorer?.setPrompter(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists folders and item folders at the root and in each folder, and reads an item through its folder path only', async () => {
    assert.deepEqual(await listing('/'), [
      ['Sales', Directory],
      ['Spare.Notebook', Directory],
    ]);
    assert.deepEqual(await listing('/Sales'), [
      ['Bronze', Directory],
      ['Clean.Notebook', Directory],
    ]);
    assert.deepEqual(await listing('/Sales/Bronze'), [['Load.DataPipeline', Directory]]);
    assert.equal((await vscode.workspace.fs.stat(uri('/Sales/Bronze'))).type, Directory);
    const part = await vscode.workspace.fs.readFile(uri('/Sales/Bronze/Load.DataPipeline/pipeline-content.json'));
    assert.match(Buffer.from(part).toString('utf8'), /"activities"/);
    // One URI per file: not the item's folder name at the root, nor a folder that is not there.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri('/Load.DataPipeline'))), failsWith('FileNotFound'));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri('/Sales/Load.DataPipeline'))), failsWith('FileNotFound'));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readDirectory(uri('/Nowhere'))), failsWith('FileNotFound'));
  });

  it('saves a part through its folder path to Fabric', async () => {
    const part = uri('/Sales/Bronze/Load.DataPipeline/pipeline-content.json');
    const changed = JSON.stringify({ properties: { activities: [], description: 'saved through Sales/Bronze' } }, null, 2);
    await vscode.workspace.fs.writeFile(part, Buffer.from(changed, 'utf8'));
    const files = decodeDefinition(await client.getDefinition(workspaceId, load.id));
    const remote = files.find((f) => f.path === 'pipeline-content.json');
    assert.match(Buffer.from(remote!.content).toString('utf8'), /saved through Sales\/Bronze/);
  });

  it("opens an item's files from the tree at the same URIs as its folder path", async () => {
    const files = await loadAll(explorer.tree, await nodeAt('Sales', 'Bronze', 'Load'));
    const opened = files.map((n) => explorer.tree.getTreeItem(n).command?.arguments?.[0]?.toString());
    assert.ok(opened.includes(uri('/Sales/Bronze/Load.DataPipeline/pipeline-content.json').toString()), opened.join(', '));
    await vscode.commands.executeCommand('fabricWorkbench.openDefinition', await nodeAt('Sales', 'Bronze', 'Load'));
    await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path === '/Sales/Bronze/Load.DataPipeline/pipeline-content.json',
      'the editor shows the part',
    );
  });

  it('creates a folder where its parent is, and the missing parents first (mkdir -p); a bad or taken name creates nothing', async () => {
    await vscode.workspace.fs.createDirectory(uri('/Sales/Silver'));
    const silver = await remoteFolder('Silver');
    assert.equal(silver?.parentFolderId, sales.id, 'created in Fabric, inside Sales');
    await vscode.workspace.fs.createDirectory(uri('/Archive/2024'));
    assert.equal((await remoteFolder('2024'))?.parentFolderId, (await remoteFolder('Archive'))?.id, "VS Code's createDirectory makes the parents first");
    await assert.rejects(Promise.resolve(vscode.workspace.fs.createDirectory(uri('/Sales/a#b'))), failsWith('NoPermissions', /cannot contain/));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.createDirectory(uri('/Sales/ Gold'))), failsWith('NoPermissions', /start or end with a space/));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.createDirectory(uri('/Sales/bronze'))), failsWith('NoPermissions', /"Bronze" is already there/));
    // The provider itself (what VS Code calls once per level) needs the parent.
    await assert.rejects(Promise.resolve(explorer.files.createDirectory(uri('/Nowhere/Gold'))), failsWith('FileNotFound'));
    assert.equal((await remoteFolders()).length, 5, 'only Silver, Archive and 2024 were added');
    assert.deepEqual(await listing('/Sales/Silver'), []);
  });

  it('creates an item inside a folder from an item folder name there; a name taken in another folder is refused', async () => {
    await vscode.workspace.fs.createDirectory(uri('/Sales/Silver/Fresh.Notebook'));
    const fresh = await remoteItem('Fresh', 'Notebook');
    assert.equal(fresh?.folderId, (await remoteFolder('Silver'))!.id, 'created in Fabric inside Silver');
    assert.deepEqual(await listing('/Sales/Silver'), [['Fresh.Notebook', Directory]]);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.createDirectory(uri('/Clean.Notebook'))),
      failsWith('NoPermissions', /already exists in the folder Sales/),
    );
  });

  it('renames a folder, moves it to another parent, and moves an item folder into another folder', async () => {
    await vscode.workspace.fs.rename(uri('/Sales/Silver'), uri('/Sales/Gold'));
    const gold = (await remoteFolder('Gold'))!;
    assert.equal(gold.parentFolderId, sales.id, 'renamed in place');
    assert.equal(await remoteFolder('Silver'), undefined);
    await vscode.workspace.fs.rename(uri('/Sales/Gold'), uri('/Gold'));
    assert.equal((await client.getFolder(workspaceId, gold.id)).parentFolderId ?? undefined, undefined, "moved to the workspace's root");
    assert.deepEqual(await listing('/Gold'), [['Fresh.Notebook', Directory]], 'with what it holds');

    await vscode.workspace.fs.rename(uri('/Sales/Bronze/Load.DataPipeline'), uri('/Gold/Load.DataPipeline'));
    assert.equal((await client.getItem(workspaceId, load.id)).folderId, gold.id, 'the item moved in Fabric');
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(uri('/Gold/Load.DataPipeline/pipeline-content.json'))).toString('utf8'), /activities/);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri('/Sales/Bronze/Load.DataPipeline'))), failsWith('FileNotFound'));

    await vscode.workspace.fs.rename(uri('/Sales/Clean.Notebook'), uri('/Sales/Cleaner.Notebook'));
    const cleaner = await client.getItem(workspaceId, clean.id);
    assert.deepEqual([cleaner.displayName, cleaner.folderId], ['Cleaner', sales.id], 'a new display name, in the same folder');
    await waitFor(async () => (await loadAll(explorer.tree, await nodeAt('Gold'))).length === 2, 'the tree shows the moved item in Gold');
  });

  it('refuses a folder moved into its own subfolder, a folder name with a dot, and a changed item type', async () => {
    // VS Code refuses it before asking the provider, and so does the provider.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.rename(uri('/Sales'), uri('/Sales/Bronze/Sales'))), /parent of target/);
    await assert.rejects(
      Promise.resolve(explorer.files.rename(uri('/Sales'), uri('/Sales/Bronze/Sales'), { overwrite: false })),
      failsWith('NoPermissions', /into itself/),
    );
    await assert.rejects(Promise.resolve(vscode.workspace.fs.rename(uri('/Gold'), uri('/Gold.Old'))), failsWith('NoPermissions', /cannot contain/));
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.rename(uri('/Gold/Load.DataPipeline'), uri('/Gold/Load'))),
      failsWith('NoPermissions', /Keep the/),
    );
    await assert.rejects(
      // Through the provider: VS Code itself would make the missing folder first.
      Promise.resolve(explorer.files.rename(uri('/Gold/Load.DataPipeline'), uri('/Nowhere/Load.DataPipeline'), { overwrite: false })),
      failsWith('FileNotFound'),
    );
    assert.equal((await remoteFolder('Sales'))!.parentFolderId ?? undefined, undefined, 'nothing moved');
    assert.equal((await client.getItem(workspaceId, load.id)).folderId, (await remoteFolder('Gold'))!.id);
  });

  it('deletes an empty folder; a folder that holds anything is refused and nothing in it is deleted', async () => {
    await assert.rejects(Promise.resolve(vscode.workspace.fs.delete(uri('/Gold'), { recursive: true })), failsWith('NoPermissions', /not empty/));
    assert.ok(await remoteFolder('Gold'), 'kept');
    assert.ok(await remoteItem('Load', 'DataPipeline'), 'and what it holds');
    await vscode.workspace.fs.delete(uri('/Sales/Bronze'), { recursive: true });
    assert.equal(await remoteFolder('Bronze'), undefined, 'deleted in Fabric');
    assert.deepEqual(await listing('/Sales'), [['Cleaner.Notebook', Directory]]);
  });

  it('[fabricWorkbench.createItem @ view/item/context] creates the item inside the folder right-clicked and opens it there', async () => {
    prompter.answer({ pick: 'Data pipeline' }, { input: 'Inside', typed: ['Load', 'Inside'] });
    await vscode.commands.executeCommand('fabricWorkbench.createItem', await nodeAt('Gold'));
    const inside = await remoteItem('Inside', 'DataPipeline');
    assert.equal(inside?.folderId, (await remoteFolder('Gold'))!.id, 'created in Fabric inside Gold');
    const [taken, free] = prompter.asked.at(-1)!.checks!;
    assert.match(String(taken), /exists/, 'a name taken in another folder is taken');
    assert.equal(free, undefined);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.startsWith('/Gold/Inside.DataPipeline/'), 'its definition opens at its folder path');
    assert.deepEqual(failures, []);
  });

  it('follows folder changes made in the Workspaces view', async () => {
    assert.deepEqual(await listing('/Sales'), [['Cleaner.Notebook', Directory]]);
    prompter.answer({ input: 'Made in the tree' });
    await vscode.commands.executeCommand('fabricWorkbench.createFolder', await nodeAt('Sales'));
    assert.deepEqual(await listing('/Sales'), [
      ['Cleaner.Notebook', Directory],
      ['Made in the tree', Directory],
    ]);
    assert.deepEqual(failures, []);
  });
});
