// Details of Fabric's answers that other clients test before they parse.
import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { call, sampleWorkspace, startTestEmulator, stopTestEmulators, waitForJob, waitForOperation } from './emulatorHarness';

describe('emulator answers as Fabric shapes them', () => {
  let emulator: Emulator;
  let ws: string;
  before(async () => {
    emulator = await startTestEmulator({ lroMode: 'async', faults: 'lro=10ms' });
    ws = (await sampleWorkspace(emulator)).workspaceId;
  });
  after(stopTestEmulators);

  const assertEmpty = (answer: { headers: Headers; body: unknown }, what: string) => {
    assert.equal(answer.body, undefined, what);
    assert.equal(answer.headers.get('content-type'), 'application/octet-stream', what);
    assert.equal(answer.headers.get('content-length'), '0', what);
  };

  it('answers with no body as application/octet-stream of length 0: 202s and DELETE 200s', async () => {
    const accepted = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Empty answers', type: 'Lakehouse' });
    assert.equal(accepted.status, 202);
    assertEmpty(accepted, 'the 202 of a create');
    const done = await waitForOperation(emulator, accepted.headers.get('location')!);
    const item = (await call(emulator, 'GET', done.headers.get('location')!)).body;
    const deleted = await call(emulator, 'DELETE', `/workspaces/${ws}/items/${item.id}`);
    assert.equal(deleted.status, 200);
    assertEmpty(deleted, 'the 200 of a delete');
  });

  it('answers a job instance with Retry-After, as its 200 in the spec does', async () => {
    const { items } = await sampleWorkspace(emulator);
    const notebook = items['Hello Fabric']!;
    const run = await call(emulator, 'POST', `/workspaces/${ws}/items/${notebook.id}/jobs/RunNotebook/instances`);
    assert.equal(run.status, 202);
    const instance = await call(emulator, 'GET', run.headers.get('location')!);
    assert.equal(instance.status, 200);
    assert.match(instance.headers.get('retry-after') ?? '', /^\d+$/);
  });
});

describe('emulator answers as Fabric shapes them, --lro sync', () => {
  after(stopTestEmulators);

  it("answers updateDefinition's 200 with no body as application/octet-stream of length 0", async () => {
    const emulator = await startTestEmulator({ lroMode: 'sync' });
    const { workspaceId, items } = await sampleWorkspace(emulator);
    const url = `/workspaces/${workspaceId}/items/${items['Hello Fabric']!.id}`;
    const definition = (await call(emulator, 'POST', `${url}/getDefinition`)).body.definition;
    const updated = await call(emulator, 'POST', `${url}/updateDefinition`, { definition });
    assert.equal(updated.status, 200);
    assert.equal(updated.headers.get('content-type'), 'application/octet-stream');
    assert.equal(updated.headers.get('content-length'), '0');
  });
});

describe('emulator RunNotebook rules (seed 001, notebook/swagger.json)', () => {
  let emulator: Emulator;
  let url: string;
  before(async () => {
    emulator = await startTestEmulator({ lroMode: 'sync' });
    const { workspaceId, items } = await sampleWorkspace(emulator);
    // The sample notebook runs on the Jupyter (Python) kernel.
    url = `/workspaces/${workspaceId}/notebooks/${items['Hello Fabric']!.id}/jobs/execute/instances`;
  });
  after(stopTestEmulators);

  const refused = async (query: string, body: unknown, errorCode: string, message: RegExp) => {
    const answer = await call(emulator, 'POST', `${url}${query}`, body);
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.errorCode, errorCode);
    assert.match(answer.body.message, message);
  };

  it("refuses a compute that does not match the notebook's kernel with ComputeTypeMismatch, and runs on the matching one", async () => {
    await refused('?beta=false', { executionData: { compute: 'Spark' } }, 'ComputeTypeMismatch', /runs on Jupyter/);
    assert.equal((await call(emulator, 'POST', `${url}?beta=false`, { executionData: { compute: 'Jupyter' } })).status, 202);
  });

  it('refuses DataWarehouse with a computeConfiguration', async () => {
    await refused(
      '?beta=false',
      { executionData: { compute: 'DataWarehouse', computeConfiguration: { numCores: 4 } } },
      'InvalidParameter',
      /does not support a computeConfiguration/,
    );
  });

  it('refuses executionData without compute, which the spec requires', async () => {
    await refused('?beta=false', { executionData: { computeConfiguration: { numCores: 4 } } }, 'InvalidParameter', /compute is required/);
  });

  it('refuses a beta that is not a boolean', async () => {
    await refused('?beta=yes', undefined, 'InvalidParameter', /must be true or false/);
    assert.equal((await call(emulator, 'POST', `${url}?beta=true`)).status, 202);
  });
});

