// The user's work inside a real extension host, against an emulator of this suite's own: parts of
// one item saved together, export into a folder that holds the user's files, names from Fabric
// that would reach outside the chosen folder, and the Explorer's "Export to Local Folder…".
// Every outcome is checked through the emulator's REST API or on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import { Store } from '../../../src/emulator/store';
import type { ExportResult } from '../../../src/workspace/WorkspaceSync';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Item } from '../../../src/fabric/types';
import { UserCancelled, type OpenDialogOptions, type Prompter } from '../../../src/base/prompter';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import { describeExport } from '../../../src/vscode/items/syncMessages';
import { folderSnapshot as snapshot } from '../../unit/workspace/folderSnapshot';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const bytes = (s: string) => Buffer.from(s, 'utf8');
const json = (value: unknown) => bytes(JSON.stringify(value, null, 2));

describe("The user's work: saves, export and import", function () {
  this.timeout(60_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let workspaceId: string;
  let scratch: string;
  /** What the test prompter was asked, and the answers it gives (in order; the last one repeats). */
  let confirmations: { message: string; detail?: string; actions: string[] }[];
  let answers: (string | undefined)[];
  let dialogs: OpenDialogOptions[];
  let chosenFolder: string | undefined;

  const prompter: Prompter = {
    pick: async () => {
      throw new UserCancelled();
    },
    input: async () => {
      throw new UserCancelled();
    },
    confirm: async (message, options, ...actions) => {
      confirmations.push({ message, detail: options.detail, actions });
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer === undefined) throw new UserCancelled();
      return answer;
    },
    openDialog: async (options) => {
      dialogs.push(options);
      if (!chosenFolder) throw new UserCancelled();
      return [vscode.Uri.file(chosenFolder)];
    },
  };

  const folderUri = (item: Pick<Item, 'displayName' | 'type'>, part?: string, ws = workspaceId) =>
    vscode.Uri.from({ scheme: 'fabricwb', authority: ws, path: `/${item.displayName}.${item.type}${part ? `/${part}` : ''}` });

  async function remoteParts(item: Item, ws = workspaceId): Promise<Map<string, string>> {
    return new Map(decodeDefinition(await client.getDefinition(ws, item.id)).map((f) => [f.path, Buffer.from(f.content).toString('utf8')]));
  }

  async function pipelineWith(displayName: string, parts: Record<string, unknown>, ws = workspaceId): Promise<Item> {
    const definition = encodeDefinition(
      Object.entries(parts).map(([p, value]) => ({ path: p, content: typeof value === 'string' ? bytes(value) : json(value) })),
    );
    const item = { ...(await client.createItem(ws, { displayName, type: 'DataPipeline', definition })), workspaceId: ws };
    explorer.files.refresh(ws);
    return item;
  }

  async function edit(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const change = new vscode.WorkspaceEdit();
    change.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(change));
    assert.ok(document.isDirty);
    return document;
  }

  async function exportFromExplorer(uri: vscode.Uri, selected: vscode.Uri[] = [uri]): Promise<ExportResult | undefined> {
    return vscode.commands.executeCommand<ExportResult | undefined>('fabricWorkbench.exportToFolder', uri, selected);
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-userwork-suite-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: false });
    client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'user-work-suite' });
    workspaceId = (await client.createWorkspace({ displayName: 'User work suite' })).id;
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    explorer = ((await extension.activate()) as { explorer: Explorer }).explorer;
    explorer.setPrompter(prompter);
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
    // The tests save when they choose to: an auto-save in the middle would race their own saves.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-userwork-'));
    confirmations = [];
    answers = [undefined];
    dialogs = [];
    chosenFolder = undefined;
  });

  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  after(async () => {
    explorer?.setPrompter(undefined);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('saving several parts of one item at once', () => {
    let conflicts: string[];
    let subscription: { dispose(): void };

    beforeEach(() => {
      conflicts = [];
      subscription = explorer.saving.saver.onConflict(({ paths }) => conflicts.push(...paths));
    });
    afterEach(() => {
      subscription.dispose();
    });

    it('Save All keeps both edits and reports no conflict', async () => {
      const item = await pipelineWith('Two parts', { 'pipeline-content.json': { properties: { activities: [] } }, 'settings.json': { retries: 0 } });
      await edit(folderUri(item, 'pipeline-content.json'), JSON.stringify({ properties: { activities: [], description: 'edit one' } }, null, 2));
      await edit(folderUri(item, 'settings.json'), JSON.stringify({ retries: 2 }, null, 2));
      const saved = await vscode.workspace.saveAll();
      assert.equal(
        saved,
        true,
        `every save succeeded; still dirty: ${vscode.workspace.textDocuments
          .filter((d) => d.isDirty)
          .map((d) => d.uri.path)
          .join(', ')}`,
      );
      const remote = await remoteParts(item);
      assert.match(remote.get('pipeline-content.json') ?? '', /edit one/);
      assert.deepEqual(JSON.parse(remote.get('settings.json') ?? '{}'), { retries: 2 });
      assert.deepEqual(conflicts, []);
    });

    it('saves started together (as auto-save does) all reach Fabric', async () => {
      const parts = ['a.json', 'b.json', 'c.json', 'd.json'];
      const item = await pipelineWith(
        'Four parts',
        Object.fromEntries([['pipeline-content.json', { properties: { activities: [] } }], ...parts.map((p) => [p, {}])]),
      );
      const documents = [];
      for (const part of parts) documents.push(await edit(folderUri(item, part), JSON.stringify({ edited: part })));
      assert.deepEqual(
        await Promise.all(documents.map((d) => d.save())),
        parts.map(() => true),
      );
      const remote = await remoteParts(item);
      for (const part of parts) assert.equal(remote.get(part), JSON.stringify({ edited: part }), part);
      assert.ok(documents.every((d) => !d.isDirty));
      assert.deepEqual(conflicts, []);
    });
  });

  describe("Export to Local Folder… from VS Code's Explorer", () => {
    it('[fabricWorkbench.exportToFolder @ explorer/context] exports the item whose folder was right-clicked into the folder chosen in the picker', async () => {
      const item = await pipelineWith('Explorer export', { 'pipeline-content.json': { properties: { activities: [], description: 'from the explorer' } } });
      chosenFolder = scratch;
      const result = await vscode.commands.executeCommand<ExportResult | undefined>('fabricWorkbench.exportToFolder', folderUri(item), [folderUri(item)]);
      assert.equal(dialogs.length, 1);
      assert.equal(dialogs[0].title, 'Export to Local Folder');
      assert.equal(dialogs[0].canSelectFolders, true);
      assert.match(fs.readFileSync(path.join(scratch, 'Explorer export.DataPipeline', 'pipeline-content.json'), 'utf8'), /from the explorer/);
      assert.ok(fs.existsSync(path.join(scratch, 'Explorer export.DataPipeline', '.platform')));
      assert.ok(result);
      assert.equal(describeExport(result, scratch).text, `Exported 1 item to ${scratch}.`);
    });

    it('exports every selected item, and a whole workspace from its root folder', async () => {
      const ws = (await client.createWorkspace({ displayName: 'Explorer selection' })).id;
      const one = await pipelineWith('One', { 'pipeline-content.json': { properties: { activities: [] } } }, ws);
      const two = await pipelineWith('Two', { 'pipeline-content.json': { properties: { activities: [] } } }, ws);
      await pipelineWith('Three', { 'pipeline-content.json': { properties: { activities: [] } } }, ws);
      chosenFolder = path.join(scratch, 'selection');
      fs.mkdirSync(chosenFolder);
      const selected = await exportFromExplorer(folderUri(one, undefined, ws), [folderUri(one, undefined, ws), folderUri(two, undefined, ws)]);
      assert.deepEqual(fs.readdirSync(chosenFolder).sort(), ['One.DataPipeline', 'Two.DataPipeline']);
      assert.equal(describeExport(selected!, chosenFolder).text, `Exported 2 items to ${chosenFolder}.`);
      chosenFolder = path.join(scratch, 'workspace');
      fs.mkdirSync(chosenFolder);
      const root = vscode.Uri.from({ scheme: 'fabricwb', authority: ws, path: '/' });
      await exportFromExplorer(root);
      assert.deepEqual(fs.readdirSync(chosenFolder).sort(), ['One.DataPipeline', 'Three.DataPipeline', 'Two.DataPipeline']);
    });
  });

  describe("export into a folder that holds the user's files", () => {
    let ws: string;
    let items: Item[];
    const folderOf = (name: string) => path.join(scratch, `${name}.DataPipeline`);

    beforeEach(async () => {
      ws = (await client.createWorkspace({ displayName: `Existing ${path.basename(scratch)}` })).id;
      items = [];
      for (const name of ['First', 'Second']) {
        items.push(await pipelineWith(name, { 'pipeline-content.json': { properties: { activities: [], description: `${name} in Fabric` } } }, ws));
        fs.mkdirSync(path.join(folderOf(name), 'notes'), { recursive: true });
        fs.writeFileSync(path.join(folderOf(name), 'pipeline-content.json'), `${name}: my local edit`);
        fs.writeFileSync(path.join(folderOf(name), 'notes', 'todo.md'), 'my notes');
      }
      chosenFolder = scratch;
    });

    const exportWorkspace = () => vscode.commands.executeCommand<ExportResult | undefined>('fabricWorkbench.exportToFolder', { workspaceId: ws });

    it("asks per folder, listing its files; Skip leaves it, Overwrite writes the parts and keeps the user's files", async () => {
      answers = ['Skip', 'Overwrite'];
      const result = await exportWorkspace();
      assert.equal(confirmations.length, 2);
      assert.match(confirmations[0].message, /"First\.DataPipeline" already exists/);
      assert.match(confirmations[0].detail ?? '', /notes\/todo\.md/);
      assert.deepEqual(confirmations[0].actions, ['Overwrite', 'Overwrite All', 'Skip', 'Skip All'], '"apply to all" while folders remain');
      assert.deepEqual(confirmations[1].actions, ['Overwrite', 'Skip']);
      assert.equal(fs.readFileSync(path.join(folderOf('First'), 'pipeline-content.json'), 'utf8'), 'First: my local edit');
      assert.match(fs.readFileSync(path.join(folderOf('Second'), 'pipeline-content.json'), 'utf8'), /Second in Fabric/);
      assert.equal(fs.readFileSync(path.join(folderOf('Second'), 'notes', 'todo.md'), 'utf8'), 'my notes');
      assert.equal(
        describeExport(result!, scratch).text,
        `Exported 1 item to ${scratch}. Left 1 existing folder as it was: First.DataPipeline. Kept 1 file there that is not part of its item: Second.DataPipeline/notes/todo.md.`,
      );
    });

    it('"Overwrite All" answers every folder after it', async () => {
      answers = ['Overwrite All'];
      await exportWorkspace();
      assert.equal(confirmations.length, 1);
      for (const name of ['First', 'Second']) {
        assert.match(fs.readFileSync(path.join(folderOf(name), 'pipeline-content.json'), 'utf8'), new RegExp(`${name} in Fabric`));
        assert.equal(fs.readFileSync(path.join(folderOf(name), 'notes', 'todo.md'), 'utf8'), 'my notes');
      }
    });

    it('Cancel writes nothing', async () => {
      const fresh = await pipelineWith('Fresh', { 'pipeline-content.json': { properties: { activities: [] } } }, ws);
      const before = snapshot(scratch);
      answers = [undefined];
      assert.equal(await exportWorkspace(), undefined);
      assert.equal(confirmations.length, 1);
      assert.deepEqual(snapshot(scratch), before);
      assert.ok(!fs.existsSync(folderOf(fresh.displayName)));
    });
  });

  describe('names and part paths from Fabric that would leave the chosen folder', () => {
    let ws: string;
    let base: string;
    let chosen: string;

    before(async () => {
      ws = (await client.createWorkspace({ displayName: 'Hostile names' })).id;
      await pipelineWith('victim', { 'pipeline-content.json': { properties: { activities: [], description: 'the real victim' } } }, ws);
      await pipelineWith('../victim', { 'pipeline-content.json': { properties: { activities: [], description: 'escaped by name' } } }, ws);
      // The emulator refuses part paths that leave the item's folder, as Fabric does: they are written
      // into its data folder, as a server that handed them out would hold them.
      const evil = await pipelineWith('Evil', { 'pipeline-content.json': { properties: { activities: [] } } }, ws);
      const port = emulator.port;
      await emulator.close();
      const store = Store.open(dataDir);
      store.putDefinition(
        evil.id,
        encodeDefinition([
          { path: 'pipeline-content.json', content: json({ properties: { activities: [] } }) },
          { path: '../../x.txt', content: bytes('escaped by part') },
          { path: '../Other.DataPipeline/pipeline-content.json', content: bytes('{}') },
        ]),
      );
      store.close();
      emulator = await startEmulator({ port, dataDir, sample: false });
      await pipelineWith('NUL', { 'pipeline-content.json': { properties: { activities: [] } } }, ws);
    });
    beforeEach(() => {
      base = scratch;
      chosen = path.join(base, 'chosen');
      fs.mkdirSync(chosen);
      fs.mkdirSync(path.join(base, 'victim.DataPipeline'));
      fs.writeFileSync(path.join(base, 'victim.DataPipeline', 'keep.txt'), "the user's file beside the chosen folder");
      chosenFolder = chosen;
    });

    it('export writes and deletes nothing outside the chosen folder and names every item it refused', async () => {
      const before = snapshot(base);
      const result = await exportFromExplorer(vscode.Uri.from({ scheme: 'fabricwb', authority: ws, path: '/' }));
      const after = snapshot(base);
      for (const [name, content] of before) assert.equal(after.get(name), content, `${name} was deleted or changed`);
      for (const name of after.keys()) assert.ok(before.has(name) || name.startsWith(`chosen${path.sep}`), `${name} was written outside the chosen folder`);
      assert.deepEqual(fs.readdirSync(chosen), ['victim.DataPipeline']);
      const failed = new Map(result!.failed.map((f) => [f.item.displayName, f.error]));
      assert.deepEqual([...failed.keys()].sort(), ['../victim', 'Evil', 'NUL']);
      assert.match(describeExport(result!, chosen).text, /Failed: .*\.\.\/victim: Not exported: "\.\.\/victim\.DataPipeline" is not a safe folder name/);
    });

    it('the fabricwb file system shows no name that would resolve to another place', async () => {
      const root = vscode.Uri.from({ scheme: 'fabricwb', authority: ws, path: '/' });
      const names = (await vscode.workspace.fs.readDirectory(root)).map(([name]) => name);
      assert.deepEqual(names.sort(), ['Evil.DataPipeline', 'NUL.DataPipeline', 'victim.DataPipeline']);
      const evil = vscode.Uri.joinPath(root, 'Evil.DataPipeline');
      const parts = (await vscode.workspace.fs.readDirectory(evil)).map(([name]) => name);
      assert.deepEqual(parts.sort(), ['.platform', 'pipeline-content.json']);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.joinPath(evil, 'CON.json'), bytes('{}'))), /device name/);
      const item = (await explorer.files.resolveItem(evil))!.item;
      assert.ok(!(await remoteParts(item, ws)).has('CON.json'));
    });
  });
});
