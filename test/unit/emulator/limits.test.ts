// What bounds one client's use of the emulator: jobs that have not ended, connections at once. A
// refused request is answered as Fabric answers it and changes nothing.
import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import type { JobRunner } from '../../../src/emulator/jobs';
import { call, listAll, startTestEmulator, stopTestEmulators, waitForJob } from './emulatorHarness';

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
});