describe('emulator dataflow run rules (dataflow/definitions.json DataflowExecutionPayload)', () => {
  let emulator: Emulator;
  let url: string;
  before(async () => {
    emulator = await startTestEmulator({ lroMode: 'sync' });
    const { workspaceId, items } = await sampleWorkspace(emulator);
    url = `/workspaces/${workspaceId}/dataflows/${items['Customers']!.id}/jobs/execute/instances`;
  });
  after(stopTestEmulators);

  it('refuses an executeOption outside the enum', async () => {
    const answer = await call(emulator, 'POST', url, { executionData: { executeOption: 'Always' } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidParameter');
    assert.match(answer.body.message, /SkipApplyChanges, ApplyChangesIfNeeded/);
  });

  it('refuses a parameter type other than Automatic', async () => {
    const answer = await call(emulator, 'POST', url, { executionData: { parameters: [{ parameterName: 'OrderKey', type: 'Integer', value: 25 }] } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidParameter');
    assert.match(answer.body.message, /OrderKey.*Automatic/);
  });
});

describe('emulator queryactivityruns (seed 004)', () => {
  let emulator: Emulator;
  let url: string;
  let pipelineId: string;
  let workspaceId: string;
  const window = () => ({
    lastUpdatedAfter: new Date(Date.now() - 3_600_000).toISOString(),
    lastUpdatedBefore: new Date(Date.now() + 3_600_000).toISOString(),
  });
  before(async () => {
    emulator = await startTestEmulator({ lroMode: 'sync' });
    const sample = await sampleWorkspace(emulator);
    workspaceId = sample.workspaceId;
    pipelineId = sample.items['Daily load']!.id;
    const run = await call(emulator, 'POST', `/workspaces/${workspaceId}/items/${pipelineId}/jobs/Pipeline/instances`, {
      executionData: { parameters: { waitSeconds: '0', who: 'Bob' } },
    });
    const job = await waitForJob(emulator, run.headers.get('location')!);
    assert.equal(job.status, 'Completed', JSON.stringify(job.failureReason));
    url = `/workspaces/${workspaceId}/datapipelines/pipelineruns/${job.id}/queryactivityruns`;
  });
  after(stopTestEmulators);

  it("answers every field of seed 004's example, pipelineName being the pipeline's item id", async () => {
    const answer = await call(emulator, 'POST', url, { filters: [], orderBy: [{ orderBy: 'ActivityRunStart', order: 'DESC' }], ...window() });
    assert.equal(answer.status, 200);
    const fields = [
      'pipelineName',
      'pipelineRunId',
      'activityName',
      'activityType',
      'activityRunId',
      'linkedServiceName',
      'status',
      'activityRunStart',
      'activityRunEnd',
      'durationInMs',
      'input',
      'output',
      'error',
      'retryAttempt',
      'iterationHash',
      'userProperties',
      'recoveryStatus',
      'integrationRuntimeNames',
      'executionDetails',
      'id',
    ];
    for (const run of answer.body) {
      assert.deepEqual(
        fields.filter((f) => !(f in run)),
        [],
        JSON.stringify(run),
      );
      assert.equal(run.pipelineName, pipelineId);
      assert.equal(run.recoveryStatus, 'None');
      assert.equal(
        run.id,
        `/SUBSCRIPTIONS/${workspaceId}/RESOURCEGROUPS/${workspaceId}/PROVIDERS/MICROSOFT.TRIDENT/WORKSPACES/${workspaceId}/pipelineruns/${run.pipelineRunId}/activityruns/${run.activityRunId}`,
      );
      assert.deepEqual(Object.keys(run.error).sort(), ['details', 'errorCode', 'failureType', 'message', 'target']);
    }
  });

  it('sorts by orderBy and keeps what the filters let through', async () => {
    const names = async (body: object) =>
      ((await call(emulator, 'POST', url, { ...body, ...window() })).body as { activityName: string }[]).map((r) => r.activityName);
    assert.deepEqual(await names({ orderBy: [{ orderBy: 'ActivityName', order: 'ASC' }] }), ['Say hello', 'Wait a little']);
    assert.deepEqual(await names({ orderBy: [{ orderBy: 'ActivityName', order: 'DESC' }] }), ['Wait a little', 'Say hello']);
    assert.deepEqual(await names({ filters: [{ operand: 'ActivityName', operator: 'Equals', values: ['Say hello'] }] }), ['Say hello']);
    assert.deepEqual(await names({ filters: [{ operand: 'ActivityName', operator: 'NotIn', values: ['Say hello'] }] }), ['Wait a little']);
    assert.deepEqual(await names({ filters: [{ operand: 'Status', operator: 'Equals', values: ['Failed'] }] }), []);
    const refused = await call(emulator, 'POST', url, { orderBy: [{ orderBy: 'Colour', order: 'ASC' }], ...window() });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errorCode, 'InvalidParameter');
  });
});
