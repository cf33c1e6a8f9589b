import * as assert from 'node:assert/strict';
import { WorkspaceTreeModel, type TreeNode, type WorkspaceNode } from '../../../src/workspace/WorkspaceTreeModel';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { startFixture, type Fixture } from './emulatorFixture';

/** Resolves with the root's children once `done` holds for them, checking again at each change the model announces. */
function rootsOnce(model: WorkspaceTreeModel, done: (roots: TreeNode[]) => boolean): Promise<TreeNode[]> {
  return new Promise((resolve, reject) => {
    const check = () =>
      model.getChildren().then((roots) => {
        if (!done(roots)) return;
        subscription.dispose();
        resolve(roots);
      }, reject);
    const subscription = model.onDidChange(() => void check());
    void check();
  });
}

const labels = (nodes: TreeNode[]) =>
  nodes.map((n) =>
    n.kind === 'workspace' ? n.workspace.displayName : n.kind === 'itemType' ? `[${n.itemType}]` : n.kind === 'item' ? n.item.displayName : n.kind,
  );

describe('WorkspaceTreeModel against the emulator', () => {
  let fx: Fixture;
  let salesId: string;
  let labId: string;

  before(async () => {
    fx = await startFixture({ pageSize: 2 });
    for (const name of ['Finance', 'Marketing', 'Sales', 'Support', 'Zeta']) {
      const ws = await fx.client.createWorkspace({ displayName: name });
      if (name === 'Sales') salesId = ws.id;
      if (name === 'Finance') labId = ws.id;
    }
    for (const [name, type] of [
      ['Load', 'DataPipeline'],
      ['Clean', 'Notebook'],
      ['Report prep', 'Notebook'],
    ]) {
      await fx.client.createItem(salesId, { displayName: name, type });
    }
    // Two notebooks fill the first page of two: the lakehouse is only on the second.
    for (const [name, type] of [
      ['One', 'Notebook'],
      ['Two', 'Notebook'],
      ['Lake', 'Lakehouse'],
    ]) {
      await fx.client.createItem(labId, { displayName: name, type });
    }
  });
  after(() => fx.close());
  beforeEach(() => fx.calls.clear());

  it('shows the first page of workspaces after one request, then loads the others in the background', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    const first = await model.getChildren();
    assert.deepEqual(labels(first), ['Finance', 'Marketing', 'loadMore'], 'shown from the first page');
    const all = await rootsOnce(model, (roots) => !roots.some((n) => n.kind === 'loadMore'));
    assert.deepEqual(labels(all), ['Finance', 'Marketing', 'Sales', 'Support', 'Zeta']);
    assert.equal(fx.calls.get('listWorkspacesPage'), 3);
    assert.equal(fx.calls.get('listItemsPage'), undefined, 'no workspace was expanded');
    model.dispose();
  });

  it('finds a workspace on the last page by filter, with no "Load more"', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    await model.getChildren();
    model.setFilter('zet');
    assert.deepEqual(labels(await rootsOnce(model, (roots) => roots.length === 1 && roots[0]!.kind === 'workspace')), ['Zeta']);
    model.dispose();
  });

  it('loads no more background pages than its bound; "Load more" reads the rest', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted, { morePages: 1 });
    await model.getChildren();
    const roots = await rootsOnce(model, (nodes) => nodes.filter((n) => n.kind === 'workspace').length === 4);
    assert.equal(roots.at(-1)?.kind, 'loadMore');
    assert.equal(fx.calls.get('listWorkspacesPage'), 2);
    await model.loadMore(roots.at(-1) as never);
    assert.deepEqual(labels(await model.getChildren()).at(-1), 'Zeta');
    model.dispose();
  });

  it("groups a workspace's items by type from all its pages, with stable ids", async () => {
    const model = new WorkspaceTreeModel(() => fx.counted, { groupBy: 'type' });
    const roots = await rootsOnce(model, (nodes) => nodes.some((n) => n.kind === 'workspace' && n.workspaceId === salesId));
    const sales = roots.find((n) => n.kind === 'workspace' && n.workspaceId === salesId) as WorkspaceNode;
    const all = await model.getChildren(sales);
    assert.equal(fx.calls.get('listItemsPage'), 2, 'three items in pages of two');
    assert.deepEqual(labels(all), ['[DataPipeline]', '[Notebook]']);
    const notebooks = await model.getChildren(all[1]);
    assert.deepEqual(labels(notebooks), ['Clean', 'Report prep']);
    assert.equal(notebooks[0].id, `ws:${salesId}/item:${(notebooks[0] as { item: { id: string } }).item.id}`);
    assert.equal(model.getParent(notebooks[0]), all[1]);
    assert.equal(model.getParent(all[1]), sales);
    model.dispose();
  });

  it('shows a type first seen on the second page of items', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted, { groupBy: 'type' });
    const lab = (await model.getChildren()).find((n) => n.kind === 'workspace' && n.workspaceId === labId) as WorkspaceNode;
    assert.deepEqual(labels(await model.getChildren(lab)), ['[Lakehouse]', '[Notebook]']);
    model.dispose();
  });

  it('filters workspaces and items by name', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted, { groupBy: 'type' });
    const roots = await rootsOnce(model, (nodes) => !nodes.some((n) => n.kind === 'loadMore'));
    const sales = roots.find((n) => n.kind === 'workspace' && n.workspaceId === salesId) as WorkspaceNode;
    await model.getChildren(sales);
    model.setFilter('clean');
    assert.deepEqual(labels(await model.getChildren()), ['Sales'], 'Sales holds a matching item');
    assert.deepEqual(labels(await model.getChildren(sales)), ['[Notebook]']);
    model.setFilter('MARK');
    assert.deepEqual(labels(await model.getChildren()), ['Marketing']);
    model.setFilter('nothing like this');
    assert.deepEqual(labels(await model.getChildren()), ['empty']);
    model.dispose();
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

