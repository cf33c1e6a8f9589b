import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeDefinition, textFile } from '../../../src/fabric/definition';
import { runCli, type CliProcess } from './cliProcess';
import { call, listAll, sampleWorkspace, startTestEmulator, stopTestEmulators, tempDir, waitForJob, type Json, type Target } from './emulatorHarness';

describe('emulator persistence', function () {
  this.timeout(20_000);
  afterEach(stopTestEmulators);

  it('keeps everything across a restart on the same data folder, and seeds the sample only once', async () => {
    const dir = tempDir();
    const first = await startTestEmulator({ dataDir: dir, lroMode: 'sync' });
    const sample = await sampleWorkspace(first);
    const ws = (await call(first, 'POST', '/workspaces', { displayName: 'Kept', description: 'survives' })).body;
    const definition = encodeDefinition([textFile('pipeline-content.json', '{"properties":{"activities":[]}}')]);
    const pipeline = (await call(first, 'POST', `/workspaces/${ws.id}/items`, { displayName: 'Kept pipeline', type: 'DataPipeline', definition })).body;
    await call(first, 'PATCH', `/workspaces/${ws.id}/items/${pipeline.id}`, { displayName: 'Renamed pipeline' });
    await call(first, 'DELETE', `/workspaces/${sample.workspaceId}/items/${sample.items['Sales']!.id}`);
    const run = await call(first, 'POST', `/workspaces/${sample.workspaceId}/notebooks/${sample.items['Hello Fabric']!.id}/jobs/execute/instances?beta=false`, {
      parameters: [
        { name: 'seconds', type: 'Integer', value: 0 },
        { name: 'repeat', type: 'Integer', value: 1 },
      ],
    });
    const job = await waitForJob(first, run.headers.get('location')!);
    assert.equal(job.status, 'Completed');
    const workspacesBefore = await listAll(first, '/workspaces');
    await first.close();

    const second = await startTestEmulator({ dataDir: dir, lroMode: 'sync' });
    const workspacesAfter = await listAll(second, '/workspaces');
    assert.deepEqual(workspacesAfter, workspacesBefore);
    assert.equal(workspacesAfter.filter((w) => w.displayName === 'Sample workspace').length, 1);
    const items = await listAll(second, `/workspaces/${ws.id}/items`);
    assert.deepEqual(
      items.map((i) => i.displayName),
      ['Renamed pipeline'],
    );
    const stored = await call(second, 'POST', `/workspaces/${ws.id}/items/${pipeline.id}/getDefinition`);
    assert.deepEqual(
      stored.body.definition.parts.filter((p: Json) => p.path === 'pipeline-content.json'),
      definition.parts,
    );
    const sampleItems = (await listAll(second, `/workspaces/${sample.workspaceId}/items`)).map((i) => i.displayName);
    assert.equal(sampleItems.includes('Sales'), false);
    const jobAfter = (await call(second, 'GET', run.headers.get('location')!.replace(first.baseUrl, second.baseUrl))).body;
    assert.equal(jobAfter.status, 'Completed');
    assert.equal(jobAfter.exitValue, 'Hello, Fabric!');
  });

  it('ignores a torn last journal line (a crash mid-append)', async () => {
    const dir = tempDir();
    const first = await startTestEmulator({ dataDir: dir, sample: false });
    const kept = (await call(first, 'POST', '/workspaces', { displayName: 'Acknowledged' })).body;
    await first.close();
    appendFileSync(join(dir, 'journal.ndjson'), '{"c":"workspaces","id":"torn","v":{"id":"torn","displayNa');

    const second = await startTestEmulator({ dataDir: dir, sample: false });
    assert.deepEqual(await listAll(second, '/workspaces'), [kept]);
    const added = (await call(second, 'POST', '/workspaces', { displayName: 'After the tear' })).body;
    await second.close();

    const third = await startTestEmulator({ dataDir: dir, sample: false });
    assert.deepEqual(await listAll(third, '/workspaces'), [kept, added]);
  });

  describe('a hard stop (SIGKILL) while a job runs', () => {
    let cli: CliProcess | undefined;
    afterEach(() => cli?.child.kill('SIGKILL'));

    it('fails the job on restart: "The emulator restarted while the job was running."', async () => {
      const dir = tempDir();
      cli = runCli(['--port', '0', '--data', dir]);
      const [, url] = await cli.waitFor(/Fabric emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, token] = await cli.waitFor(/Token: (\S+)/);
      const child: Target = { baseUrl: `${url}/v1`, token: token! };
      const sample = await sampleWorkspace(child);
      // A pipeline whose Wait runs in the emulator's process: nothing outlives the kill.
      const run = await call(child, 'POST', `/workspaces/${sample.workspaceId}/dataPipelines/${sample.items['Daily load']!.id}/jobs/execute/instances`, {
        executionData: { parameters: { waitSeconds: '600' } },
      });
      assert.equal(run.status, 202);
      const location = run.headers.get('location')!;
      await waitForJob(child, location, (status) => status === 'InProgress');
      cli.child.kill('SIGKILL');
      assert.equal((await cli.exited).signal, 'SIGKILL');
      assert.match(readFileSync(join(dir, 'journal.ndjson'), 'utf8'), /"InProgress"/);

      const restarted = await startTestEmulator({ dataDir: dir });
      const job = (await call(restarted, 'GET', location.replace(child.baseUrl, restarted.baseUrl))).body;
      assert.equal(job.status, 'Failed');
      assert.equal(job.failureReason.message, 'The emulator restarted while the job was running.');
      assert.ok(job.endTimeUtc);
      assert.equal((await listAll(restarted, '/workspaces')).length, 1, 'the sample is not seeded again');
    });
  });
});
