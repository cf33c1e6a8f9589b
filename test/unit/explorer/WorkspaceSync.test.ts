import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportWorkspace, importItemFolders } from '../../../src/explorer/WorkspaceSync';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import { startFixture, text, type Fixture } from './emulatorFixture';

const bytes = (s: string) => Buffer.from(s, 'utf8');

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
      await fx.client.createItem(source, { displayName: `P${i}`, type: 'DataPipeline', definition: encodeDefinition([{ path: 'pipeline-content.json', content: bytes(content) }]) });
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

  it('imports item folders into another workspace: creates, then updates', async () => {
    const folders = ['P1.DataPipeline', 'P2.DataPipeline', 'Nb.Notebook'].map((f) => path.join(folder, f));
    const first = await importItemFolders(fx.client, target, folders);
    assert.deepEqual(first.failed, []);
    assert.equal(first.imported.filter((r) => r.created).length, 3);
    fs.writeFileSync(path.join(folder, 'P1.DataPipeline', 'pipeline-content.json'), JSON.stringify({ properties: { activities: [], description: 'edited locally' } }));
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
});
