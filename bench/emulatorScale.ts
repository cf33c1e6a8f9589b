// The emulator at scale: how long a list page and a create take when one workspace holds N items,
// and its memory across many asynchronous definition reads (each an operation whose result it keeps
// for five minutes).
//   npx tsx bench/emulatorScale.ts [N ...]      (default: 10000 100000)
//   node --expose-gc --import tsx bench/emulatorScale.ts reads [N]   (default: 20000 reads)
// The data folder is seeded with a snapshot of N items (creating them over HTTP would take minutes);
// then 10 first pages, 10 last pages and 200 creates (at most 20 s of them) go over real HTTP, one at a time.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../src/emulator';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-emulator-scale-'));
  const workspaceId = randomUUID();
  const items: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    items[id] = { id, type: 'Notebook', displayName: `Notebook ${i}`, description: '', workspaceId };
  }
  const workspaces = {
    [workspaceId]: { id: workspaceId, displayName: 'Scale', description: '', type: 'Workspace', capacityId: '00000000-0000-0000-0000-000000000001' },
  };
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ workspaces, items }));
  const emulator = await startEmulator({ port: 0, dataDir: dir, quiet: true, sample: false, lroMode: 'sync' });
  try {
    const headers = { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' };
    const list = `${emulator.baseUrl}/workspaces/${workspaceId}/items`;
    const lastPage = `${list}?continuationToken=${Buffer.from(String(count - 50)).toString('base64url')}`;
    const timed = async (url: string) => {
      const start = performance.now();
      const answer = await fetch(url, { headers });
      await answer.arrayBuffer();
      return performance.now() - start;
    };
    const first: number[] = [];
    const last: number[] = [];
    for (let i = 0; i < 10; i++) {
      first.push(await timed(list));
      last.push(await timed(lastPage));
    }
    // 200 creates, or as many as 20 s allow.
    let creates = 0;
    const start = performance.now();
    for (let i = 0; i < 200 && performance.now() - start < 20_000; i++, creates++) {
      const answer = await fetch(list, { method: 'POST', headers, body: JSON.stringify({ type: 'Notebook', displayName: `New ${i}` }) });
      if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${await answer.text()}`);
    }
    const perSecond = creates / ((performance.now() - start) / 1000);
    const rss = process.memoryUsage().rss / 2 ** 20;
    console.log(
      `${count} items: first page ${median(first).toFixed(1)} ms, last page ${median(last).toFixed(1)} ms (medians of 10); ${perSecond.toFixed(1)} creates/s; RSS ${rss.toFixed(0)} MB`,
    );
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** N getDefinition reads of one 64 KB notebook, 50 at a time, each to its result; RSS and heap every N/4 reads. */
async function asyncReads(reads: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-emulator-reads-'));
  const emulator = await startEmulator({ port: 0, dataDir: dir, quiet: true, sample: false });
  const headers = { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' };
  const call = async (url: string, method = 'GET', body?: unknown) => {
    const answer = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (answer.status >= 300) throw new Error(`${method} ${url} answered ${answer.status}: ${await answer.text()}`);
    return answer;
  };
  const memory = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    return `RSS ${(rss / 2 ** 20).toFixed(0)} MB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MB`;
  };
  try {
    const workspace = (await (await call(`${emulator.baseUrl}/workspaces`, 'POST', { displayName: 'Reads' })).json()) as { id: string };
    const cells = Array.from({ length: 400 }, (_, i) => `# CELL ********************\n\nprint(${i}, ${JSON.stringify('x'.repeat(120))})\n`).join('\n');
    const content = Buffer.from(`# Fabric notebook source\n\n${cells}`).toString('base64');
    const created = await call(`${emulator.baseUrl}/workspaces/${workspace.id}/items`, 'POST', {
      type: 'Notebook',
      displayName: 'Read me',
      definition: { parts: [{ path: 'notebook-content.py', payload: content, payloadType: 'InlineBase64' }] },
    });
    const result = async (operation: string) => {
      while (((await (await call(operation)).json()) as { status: string }).status !== 'Succeeded') await new Promise((r) => setTimeout(r, 100));
      return call(`${operation}/result`);
    };
    const item = (await (created.status === 202 ? await result(created.headers.get('location')!) : created).json()) as { id: string };
    const read = async () => {
      const started = await call(`${emulator.baseUrl}/workspaces/${workspace.id}/items/${item.id}/getDefinition`, 'POST');
      await (await result(started.headers.get('location')!)).arrayBuffer();
    };
    console.log(`before: ${memory()}`);
    let started = 0;
    let finished = 0;
    const quarter = Math.ceil(reads / 4);
    const worker = async () => {
      while (started < reads) {
        started++;
        await read();
        if (++finished % quarter === 0) console.log(`${finished} reads: ${memory()}`);
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === 'reads') return asyncReads(Number(args[1] ?? 20_000));
  const sizes = args.map(Number);
  for (const count of sizes.length ? sizes : [10_000, 100_000]) await measure(count);
}

void main();
