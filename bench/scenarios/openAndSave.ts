// 2. Open and save definitions: an item with 40 parts; open all its parts, stat them, save one.
// Long-running operations last 2 s, as a slow service's would.
import { DefinitionCache } from '../../src/explorer/DefinitionCache';
import { encodeDefinition, textFile } from '../../src/fabric/definition';
import type { Item } from '../../src/fabric/types';
import { client, emulator, requestsMatching, type Row } from '../harness';

const PARTS = 40;
const LRO_MS = 2000;

export async function openAndSave(): Promise<Row[]> {
  const emu = await emulator({ lroMode: 'async', faults: `latency=40ms,lro=${LRO_MS}ms` });
  const api = client(emu);
  const workspace = await api.createWorkspace({ displayName: 'Bench' });
  // pipeline-content.json, 38 more parts, and the .platform the service adds: 40 parts.
  const files = [textFile('pipeline-content.json', JSON.stringify({ properties: { activities: [] } })),
    ...Array.from({ length: PARTS - 2 }, (_, i) => textFile(`notes/part-${i}.json`, JSON.stringify({ part: i, text: 'x'.repeat(2000) })))];
  const item: Item = await api.createItem(workspace.id, { displayName: 'Forty parts', type: 'DataPipeline', definition: encodeDefinition(files) });

  // Ours: every open and stat goes through the shared definition cache.
  const cache = new DefinitionCache(() => api);
  emu.stats.reset();
  let started = performance.now();
  const paths = [...(await cache.get(item)).files.keys()];
  const openMs = performance.now() - started;
  await Promise.all(paths.map((p) => cache.readPart(item, p)));
  for (const p of paths) if (!cache.peek(item)?.files.has(p)) throw new Error(`stat of ${p} missed the cache`);
  const openGetDefinitions = requestsMatching(emu, /getDefinition$/);
  const openPolls = requestsMatching(emu, /operations\/\{id\}$/);
  const noticeMs = openMs - LRO_MS;
  const pollsPerSecond = openPolls / (openMs / 1000);
  emu.stats.reset();
  await cache.save(item, new Map([['pipeline-content.json', new TextEncoder().encode(JSON.stringify({ properties: { activities: [], description: 'saved' } }))]]));
  const saveReads = requestsMatching(emu, /getDefinition$/);
  const saveUpdates = requestsMatching(emu, /updateDefinition$/);

  // Baseline: no cache (one getDefinition per open and per stat), polling every Retry-After.
  emu.stats.reset();
  started = performance.now();
  await naiveGetDefinition(emu.baseUrl, emu.token, workspace.id, item.id);
  const naiveOneMs = performance.now() - started;
  const naiveRequestsPerRead = emu.stats.requests;
  await emu.close();

  const scenario = `Open and save (${PARTS} parts, ${LRO_MS / 1000} s LROs)`;
  const reads = 2 * paths.length;
  return [
    { scenario, measure: 'getDefinition calls for all opens and stats', ours: openGetDefinitions, baseline: reads, unit: 'calls', target: '1', met: openGetDefinitions === 1 },
    { scenario, measure: 'requests for all opens and stats', ours: openGetDefinitions + openPolls + 1, baseline: reads * naiveRequestsPerRead, unit: 'requests' },
    { scenario, measure: 'time for all opens and stats', ours: openMs, baseline: reads * naiveOneMs, unit: 'ms (baseline extrapolated from one naive read)' },
    { scenario, measure: 'LRO end noticed after', ours: noticeMs, baseline: naiveOneMs - LRO_MS, unit: 'ms', target: '< 300 ms', met: noticeMs < 300 },
    { scenario, measure: 'LRO polls per second', ours: pollsPerSecond, unit: 'polls/s', target: '<= 2', met: pollsPerSecond <= 2 },
    { scenario, measure: 'save: reads + updateDefinition calls', ours: saveReads + saveUpdates, unit: 'calls', target: '1 read + 1 update', met: saveReads === 1 && saveUpdates === 1 },
  ];
}

/** What a client without our LRO schedule does: poll at the Retry-After the service asked for. */
async function naiveGetDefinition(baseUrl: string, token: string, workspaceId: string, itemId: string): Promise<void> {
  const headers = { Authorization: `Bearer ${token}` };
  const started = await fetch(`${baseUrl}/workspaces/${workspaceId}/items/${itemId}/getDefinition`, { method: 'POST', headers });
  let location = started.headers.get('location')!;
  let retryAfter = Number(started.headers.get('retry-after') ?? '1');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    const state = await fetch(location, { headers });
    const body = (await state.json()) as { status: string };
    if (body.status === 'Succeeded') {
      await fetch(state.headers.get('location')!, { headers });
      return;
    }
    location = state.headers.get('location') ?? location;
    retryAfter = Number(state.headers.get('retry-after') ?? retryAfter);
  }
}
