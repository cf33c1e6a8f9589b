// The local Fabric emulator: a real HTTP server answering the Fabric REST API, with persistence,
// faults on request and jobs that really run. `startEmulator` is what tests, the demo and the
// benchmarks use; cli.ts is the command line.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { EmulatorContext } from './context';
import { FaultInjector, parseFaultSpec, type FaultSpec } from './faults';
import { JobScheduler } from './jobScheduler';
import { createJobRunner, type EmulatorJobRunner, type JobRunner } from './jobs';
import { Operations } from './operations';
import { Router } from './router';
import { itemRoutes } from './routes/items';
import { jobRoutes } from './routes/jobs';
import { scheduleRoutes } from './routes/schedules';
import { workspaceRoutes } from './routes/workspaces';
import { seedSampleWorkspace } from './sample';
import { createStats, requestListener, type EmulatorStats } from './server';
import { Store } from './store';
import { serverTls } from './tls';

export { parseFaultSpec, type FaultSpec } from './faults';
export type { EmulatorStats } from './server';

export const DEFAULT_TOKEN = 'fabric-emulator-dev-token';
export const DEFAULT_PORT = 5015;

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  dataDir: string;
  token?: string;
  pageSize?: number;
  /** Seed the sample workspace when the data folder is new (default true). */
  sample?: boolean;
  faults?: string | FaultSpec;
  /** Multiplies simulated durations (pipeline Wait, dataflow refresh). */
  timeScale?: number;
  /** 'async' (default): creates and definitions answer 202 and go through /operations. */
  lroMode?: 'sync' | 'async';
  quiet?: boolean;
  /** Replaces the real job runners (tests). */
  jobRunner?: JobRunner;
  /** Serve HTTPS: true with a certificate signed by a local CA in `<dataDir>/tls/`, or your own PEM files' paths. */
  https?: boolean | { cert: string; key: string };
  /** Also accept unexpired JWTs for the Fabric audience without checking their signature (local use only). */
  acceptEntraTokens?: boolean;
}

export interface Emulator {
  url: string;
  baseUrl: string;
  token: string;
  port: number;
  dataDir: string;
  /** The local CA that signed the HTTPS certificate (`https: true` only): what clients must trust. */
  caFile?: string;
  stats: EmulatorStats;
  /** Changes the faults while running (undefined: none). */
  setFaults(spec: string | FaultSpec | undefined): void;
  close(): Promise<void>;
}

function withPublishedState(runner: JobRunner): EmulatorJobRunner {
  return { run: (item, jobType, ctx) => runner.run(item, jobType, ctx), exportPublishedState: () => ({}), importPublishedState: () => undefined };
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const token = options.token ?? DEFAULT_TOKEN;
  // Before the store opens, so a missing openssl or certificate file leaves nothing open.
  const tls = serverTls(options.dataDir, options.https);
  const store = Store.open(options.dataDir);
  let injector: FaultInjector | undefined;
  const setFaults = (spec: string | FaultSpec | undefined) => {
    injector = spec === undefined ? undefined : new FaultInjector(typeof spec === 'string' ? parseFaultSpec(spec) : spec);
  };
  setFaults(options.faults);
  const runner = options.jobRunner ? withPublishedState(options.jobRunner) : createJobRunner();
  const ctx: EmulatorContext = {
    store,
    operations: new Operations(() => injector?.spec.lroMs ?? 100),
    scheduler: new JobScheduler(store, runner, options.timeScale ?? 1),
    pageSize: options.pageSize ?? 100,
    lroMode: options.lroMode ?? 'async',
  };
  const router = new Router();
  workspaceRoutes(router, ctx);
  itemRoutes(router, ctx);
  jobRoutes(router, ctx);
  scheduleRoutes(router, ctx);
  if (store.fresh && options.sample !== false) ctx.scheduler.markPublished(seedSampleWorkspace(ctx));

  const stats = createStats();
  const listener = requestListener({ router, token, stats, faults: () => injector, secure: !!tls, acceptEntraTokens: options.acceptEntraTokens });
  const server = tls
    ? https.createServer({ cert: tls.cert, key: tls.key }, listener)
    : http.createServer(listener);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    await ctx.scheduler.stopAll();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    store.close();
  };
  return {
    url,
    baseUrl: `${url}/v1`,
    token,
    port,
    dataDir: options.dataDir,
    caFile: tls?.caFile,
    stats,
    setFaults,
    // Idempotent: a second close (a test's cleanup after a restart test) waits for the first.
    close: () => (closed ??= close()),
  };
}
