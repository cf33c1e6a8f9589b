// 4. Bulk export under throttling: a workspace of 500 items exported to a local folder while the
// emulator throttles at 600 calls a minute per API family; getDefinition answers 202, so each item
// costs a Platform call and two LRO calls. Ours: the export with the client's rate limiter set to
// that quota; baseline: one item after another with no limiter, bouncing off 429s.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { exportWorkspace } from '../../src/explorer/WorkspaceSync';
import { FabricClient, RateLimiter, StaticTokenProvider, apiFamilyOf, decodeDefinition } from '../../src/fabric';
import { encodeDefinition, textFile } from '../../src/fabric/definition';
import { client, emulator, pool, type Row } from '../harness';

const ITEMS = 500;
const THROTTLE_PER_MINUTE = 600;

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0);
}

export async function bulkExport(): Promise<Row[]> {
  const emu = await emulator({ lroMode: 'async', faults: undefined });
  const seeder = client(emu, true);
  const workspace = await seeder.createWorkspace({ displayName: 'Export me' });
  await pool(Array.from({ length: ITEMS }, (_, i) => i), 16, async (i) => {
    const definition = encodeDefinition([textFile('pipeline-content.json', JSON.stringify({ properties: { activities: [], description: `pipeline ${i}` } }))]);
    await seeder.createItem(workspace.id, { displayName: `Pipeline ${i}`, type: 'DataPipeline', definition });
  });
  emu.setFaults(`latency=40ms,throttle=${THROTTLE_PER_MINUTE}/min`);

  // Ours: bounded concurrency; the client-side limiter keeps every call under the quota.
  const ours = new FabricClient({
    baseUrl: emu.baseUrl, tokenProvider: new StaticTokenProvider(emu.token), userAgent: 'bench',
    rateLimiter: new RateLimiter({ callsPerWindow: THROTTLE_PER_MINUTE }),
  });
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-export-'));
  emu.stats.reset();
  let started = performance.now();
  const result = await exportWorkspace(ours, workspace.id, target, { concurrency: 16 });
  const oursMs = performance.now() - started;
  const oursCalls = emu.stats.requests;
  const ours429 = emu.stats.throttled;
  const exportedFiles = countFiles(target);

  // The quota bound: the busiest family's calls beyond the first window wait for the next ones.
  const perFamily = new Map<string, number>();
  for (const [route, n] of Object.entries(emu.stats.byRoute)) {
    const family = apiFamilyOf(route.split(' ')[1]!);
    perFamily.set(family, (perFamily.get(family) ?? 0) + n);
  }
  const busiest = Math.max(...perFamily.values());
  const boundMs = Math.max(0, Math.ceil(busiest / THROTTLE_PER_MINUTE) - 1) * 60_000;
  await emu.close();

  // Baseline: serial, no limiter: every 429 waits out its Retry-After. A restarted emulator on the
  // same data gives it fresh quota windows.
  const again = await startEmulator({ port: 0, dataDir: emu.dataDir, quiet: true, lroMode: 'async', faults: `latency=40ms,throttle=${THROTTLE_PER_MINUTE}/min` });
  const naive = client(again, true);
  started = performance.now();
  let naiveExported = 0;
  for await (const item of naive.listItems(workspace.id)) {
    decodeDefinition(await naive.getDefinition(workspace.id, item.id));
    naiveExported++;
  }
  const naiveMs = performance.now() - started;
  const naive429 = again.stats.throttled;
  await again.close();
  fs.rmSync(target, { recursive: true, force: true });

  const scenario = `Bulk export (${ITEMS} items, throttled at ${THROTTLE_PER_MINUTE}/min)`;
  const withinBound = oursMs <= Math.max(boundMs * 1.1, boundMs + 5000);
  return [
    { scenario, measure: 'items exported', ours: result.exported.length, baseline: naiveExported, unit: 'items', target: `${ITEMS}, none lost`, met: result.exported.length === ITEMS && result.failed.length === 0 && exportedFiles >= ITEMS },
    { scenario, measure: 'time', ours: oursMs, baseline: naiveMs, unit: 'ms', target: `within 10% of the quota bound (${Math.round(boundMs / 1000)} s) or faster`, met: withinBound },
    { scenario, measure: '429 answers met', ours: ours429, baseline: naive429, unit: 'answers', target: 'none reaching the user', met: result.failed.length === 0 },
    { scenario, measure: 'calls made', ours: oursCalls, unit: 'calls' },
  ];
}
