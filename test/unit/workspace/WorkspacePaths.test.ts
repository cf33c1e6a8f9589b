import assert from 'node:assert/strict';
import type { Folder, Item } from '../../../src/fabric/types';
import { WorkspacePaths } from '../../../src/workspace/WorkspacePaths';

const folder = (id: string, displayName: string, parentFolderId?: string): Folder => ({ id, displayName, workspaceId: 'ws', parentFolderId });
const item = (id: string, displayName: string, type: string, folderId?: string): Item => ({ id, displayName, type, workspaceId: 'ws', folderId });

// Sales/Bronze holds Load; Sales holds Clean; the root holds Report and the folder Archive.
const sales = folder('f-sales', 'Sales');
const bronze = folder('f-bronze', 'Bronze', 'f-sales');
const archive = folder('f-archive', 'Archive');
const load = item('i-load', 'Load', 'DataPipeline', 'f-bronze');
const clean = item('i-clean', 'Clean', 'Notebook', 'f-sales');
const report = item('i-report', 'Report', 'Report');
const paths = new WorkspacePaths([sales, bronze, archive], [load, clean, report]);

describe('WorkspacePaths: Fabric folders as directories of the fabricwb file system', () => {
  it("gives each item the path of its folders, the tree's layout", () => {
    assert.equal(paths.itemPath(load), 'Sales/Bronze/Load.DataPipeline');
    assert.equal(paths.itemPath(clean), 'Sales/Clean.Notebook');
    assert.equal(paths.itemPath(report), 'Report.Report', 'an item at the root keeps its URI of before folders');
    assert.equal(paths.itemPath({ id: 'unknown', displayName: 'New', type: 'Notebook' }), 'New.Notebook', 'an item not listed yet is at the root');
  });

  it('resolves a path of folder names to its folder, and lists what each directory holds', () => {
    assert.deepEqual(paths.folderAt([]), { place: undefined });
    assert.deepEqual(paths.folderAt(['Sales', 'Bronze']), { place: 'f-bronze' });
    assert.equal(paths.folderAt(['Bronze']), undefined, 'a folder is only where it is');
    assert.equal(paths.folderAt(['sales']), undefined, 'names are matched as written');
    const names = (place: string | undefined) => {
      const { folders, items } = paths.entries(place);
      return [...folders.map((f) => f.displayName), ...items.map((i) => i.displayName)];
    };
    assert.deepEqual(names(undefined), ['Archive', 'Sales', 'Report']);
    assert.deepEqual(names('f-sales'), ['Bronze', 'Clean']);
    assert.deepEqual(names('f-archive'), []);
  });

  it('finds an item only at its own path, so each file has one URI', () => {
    assert.equal(paths.itemAt(['Sales', 'Bronze'], 'Load.DataPipeline'), load);
    assert.equal(paths.itemAt([], 'Load.DataPipeline'), undefined, 'not at the root');
    assert.equal(paths.itemAt(['Sales'], 'Load.DataPipeline'), undefined, 'not one level up');
    assert.equal(paths.item('Load.DataPipeline'), load, 'while its name is taken in the whole workspace');
  });

  it('leaves out names that are not one path segment: hostile folder and item names resolve nowhere else', () => {
    const hostile = new WorkspacePaths(
      [folder('f-dots', '..'), folder('f-slash', 'a/b'), folder('f-typed', 'Fake.Notebook'), folder('f-inner', 'Inner', 'f-dots')],
      [
        item('i-escape', '../Report', 'Report'),
        item('i-in-dots', 'Kept', 'Notebook', 'f-dots'),
        item('i-dotted', '.Notebook', 'Notebook', 'f-typed'),
        item('i-typed-name', 'Sales.Notebook', 'Notebook'),
      ],
    );
    const root = hostile.entries(undefined);
    assert.deepEqual(
      root.folders.map((f) => f.displayName),
      ['Inner'],
      'folders Fabric would refuse (".." "a/b" "Fake.Notebook") are not directories; a folder inside one shows one level up',
    );
    assert.deepEqual(
      root.items.map((i) => hostile.itemPath(i)),
      ['.Notebook.Notebook', 'Kept.Notebook', 'Sales.Notebook.Notebook'],
      "an item of a hidden folder shows at the root; '../Report' is not shown at all",
    );
    assert.equal(hostile.item('../Report.Report'), undefined);
    assert.equal(hostile.folderAt(['..']), undefined);
    assert.equal(hostile.folderAt(['Fake.Notebook']), undefined);
    assert.equal(hostile.itemAt([], 'Sales.Notebook.Notebook')?.id, 'i-typed-name', 'an item named like an item folder keeps its own ending');
    assert.equal(hostile.itemAt([], '.Notebook.Notebook')?.id, 'i-dotted', 'a name that is only an ending too');
  });

  it('records changes made through the file system without a new listing', () => {
    const moved = paths.withItem({ added: { ...report, folderId: 'f-archive' } });
    assert.equal(moved.itemPath(report), 'Archive/Report.Report');
    const renamed = moved.withFolder({ added: { ...sales, displayName: 'Sales 2024' } });
    assert.equal(renamed.itemPath(load), 'Sales 2024/Bronze/Load.DataPipeline', 'what a folder holds follows its new name');
    const deleted = renamed.withFolder({ removed: archive }).withItem({ removed: report });
    assert.equal(deleted.folderAt(['Archive']), undefined);
    assert.equal(deleted.item('Report.Report'), undefined);
    assert.deepEqual(
      paths.itemsUnder('f-sales').map((i) => i.id),
      ['i-load', 'i-clean'],
      'a folder and its subfolders',
    );
  });
});
