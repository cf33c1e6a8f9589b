// A fresh emulator and a FabricClient of the test's own, plus a counter of the client calls the
// code under test makes (a Proxy that forwards to the real client, so requests still go over HTTP).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../../src/emulator';
import { FabricClient, RateLimiter, StaticTokenProvider } from '../../../src/fabric';

export interface Fixture {
  client: FabricClient;
  calls: Map<string, number>;
  counted: FabricClient;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startFixture(options: Record<string, unknown> = {}): Promise<Fixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-explorer-'));
  const emulator = await startEmulator({ port: 0, dataDir, sample: false, tokenDir: false, ...options });
  // A suite's many calls in a minute must not wait for Fabric's quota (rateLimiter.test.ts tests it).
  const client = new FabricClient({
    baseUrl: emulator.baseUrl,
    tokenProvider: new StaticTokenProvider(emulator.token),
    userAgent: 'fabric-workbench-tests',
    rateLimiter: new RateLimiter({ callsPerWindow: 100_000 }),
  });
  const calls = new Map<string, number>();
  const counted = new Proxy(client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return {
    client,
    calls,
    counted,
    baseUrl: emulator.baseUrl,
    async close() {
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function text(content: Uint8Array | undefined): string {
  return Buffer.from(content ?? new Uint8Array()).toString('utf8');
}
