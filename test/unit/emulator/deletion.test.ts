// Deleting an item or a workspace takes along what belongs to it: job instances (a running one is
// stopped first), their activity runs and the item's schedules. Nothing of them is left in the data
// folder to come back after a restart, and a run ending after the deletion writes nothing back.
import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import type { JobRunner } from '../../../src/emulator/jobs';
import { Store } from '../../../src/emulator/store';
import { call, startTestEmulator, stopTestEmulators, tempDir, waitForJob } from './emulatorHarness';

const cron = {
  enabled: true,
  configuration: { type: 'Cron', interval: 10, startDateTime: '2026-01-01T00:00:00', endDateTime: '2036-01-01T00:00:00', localTimeZoneId: 'UTC' },
};

describe('emulator: deleting takes along jobs, activity runs and schedules', function () {
  this.timeout(20_000);
  let dir: string;
  let emulator: Emulator;
  let ws: string;
  /** Resolves with the job instance id each time a run is told to stop. */
  let stopped: Promise<string>;

  /** Runs until cancelled, after recording one activity run. */
  const untilCancelled: JobRunner = {
    run: (_item, _jobType, ctx) => {
      ctx.recordActivityRun({ pipelineRunId: ctx.jobInstanceId, activityName: 'Wait', activityType: 'Wait', activityRunId: 'a1', status: 'InProgress' });
      return new Promise((resolve) =>
        ctx.signal.addEventListener('abort', () => {
          resolve({ status: 'Cancelled' });
          notifyStopped(ctx.jobInstanceId);
        }),
      );
    },
  };
  let notifyStopped: (jobId: string) => void;

  beforeEach(async () => {
    dir = tempDir();
    stopped = new Promise((resolve) => (notifyStopped = resolve));
    emulator = await startTestEmulator({ dataDir: dir, sample: false, lroMode: 'sync', jobRunner: untilCancelled });
    ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Doomed' })).body.id;
  });
  afterEach(stopTestEmulators);

  /** A pipeline with a running job and a schedule; the job's id. */
  async function pipelineWithRunAndSchedule(displayName: string): Promise<{ itemId: string; jobId: string }> {
    const itemId = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName, type: 'DataPipeline' })).body.id;
    const location = (await call(emulator, 'POST', `/workspaces/${ws}/items/${itemId}/jobs/Pipeline/instances`)).headers.get('location')!;
    await waitForJob(emulator, location, (status) => status === 'InProgress');
    assert.equal((await call(emulator, 'POST', `/workspaces/${ws}/items/${itemId}/jobs/Pipeline/schedules`, cron)).status, 201);
    return { itemId, jobId: location.split('/').pop()! };
  }

  /** What the data folder holds once the emulator is closed: job and schedule ids, and the activity runs of `jobId`. */
  async function stored(jobId: string): Promise<{ jobs: string[]; schedules: string[]; activityRuns: number }> {
    await emulator.close();
    const store = Store.open(dir);
    try {
      return { jobs: store.allJobs().map((j) => j.id), schedules: store.allSchedules().map((s) => s.id), activityRuns: store.activityRuns(jobId).length };
    } finally {
      store.close();
    }
  }

  it("stops an item's running job when the item is deleted, and keeps none of its jobs, activity runs or schedules", async () => {
    const { itemId, jobId } = await pipelineWithRunAndSchedule('Load');
    const kept = await pipelineWithRunAndSchedule('Keep');

    assert.equal((await call(emulator, 'DELETE', `/workspaces/${ws}/items/${itemId}`)).status, 200);
    assert.equal(await stopped, jobId, "the deleted item's run is told to stop");

    const left = await stored(jobId);
    assert.deepEqual(left.jobs, [kept.jobId], "only the other item's job is left");
    assert.equal(left.schedules.length, 1, "only the other item's schedule is left");
    assert.equal(left.activityRuns, 0);
  });

  it("keeps none of a deleted workspace's jobs, activity runs or schedules", async () => {
    const { jobId } = await pipelineWithRunAndSchedule('Load');

    assert.equal((await call(emulator, 'DELETE', `/workspaces/${ws}`)).status, 200);
    assert.equal(await stopped, jobId);

    assert.deepEqual(await stored(jobId), { jobs: [], schedules: [], activityRuns: 0 });
  });
});
