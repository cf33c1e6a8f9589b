import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Disk } from '../../../src/emulator';
import type { JobOutcome, JobRunner } from '../../../src/emulator/jobs';
import { encodeDefinition, textFile } from '../../../src/fabric/definition';
import { runCli, type CliProcess } from './cliProcess';
import { call, listAll, startTestEmulator, stopTestEmulators, tempDir, waitForJob, type Json, type Target } from './emulatorHarness';

const pipelineContent = (name: string) => textFile('pipeline-content.json', JSON.stringify({ properties: { description: name, activities: [] } }));
const pipeline = (name: string) => encodeDefinition([pipelineContent(name)]);

/** A disk with a given number of free bytes: writes past it are short, then fail with ENOSPC (as a full disk's). */
class FillingDisk implements Disk {
  free = Number.POSITIVE_INFINITY;
  failSync = false;
  write(fd: number, buffer: Buffer, offset: number, length: number): number {
    if (this.free <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const written = writeSync(fd, buffer, offset, Math.min(length, this.free));
    this.free -= written;
    return written;
  }
  sync(): void {
    if (this.failSync) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
  }
}

/** What the API shows of a data folder: workspaces, and their items with their stored definitions. */
async function visibleState(emulator: Target): Promise<Json> {
  const state: Json = {};
  for (const workspace of await listAll(emulator, '/workspaces')) {
    const items: Json = {};
    for (const item of await listAll(emulator, `/workspaces/${workspace.id}/items`)) {
      const definition = (await call(emulator, 'POST', `/workspaces/${workspace.id}/items/${item.id}/getDefinition`)).body.definition;
      items[item.displayName] = definition.parts.filter((p: Json) => p.path !== '.platform');
    }
    state[workspace.displayName] = items;
  }
  return state;
}

const journalLines = (dir: string) => readFileSync(join(dir, 'journal.ndjson'), 'utf8').split('\n').filter(Boolean);

describe('emulator durability', function () {
  this.timeout(60_000);
  afterEach(stopTestEmulators);

  describe('one data folder, one emulator', () => {
    it('refuses a second emulator on a data folder in use, changing nothing in it, and lets one start after the first stopped', async () => {
      const dir = tempDir();
      const first = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync' });
      const kept = (await call(first, 'POST', '/workspaces', { displayName: 'Acknowledged' })).body;
      const journal = readFileSync(join(dir, 'journal.ndjson'));

      await assert.rejects(startTestEmulator({ dataDir: dir, sample: false }), /The data folder .* is in use by another Fabric emulator \(process \d+\)/);
      assert.deepEqual(readFileSync(join(dir, 'journal.ndjson')), journal, 'the journal is untouched');
      const added = (await call(first, 'POST', '/workspaces', { displayName: 'After the refusal' })).body;
      await first.close();

      const second = await startTestEmulator({ dataDir: dir, sample: false });
      assert.deepEqual(await listAll(second, '/workspaces'), [kept, added]);
    });

    it('takes over the lock of an emulator that is gone (SIGKILLed), saying so', async () => {
      const dir = tempDir();
      const gone = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      writeFileSync(join(dir, 'emulator.lock'), `${gone}\n`);
      const notices: string[] = [];
      const emulator = await startTestEmulator({ dataDir: dir, sample: false, log: (m) => notices.push(m) });
      assert.equal((await call(emulator, 'GET', '/workspaces')).status, 200);
      assert.deepEqual(notices, [`Took over the data folder lock of process ${gone}, which is no longer running.`]);
      assert.equal(readFileSync(join(dir, 'emulator.lock'), 'utf8'), `${process.pid}\n`);
    });

    describe('through the command line', () => {
      const clis: CliProcess[] = [];
      afterEach(() => clis.splice(0).forEach((cli) => cli.child.kill('SIGKILL')));

      it('a second emulator on the same folder exits 1 with a clear message; the first keeps every acknowledged write', async () => {
        const dir = tempDir();
        const first = runCli(['--port', '0', '--data', dir, '--empty']);
        clis.push(first);
        const [, url] = await first.waitFor(/Fabric emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
        const [, token] = await first.waitFor(/Token: (\S+)/);
        const target: Target = { baseUrl: `${url}/v1`, token: token! };
        const before = (await call(target, 'POST', '/workspaces', { displayName: 'Before' })).body;

        const second = runCli(['--port', '0', '--data', dir, '--empty']);
        clis.push(second);
        assert.deepEqual(await second.exited, { code: 1, signal: null });
        assert.match(
          second.output(),
          new RegExp(`The Fabric emulator could not start: The data folder ${dir} is in use by another Fabric emulator \\(process ${first.child.pid}\\)`),
        );
        const after = (await call(target, 'POST', '/workspaces', { displayName: 'After' })).body;
        first.child.kill('SIGTERM');
        assert.deepEqual(await first.exited, { code: 0, signal: null });

        const restarted = await startTestEmulator({ dataDir: dir, sample: false });
        assert.deepEqual(await listAll(restarted, '/workspaces'), [before, after]);
      });
    });
  });

  describe('a full or failing disk', () => {
    it('answers 507 with nothing changed when the journal write is short, and keeps what follows once space is freed', async () => {
      const dir = tempDir();
      const disk = new FillingDisk();
      const emulator = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync', disk });
      const kept = (await call(emulator, 'POST', '/workspaces', { displayName: 'Kept' })).body;
      const journal = readFileSync(join(dir, 'journal.ndjson'));

      disk.free = 20;
      const refused = await call(emulator, 'POST', '/workspaces', { displayName: 'Refused' });
      assert.equal(refused.status, 507);
      assert.equal(refused.body.errorCode, 'InsufficientStorage');
      assert.equal(refused.body.isRetriable, true);
      assert.match(refused.body.message, /The disk is full .*ENOSPC.*the change was not saved\. Free some disk space/);
      assert.equal(refused.headers.get('x-ms-public-api-error-code'), 'InsufficientStorage');
      const refusedItem = await call(emulator, 'POST', `/workspaces/${kept.id}/items`, {
        displayName: 'Refused pipeline',
        type: 'DataPipeline',
        definition: pipeline('refused'),
      });
      assert.equal(refusedItem.status, 507);
      assert.deepEqual(await listAll(emulator, '/workspaces'), [kept], 'a refused create is not served');
      assert.deepEqual(await listAll(emulator, `/workspaces/${kept.id}/items`), []);
      assert.deepEqual(readFileSync(join(dir, 'journal.ndjson')), journal, 'the torn write is cut off the journal');

      disk.free = Number.POSITIVE_INFINITY;
      const added = (await call(emulator, 'POST', '/workspaces', { displayName: 'After space was freed' })).body;
      await emulator.close();

      const restarted = await startTestEmulator({ dataDir: dir, sample: false });
      assert.deepEqual(await listAll(restarted, '/workspaces'), [kept, added]);
    });

    it('answers 503 with nothing changed when the journal cannot be synced, for updates and deletes too', async () => {
      const dir = tempDir();
      const disk = new FillingDisk();
      const emulator = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync', disk });
      const workspace = (await call(emulator, 'POST', '/workspaces', { displayName: 'Kept' })).body;
      const item = (
        await call(emulator, 'POST', `/workspaces/${workspace.id}/items`, { displayName: 'Kept pipeline', type: 'DataPipeline', definition: pipeline('kept') })
      ).body;
      const before = await visibleState(emulator);

      disk.failSync = true;
      const attempts = [
        await call(emulator, 'PATCH', `/workspaces/${workspace.id}`, { displayName: 'Renamed' }),
        await call(emulator, 'PATCH', `/workspaces/${workspace.id}/items/${item.id}`, { displayName: 'Renamed pipeline' }),
        await call(emulator, 'POST', `/workspaces/${workspace.id}/items/${item.id}/updateDefinition?updateMetadata=true`, { definition: pipeline('changed') }),
        await call(emulator, 'DELETE', `/workspaces/${workspace.id}/items/${item.id}`),
        await call(emulator, 'DELETE', `/workspaces/${workspace.id}`),
      ];
      assert.deepEqual(
        attempts.map((a) => [a.status, a.body.errorCode]),
        attempts.map(() => [503, 'ServiceUnavailable']),
      );
      assert.deepEqual(await visibleState(emulator), before);
      await emulator.close();

      const restarted = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync' });
      assert.deepEqual(await visibleState(restarted), before);
    });

    it('cuts a torn last journal line off at open, saying so, and starts on a disk too full for a snapshot', async () => {
      const dir = tempDir();
      const first = await startTestEmulator({ dataDir: dir, sample: false });
      const kept = (await call(first, 'POST', '/workspaces', { displayName: 'Acknowledged' })).body;
      await first.close();
      const torn = '{"c":"workspaces","id":"torn","v":{"id":"torn","displayNa';
      appendFileSync(join(dir, 'journal.ndjson'), torn);

      const disk = new FillingDisk();
      disk.free = 0;
      const notices: string[] = [];
      const second = await startTestEmulator({ dataDir: dir, sample: false, disk, log: (m) => notices.push(m) });
      assert.equal(
        notices[0],
        `Cut off an incomplete last change (${torn.length} bytes) from ${join(dir, 'journal.ndjson')}: a write interrupted by a crash, never acknowledged.`,
      );
      assert.match(notices[1]!, /Could not write the snapshot .*ENOSPC.*the journal keeps every change/);
      assert.deepEqual(await listAll(second, '/workspaces'), [kept]);
      disk.free = Number.POSITIVE_INFINITY;
      const added = (await call(second, 'POST', '/workspaces', { displayName: 'After the tear' })).body;
      await second.close();

      const third = await startTestEmulator({ dataDir: dir, sample: false });
      assert.deepEqual(await listAll(third, '/workspaces'), [kept, added]);
    });

    it("keeps running when a job's end cannot be saved: the job keeps its last saved state, reported interrupted after a restart", async () => {
      const dir = tempDir();
      const disk = new FillingDisk();
      let finishRun: (outcome: JobOutcome) => void = () => undefined;
      const jobRunner: JobRunner = { run: () => new Promise((resolve) => (finishRun = resolve)) };
      let stopped: (message: string) => void = () => undefined;
      const stoppedNotice = new Promise<string>((resolve) => (stopped = resolve));
      const log = (message: string) => message.startsWith('Job ') && stopped(message);
      const emulator = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync', disk, jobRunner, log });
      const workspace = (await call(emulator, 'POST', '/workspaces', { displayName: 'W' })).body;
      const item = (await call(emulator, 'POST', `/workspaces/${workspace.id}/items`, { displayName: 'P', type: 'DataPipeline' })).body;
      const run = await call(emulator, 'POST', `/workspaces/${workspace.id}/items/${item.id}/jobs/instances?jobType=Pipeline`);
      const location = run.headers.get('location')!;
      await waitForJob(emulator, location, (status) => status === 'InProgress');

      disk.failSync = true;
      finishRun({ status: 'Completed' });
      assert.match(await stoppedNotice, /^Job .* stopped: The disk failed .*EIO/);
      assert.equal((await call(emulator, 'GET', location)).body.status, 'InProgress', 'the last saved state');
      disk.failSync = false;
      await emulator.close();

      const restarted = await startTestEmulator({ dataDir: dir, sample: false });
      const job = (await call(restarted, 'GET', location.replace(emulator.baseUrl, restarted.baseUrl))).body;
      assert.equal(job.status, 'Failed');
      assert.equal(job.failureReason.message, 'The emulator restarted while the job was running.');
    });

    describe('on a real 1 MB tmpfs', () => {
      let mountPoint: string | undefined;
      before(function () {
        if (process.platform !== 'linux') this.skip(); // tmpfs is Linux's
        mountPoint = tempDir('fabric-emulator-tmpfs-');
        try {
          execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'pipe' });
        } catch (error) {
          rmSync(mountPoint, { recursive: true, force: true });
          mountPoint = undefined;
          console.log(`      (skipped: cannot mount a tmpfs here: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`);
          this.skip();
        }
      });
      after(() => {
        if (!mountPoint) return;
        execFileSync('umount', [mountPoint]);
        rmSync(mountPoint, { recursive: true, force: true });
      });

      it('refuses writes once the disk is full, serves and keeps exactly the acknowledged ones, and writes again once space is freed', async () => {
        const dir = join(mountPoint!, 'data');
        mkdirSync(dir);
        const ballast = join(mountPoint!, 'ballast');
        writeFileSync(ballast, Buffer.alloc(256 * 1024));
        const emulator = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync' });
        const workspace = (await call(emulator, 'POST', '/workspaces', { displayName: 'Filled' })).body;
        const acknowledged: string[] = [];
        const big = (n: number) => pipeline(`${n} ${'x'.repeat(40_000)}`);
        for (let n = 0; ; n++) {
          const answer = await call(emulator, 'POST', `/workspaces/${workspace.id}/items`, {
            displayName: `Pipeline ${n}`,
            type: 'DataPipeline',
            definition: big(n),
          });
          if (answer.status === 507) break;
          assert.equal(answer.status, 201, JSON.stringify(answer.body));
          acknowledged.push(answer.body.displayName);
          assert.ok(n < 100, 'the disk never filled');
        }
        const listed = async (target: Target) => (await listAll(target, `/workspaces/${workspace.id}/items`)).map((i) => i.displayName);
        assert.deepEqual(await listed(emulator), acknowledged);

        rmSync(ballast);
        const afterFree = await call(emulator, 'POST', `/workspaces/${workspace.id}/items`, {
          displayName: 'After space was freed',
          type: 'DataPipeline',
          definition: big(-1),
        });
        assert.equal(afterFree.status, 201);
        acknowledged.push('After space was freed');
        await emulator.close();

        const restarted = await startTestEmulator({ dataDir: dir, sample: false });
        assert.deepEqual(await listed(restarted), acknowledged);
      });
    });
  });

  it('writes one journal line per acknowledged change: every prefix of the journal is a state the API answered with', async () => {
    const dir = tempDir();
    const emulator = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync' });
    const answered = [await visibleState(emulator)];
    const workspace = (await call(emulator, 'POST', '/workspaces', { displayName: 'W' })).body;
    answered.push(await visibleState(emulator));
    const first = (
      await call(emulator, 'POST', `/workspaces/${workspace.id}/items`, { displayName: 'First', type: 'DataPipeline', definition: pipeline('first') })
    ).body;
    answered.push(await visibleState(emulator));
    await call(emulator, 'POST', `/workspaces/${workspace.id}/items`, { displayName: 'Second', type: 'DataPipeline', definition: pipeline('second') });
    answered.push(await visibleState(emulator));
    const update = await call(emulator, 'POST', `/workspaces/${workspace.id}/items/${first.id}/updateDefinition?updateMetadata=true`, {
      definition: encodeDefinition([
        pipelineContent('updated'),
        textFile('.platform', JSON.stringify({ metadata: { type: 'DataPipeline', displayName: 'First renamed' } })),
      ]),
    });
    assert.equal(update.status, 200, JSON.stringify(update.body));
    answered.push(await visibleState(emulator));
    await call(emulator, 'DELETE', `/workspaces/${workspace.id}`);
    answered.push(await visibleState(emulator));
    await emulator.close();

    // A kill can stop the journal after any complete line; what loads must be a state some answer showed.
    const lines = journalLines(dir);
    assert.equal(lines.length, 5, 'one line per change');
    for (let kept = 0; kept <= lines.length; kept++) {
      const copy = tempDir();
      cpSync(dir, copy, { recursive: true });
      rmSync(join(copy, 'emulator.lock'), { force: true });
      writeFileSync(
        join(copy, 'journal.ndjson'),
        lines
          .slice(0, kept)
          .map((l) => `${l}\n`)
          .join(''),
      );
      const reopened = await startTestEmulator({ dataDir: copy, sample: false, lroMode: 'sync' });
      assert.deepEqual(await visibleState(reopened), answered[kept], `after ${kept} journal lines`);
    }
  });

  describe('SIGKILL with concurrent writers', function () {
    // Each round starts the command line again (a few seconds each on a loaded machine).
    this.timeout(180_000);
    const ROUNDS = 2;
    const WRITERS = 6;
    let cli: CliProcess | undefined;
    afterEach(() => cli?.child.kill('SIGKILL'));

    async function start(dir: string): Promise<Target> {
      cli = runCli(['--port', '0', '--data', dir, '--empty', '--lro', 'sync']);
      const [, url] = await cli.waitFor(/Fabric emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, token] = await cli.waitFor(/Token: (\S+)/);
      return { baseUrl: `${url}/v1`, token: token! };
    }

    it(`keeps every acknowledged write across ${ROUNDS} SIGKILLs at random points during ${WRITERS} writers`, async () => {
      const dir = tempDir();
      // What each writer had acknowledged, and what it had in flight (which may or may not have landed).
      const acknowledged = new Map<string, { id: string; definition: string; description: number }>();
      let target = await start(dir);
      for (let round = 0; round < ROUNDS; round++) {
        const killAfter = 30 + Math.floor(Math.random() * 120);
        let answers = 0;
        let killed = false;
        const writer = async (w: number) => {
          for (let n = 0; !killed; n++) {
            const name = `r${round} w${w} n${n}`;
            try {
              const workspace = await call(target, 'POST', '/workspaces', { displayName: name });
              assert.equal(workspace.status, 201);
              const item = await call(target, 'POST', `/workspaces/${workspace.body.id}/items`, {
                displayName: 'P',
                type: 'DataPipeline',
                definition: pipeline(name),
              });
              assert.equal(item.status, 201);
              acknowledged.set(name, { id: workspace.body.id, definition: name, description: 0 });
              for (let d = 1; d <= 3; d++) {
                const patch = await call(target, 'PATCH', `/workspaces/${workspace.body.id}`, { description: String(d) });
                assert.equal(patch.status, 200);
                acknowledged.get(name)!.description = d;
              }
            } catch (error) {
              if (killed) return; // the request the kill cut off: never acknowledged
              throw error;
            } finally {
              if (++answers === killAfter && !killed) {
                killed = true;
                cli!.child.kill('SIGKILL');
              }
            }
          }
        };
        await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
        assert.equal((await cli!.exited).signal, 'SIGKILL');

        target = await start(dir); // the killed emulator's lock is stale: taken over
        const workspaces = new Map((await listAll(target, '/workspaces')).map((w) => [w.displayName as string, w]));
        for (const [name, expected] of acknowledged) {
          const workspace = workspaces.get(name);
          assert.ok(workspace, `${name} was acknowledged`);
          // A PATCH cut off by the kill may have landed just before it: one step further at most.
          assert.ok(
            [expected.description, expected.description + 1].includes(Number(workspace.description || 0)),
            `${name}: description ${workspace.description}, acknowledged ${expected.description}`,
          );
          expected.description = Number(workspace.description || 0);
          const [item] = await listAll(target, `/workspaces/${expected.id}/items`);
          const definition = (await call(target, 'POST', `/workspaces/${expected.id}/items/${item.id}/getDefinition`)).body.definition;
          assert.deepEqual(
            definition.parts.filter((p: Json) => p.path !== '.platform'),
            pipeline(expected.definition).parts,
          );
        }
      }
      assert.ok(existsSync(join(dir, 'emulator.lock')));
    });
  });
});
