// What bounds one client's use of the emulator: jobs that have not ended, connections at once. A
// refused request is answered as Fabric answers it and changes nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../../src/emulator';
import type { JobRunner } from '../../../src/emulator/jobs';
import { call, listAll, sampleWorkspace, startTestEmulator, stopTestEmulators, waitForJob, type Answer } from './emulatorHarness';
import { pyNotebook } from './jobs/notebookFixtures';
import { openRaw } from './rawHttp';

/** Runs until cancelled. */
const untilCancelled: JobRunner = {
  run: (_item, _jobType, ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve({ status: 'Cancelled' }))),
};

describe('emulator limits', () => {
  afterEach(stopTestEmulators);

  describe('jobs that have not ended', () => {
    let emulator: Emulator;
    let runs: string;

    beforeEach(async () => {
      emulator = await startTestEmulator({ sample: false, lroMode: 'sync', jobRunner: untilCancelled, maxActiveJobs: 2 });
      const ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Busy' })).body.id;
      const item = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Load', type: 'DataPipeline' })).body.id;
      runs = `/workspaces/${ws}/items/${item}/jobs/Pipeline/instances`;
    });

    it('refuses a run past the limit with 429 TooManyRequestsForJobs and Retry-After, creating no job instance', async () => {
      const first = await call(emulator, 'POST', runs);
      assert.equal((await call(emulator, 'POST', runs)).status, 202);
      const refused = await call(emulator, 'POST', runs);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.errorCode, 'TooManyRequestsForJobs');
      assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After says when to try again');
      assert.equal((await listAll(emulator, runs.replace('/Pipeline/', '/'))).length, 2, 'no job instance for the refused run');

      // Once a run ends, there is room again.
      const location = first.headers.get('location')!;
      assert.equal((await call(emulator, 'POST', `${location}/cancel`)).status, 202);
      await waitForJob(emulator, location);
      assert.equal((await call(emulator, 'POST', runs)).status, 202);
    });
  });

  describe('notebook runs at once', () => {
    let emulator: Emulator;
    let ws: string;
    let dir: string;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fwb-slots-'));
      emulator = await startTestEmulator({ sample: false, lroMode: 'sync', maxNotebookRuns: 1 });
      ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Notebooks' })).body.id;
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** Creates a notebook of one code cell and starts a run of it; the run's job instance URL. */
    async function run(displayName: string, code: string): Promise<string> {
      const payload = Buffer.from(pyNotebook([{ kind: 'code', source: code }])).toString('base64');
      const definition = { parts: [{ path: 'notebook-content.py', payload, payloadType: 'InlineBase64' }] };
      const item = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName, type: 'Notebook', definition })).body.id;
      const answer = await call(emulator, 'POST', `/workspaces/${ws}/items/${item}/jobs/RunNotebook/instances`);
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      return answer.headers.get('location')!;
    }

    const waitForFile = (file: string) => `import os, time\nwhile not os.path.exists(${JSON.stringify(file)}):\n    time.sleep(0.01)`;

    it('starts a run past maxNotebookRuns only once a running one has ended: NotStarted until then', async () => {
      const release = join(dir, 'release');
      const first = await run('First', waitForFile(release));
      await waitForJob(emulator, first, (status) => status === 'InProgress');
      const second = await run('Second', 'notebookutils.notebook.exit("done")');
      assert.equal((await call(emulator, 'GET', second)).body.status, 'NotStarted');
      writeFileSync(release, '');
      const [firstJob, secondJob] = [await waitForJob(emulator, first), await waitForJob(emulator, second)];
      assert.deepEqual([firstJob.status, secondJob.status, secondJob.exitValue], ['Completed', 'Completed', 'done']);
      assert.ok(
        secondJob.startTimeUtc >= firstJob.endTimeUtc,
        `the second started at ${secondJob.startTimeUtc}, before the first ended at ${firstJob.endTimeUtc}`,
      );
    });

    it('cancels a run waiting for its turn without ever starting it', async () => {
      const release = join(dir, 'release');
      const started = join(dir, 'waiting-started');
      const holder = await run('Holder', waitForFile(release));
      await waitForJob(emulator, holder, (status) => status === 'InProgress');
      const waiting = await run('Waiting', `open(${JSON.stringify(started)}, "w").write("started")`);
      assert.equal((await call(emulator, 'POST', `${waiting}/cancel`)).status, 202);
      assert.equal((await waitForJob(emulator, waiting)).status, 'Cancelled');
      writeFileSync(release, '');
      assert.equal((await waitForJob(emulator, holder)).status, 'Completed');
      assert.equal(existsSync(started), false, 'the cancelled run never started');
    });
  });

  it("fails a pipeline's activity whose child run is refused for the limit, naming it, rather than leaving the activity running", async () => {
    const emulator = await startTestEmulator({ lroMode: 'sync', maxActiveJobs: 1 });
    const { workspaceId, items } = await sampleWorkspace(emulator);
    const answer = await call(emulator, 'POST', `/workspaces/${workspaceId}/items/${items['Daily load']!.id}/jobs/Pipeline/instances`, {
      executionData: { parameters: { waitSeconds: '0' } },
    });
    const job = await waitForJob(emulator, answer.headers.get('location')!);
    assert.equal(job.status, 'Failed');
    assert.match(job.failureReason.message, /^Operation on target Say hello failed: The emulator already has 1 jobs that have not ended/);
    const activityRuns = await call(emulator, 'POST', `/workspaces/${workspaceId}/datapipelines/pipelineruns/${job.id}/queryactivityruns`, {
      lastUpdatedAfter: new Date(Date.now() - 3_600_000).toISOString(),
      lastUpdatedBefore: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const sayHello = activityRuns.body.find((run: { activityName: string }) => run.activityName === 'Say hello');
    assert.equal(sayHello?.status, 'Failed', JSON.stringify(activityRuns.body));
  });

  it("refuses an item's schedule past 20 for one job type with 400 ScheduleExceedsLimit, storing nothing", async () => {
    const emulator = await startTestEmulator({ sample: false, lroMode: 'sync', jobRunner: untilCancelled });
    const ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Scheduled' })).body.id;
    const item = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Load', type: 'DataPipeline' })).body.id;
    const schedules = `/workspaces/${ws}/items/${item}/jobs/Pipeline/schedules`;
    const schedule = {
      enabled: false,
      configuration: { type: 'Cron', interval: 10, startDateTime: '2026-01-01T00:00:00', endDateTime: '2036-01-01T00:00:00', localTimeZoneId: 'UTC' },
    };
    const created = [];
    for (let i = 0; i < 20; i++) created.push(await call(emulator, 'POST', schedules, schedule));
    assert.deepEqual(new Set(created.map((answer) => answer.status)), new Set([201]));
    const refused = await call(emulator, 'POST', schedules, schedule);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errorCode, 'ScheduleExceedsLimit');
    assert.equal((await listAll(emulator, schedules)).length, 20);

    assert.equal((await call(emulator, 'DELETE', `${schedules}/${created[0]!.body.id}`)).status, 200);
    assert.equal((await call(emulator, 'POST', schedules, schedule)).status, 201, 'a deleted schedule makes room');
  });

  describe('connections at once', () => {
    /** A request from a well-behaved client, sent again while the emulator drops it for lack of a free connection. */
    async function callOnceServed(emulator: Emulator): Promise<Answer> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await call(emulator, 'GET', '/workspaces');
        } catch (error) {
          if (attempt === 1000) throw error;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }

    it('drops connections past maxConnections at once, and serves again as soon as one is free', async () => {
      const emulator = await startTestEmulator({ sample: false, maxConnections: 2 });
      const held = [await openRaw(emulator.port), await openRaw(emulator.port)];
      // Once both are accepted (a request answered on each), a third connection is closed unanswered.
      for (const raw of held) {
        raw.socket.write(`GET /v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${emulator.token}\r\n\r\n`);
        await raw.waitFor(/^HTTP\/1\.1 200 /);
      }
      const dropped = await openRaw(emulator.port);
      await dropped.closed;
      assert.equal(dropped.received(), '');

      held[0]!.socket.destroy();
      assert.equal((await callOnceServed(emulator)).status, 200);
    });
  });
});