describe('WorkspaceTreeModel in folder mode', () => {
  let fx: Fixture;
  let wsId: string;
  let sales: string;
  let bronze: string;

  const folderLabels = (nodes: TreeNode[]) =>
    nodes.map((n) =>
      n.kind === 'folder' ? `${n.folder.displayName}/` : n.kind === 'item' ? n.item.displayName : n.kind === 'empty' ? `(${n.message})` : n.kind,
    );

  before(async () => {
    fx = await startFixture({ pageSize: 2 });
    wsId = (await fx.client.createWorkspace({ displayName: 'Foldered' })).id;
    sales = (await fx.client.createFolder(wsId, { displayName: 'Sales' })).id;
    bronze = (await fx.client.createFolder(wsId, { displayName: 'Bronze', parentFolderId: sales })).id;
    await fx.client.createFolder(wsId, { displayName: 'Archive' });
    const [load, clean] = [
      await fx.client.createItem(wsId, { displayName: 'Load', type: 'DataPipeline' }),
      await fx.client.createItem(wsId, { displayName: 'Clean', type: 'Notebook' }),
    ];
    await fx.client.createItem(wsId, { displayName: 'At the root', type: 'Notebook' });
    await fx.client.moveItem(wsId, load.id, sales);
    await fx.client.moveItem(wsId, clean.id, bronze);
  });
  after(() => fx.close());
  beforeEach(() => fx.calls.clear());

  async function workspace(model: WorkspaceTreeModel): Promise<WorkspaceNode> {
    return (await rootsOnce(model, (roots) => roots.some((n) => n.kind === 'workspace'))).find((n) => n.kind === 'workspace') as WorkspaceNode;
  }

  it('shows the folders, then the items, at each level; a nested level costs no request', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    const ws = await workspace(model);
    fx.calls.clear();
    const top = await model.getChildren(ws);
    assert.deepEqual(folderLabels(top), ['Archive/', 'Sales/', 'At the root']);
    assert.equal(fx.calls.get('listFoldersPage'), 2, 'three folders in pages of two, read with the items');
    assert.equal(fx.calls.get('listItemsPage'), 2);
    const calls = new Map(fx.calls);
    const inSales = await model.getChildren(top[1]);
    assert.deepEqual(folderLabels(inSales), ['Bronze/', 'Load']);
    const inBronze = await model.getChildren(inSales[0]);
    assert.deepEqual(folderLabels(inBronze), ['Clean']);
    assert.deepEqual(folderLabels(await model.getChildren(top[0])), ['(emptyFolder)']);
    assert.deepEqual(fx.calls, calls, 'the folders below the workspace came with it');
    assert.equal(model.getParent(inBronze[0]), inSales[0]);
    assert.equal(model.getParent(inSales[0])!.id, top[1]!.id);
    assert.equal(inBronze[0]!.id, `ws:${wsId}/item:${(inBronze[0] as { item: { id: string } }).item.id}`, "an item's id does not depend on where it sits");
    assert.equal(model.findItem(wsId, (inBronze[0] as { item: { id: string } }).item.id)?.parent.id, inSales[0]!.id);
    model.dispose();
  });

  it('filters into folders: a matching item shows with the folders that lead to it, a matching folder with all it holds', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    const ws = await workspace(model);
    await model.getChildren(ws);
    model.setFilter('clean');
    const [salesNode] = await model.getChildren(ws);
    assert.deepEqual(folderLabels([salesNode!]), ['Sales/']);
    const [bronzeNode] = await model.getChildren(salesNode);
    assert.deepEqual(folderLabels(await model.getChildren(bronzeNode)), ['Clean']);
    model.setFilter('sales');
    assert.deepEqual(folderLabels(await model.getChildren(ws)), ['Sales/']);
    assert.deepEqual(folderLabels(await model.getChildren((await model.getChildren(ws))[0])), ['Bronze/', 'Load']);
    model.setFilter('archive');
    assert.deepEqual(labels(await model.getChildren()), ['Foldered'], 'a workspace holding a matching folder shows');
    model.dispose();
  });

  it('regroups by type and back without reading the items again', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    const ws = await workspace(model);
    await model.getChildren(ws);
    const calls = new Map(fx.calls);
    model.setGroupBy('type');
    assert.deepEqual(labels(await model.getChildren(ws)), ['[DataPipeline]', '[Notebook]']);
    model.setGroupBy('folder');
    assert.deepEqual(folderLabels(await model.getChildren(ws)), ['Archive/', 'Sales/', 'At the root']);
    assert.deepEqual(fx.calls, calls);
    model.dispose();
  });

  it('remembers what was expanded, so a node a filter hid comes back expanded', async () => {
    const model = new WorkspaceTreeModel(() => fx.counted);
    const ws = await workspace(model);
    const [, salesNode] = await model.getChildren(ws);
    model.setExpanded(ws, true);
    model.setExpanded(salesNode!, true);
    model.setFilter('nothing like this');
    assert.deepEqual(labels(await model.getChildren()), ['empty']);
    model.setFilter('');
    const again = await workspace(model);
    assert.ok(model.isExpanded(again));
    assert.ok(model.isExpanded((await model.getChildren(again))[1]!));
    model.setExpanded(again, false);
    assert.ok(!model.isExpanded(again));
    model.dispose();
  });
});
