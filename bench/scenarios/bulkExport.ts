// 4. Bulk export under throttling: a workspace of 500 items exported to a local folder while the
// emulator throttles at 600 calls a minute per API family; definitions answer 202 (a long-running
// operation). Ours: the export (bulkExportDefinitions, 50 items an operation) with the client's
// rate limiter set to that quota. The other tools, run on the same workspace against a restarted
// emulator (fresh quota windows): fabric-cicd (getDefinition per item, 8 workers, polling at
// min(Retry-After, 0.5·2ⁿ s)), waiting out the 429s it meets through Retry-After.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator';
import { exportWorkspace, type ExportResult } from '../../src/workspace/WorkspaceSync';
import { FabricClient, RateLimiter, StaticTokenProvider, apiFamilyOf, decodeDefinition } from '../../src/fabric';
import { encodeDefinition, textFile } from '../../src/fabric/definition';
import type { Item, ItemDefinition } from '../../src/fabric/types';
import { CompetitorClient, FABRIC_CICD, type LroStrategy } from '../competitors';
import { client, emulator, pool, requestsMatching, type Row } from '../harness';

const ITEMS = 500;
const THROTTLE_PER_MINUTE = 600;
const CONCURRENCY = 16;
/** The calls of the long-running-operation kind: their starts, status polls and results. */
const LRO_CALLS = /getDefinition$|bulkExportDefinitions$|\/operations\//;
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
  return { result, ms, calls: emu.stats.requests, lroCalls: requestsMatching(emu, LRO_CALLS), throttled: emu.stats.throttled, files };
}

/** Another tool's export of every item (getDefinition each, `workers` at a time) on a restarted emulator. */
async function competitorExport(dataDir: string, items: Item[], strategy: LroStrategy, workers: number) {
  const emu = await restart(dataDir);
  const tool = new CompetitorClient(emu.baseUrl, emu.token);
  const started = performance.now();
  let exported = 0;
  await pool(items, workers, async (item) => {
    const { result } = await tool.operation<{ definition: ItemDefinition }>(
      `/workspaces/${item.workspaceId}/items/${item.id}/getDefinition`,
      undefined,
      strategy,
    );
    decodeDefinition(result.definition);
    exported++;
  });
  const ms = performance.now() - started;
  const lroCalls = requestsMatching(emu, LRO_CALLS);
  await emu.close();
  return { tool: strategy.tool, workers, exported, ms, calls: tool.calls.length, lroCalls, throttled: tool.throttled };
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
  await pool(
    Array.from({ length: ITEMS }, (_, i) => i),
    16,
    async (i) => {
      const definition = encodeDefinition([
        textFile('pipeline-content.json', JSON.stringify({ properties: { activities: [], description: `pipeline ${i}` } })),
      ]);
      await seeder.createItem(workspace.id, { displayName: `Pipeline ${i}`, type: 'DataPipeline', definition });
    },
  );
  const items: Item[] = [];
  for await (const item of seeder.listItems(workspace.id)) items.push({ ...item, workspaceId: workspace.id });
  emu.setFaults(THROTTLED);

  // Ours: bounded concurrency; the client-side limiter keeps every call under the quota.
  const limited = new FabricClient({
    baseUrl: emu.baseUrl,
    tokenProvider: new StaticTokenProvider(emu.token),
    userAgent: 'bench',
    rateLimiter: new RateLimiter({ callsPerWindow: THROTTLE_PER_MINUTE }),
  });
  const ours = await timedExport(emu, limited, workspace.id);
  const boundMs = quotaBoundMs(emu.stats.byRoute);
  await emu.close();

  // fab's export (one item after another, polling at the emulator's Retry-After of 1 s) would take
  // over 500 s here: not run.
  const others = [await competitorExport(emu.dataDir, items, FABRIC_CICD, 8)];

  const scenario = `Bulk export (${ITEMS} items, throttled at ${THROTTLE_PER_MINUTE}/min)`;
  const delivered = ours.result.exported.length === ITEMS && ours.result.failed.length === 0 && ours.files >= ITEMS;
  const perItem = ours.lroCalls / ITEMS;
  return others.flatMap((other) => {
    const against = `baseline: ${other.tool}, ${other.workers} workers`;
    return [
      {
        scenario,
        measure: `items exported (${against})`,
        ours: ours.result.exported.length,
        baseline: other.exported,
        unit: 'items',
        target: `${ITEMS}, none lost`,
        met: delivered,
      },
      {
        scenario,
        measure: `time (${against})`,
        ours: ours.ms,
        baseline: other.ms,
        unit: 'ms',
        target: `within 10% of the quota bound (${Math.round(boundMs / 1000)} s) or faster`,
        met: ours.ms <= Math.max(boundMs * 1.1, boundMs + 5000),
      },
      {
        scenario,
        measure: `long-running-operation calls per item: starts, polls, results (${against})`,
        ours: perItem,
        baseline: other.lroCalls / ITEMS,
        unit: 'calls',
        target: '<= 2.5',
        met: perItem <= 2.5,
      },
      { scenario, measure: `calls made (${against})`, ours: ours.calls, baseline: other.calls, unit: 'calls' },
      {
        scenario,
        measure: `429 answers met (${against})`,
        ours: ours.throttled,
        baseline: other.throttled,
        unit: 'answers',
        target: 'none reaching the user',
        met: ours.result.failed.length === 0,
      },
    ];
  });
}
