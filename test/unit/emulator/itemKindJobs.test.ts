// The emulator's jobs of the newer runnable kinds, routed through the item-kind registry: Spark job
// definitions (sparkjob), lakehouse table maintenance (its executionData checked as the spec says:
// a bad request starts nothing) and materialized lake view refresh; and the dataflow parameters
// discovered from the mashup's parameter queries (Items_DiscoverDataflowParameters).
import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { call, sampleWorkspace, startTestEmulator, stopTestEmulators, waitForJob } from './emulatorHarness';

describe('emulator: Spark job definition and lakehouse jobs, dataflow parameters', () => {
  let emulator: Emulator;
  let ws: string;
  let items: Record<string, { id: string }>;
  before(async () => {
    emulator = await startTestEmulator({ sample: true, lroMode: 'sync' });
    ({ workspaceId: ws, items } = await sampleWorkspace(emulator));
  });
  after(stopTestEmulators);

  const run = async (path: string, body?: unknown) => {
    const answer = await call(emulator, 'POST', path, body);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    return waitForJob(emulator, answer.headers.get('location')!);
  };
  const jobsOf = async (itemId: string) => (await call(emulator, 'GET', `/workspaces/${ws}/items/${itemId}/jobs/instances`)).body.value as unknown[];

  it('runs the sample Spark job definition (sparkjob), with or without executionData', async () => {
    const sjd = items['Nightly aggregation']!.id;
    const plain = await run(`/workspaces/${ws}/sparkJobDefinitions/${sjd}/jobs/sparkjob/instances`);
    assert.deepEqual([plain.status, plain.jobType], ['Completed', 'sparkjob']);
    const withData = await run(`/workspaces/${ws}/items/${sjd}/jobs/instances?jobType=sparkjob`, { executionData: { commandLineArguments: 'a b' } });
    assert.equal(withData.status, 'Completed');
  });

  it('fails a Spark job definition without a main definition file, saying what to set', async () => {
    const created = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Empty SJD', type: 'SparkJobDefinition' });
    const id = created.body.id as string;
    const job = await run(`/workspaces/${ws}/sparkJobDefinitions/${id}/jobs/sparkjob/instances`);
    assert.equal(job.status, 'Failed');
    assert.match(job.failureReason.message, /executableFile/);
  });

  it('runs table maintenance with the spec examples executionData', async () => {
    const lakehouse = items['Sales']!.id;
    const job = await run(`/workspaces/${ws}/lakehouses/${lakehouse}/jobs/tableMaintenance/instances`, {
      executionData: {
        tableName: 'table1',
        schemaName: 'dbo',
        optimizeSettings: { vOrder: true, zOrderBy: ['tipAmount'] },
        vacuumSettings: { retentionPeriod: '7:01:00:00' },
      },
    });
    assert.deepEqual([job.status, job.jobType], ['Completed', 'TableMaintenance']);
  });

  for (const [what, body, problem] of [
    ['no body (executionData is required)', undefined, /executionData is required/],
    ['no tableName', { executionData: { optimizeSettings: {} } }, /tableName is required/],
    ['a tableName with a space', { executionData: { tableName: 'daily sales' } }, /tableName/],
    ['a tableName of digits only', { executionData: { tableName: '2024' } }, /tableName/],
    ['a schemaName of 129 characters', { executionData: { tableName: 't', schemaName: 'a'.repeat(129) } }, /schemaName/],
    ['a retention of 24 hours', { executionData: { tableName: 't', vacuumSettings: { retentionPeriod: '1:24:00:00' } } }, /retentionPeriod/],
    ['a vOrder that is not a boolean', { executionData: { tableName: 't', optimizeSettings: { vOrder: 'yes' } } }, /vOrder/],
    ['zOrderBy that is not a list', { executionData: { tableName: 't', optimizeSettings: { zOrderBy: 'a' } } }, /zOrderBy/],
  ] as const) {
    it(`refuses table maintenance with ${what} and starts nothing`, async () => {
      const lakehouse = items['Sales']!.id;
      const before = (await jobsOf(lakehouse)).length;
      const answer = await call(emulator, 'POST', `/workspaces/${ws}/lakehouses/${lakehouse}/jobs/tableMaintenance/instances`, body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errorCode, 'InvalidParameter');
      assert.match(answer.body.message, problem);
      assert.equal((await jobsOf(lakehouse)).length, before);
    });
  }

  it('refreshes materialized lake views without a body, and refuses an execution definition id that is not a GUID', async () => {
    const lakehouse = items['Sales']!.id;
    const job = await run(`/workspaces/${ws}/lakehouses/${lakehouse}/jobs/refreshMaterializedLakeViews/instances`);
    assert.deepEqual([job.status, job.jobType], ['Completed', 'RefreshMaterializedLakeViews']);
    const bad = await call(emulator, 'POST', `/workspaces/${ws}/lakehouses/${lakehouse}/jobs/refreshMaterializedLakeViews/instances`, {
      executionData: { mlvExecutionDefinitionId: 'x' },
    });
    assert.equal(bad.status, 400);
  });

  it('answers 400 InvalidJobType to a job type the item kind does not have', async () => {
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/items/${items['Sales']!.id}/jobs/sparkjob/instances`);
    assert.deepEqual([answer.status, answer.body.errorCode], [400, 'InvalidJobType']);
  });

  it("discovers the sample dataflow's parameter query; a dataflow without one is not parametric", async () => {
    const answer = await call(emulator, 'GET', `/workspaces/${ws}/dataflows/${items['Customers']!.id}/parameters`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.value, [{ name: 'MinCustomerID', description: '', isRequired: true, type: 'Integer', defaultValue: 1 }]);
    const created = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Plain flow', type: 'Dataflow' });
    const id = created.body.id as string;
    const plain = await call(emulator, 'GET', `/workspaces/${ws}/dataflows/${id}/parameters`);
    assert.deepEqual([plain.status, plain.body.errorCode], [400, 'DataflowNotParametricError']);
  });
});
