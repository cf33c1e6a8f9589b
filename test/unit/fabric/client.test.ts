import * as assert from 'node:assert/strict';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { ScriptedServer, useScriptedServer } from './scriptedServer';
import { testClient } from './testClient';

const ITEM = { id: 'it1', type: 'DataPipeline', displayName: 'Load', workspaceId: 'ws' };
const SCHEDULE = {
  id: 'sc1',
  enabled: true,
  configuration: { type: 'Cron' as const, interval: 10, startDateTime: '2025-01-01T00:00:00', endDateTime: '2025-12-31T00:00:00', localTimeZoneId: 'UTC' },
};
const RUN = { pipelineRunId: 'job1', activityName: 'Wait1', activityType: 'Wait', activityRunId: 'a1', status: 'Succeeded' };
const jobAccepted = (server: ScriptedServer, path: string, query = '') => ({
  status: 202,
  headers: { location: `${server.baseUrl}${path}${query}`, 'retry-after': '60' },
});

describe('FabricClient', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  it('runs an item job on the path form and reads the job instance id from Location', async () => {
    server.on(
      'POST',
      '/workspaces/ws/items/it1/jobs/Pipeline/instances',
      jobAccepted(server, '/workspaces/ws/items/it1/jobs/instances/job-42', '?jobType=Pipeline'),
    );
    const { client } = testClient(server.baseUrl);
    const body = { executionData: { parameters: { p: '1' } } };
    const submission = await client.runItemJob('ws', 'it1', 'Pipeline', body);
    assert.equal(submission.jobInstanceId, 'job-42');
    assert.equal(submission.retryAfterSeconds, 60);
    assert.match(submission.location, /\/jobs\/instances\/job-42\?jobType=Pipeline$/);
    assert.deepEqual(JSON.parse(server.requests[0]!.body), body);
  });

  it('falls back to ?jobType= when the path form is unknown (bare 404 or InvalidJobType)', async () => {
    server
      .on('POST', '/workspaces/ws/items/it1/jobs/RunNotebook/instances', { status: 404, body: '' })
      .on('POST', '/workspaces/ws/items/it1/jobs/Refresh/instances', { status: 400, body: { errorCode: 'InvalidJobType', message: 'Unknown job type.' } })
      .on('POST', '/workspaces/ws/items/it1/jobs/instances', (request) =>
        jobAccepted(server, `/workspaces/ws/items/it1/jobs/instances/job-${request.query.get('jobType')}`),
      );
    const { client } = testClient(server.baseUrl);
    assert.equal((await client.runItemJob('ws', 'it1', 'RunNotebook')).jobInstanceId, 'job-RunNotebook');
    assert.equal((await client.runItemJob('ws', 'it1', 'Refresh')).jobInstanceId, 'job-Refresh');
  });

  it('does not fall back when the item itself is missing', async () => {
    server.on('POST', '/workspaces/ws/items/gone/jobs/Pipeline/instances', { status: 404, body: { errorCode: 'ItemNotFound', message: 'Not found.' } });
    const { client } = testClient(server.baseUrl);
    await assert.rejects(client.runItemJob('ws', 'gone', 'Pipeline'), { errorCode: 'ItemNotFound' });
    assert.equal(server.requests.length, 1);
  });

  it('runs a notebook on the notebook endpoint and reads its instance with the exit value', async () => {
    const instancePath = '/workspaces/ws/notebooks/nb/jobs/execute/instances/job-7';
    server.on('POST', '/workspaces/ws/notebooks/nb/jobs/execute/instances', jobAccepted(server, instancePath)).on('GET', instancePath, {
      headers: { 'retry-after': '5' },
      body: { id: 'job-7', itemId: 'nb', jobType: 'Execute', invokeType: 'Manual', status: 'Completed', properties: { exitValue: '42' } },
    });
    const { client } = testClient(server.baseUrl);
    const submission = await client.runNotebook('ws', 'nb', { parameters: [] });
    assert.equal(server.requests[0]!.query.get('beta'), 'false');
    const instance = await client.getNotebookJobInstance('ws', 'nb', submission.jobInstanceId);
    assert.equal(instance.properties?.exitValue, '42');
    assert.equal(instance.retryAfterSeconds, 5);
  });

  it('reads and cancels a job instance', async () => {
    server
      .on('GET', '/workspaces/ws/items/it1/jobs/instances/j1', {
        body: { id: 'j1', itemId: 'it1', jobType: 'Pipeline', invokeType: 'Manual', status: 'InProgress' },
      })
      .on('POST', '/workspaces/ws/items/it1/jobs/instances/j1/cancel', { status: 202, headers: { location: 'x', 'retry-after': '60' } });
    const { client } = testClient(server.baseUrl);
    const instance = await client.getJobInstance('ws', 'it1', 'j1');
    assert.equal(instance.status, 'InProgress');
    assert.equal(instance.retryAfterSeconds, undefined);
    await client.cancelJobInstance('ws', 'it1', 'j1');
    assert.equal(server.calls('POST', '/workspaces/ws/items/it1/jobs/instances/j1/cancel').length, 1);
  });

  it('creates, lists, updates and deletes schedules', async () => {
    const base = '/workspaces/ws/items/it1/jobs/Pipeline/schedules';
    server
      .on('POST', base, { status: 201, body: SCHEDULE })
      .on('GET', base, { body: { value: [SCHEDULE], continuationToken: 'n' } }, { body: { value: [{ ...SCHEDULE, id: 'sc2' }] } })
      .on('PATCH', `${base}/sc1`, { body: { ...SCHEDULE, enabled: false } })
      .on('GET', `${base}/sc1`, { body: SCHEDULE })
      .on('DELETE', `${base}/sc1`, { status: 200 });
    const { client } = testClient(server.baseUrl);
    assert.equal((await client.createSchedule('ws', 'it1', 'Pipeline', { enabled: true, configuration: SCHEDULE.configuration })).id, 'sc1');
    assert.deepEqual(
      (await client.listSchedules('ws', 'it1', 'Pipeline')).map((s) => s.id),
      ['sc1', 'sc2'],
    );
    assert.equal((await client.getSchedule('ws', 'it1', 'Pipeline', 'sc1')).id, 'sc1');
    assert.equal((await client.updateSchedule('ws', 'it1', 'Pipeline', 'sc1', { enabled: false })).enabled, false);
    await client.deleteSchedule('ws', 'it1', 'Pipeline', 'sc1');
    assert.deepEqual(
      server.requests.map((r) => r.method),
      ['POST', 'GET', 'GET', 'GET', 'PATCH', 'DELETE'],
    );
  });

  it('queries activity runs, answered as a bare array or as { value }', async () => {
    const path = '/workspaces/ws/datapipelines/pipelineruns/job1/queryactivityruns';
    server.on('POST', path, { body: [RUN] }, { body: { value: [RUN] } });
    const { client } = testClient(server.baseUrl);
    const query = {
      filters: [],
      orderBy: [{ orderBy: 'ActivityRunStart', order: 'ASC' as const }],
      lastUpdatedAfter: '2025-01-01T00:00:00Z',
      lastUpdatedBefore: '2025-01-02T00:00:00Z',
    };
    assert.deepEqual(await client.queryActivityRuns('ws', 'job1', query), [RUN]);
    assert.deepEqual(await client.queryActivityRuns('ws', 'job1', query), [RUN]);
    assert.deepEqual(JSON.parse(server.requests[0]!.body), query);
  });

  it('creates a workspace, and gets, renames and deletes an item', async () => {
    server
      .on('POST', '/workspaces', { status: 201, body: { id: 'ws2', displayName: 'New', description: '' } })
      .on('GET', '/workspaces/ws/items/it1', { body: ITEM })
      .on('PATCH', '/workspaces/ws/items/it1', (request) => ({ body: { ...ITEM, ...JSON.parse(request.body) } }))
      .on('DELETE', '/workspaces/ws/items/it1', { status: 200 });
    const { client, logs } = testClient(server.baseUrl);
    assert.equal((await client.createWorkspace({ displayName: 'New' })).id, 'ws2');
    assert.deepEqual(await client.getItem('ws', 'it1'), ITEM);
    assert.equal((await client.updateItem('ws', 'it1', { displayName: 'Renamed' })).displayName, 'Renamed');
    await client.deleteItem('ws', 'it1');
    assert.equal(server.requests.length, 4);
    assert.ok(
      logs.some((l) => /^debug PATCH \/v1\/workspaces\/ws\/items\/it1 200 \d+ ms request id -$/.test(l)),
      logs.join('\n'),
    );
  });

  it('uses the public Fabric endpoint by default', () => {
    const client = new FabricClient({ tokenProvider: new StaticTokenProvider('t') });
    assert.equal(client.baseUrl, 'https://api.fabric.microsoft.com/v1');
  });
});
