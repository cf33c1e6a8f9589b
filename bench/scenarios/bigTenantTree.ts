// 1. Big tenant tree: 1,000 workspaces, one holding 5,000 items of mixed types. What it costs to
// show the first level and to expand the big workspace, against listing everything first.
import { WorkspaceTreeModel, type TreeNode } from '../../src/explorer/WorkspaceTreeModel';
import { client, emulator, pool, type Row } from '../harness';

const WORKSPACES = 1000;
const ITEMS = 5000;
const TYPES = ['Notebook', 'DataPipeline', 'Lakehouse', 'Report', 'SemanticModel', 'Dataflow', 'Warehouse', 'Environment'];

function heapUsed(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

export async function bigTenantTree(): Promise<Row[]> {
  const emu = await emulator({ lroMode: 'sync', faults: undefined });
  const seeder = client(emu, true);
  const workspaces = Array.from({ length: WORKSPACES }, (_, i) => `Workspace ${String(i).padStart(4, '0')}`);
  const ids: string[] = [];
  await pool(workspaces, 16, async (name, i) => {
    ids[i] = (await seeder.createWorkspace({ displayName: name })).id;
  });
  const big = ids[0]!;
  await pool(Array.from({ length: ITEMS }, (_, i) => i), 16, async (i) => {
    await seeder.createItem(big, { displayName: `Item ${String(i).padStart(5, '0')}`, type: TYPES[i % TYPES.length]! });
  });
  emu.setFaults('latency=40ms');
  const api = client(emu);

  // Ours: the tree model shows the first page, then what the user expands.
  emu.stats.reset();
  const before = heapUsed();
  const model = new WorkspaceTreeModel(() => api);
  let started = performance.now();
  const roots = await model.getChildren();
  const firstLevelMs = performance.now() - started;
  const firstLevelRequests = emu.stats.requests;
  const bigNode = roots.find((n) => n.kind === 'workspace' && n.workspaceId === big) as TreeNode;
  emu.stats.reset();
  started = performance.now();
  const groups = await model.getChildren(bigNode);
  await model.getChildren(groups.find((g) => g.kind === 'itemType'));
  const expandMs = performance.now() - started;
  const expandRequests = emu.stats.requests;
  // The whole tenant loaded through "Load more", to weigh the model at its largest.
  for (let more = roots.at(-1); more?.kind === 'loadMore'; more = (await model.getChildren()).at(-1)) await model.loadMore(more);
  for (let more = groups.at(-1); more?.kind === 'loadMore'; more = (await model.getChildren(bigNode)).at(-1)) await model.loadMore(more);
  const heapMb = (heapUsed() - before) / 1024 / 1024;

  // Baseline: list every workspace and every item of the big workspace before showing anything.
  emu.stats.reset();
  started = performance.now();
  for await (const _ of api.listWorkspaces()) void _;
  const naiveFirstLevelMs = performance.now() - started;
  const naiveFirstLevelRequests = emu.stats.requests;
  emu.stats.reset();
  started = performance.now();
  for await (const _ of api.listItems(big)) void _;
  const naiveExpandMs = performance.now() - started;
  const naiveExpandRequests = emu.stats.requests;
  await emu.close();

  const scenario = 'Big tenant tree';
  return [
    { scenario, measure: 'first level: requests', ours: firstLevelRequests, baseline: naiveFirstLevelRequests, unit: 'requests', target: '1 round trip', met: firstLevelRequests === 1 },
    { scenario, measure: 'first level: time', ours: firstLevelMs, baseline: naiveFirstLevelMs, unit: 'ms' },
    { scenario, measure: 'expand big workspace + a type: requests', ours: expandRequests, baseline: naiveExpandRequests, unit: 'requests', target: 'the pages shown (1)', met: expandRequests === 1 },
    { scenario, measure: 'expand big workspace + a type: time', ours: expandMs, baseline: naiveExpandMs, unit: 'ms' },
    { scenario, measure: 'model heap, whole tenant loaded', ours: heapMb, unit: 'MB', target: '< 20 MB', met: heapMb < 20 },
  ];
}
