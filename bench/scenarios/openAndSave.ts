// 2. Open and save definitions: an item with 40 parts; open all its parts, stat them, save one.
// Long-running operations last 2 s, as a slow service's would. Followed twice: at the emulator's
// Retry-After (1 s), and through a proxy saying Retry-After: 30 as Fabric's examples do.
import { DefinitionCache } from '../../src/explorer/DefinitionCache';
import type { Emulator } from '../../src/emulator';
import { encodeDefinition, textFile } from '../../src/fabric/definition';
import type { Item } from '../../src/fabric/types';
import { client, emulator, requestsMatching, type Row } from '../harness';
import { retryAfterProxy } from '../retryAfterProxy';

const PARTS = 40;
const LRO_MS = 2000;
const FABRIC_RETRY_AFTER_S = 30;
const POLL = /operations\/\{id\}$/;

interface Read {
  ms: number;
  /** From the call to the end of the operation's 2 s, to the caller holding the definition (so it includes the result's round trip). */
  noticeMs: number;
  polls: number;
  pollsPerSecond: number;
  requests: number;
}

/** One definition read, timed, with the requests it cost. */
async function timedRead(emu: Emulator, read: () => Promise<unknown>): Promise<Read> {
  emu.stats.reset();
  const started = performance.now();
  await read();
  const ms = performance.now() - started;
  const polls = requestsMatching(emu, POLL);
  return { ms, noticeMs: ms - LRO_MS, polls, pollsPerSecond: polls / (ms / 1000), requests: emu.stats.requests };
}

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
  let paths: string[] = [];
  const ours = await timedRead(emu, async () => {
    paths = [...(await cache.get(item)).files.keys()];
    await Promise.all(paths.map((p) => cache.readPart(item, p)));
    for (const p of paths) if (!cache.peek(item)?.files.has(p)) throw new Error(`stat of ${p} missed the cache`);
  });
  const openGetDefinitions = requestsMatching(emu, /getDefinition$/);
  emu.stats.reset();
  await cache.save(item, new Map([['pipeline-content.json', new TextEncoder().encode(JSON.stringify({ properties: { activities: [], description: 'saved' } }))]]));
  const saveReads = requestsMatching(emu, /getDefinition$/);
  const saveUpdates = requestsMatching(emu, /updateDefinition$/);

  // Baseline: no cache (one getDefinition per open and per stat), polling every Retry-After.
  const naive = await timedRead(emu, () => naiveGetDefinition(emu.baseUrl, emu.token, workspace.id, item.id));

  // Both again where the service asks for 30 s between polls.
  const proxy = await retryAfterProxy(emu.url, FABRIC_RETRY_AFTER_S);
  const proxied = client({ baseUrl: proxy.baseUrl, token: emu.token });
  const ours30 = await timedRead(emu, () => new DefinitionCache(() => proxied).get(item));
  const naive30 = await timedRead(emu, () => naiveGetDefinition(proxy.baseUrl, emu.token, workspace.id, item.id));
  await proxy.close();
  await emu.close();

  const scenario = `Open and save (${PARTS} parts, ${LRO_MS / 1000} s LROs)`;
  const reads = 2 * paths.length;
  const at1 = "at the emulator's Retry-After 1 s";
  const at30 = `at Retry-After ${FABRIC_RETRY_AFTER_S} s (Fabric's examples)`;
  return [
    { scenario, measure: 'getDefinition calls for all opens and stats', ours: openGetDefinitions, baseline: reads, unit: 'calls', target: '1', met: openGetDefinitions === 1 },
    { scenario, measure: 'requests for all opens and stats', ours: ours.requests, baseline: reads * naive.requests, unit: 'requests' },
    { scenario, measure: 'time for all opens and stats', ours: ours.ms, baseline: reads * naive.ms, unit: 'ms (baseline: one naive read × 80)' },
    { scenario, measure: `LRO end noticed after, ${at1}`, ours: ours.noticeMs, baseline: naive.noticeMs, unit: 'ms', target: '< 300 ms', met: ours.noticeMs < 300 },
    { scenario, measure: `LRO polls per second, ${at1}`, ours: ours.pollsPerSecond, baseline: naive.pollsPerSecond, unit: 'polls/s', target: '<= 2', met: ours.pollsPerSecond <= 2 },
    { scenario, measure: `LRO end noticed after, ${at30}`, ours: ours30.noticeMs, baseline: naive30.noticeMs, unit: 'ms', target: '< 300 ms', met: ours30.noticeMs < 300 },
    { scenario, measure: `LRO polls per second, ${at30}`, ours: ours30.pollsPerSecond, baseline: naive30.pollsPerSecond, unit: 'polls/s', target: '<= 2', met: ours30.pollsPerSecond <= 2 },
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
