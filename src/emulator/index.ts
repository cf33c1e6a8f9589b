// The local Fabric emulator: a real HTTP server answering the Fabric REST API, with persistence,
// faults on request and jobs that really run. `startEmulator` is what tests, the demo and the
// benchmarks use; cli.ts is the command line.
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EmulatorContext } from './context';
import { GitIntegration } from './gitIntegration';
import { FaultInjector, parseFaultSpec, type FaultSpec } from './faults';
import { JobScheduler } from './jobScheduler';
import { LocalEntra, type EntraApp } from './localEntra';
import { createJobRunner, type EmulatorJobRunner, type JobRunner } from './jobs';
import { Operations } from './operations';
import { Router } from './router';
import { scaledClock, type ScheduleClock } from './scheduleClock';
import { ScheduleTrigger } from './scheduleTrigger';
import { bulkExportRoutes } from './routes/bulkExport';
import { dataflowRoutes } from './routes/dataflows';
import { folderRoutes } from './routes/folders';
import { gitRoutes } from './routes/git';
import { itemRoutes } from './routes/items';
import { jobRoutes } from './routes/jobs';
import { livySessionRoutes } from './routes/livySessions';
import { scheduleRoutes } from './routes/schedules';
import { workspaceRoutes } from './routes/workspaces';
import { seedSampleWorkspace } from './sample';
import { DataFolderLock } from './dataFolderLock';
import type { Disk } from './persistence';
import { MonitoringPages } from './monitoringPages';
import { createStats, requestListener, type EmulatorStats } from './server';
import { Store } from './store';
import { serverTls } from './tls';
import { dataFolderToken, publishToken } from './tokenFile';

export { DataFolderInUseError } from './dataFolderLock';
export { parseFaultSpec, type FaultSpec } from './faults';
export type { EntraApp } from './localEntra';
export type { Disk } from './persistence';
export type { ScheduleClock } from './scheduleClock';
export type { EmulatorStats } from './server';

export const DEFAULT_PORT = 5015;
export const DEFAULT_MAX_BODY_MB = 64;
/** Far more than any client's pool, far fewer than the descriptors the process may open (Node raises its soft limit to the hard one, 4096 or more). */
export const DEFAULT_MAX_CONNECTIONS = 1000;
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  dataDir: string;
  /** The bearer token clients must send; default: the data folder's own random token. */
  token?: string;
  /** Where the per-user token file goes (default ~/.fabric-workbench/emulator); false: nowhere. */
  tokenDir?: string | false;
  pageSize?: number;
  /** Seed the sample workspace when the data folder is new (default true). */
  sample?: boolean;
  faults?: string | FaultSpec;
  /** Multiplies simulated durations (pipeline Wait, dataflow refresh) and the time between schedules' runs (scheduleClock.ts). */
  timeScale?: number;
  /** The clock schedules fire by (tests); default: real time scaled by `timeScale`. */
  scheduleClock?: ScheduleClock;
  /** 'async' (default): creates and definitions answer 202 and go through /operations. */
  lroMode?: 'sync' | 'async';
  /** No notices on stderr (a torn journal line cut off, a stale lock taken over). */
  quiet?: boolean;
  /** Where notices go instead of stderr. */
  log?: (message: string) => void;
  /** Replaces the data folder's writes and syncs (tests simulate a full or failing disk). */
  disk?: Disk;
  /** Whether bulkExportDefinitions (a beta API a tenant may not have) is served (default true). */
  bulkExport?: boolean;
  /** Replaces the real job runners (tests). */
  jobRunner?: JobRunner;
  /** Runners for more item types, beside the real ones (tests run a fake item kind's jobs). */
  runners?: Readonly<Record<string, JobRunner>>;
  /** Serve HTTPS: true with a certificate signed by a local CA in `<dataDir>/tls/`, or your own PEM files' paths. */
  https?: boolean | { cert: string; key: string };
  /** Also accept unexpired JWTs for the Fabric audience without checking their signature (local use only). */
  acceptEntraTokens?: boolean;
  /**
   * Serve a local Entra token endpoint (`/{tenant}/oauth2/v2.0/token`, OpenID metadata) for these
   * applications, and accept the tokens it issues (localEntra.ts). MSAL wants it over `https`.
   */
  entraApps?: EntraApp[];
  /** Request bodies larger than this are refused with 413 (default 64 MB). */
  maxBodyBytes?: number;
  /** A connection that sends nothing for this long is closed (default 30 s). */
  idleTimeoutMs?: number;
  /** How many notebook runs have a Python process at once; the others wait their turn (default: twice the CPUs, at least 4). */
  maxNotebookRuns?: number;
  /**
   * Connections past this many at once are closed unanswered (default 1000): a client that opens
   * thousands must not use up the descriptors the journal's writes and the notebook runs need.
   */
  maxConnections?: number;
  /** Runs past this many jobs not ended yet are refused with 429 TooManyRequestsForJobs (default 1000). */
  maxActiveJobs?: number;
}

export interface Emulator {
  url: string;
  baseUrl: string;
  token: string;
  /** The per-user file local clients read the token from (tokenFile.ts), while it runs. */
  tokenFile?: string;
  port: number;
  dataDir: string;
  /** The local CA that signed the HTTPS certificate (`https: true` only): what clients must trust. */
  caFile?: string;
  stats: EmulatorStats;
  /** The clock schedules fire by: a test waits on it for a due time to pass. */
  scheduleClock: ScheduleClock;
  /** Changes the faults while running (undefined: none). */
  setFaults(spec: string | FaultSpec | undefined): void;
  close(): Promise<void>;
}

