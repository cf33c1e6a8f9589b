// What every scenario shares: an emulator with a cloud-like round trip, a client of the project,
// request counting, and the result rows.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../src/emulator';
import { FabricClient, RateLimiter, StaticTokenProvider } from '../src/fabric';

export interface Row {
  scenario: string;
  measure: string;
  ours: number;
  baseline?: number;
  unit: string;
  target?: string;
  met?: boolean;
}

export const LATENCY = 'latency=40ms';

export async function emulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-bench-'));
  return startEmulator({ port: 0, dataDir, sample: false, quiet: true, faults: LATENCY, tokenDir: false, ...options });
}

/** The project's client of an emulator (or a proxy of one); `unlimited` lifts the client-side quota. */
export function client(server: Pick<Emulator, 'baseUrl' | 'token'>, unlimited = false): FabricClient {
  return new FabricClient({
    baseUrl: server.baseUrl,
    tokenProvider: new StaticTokenProvider(server.token),
    userAgent: 'fabric-workbench-bench',
    ...(unlimited ? { rateLimiter: new RateLimiter({ callsPerWindow: 1_000_000 }) } : {}),
  });
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

export function requestsMatching(emu: Emulator, pattern: RegExp): number {
  return Object.entries(emu.stats.byRoute)
    .filter(([route]) => pattern.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One decimal, or two significant digits below 1 (so 1 poll in 30 s reads 0.033, not 0). */
export const round = (value: number): number => (Math.abs(value) < 1 ? Number(value.toPrecision(2)) : Math.round(value * 10) / 10);
