// Starts emulators on 127.0.0.1 with fresh data folders and talks to them over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator';
import { TERMINAL_JOB_STATUSES, type Item, type JobStatus } from '../../../src/fabric/types';

/** A loosely typed JSON answer: tests read the fields they assert on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

export function tempDir(prefix = 'fabric-emulator-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const started: { emulator: Emulator; dir: string }[] = [];

/** Starts an emulator (quiet, on a free port, in a new temp folder unless one is given). */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const dir = options.dataDir ?? tempDir();
  const emulator = await startEmulator({ port: 0, quiet: true, timeScale: 0.01, tokenDir: false, ...options, dataDir: dir });
  started.push({ emulator, dir });
  return emulator;
}

/** Closes every emulator the tests started and removes their folders (call from afterEach/after). */
export async function stopTestEmulators(): Promise<void> {
  for (const { emulator, dir } of started.splice(0)) {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What calls need: an in-process emulator, or one in a child process. */
export type Target = Pick<Emulator, 'baseUrl' | 'token'>;

/** Calls the emulator: `path` is under /v1 (`/workspaces`) or an absolute URL (a Location). */
export async function call(emulator: Target, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const url = /^https?:/.test(path) ? path : `${emulator.baseUrl}${path}`;
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${emulator.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Every record of a paged list, following continuationUri. */
export async function listAll(emulator: Target, path: string): Promise<Json[]> {
  const records: Json[] = [];
  for (let url: string | undefined = path; url;) {
    const answer = await call(emulator, 'GET', url);
    if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    records.push(...answer.body.value);
    url = answer.body.continuationUri;
  }
  return records;
}

/** The sample workspace's id and its items by display name. */
export async function sampleWorkspace(emulator: Target): Promise<{ workspaceId: string; items: Record<string, Item> }> {
  const workspace = (await listAll(emulator, '/workspaces')).find((w) => w.displayName === 'Sample workspace');
  if (!workspace) throw new Error('No sample workspace');
  const items = (await listAll(emulator, `/workspaces/${workspace.id}/items`)) as Item[];
  return { workspaceId: workspace.id, items: Object.fromEntries(items.map((i) => [i.displayName, i])) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls a job instance URL until the job has ended; returns the last answer's body. */
export async function waitForJob(
  emulator: Target,
  url: string,
  until: (status: JobStatus) => boolean = (s) => TERMINAL_JOB_STATUSES.includes(s),
): Promise<Json> {
  for (;;) {
    const answer = await call(emulator, 'GET', url);
    if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (until(answer.body.status)) return answer.body;
    await sleep(25);
  }
}

/** Polls an operation's Location until it is no longer Running; returns the last answer. */
export async function waitForOperation(emulator: Target, location: string): Promise<Answer> {
  for (;;) {
    const answer = await call(emulator, 'GET', location);
    if (answer.body?.status !== 'Running' && answer.body?.status !== 'NotStarted') return answer;
    await sleep(20);
  }
}