function withPublishedState(runner: JobRunner): EmulatorJobRunner {
  return {
    run: (item, jobType, ctx) => runner.run(item, jobType, ctx),
    admit: async () => () => undefined,
    exportPublishedState: () => ({}),
    importPublishedState: () => undefined,
    close: () => undefined,
  };
}

/**
 * Bounds how long a connection may hold a socket: a silent one (never a byte, or idle between
 * requests) and slow headers are cut after `idleMs`, a whole request after five minutes (a 64 MB
 * body over a slow link still fits). Node checks the last two every `connectionsCheckingInterval`.
 */
function timeouts(idleMs: number): http.ServerOptions {
  return {
    headersTimeout: idleMs,
    requestTimeout: 5 * 60_000,
    keepAliveTimeout: Math.min(5000, idleMs),
    connectionsCheckingInterval: Math.min(30_000, idleMs),
  };
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const log = options.log ?? (options.quiet ? () => undefined : (message: string) => void process.stderr.write(`${message}\n`));
  // Before anything in the folder is read or written: a second emulator on it must change nothing.
  const lock = DataFolderLock.acquire(options.dataDir, log);
  let store: Store | undefined;
  try {
    // Before the store opens, so a missing openssl or certificate file leaves nothing open.
    const tls = serverTls(options.dataDir, options.https);
    store = Store.open(options.dataDir, { disk: options.disk, log });
    const token = options.token ?? dataFolderToken(options.dataDir);
    const opened = store;
    return await serve(options, token, tls, store, log, () => {
      opened.close();
      lock.release();
    });
  } catch (error) {
    store?.close();
    lock.release();
    throw error;
  }
}

async function serve(
  options: EmulatorOptions,
  token: string,
  tls: ReturnType<typeof serverTls>,
  store: Store,
  log: (message: string) => void,
  closeStore: () => void,
): Promise<Emulator> {
  let injector: FaultInjector | undefined;
  const setFaults = (spec: string | FaultSpec | undefined) => {
    injector = spec === undefined ? undefined : new FaultInjector(typeof spec === 'string' ? parseFaultSpec(spec) : spec);
  };
  setFaults(options.faults);
  const runner = options.jobRunner
    ? withPublishedState(options.jobRunner)
    : createJobRunner({ runners: options.runners, maxNotebookRuns: options.maxNotebookRuns });
  const scheduler = new JobScheduler(store, runner, options.timeScale ?? 1, log, options.maxActiveJobs);
  const ctx: EmulatorContext = {
    store,
    operations: new Operations(() => injector?.spec.lroMs ?? 100),
    scheduler,
    triggers: new ScheduleTrigger(store, scheduler, options.scheduleClock ?? scaledClock(options.timeScale ?? 1), log),
    monitoring: new MonitoringPages(store, token),
    pageSize: options.pageSize ?? 100,
    lroMode: options.lroMode ?? 'async',
  };
  const router = new Router();
  workspaceRoutes(router, ctx);
  itemRoutes(router, ctx);
  folderRoutes(router, ctx);
  jobRoutes(router, ctx);
  livySessionRoutes(router, ctx);
  bulkExportRoutes(router, ctx, options.bulkExport !== false);
  scheduleRoutes(router, ctx);
  dataflowRoutes(router, ctx);
  gitRoutes(router, ctx, new GitIntegration(ctx, path.join(options.dataDir, 'git')));
  if (store.fresh && options.sample !== false) ctx.scheduler.markPublished(seedSampleWorkspace(ctx));

  const stats = createStats();
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_MB * 1024 * 1024;
  const entra = options.entraApps ? new LocalEntra(options.entraApps, !!tls) : undefined;
  const api = requestListener({
    router,
    token,
    stats,
    faults: () => injector,
    secure: !!tls,
    acceptEntraTokens: options.acceptEntraTokens,
    host,
    maxBodyBytes,
    durable: () => store.durable(),
    issuedToken: entra && ((bearer, requestHost) => entra.verify(bearer, requestHost)),
    pages: (method, url) => ctx.monitoring.serve(method, url),
  });
  const listener = entra ? entra.around(api) : api;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const server = tls ? https.createServer({ ...timeouts(idleMs), cert: tls.cert, key: tls.key }, listener) : http.createServer(timeouts(idleMs), listener);
  server.timeout = idleMs; // socket inactivity, which also covers a connection that never sends
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const published = options.tokenDir === false ? undefined : publishToken(url, token, options.tokenDir);
  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    ctx.triggers.stop();
    await ctx.scheduler.stopAll();
    runner.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    published?.unpublish();
    closeStore();
  };
  return {
    url,
    baseUrl: `${url}/v1`,
    token,
    tokenFile: published?.file,
    port,
    dataDir: options.dataDir,
    caFile: tls?.caFile,
    stats,
    scheduleClock: ctx.triggers.clock,
    setFaults,
    // Idempotent: a second close (a test's cleanup after a restart test) waits for the first.
    close: () => (closed ??= close()),
  };
}
