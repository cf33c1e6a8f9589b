// 4. Bulk export under throttling: a workspace of 500 items exported to a local folder while the
// emulator throttles at 600 calls a minute per API family; getDefinition answers 202, so each item
// costs a Platform call and two LRO calls. Ours: the export with the client's rate limiter set to
// that quota. Baselines: the same export 16 at a time with no client-side limiter, and one item
// after another with no limiter; both bounce off 429s and wait out their Retry-After.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator';
import { exportWorkspace, type ExportResult } from '../../src/explorer/WorkspaceSync';
import { FabricClient, RateLimiter, StaticTokenProvider, apiFamilyOf, decodeDefinition } from '../../src/fabric';
import { encodeDefinition, textFile } from '../../src/fabric/definition';
import { client, emulator, pool, type Row } from '../harness';

const ITEMS = 500;
const THROTTLE_PER_MINUTE = 600;
const CONCURRENCY = 16;
const THROTTLED = `latency=40ms,throttle=${THROTTLE_PER_MINUTE}/min`;

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0);
}

/** The emulator again on the same data: fresh quota windows for the next contender. */
function restart(dataDir: string): Promise<Emulator> {
  return startEmulator({ port: 0, dataDir, quiet: true, lroMode: 'async', faults: THROTTLED });
}

/** The project's export into a fresh folder: its result, time, calls, 429s met and files written. */
async function timedExport(emu: Emulator, api: FabricClient, workspaceId: string) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-export-'));
  emu.stats.reset();
  const started = performance.now();
  const result: ExportResult = await exportWorkspace(api, workspaceId, target, { concurrency: CONCURRENCY });
  const ms = performance.now() - started;
  const files = countFiles(target);
  fs.rmSync(target, { recursive: true, force: true });
  return { result, ms, calls: emu.stats.requests, throttled: emu.stats.throttled, files };
}

/** The quota bound: the busiest family's calls beyond the first window wait for the next ones. */
function quotaBoundMs(byRoute: Record<string, number>): number {
  const perFamily = new Map<string, number>();
  for (const [route, n] of Object.entries(byRoute)) {
    const family = apiFamilyOf(route.split(' ')[1]!);
    perFamily.set(family, (perFamily.get(family) ?? 0) + n);
  }
  return Math.max(0, Math.ceil(Math.max(...perFamily.values()) / THROTTLE_PER_MINUTE) - 1) * 60_000;
}

export async function bulkExport(): Promise<Row[]> {
  const emu = await emulator({ lroMode: 'async', faults: undefined });
  const seeder = client(emu, true);
  const workspace = await seeder.createWorkspace({ displayName: 'Export me' });
  await pool(Array.from({ length: ITEMS }, (_, i) => i), 16, async (i) => {
    const definition = encodeDefinition([textFile('pipeline-content.json', JSON.stringify({ properties: { activities: [], description: `pipeline ${i}` } }))]);
    await seeder.createItem(workspace.id, { displayName: `Pipeline ${i}`, type: 'DataPipeline', definition });
  });
  emu.setFaults(THROTTLED);

  // Ours: bounded concurrency; the client-side limiter keeps every call under the quota.
  const limited = new FabricClient({
    baseUrl: emu.baseUrl, tokenProvider: new StaticTokenProvider(emu.token), userAgent: 'bench',
    rateLimiter: new RateLimiter({ callsPerWindow: THROTTLE_PER_MINUTE }),
  });
  const ours = await timedExport(emu, limited, workspace.id);
  const boundMs = quotaBoundMs(emu.stats.byRoute);
  await emu.close();

  // Baseline 1: the same export with no client-side limiter.
  const second = await restart(emu.dataDir);
  const unlimited = await timedExport(second, client(second, true), workspace.id);
  await second.close();

  // Baseline 2: serial, no limiter.
  const third = await restart(emu.dataDir);
  const naive = client(third, true);
  const started = performance.now();
  let serialExported = 0;
  for await (const item of naive.listItems(workspace.id)) {
    decodeDefinition(await naive.getDefinition(workspace.id, item.id));
    serialExported++;
  }
  const serialMs = performance.now() - started;
  const serial429 = third.stats.throttled;
  await third.close();

  const scenario = `Bulk export (${ITEMS} items, throttled at ${THROTTLE_PER_MINUTE}/min)`;
  const noLimiter = `${CONCURRENCY} at a time, no client limiter`;
  const delivered = (run: { result: ExportResult; files: number }) => run.result.exported.length === ITEMS && run.result.failed.length === 0 && run.files >= ITEMS;
  return [
    { scenario, measure: 'items exported (baseline: serial)', ours: ours.result.exported.length, baseline: serialExported, unit: 'items', target: `${ITEMS}, none lost`, met: delivered(ours) },
    { scenario, measure: `items exported (baseline: ${noLimiter})`, ours: ours.result.exported.length, baseline: unlimited.result.exported.length, unit: 'items' },
    { scenario, measure: 'time (baseline: serial)', ours: ours.ms, baseline: serialMs, unit: 'ms', target: `within 10% of the quota bound (${Math.round(boundMs / 1000)} s) or faster`, met: ours.ms <= Math.max(boundMs * 1.1, boundMs + 5000) },
    { scenario, measure: `time (baseline: ${noLimiter})`, ours: ours.ms, baseline: unlimited.ms, unit: 'ms' },
    { scenario, measure: '429 answers met (baseline: serial)', ours: ours.throttled, baseline: serial429, unit: 'answers', target: 'none reaching the user', met: ours.result.failed.length === 0 },
    { scenario, measure: `429 answers met (baseline: ${noLimiter})`, ours: ours.throttled, baseline: unlimited.throttled, unit: 'answers' },
    { scenario, measure: `calls made (baseline: ${noLimiter})`, ours: ours.calls, baseline: unlimited.calls, unit: 'calls' },
  ];
}
