import * as assert from 'node:assert/strict';
import { WorkspaceTreeModel, type TreeNode, type WorkspaceNode } from '../../../src/explorer/WorkspaceTreeModel';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { startFixture, type Fixture } from './emulatorFixture';

const labels = (nodes: TreeNode[]) => nodes.map((n) => (n.kind === 'workspace' ? n.workspace.displayName : n.kind === 'itemType' ? `[${n.itemType}]` : n.kind === 'item' ? n.item.displayName : n.kind));

describe('WorkspaceTreeModel against the emulator', () => {
  let fx: Fixture;
  let salesId: string;

  before(async () => {
    fx = await startFixture({ pageSize: 2 });
    for (const name of ['Finance', 'Marketing', 'Sales', 'Support', 'Zeta']) {
      const ws = await fx.client.createWorkspace({ displayName: name });
      if (name === 'Sales') salesId = ws.id;
    }
    for (const [name, type] of [['Load', 'DataPipeline'], ['Clean', 'Notebook'], ['Report prep', 'Notebook']]) {
      await fx.client.createItem(salesId, { displayName: name, type });
    }
  });
  after(() => fx.close());
  beforeEach(() => fx.calls.clear());

  it('lists the first page of workspaces in one request, then one more per "Load more"', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    const first = await model.getChildren();
    assert.deepEqual(labels(first).slice(-1), ['loadMore']);
    assert.equal(first.filter((n) => n.kind === 'workspace').length, 2);
    assert.equal(fx.calls.get('listWorkspacesPage'), 1);
    const changed: (TreeNode | undefined)[] = [];
    model.onDidChange((n) => changed.push(n));
    await model.loadMore(first.at(-1) as never);
    assert.deepEqual(changed, [undefined]);
    const second = await model.getChildren();
    assert.equal(second.filter((n) => n.kind === 'workspace').length, 4);
    assert.equal(fx.calls.get('listWorkspacesPage'), 2);
    assert.equal(fx.calls.get('listItemsPage'), undefined, 'no workspace was expanded');
  });

  it('groups a workspace\'s items by type, page by page, with stable ids', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    await model.getChildren();
    await model.loadMore((await model.getChildren()).at(-1) as never);
    const sales = (await model.getChildren()).find((n) => n.kind === 'workspace' && n.workspace.displayName === 'Sales') as WorkspaceNode;
    const groups = await model.getChildren(sales);
    assert.equal(fx.calls.get('listItemsPage'), 1);
    assert.equal(groups.at(-1)?.kind, 'loadMore', 'three items in pages of two');
    await model.loadMore(groups.at(-1) as never);
    const all = await model.getChildren(sales);
    assert.deepEqual(labels(all), ['[DataPipeline]', '[Notebook]']);
    const notebooks = await model.getChildren(all[1]);
    assert.deepEqual(labels(notebooks), ['Clean', 'Report prep']);
    assert.equal(notebooks[0].id, `ws:${salesId}/item:${(notebooks[0] as { item: { id: string } }).item.id}`);
    assert.equal(model.getParent(notebooks[0]), all[1]);
    assert.equal(model.getParent(all[1]), sales);
    assert.equal(fx.calls.get('listItemsPage'), 2);
  });

  it('filters workspaces and items by name', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    await model.getChildren();
    await model.loadMore((await model.getChildren()).at(-1) as never);
    const sales = (await model.getChildren()).find((n) => n.kind === 'workspace' && n.workspace.displayName === 'Sales') as WorkspaceNode;
    const groups = await model.getChildren(sales);
    await model.loadMore(groups.at(-1) as never);
    model.setFilter('clean');
    const roots = await model.getChildren();
    assert.deepEqual(labels(roots), ['Sales', 'loadMore'], 'Sales holds a matching item; more workspaces may match');
    assert.deepEqual(labels(await model.getChildren(sales)), ['[Notebook]']);
    model.setFilter('MARK');
    assert.deepEqual(labels(await model.getChildren()), ['Marketing', 'loadMore']);
    model.setFilter('nothing like this');
    assert.deepEqual(labels(await model.getChildren()), ['loadMore']);
  });

  it('shows a failure as an error node and does not cache it', async () => {
    let client = new FabricClient({ baseUrl: 'http://127.0.0.1:9/v1', tokenProvider: new StaticTokenProvider('x'), userAgent: 'tests' });
    const model = new WorkspaceTreeModel(() => client);
    const failed = await model.getChildren();
    assert.equal(failed.length, 1);
    assert.equal(failed[0].kind, 'error');
    assert.ok((failed[0] as { message: string }).message.length > 0);
    client = fx.client;
    const retried = await model.getChildren();
    assert.ok(retried.some((n) => n.kind === 'workspace'));
  });

  it('shows nothing when not connected', async () => {
    const model = new WorkspaceTreeModel(() => undefined);
    assert.deepEqual(await model.getChildren(), []);
  });
});
