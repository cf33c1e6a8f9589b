// README's first steps refresh the sample dataflow "Customers": on a fresh emulator it must be
// published already, so a newcomer's first Refresh succeeds.
import assert from 'node:assert/strict';
import { call, sampleWorkspace, startTestEmulator, stopTestEmulators, tempDir, waitForJob, type Target } from './emulatorHarness';

async function refreshCustomers(emulator: Target): Promise<{ status: string; failureReason?: unknown }> {
  const { workspaceId, items } = await sampleWorkspace(emulator);
  const answer = await call(emulator, 'POST', `/workspaces/${workspaceId}/items/${items.Customers!.id}/jobs/instances?jobType=Execute`);
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  return waitForJob(emulator, answer.headers.get('location')!);
}

describe('Emulator sample: the dataflow "Customers"', () => {
  after(stopTestEmulators);

  it('refreshes on a fresh emulator without a publish first', async () => {
    const job = await refreshCustomers(await startTestEmulator({ sample: true, timeScale: 0.01 }));
    assert.equal(job.status, 'Completed', JSON.stringify(job.failureReason));
  });

  it('stays published when the emulator restarts on its data folder', async () => {
    const dataDir = tempDir();
    const first = await startTestEmulator({ sample: true, dataDir });
    await first.close();
    const job = await refreshCustomers(await startTestEmulator({ sample: true, dataDir, timeScale: 0.01 }));
    assert.equal(job.status, 'Completed', JSON.stringify(job.failureReason));
  });
});
