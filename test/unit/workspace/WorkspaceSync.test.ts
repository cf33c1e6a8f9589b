import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportItems, exportWorkspace, type ExistingFolder } from '../../../src/workspace/WorkspaceSync';
import { importItemFolders } from '../../../src/workspace/WorkspaceImport';
import type { Item } from '../../../src/fabric/types';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import { Store } from '../../../src/emulator/store';
import { startFixture, text, type Fixture } from './emulatorFixture';
import { folderSnapshot as snapshot } from './folderSnapshot';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const pipelineJson = (description: string) => bytes(JSON.stringify({ properties: { activities: [], description } }));

describe('WorkspaceSync against the emulator', () => {
  let fx: Fixture;
  let source: string;
  let target: string;
  let folder: string;

  before(async () => {
    fx = await startFixture();
    source = (await fx.client.createWorkspace({ displayName: 'Source' })).id;
    target = (await fx.client.createWorkspace({ displayName: 'Target' })).id;
    for (let i = 0; i < 12; i++) {
      const content = JSON.stringify({ properties: { activities: [], description: `pipeline ${i}` } });
      await fx.client.createItem(source, {
        displayName: `P${i}`,
        type: 'DataPipeline',
        definition: encodeDefinition([{ path: 'pipeline-content.json', content: bytes(content) }]),
      });
    }
    await fx.client.createItem(source, { displayName: 'Nb', type: 'Notebook' });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-export-'));
  });
  after(async () => {
    await fx.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('exports every item of a workspace in the Git layout, reporting progress', async () => {
    const progress: number[] = [];
    const result = await exportWorkspace(fx.client, source, folder, { concurrency: 4, onProgress: (p) => progress.push(p.done) });
    assert.equal(result.failed.length, 0);
    assert.equal(result.exported.length, 13);
    assert.equal(progress.length, 13);
    assert.match(fs.readFileSync(path.join(folder, 'P7.DataPipeline', 'pipeline-content.json'), 'utf8'), /pipeline 7/);
    assert.ok(fs.existsSync(path.join(folder, 'P7.DataPipeline', '.platform')));
    assert.ok(fs.readdirSync(path.join(folder, 'Nb.Notebook')).some((f) => f.startsWith('notebook-content.')));
  });

  it('exports through bulkExportDefinitions: one operation for the batch, none per item; a format of its own goes item by item', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-bulk-'));
    try {
      fx.calls.clear();
      const result = await exportWorkspace(fx.counted, source, out, { formatFor: (item) => (item.type === 'Notebook' ? 'ipynb' : undefined) });
      assert.deepEqual(result.failed, []);
      assert.equal(result.exported.length, 13);
      assert.equal(fx.calls.get('bulkExportDefinitions'), 1);
      assert.equal(fx.calls.get('getDefinition'), 1, 'only the notebook, asked as .ipynb');
      assert.match(fs.readFileSync(path.join(out, 'P7.DataPipeline', 'pipeline-content.json'), 'utf8'), /pipeline 7/);
      assert.ok(fs.existsSync(path.join(out, 'P7.DataPipeline', '.platform')));
      assert.ok(fs.existsSync(path.join(out, 'Nb.Notebook', 'notebook-content.ipynb')));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('exports item by item, the same files, where the tenant has no bulk export (its 4xx) or the batch holds an item without a definition', async () => {
    const noBulk = await startFixture({ bulkExport: false });
    const outs = [0, 1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-bulk-')));
    try {
      const ws = (await noBulk.client.createWorkspace({ displayName: 'No bulk' })).id;
      for (let i = 0; i < 3; i++) {
        await noBulk.client.createItem(ws, {
          displayName: `P${i}`,
          type: 'DataPipeline',
          definition: encodeDefinition([{ path: 'pipeline-content.json', content: pipelineJson(`p${i}`) }]),
        });
      }
      const result = await exportWorkspace(noBulk.counted, ws, outs[0]!);
      assert.equal(result.exported.length, 3);
      assert.deepEqual([noBulk.calls.get('bulkExportDefinitions'), noBulk.calls.get('getDefinition')], [1, 3]);
      await exportWorkspace(fx.client, source, outs[1]!);
      for (const name of ['P0.DataPipeline', 'P1.DataPipeline']) {
        assert.equal(
          fs.readFileSync(path.join(outs[0]!, name, 'pipeline-content.json'), 'utf8'),
          JSON.stringify({ properties: { activities: [], description: `p${name[1]}` } }),
        );
      }

      const mixed = (await fx.client.createWorkspace({ displayName: 'Mixed' })).id;
      await fx.client.createItem(mixed, { displayName: 'Store', type: 'Warehouse' });
      await fx.client.createItem(mixed, {
        displayName: 'Load',
        type: 'DataPipeline',
        definition: encodeDefinition([{ path: 'pipeline-content.json', content: pipelineJson('load') }]),
      });
      fx.calls.clear();
      const partly = await exportWorkspace(fx.counted, mixed, outs[2]!);
      assert.deepEqual(
        partly.exported.map((i) => i.displayName),
        ['Load'],
      );
      assert.deepEqual(
        partly.skipped.map((s) => s.item.displayName),
        ['Store'],
        'the item without a definition is reported as such',
      );
      assert.equal(fx.calls.get('getDefinition'), 2);
    } finally {
      await noBulk.close();
      for (const out of outs) fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('imports item folders into another workspace: creates, then updates', async () => {
    const folders = ['P1.DataPipeline', 'P2.DataPipeline', 'Nb.Notebook'].map((f) => ({ path: path.join(folder, f) }));
    const first = await importItemFolders(fx.client, target, folders);
    assert.deepEqual(first.failed, []);
    assert.equal(first.imported.filter((r) => r.created).length, 3);
    fs.writeFileSync(
      path.join(folder, 'P1.DataPipeline', 'pipeline-content.json'),
      JSON.stringify({ properties: { activities: [], description: 'edited locally' } }),
    );
    const second = await importItemFolders(fx.client, target, folders.slice(0, 1));
    assert.equal(second.imported[0].created, false);
    const files = decodeDefinition(await fx.client.getDefinition(target, second.imported[0].item.id));
    assert.match(text(files.find((f) => f.path === 'pipeline-content.json')?.content), /edited locally/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(exportWorkspace(fx.client, source, folder, { signal: controller.signal }));
  });

  describe('names and part paths from Fabric', () => {
    let base: string;
    let chosen: string;
    let hostile: string;
    let items: Item[];

    /** Its own emulator: the part path the emulator refuses, as Fabric does, is written into its data folder, as a server that handed it out would hold it. */
    let hostileFx: Fixture;
    let dataDir: string;

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-hostile-data-'));
      const seeding = await startFixture({ dataDir });
      hostile = (await seeding.client.createWorkspace({ displayName: 'Hostile' })).id;
      const create = async (displayName: string, parts: [string, Uint8Array][]) => ({
        ...(await seeding.client.createItem(hostile, {
          displayName,
          type: 'DataPipeline',
          definition: encodeDefinition(parts.map(([p, content]) => ({ path: p, content }))),
        })),
        workspaceId: hostile,
      });
      items = [
        await create('../victim', [['pipeline-content.json', pipelineJson('escaped by name')]]),
        await create('Evil', [['pipeline-content.json', pipelineJson('evil')]]),
        await create('CON', [['pipeline-content.json', pipelineJson('a device on Windows')]]),
        await create('Fine', [['pipeline-content.json', pipelineJson('fine')]]),
      ];
      await seeding.close();
      const store = Store.open(dataDir);
      const evil = items.find((i) => i.displayName === 'Evil')!;
      store.putDefinition(
        evil.id,
        encodeDefinition([
          { path: 'pipeline-content.json', content: pipelineJson('evil') },
          { path: '../../x.txt', content: bytes('escaped by part') },
        ]),
      );
      store.close();
      hostileFx = await startFixture({ dataDir });
    });
    after(async () => {
      await hostileFx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    beforeEach(() => {
      base = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-hostile-'));
      chosen = path.join(base, 'chosen');
      fs.mkdirSync(chosen);
      fs.mkdirSync(path.join(base, 'victim.DataPipeline'));
      fs.writeFileSync(path.join(base, 'victim.DataPipeline', 'keep.txt'), "the user's file beside the chosen folder");
    });
    afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

    it('writes and deletes nothing outside the chosen folder; each bad item is reported and skipped', async () => {
      const outside = snapshot(base);
      const result = await exportWorkspace(hostileFx.client, hostile, chosen);
      const after = snapshot(base);
      for (const [name, content] of after)
        if (!name.startsWith(`chosen${path.sep}`) && name !== 'chosen') assert.equal(outside.get(name), content, `${name} appeared or changed`);
      for (const [name, content] of outside) assert.equal(after.get(name), content, `${name} was deleted or changed`);
      assert.deepEqual(
        result.exported.map((i) => i.displayName),
        ['Fine'],
      );
      assert.deepEqual(fs.readdirSync(chosen), ['Fine.DataPipeline']);
      const failures = new Map(result.failed.map((f) => [f.item.displayName, f.error]));
      assert.match(failures.get('../victim') ?? '', /"\.\.\/victim\.DataPipeline" is not a safe folder name/);
      assert.match(failures.get('Evil') ?? '', /"\.\.\/\.\.\/x\.txt" is not a safe file path/);
      assert.match(failures.get('CON') ?? '', /device name on Windows/);
    });

    it('writes nothing through a link in the chosen folder', async () => {
      fs.symlinkSync(path.join(base, 'victim.DataPipeline'), path.join(chosen, 'Fine.DataPipeline'));
      const result = await exportItems(
        hostileFx.client,
        items.filter((i) => i.displayName === 'Fine'),
        chosen,
        { onExisting: async () => 'overwrite' },
      );
      assert.match(result.failed[0]?.error ?? '', /is a link/);
      assert.deepEqual(fs.readdirSync(path.join(base, 'victim.DataPipeline')), ['keep.txt']);
    });

    it('import refuses the same names and paths, creating nothing', async () => {
      const empty = (await hostileFx.client.createWorkspace({ displayName: 'Import target' })).id;
      const device = path.join(base, 'CON.DataPipeline');
      fs.mkdirSync(device);
      fs.writeFileSync(path.join(device, 'pipeline-content.json'), pipelineJson('x'));
      const colon = path.join(base, 'Colon.DataPipeline');
      fs.mkdirSync(colon);
      fs.writeFileSync(path.join(colon, 'pipeline-content.json'), pipelineJson('x'));
      fs.writeFileSync(path.join(colon, 'ab:c.json'), '{}');
      const result = await importItemFolders(hostileFx.client, empty, [{ path: device }, { path: colon }]);
      assert.equal(result.imported.length, 0);
      const errors = new Map(result.failed.map((f) => [path.basename(f.folder), f.error]));
      assert.match(errors.get('CON.DataPipeline') ?? '', /Not imported: "CON\.DataPipeline" is not a safe folder name: "CON" is a device name on Windows/);
      assert.match(errors.get('Colon.DataPipeline') ?? '', /Not imported: "ab:c\.json" is not a safe file path: it contains ":"/);
      const created: Item[] = [];
      for await (const item of hostileFx.client.listItems(empty)) created.push(item);
      assert.deepEqual(created, []);
    });
  });

  describe('an item folder that exists', () => {
    let chosen: string;
    let item: Item;
    const folder = () => path.join(chosen, 'Kept.DataPipeline');

    before(async () => {
      item = {
        ...(await fx.client.createItem(source, {
          displayName: 'Kept',
          type: 'DataPipeline',
          definition: encodeDefinition([{ path: 'pipeline-content.json', content: pipelineJson('from Fabric') }]),
        })),
        workspaceId: source,
      };
    });
    beforeEach(() => {
      chosen = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-existing-'));
      fs.mkdirSync(path.join(folder(), 'notes'), { recursive: true });
      fs.writeFileSync(path.join(folder(), 'pipeline-content.json'), 'my local edit');
      fs.writeFileSync(path.join(folder(), 'notes', 'todo.md'), 'my notes');
    });
    afterEach(() => fs.rmSync(chosen, { recursive: true, force: true }));

    it('is left alone unless the caller says to overwrite', async () => {
      const result = await exportItems(fx.client, [item], chosen);
      assert.deepEqual(result.exported, []);
      assert.deepEqual(result.existing, [item]);
      assert.equal(fs.readFileSync(path.join(folder(), 'pipeline-content.json'), 'utf8'), 'my local edit');
    });

    it('is asked about with its files; Skip keeps it, Overwrite writes the parts and keeps the other files', async () => {
      const asked: ExistingFolder[] = [];
      const skipped = await exportItems(fx.client, [item], chosen, { onExisting: async (existing) => (asked.push(existing), 'skip') });
      assert.deepEqual(
        asked.map((a) => [a.item.displayName, a.folder, a.files, a.remaining]),
        [['Kept', folder(), ['notes/todo.md', 'pipeline-content.json'], 0]],
      );
      assert.deepEqual(skipped.existing, [item]);
      assert.equal(fs.readFileSync(path.join(folder(), 'pipeline-content.json'), 'utf8'), 'my local edit');

      const overwritten = await exportItems(fx.client, [item], chosen, { onExisting: async () => 'overwrite' });
      assert.deepEqual(
        overwritten.exported.map((i) => i.id),
        [item.id],
      );
      assert.match(fs.readFileSync(path.join(folder(), 'pipeline-content.json'), 'utf8'), /from Fabric/);
      assert.equal(fs.readFileSync(path.join(folder(), 'notes', 'todo.md'), 'utf8'), 'my notes');
      assert.deepEqual(overwritten.kept, [{ item, files: ['notes/todo.md'] }]);
    });

    it('writes nothing when the question is cancelled', async () => {
      const fresh = { ...(await fx.client.createItem(source, { displayName: 'Fresh', type: 'DataPipeline' })), workspaceId: source };
      await assert.rejects(
        exportItems(fx.client, [fresh, item], chosen, {
          onExisting: async () => {
            throw new Error('cancelled');
          },
        }),
        /cancelled/,
      );
      assert.deepEqual(fs.readdirSync(chosen), ['Kept.DataPipeline']);
      assert.equal(fs.readFileSync(path.join(folder(), 'pipeline-content.json'), 'utf8'), 'my local edit');
    });
  });
});
