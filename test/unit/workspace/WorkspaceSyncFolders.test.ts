// Export and import keep Fabric folders as directories (`<folders>/<Name>.<Type>/`), against the
// emulator: the round trip into an empty workspace, reused folders and moved items, and the names
// and links that must not lead an export or an import astray.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeDefinition } from '../../../src/fabric/definition';
import type { FabricClient } from '../../../src/fabric';
import type { Folder, Item, Page } from '../../../src/fabric/types';
import { folderNamePaths } from '../../../src/workspace/folderLayout';
import { findItemFolders } from '../../../src/workspace/syncFolders';
import { importItemFolders, type ExistingItem } from '../../../src/workspace/WorkspaceImport';
import { exportItems, exportWorkspace, listWorkspaceItems } from '../../../src/workspace/WorkspaceSync';
import { startFixture, type Fixture } from './emulatorFixture';
import { folderSnapshot as snapshot } from './folderSnapshot';

const pipeline = (description: string) =>
  encodeDefinition([{ path: 'pipeline-content.json', content: Buffer.from(JSON.stringify({ properties: { activities: [], description } })) }]);

describe('WorkspaceSync keeps folders, against the emulator', () => {
  let fx: Fixture;
  let source: string;
  let scratch: string;

  /** Every folder of the workspace by path, and every item as `<folder path>/<Name>.<Type>`. */
  async function layout(workspaceId: string): Promise<{ folders: string[]; items: string[] }> {
    const listed: Folder[] = [];
    for await (const folder of fx.client.listFolders(workspaceId)) listed.push(folder);
    const paths = folderNamePaths(listed);
    const items = (await listWorkspaceItems(fx.client, workspaceId)).map((i) =>
      [...(i.folderId ? paths.get(i.folderId)! : []), `${i.displayName}.${i.type}`].join('/'),
    );
    return { folders: [...paths.values()].map((p) => p.join('/')).sort(), items: items.sort() };
  }

  async function folder(workspaceId: string, displayName: string, parent?: Folder): Promise<Folder> {
    return fx.client.createFolder(workspaceId, { displayName, ...(parent ? { parentFolderId: parent.id } : {}) });
  }

  async function item(workspaceId: string, displayName: string, where?: Folder, description = displayName): Promise<Item> {
    const created = await fx.client.createItem(workspaceId, { displayName, type: 'DataPipeline', definition: pipeline(description), folderId: where?.id });
    return { ...created, workspaceId };
  }

  const read = (...segments: string[]) => fs.readFileSync(path.join(...segments), 'utf8');

  before(async () => {
    fx = await startFixture();
    source = (await fx.client.createWorkspace({ displayName: 'Nested' })).id;
    const sales = await folder(source, 'Sales');
    const bronze = await folder(source, 'Bronze', sales);
    await folder(source, 'Empty');
    await item(source, 'Load', bronze);
    await item(source, 'Report', sales);
    await item(source, 'Top');
  });
  after(() => fx.close());
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-folders-'));
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('exports each item under its Fabric folders, through the bulk export and item by item alike', async () => {
    fx.calls.clear();
    const result = await exportWorkspace(fx.counted, source, scratch);
    assert.deepEqual(result.failed, []);
    assert.equal(fx.calls.get('bulkExportDefinitions'), 1);
    assert.match(read(scratch, 'Sales', 'Bronze', 'Load.DataPipeline', 'pipeline-content.json'), /"Load"/);
    assert.match(read(scratch, 'Sales', 'Report.DataPipeline', 'pipeline-content.json'), /"Report"/);
    assert.match(read(scratch, 'Top.DataPipeline', 'pipeline-content.json'), /"Top"/);
    assert.deepEqual(fs.readdirSync(scratch).sort(), ['Sales', 'Top.DataPipeline'], 'a folder without items makes no directory');
    assert.deepEqual([...result.paths.values()].sort(), ['Sales/Bronze/Load.DataPipeline', 'Sales/Report.DataPipeline', 'Top.DataPipeline']);

    const single = path.join(scratch, 'single');
    fs.mkdirSync(single);
    const load = (await listWorkspaceItems(fx.client, source)).find((i) => i.displayName === 'Load')!;
    await exportItems(fx.client, [load], single);
    assert.match(read(single, 'Sales', 'Bronze', 'Load.DataPipeline', 'pipeline-content.json'), /"Load"/, 'one item keeps its folders too');
  });

  it('exports many items of one new folder in parallel, item by item, without tripping over the folder another item creates', async () => {
    const noBulk = await startFixture({ bulkExport: false });
    try {
      const ws = (await noBulk.client.createWorkspace({ displayName: 'Parallel' })).id;
      const shared = await noBulk.client.createFolder(ws, { displayName: 'Shared' });
      const deeper = await noBulk.client.createFolder(ws, { displayName: 'Deeper', parentFolderId: shared.id });
      for (let i = 0; i < 12; i++)
        await noBulk.client.createItem(ws, {
          displayName: `P${i}`,
          type: 'DataPipeline',
          definition: pipeline(`p${i}`),
          folderId: (i % 2 ? shared : deeper).id,
        });
      const result = await exportWorkspace(noBulk.client, ws, scratch, { concurrency: 8 });
      assert.deepEqual(result.failed, []);
      assert.equal(fs.readdirSync(path.join(scratch, 'Shared')).length, 7, 'six items and the Deeper folder');
      assert.equal(fs.readdirSync(path.join(scratch, 'Shared', 'Deeper')).length, 6);
    } finally {
      await noBulk.close();
    }
  });

  it('re-imports the exported tree into an empty workspace: the same folders, each item in its own', async () => {
    await exportWorkspace(fx.client, source, scratch);
    const empty = (await fx.client.createWorkspace({ displayName: 'Empty target' })).id;
    const found = await findItemFolders(scratch);
    assert.deepEqual(
      found.map((f) => [path.relative(scratch, f.path), f.fabricFolder]),
      [
        [path.join('Sales', 'Bronze', 'Load.DataPipeline'), ['Sales', 'Bronze']],
        [path.join('Sales', 'Report.DataPipeline'), ['Sales']],
        ['Top.DataPipeline', []],
      ],
    );
    const report = await importItemFolders(fx.client, empty, found);
    assert.deepEqual(report.failed, []);
    assert.deepEqual(report.foldersCreated, ['Sales', 'Sales/Bronze'], 'parents first');
    assert.equal(report.imported.filter((r) => r.created).length, 3);
    assert.deepEqual(await layout(empty), {
      folders: ['Sales', 'Sales/Bronze'],
      items: ['Sales/Bronze/Load.DataPipeline', 'Sales/Report.DataPipeline', 'Top.DataPipeline'],
    });
  });

  it('reuses the folders there (ignoring case), moves existing items to their local folder after asking, and Skip leaves them be', async () => {
    const ws = (await fx.client.createWorkspace({ displayName: 'Half there' })).id;
    const sales = await folder(ws, 'sales');
    const misplaced = await item(ws, 'Load', sales, 'old');
    await item(ws, 'Top', sales, 'old');
    await exportWorkspace(fx.client, source, scratch);

    const asked: ExistingItem[][] = [];
    const skipped = await importItemFolders(fx.client, ws, await findItemFolders(scratch), { onExisting: async (e) => (asked.push(e), 'skip') });
    assert.deepEqual(
      asked[0]!.map((e) => [e.item.displayName, e.moveTo]),
      [
        ['Load', 'Sales/Bronze'],
        ['Top', ''],
      ],
    );
    assert.deepEqual(
      skipped.skipped.map((i) => i.id),
      asked[0]!.map((e) => e.item.id),
    );
    assert.deepEqual(
      await layout(ws),
      {
        folders: ['sales'],
        items: ['sales/Load.DataPipeline', 'sales/Report.DataPipeline', 'sales/Top.DataPipeline'],
      },
      'the new item went into the folder there; the existing ones stayed',
    );

    const replaced = await importItemFolders(fx.client, ws, await findItemFolders(scratch), { onExisting: async (e) => (asked.push(e), 'replace') });
    assert.deepEqual(replaced.failed, []);
    assert.deepEqual(
      asked[1]!.map((e) => [e.item.displayName, e.moveTo]).sort(),
      [
        ['Load', 'Sales/Bronze'],
        ['Report', undefined],
        ['Top', ''],
      ],
      'Report is in "sales" already: no move',
    );
    assert.deepEqual(replaced.foldersCreated, ['Sales/Bronze']);
    const moved = replaced.imported.filter((r) => r.moved).map((r) => r.item.displayName);
    assert.deepEqual(moved.sort(), ['Load', 'Top']);
    assert.deepEqual(await layout(ws), {
      folders: ['sales', 'sales/Bronze'],
      items: ['Top.DataPipeline', 'sales/Bronze/Load.DataPipeline', 'sales/Report.DataPipeline'],
    });
    const load = (await listWorkspaceItems(fx.client, ws)).find((i) => i.displayName === 'Load')!;
    assert.equal(load.id, misplaced.id, 'moved, not created again');
  });

  describe('folder names and links', () => {
    let hostile: string;
    let base: string;
    let chosen: string;

    /** The client, with the folder listing's names replaced by `names` (by the names Fabric holds): a server's answer. */
    function renaming(names: Record<string, string>): FabricClient {
      return new Proxy(fx.client, {
        get(target, name, receiver) {
          if (name !== 'listFoldersPage') return Reflect.get(target, name, receiver) as unknown;
          return async (...args: Parameters<FabricClient['listFoldersPage']>): Promise<Page<Folder>> => {
            const page = await target.listFoldersPage(...args);
            return { ...page, value: page.value.map((f) => ({ ...f, displayName: names[f.displayName] ?? f.displayName })) };
          };
        },
      });
    }

    before(async () => {
      hostile = (await fx.client.createWorkspace({ displayName: 'Hostile folders' })).id;
      for (const name of ['Up', 'Slash', 'Device', 'Dotted', 'Hidden', 'Fine']) await item(hostile, `In ${name}`, await folder(hostile, name));
    });
    beforeEach(() => {
      base = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-hostile-folders-'));
      chosen = path.join(base, 'chosen');
      fs.mkdirSync(chosen);
      fs.mkdirSync(path.join(base, 'outside'));
      fs.writeFileSync(path.join(base, 'outside', 'keep.txt'), "the user's file beside the chosen folder");
    });
    afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

    it('export writes nothing outside the chosen folder for a folder named "..", "a/b", "CON", "x.Notebook" or ".git": those items are reported', async () => {
      const client = renaming({ Up: '..', Slash: '../outside', Device: 'CON', Dotted: 'x.Notebook', Hidden: '.git' });
      const before = snapshot(base);
      const result = await exportWorkspace(client, hostile, chosen);
      for (const [name, content] of snapshot(base))
        if (!name.startsWith(`chosen${path.sep}`) && name !== 'chosen') assert.equal(before.get(name), content, `${name} appeared or changed`);
      assert.deepEqual(
        result.exported.map((i) => i.displayName),
        ['In Fine'],
      );
      assert.deepEqual(fs.readdirSync(chosen), ['Fine']);
      const failures = new Map(result.failed.map((f) => [f.item.displayName, f.error]));
      assert.match(failures.get('In Up') ?? '', /Not exported: "\.\." is not a safe folder name/);
      assert.match(failures.get('In Slash') ?? '', /"\.\.\/outside" is not a safe folder name: it contains "\/"/);
      assert.match(failures.get('In Device') ?? '', /"CON" is not a safe folder name: "CON" is a device name on Windows/);
      assert.match(failures.get('In Dotted') ?? '', /"x\.Notebook" is not a Fabric folder name/);
      assert.match(failures.get('In Hidden') ?? '', /"\.git" is not a Fabric folder name/);
    });

    it('export writes nothing through a link on the way to an item folder', async () => {
      fs.symlinkSync(path.join(base, 'outside'), path.join(chosen, 'Fine'));
      const result = await exportWorkspace(fx.client, hostile, chosen, { onExisting: async () => 'overwrite' });
      const failure = result.failed.find((f) => f.item.displayName === 'In Fine');
      assert.match(failure?.error ?? '', /"[^"]*Fine" exists and is a link/);
      assert.deepEqual(fs.readdirSync(path.join(base, 'outside')), ['keep.txt']);
    });

    it('import passes over hidden directories and links, refuses what Fabric would refuse and the same item twice, and reports every folder it did create', async () => {
      const ws = (await fx.client.createWorkspace({ displayName: 'Import refusals' })).id;
      const put = (...segments: string[]) => {
        fs.mkdirSync(path.join(chosen, ...segments), { recursive: true });
        fs.writeFileSync(path.join(chosen, ...segments, 'pipeline-content.json'), JSON.stringify({ properties: { activities: [] } }));
      };
      put('.git', 'refs', 'Hidden.DataPipeline');
      put('Good', 'Ok.DataPipeline');
      put('v1.2', 'Versioned.DataPipeline');
      put('Twice.DataPipeline');
      put('Good', 'Twice.DataPipeline');
      fs.mkdirSync(path.join(base, 'outside', 'Linked.DataPipeline'));
      fs.writeFileSync(path.join(base, 'outside', 'Linked.DataPipeline', 'pipeline-content.json'), '{}');
      fs.symlinkSync(path.join(base, 'outside'), path.join(chosen, 'Link'));
      const deep = Array.from({ length: 11 }, (_, i) => `L${i + 1}`);
      put(...deep, 'Deep.DataPipeline');

      const found = await findItemFolders(chosen);
      assert.deepEqual(found.map((f) => path.basename(f.path)).sort(), [
        'Deep.DataPipeline',
        'Ok.DataPipeline',
        'Twice.DataPipeline',
        'Twice.DataPipeline',
        'Versioned.DataPipeline',
      ]);
      const report = await importItemFolders(fx.client, ws, found);
      const errors = report.failed.map((f) => `${path.relative(chosen, f.folder)}: ${f.error}`).sort();
      assert.equal(errors.length, 4, errors.join('\n'));
      assert.match(errors[0]!, /^Good.Twice\.DataPipeline: Not imported: 2 folders are named "Twice\.DataPipeline"/);
      assert.match(errors[1]!, /^L1.*Deep\.DataPipeline: Not imported: its folder "L1\/L2\/.*\/L11" could not be created: .*10 levels/);
      assert.match(errors[2]!, /^Twice\.DataPipeline: Not imported: 2 folders/);
      assert.match(
        errors[3]!,
        /^v1\.2.Versioned\.DataPipeline: Not imported: its folder "v1\.2" could not be created: "v1\.2" is not a Fabric folder name: it contains/,
      );
      assert.deepEqual(
        report.imported.map((r) => r.item.displayName),
        ['Ok'],
      );
      assert.deepEqual(report.foldersCreated, ['Good', ...deep.slice(0, 10).map((_, i) => deep.slice(0, i + 1).join('/'))], 'every folder created is reported');
      assert.deepEqual((await layout(ws)).items, ['Good/Ok.DataPipeline']);
    });
  });
});
