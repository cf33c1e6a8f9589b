import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { encodeDefinition, textFile } from '../../../src/fabric/definition';
import type { Item, JobParameter } from '../../../src/fabric/types';
import { call, listAll, sampleWorkspace, startTestEmulator, stopTestEmulators, waitForJob, type Answer, type Json } from './emulatorHarness';

const helloParameters = (name: string, seconds = 0): JobParameter[] => [
  { name: 'name', type: 'Text', value: name },
  { name: 'repeat', type: 'Integer', value: 1 },
  { name: 'seconds', type: 'Integer', value: seconds },
];

describe('emulator jobs (real runners)', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let ws: string;
  let items: Record<string, Item>;

  const executeNotebook = (notebook: Item, body: unknown, query = '?beta=false'): Promise<Answer> =>
    call(emulator, 'POST', `/workspaces/${ws}/notebooks/${notebook.id}/jobs/execute/instances${query}`, body);
  const jobIdOf = (answer: Answer): string => answer.headers.get('location')!.split('/').pop()!;

  /** A new notebook with the minimal definition, for requests that must start nothing. */
  const newNotebook = async (displayName: string): Promise<Item> => (await call(emulator, 'POST', `/workspaces/${ws}/notebooks`, { displayName })).body;

  before(async () => {
    emulator = await startTestEmulator({ lroMode: 'sync', pageSize: 2, timeScale: 0.001 });
    ({ workspaceId: ws, items } = await sampleWorkspace(emulator));
  });
  after(stopTestEmulators);

  it('runs Hello Fabric with parameters: 202 with Location and Retry-After 60, then Completed with the exit value', async () => {
    const hello = items['Hello Fabric']!;
    const answer = await executeNotebook(hello, { parameters: helloParameters('Ada') });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.equal(answer.body, undefined);
    assert.equal(answer.headers.get('retry-after'), '60');
    const location = answer.headers.get('location')!;
    assert.match(location, new RegExp(`^${emulator.baseUrl}/workspaces/${ws}/items/${hello.id}/jobs/instances/[0-9a-f-]{36}$`));

    const generic = await waitForJob(emulator, location);
    assert.equal(generic.status, 'Completed', JSON.stringify(generic.failureReason));
    assert.equal(generic.exitValue, 'Hello, Ada!');
    assert.equal(generic.itemId, hello.id);
    assert.equal(generic.jobType, 'Execute');
    assert.equal(generic.invokeType, 'Manual');
    assert.equal(generic.failureReason, null);
    assert.ok(Date.parse(generic.startTimeUtc) <= Date.parse(generic.endTimeUtc));

    const notebookView = await call(emulator, 'GET', `/workspaces/${ws}/notebooks/${hello.id}/jobs/execute/instances/${generic.id}?beta=false`);
    assert.equal(notebookView.status, 200);
    assert.equal(notebookView.body.status, 'Completed');
    const { computeDetails, ...properties } = notebookView.body.properties;
    assert.deepEqual(properties, { exitValue: 'Hello, Ada!', compute: 'Spark' });
    assert.deepEqual(Object.keys(computeDetails.monitoringInfo), ['sparkUiUrl', 'driverLogUrl']);
    assert.equal('exitValue' in notebookView.body, false);
  });

  it('reports the compute a run asked for on the notebook endpoint', async () => {
    const hello = items['Hello Fabric']!;
    const answer = await executeNotebook(hello, {
      parameters: helloParameters('Jo'),
      executionData: { compute: 'Jupyter', computeConfiguration: { numCores: 4 } },
    });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const notebookUrl = `/workspaces/${ws}/notebooks/${hello.id}/jobs/execute/instances/${jobIdOf(answer)}?beta=false`;
    const job = await waitForJob(emulator, notebookUrl);
    const { computeDetails, ...properties } = job.properties;
    assert.deepEqual(properties, { exitValue: 'Hello, Jo!', compute: 'Jupyter' });
    // JupyterNotebookMonitoringInfo has only the execution snapshot.
    assert.deepEqual(Object.keys(computeDetails.monitoringInfo), ['executionSnapshotUrl']);
  });

  it('answers 400 to the notebook execute endpoint without the beta query parameter', async () => {
    const answer = await executeNotebook(items['Hello Fabric']!, { parameters: helloParameters('Ada') }, '');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidParameter');
    assert.match(answer.body.message, /beta/);
  });

  it('runs through the ?jobType=RunNotebook form and the path form', async () => {
    const hello = items['Hello Fabric']!;
    const body = { parameters: helloParameters('Grace') };
    const queryForm = await call(emulator, 'POST', `/workspaces/${ws}/items/${hello.id}/jobs/instances?jobType=RunNotebook`, body);
    const pathForm = await call(emulator, 'POST', `/workspaces/${ws}/items/${hello.id}/jobs/RunNotebook/instances`, body);
    assert.equal(queryForm.status, 202);
    assert.equal(pathForm.status, 202);
    for (const answer of [queryForm, pathForm]) {
      const job = await waitForJob(emulator, answer.headers.get('location')!);
      assert.equal(job.status, 'Completed');
      assert.equal(job.exitValue, 'Hello, Grace!');
    }
    const missing = await call(emulator, 'POST', `/workspaces/${ws}/items/${hello.id}/jobs/instances`, body);
    assert.equal(missing.status, 400);
    const wrongType = await call(emulator, 'POST', `/workspaces/${ws}/items/${hello.id}/jobs/Pipeline/instances`, body);
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.errorCode, 'InvalidJobType');
  });

  describe('refuses a bad run request and creates no job', () => {
    const cases: { name: string; body: unknown; message?: RegExp }[] = [
      {
        name: 'an Integer parameter that is not a whole number',
        body: { parameters: [{ name: 'repeat', type: 'Integer', value: 'twice' }] },
        message: /repeat/,
      },
      {
        name: 'two parameters whose names differ only in case',
        body: {
          parameters: [
            { name: 'name', type: 'Text', value: 'a' },
            { name: 'Name', type: 'Text', value: 'b' },
          ],
        },
      },
      { name: 'an unknown parameter type', body: { parameters: [{ name: 'name', type: 'Colour', value: 'red' }] } },
      { name: 'Spark driverCores 5', body: { executionData: { compute: 'Spark', computeConfiguration: { driverCores: 5 } } }, message: /driverCores/ },
    ];
    for (const { name, body, message } of cases) {
      it(name, async () => {
        const notebook = await newNotebook(`Refused: ${name}`);
        const answer = await executeNotebook(notebook, body);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal(answer.body.errorCode, 'InvalidParameter');
        if (message) assert.match(answer.body.message, message);
        assert.deepEqual(await listAll(emulator, `/workspaces/${ws}/items/${notebook.id}/jobs/instances`), []);
      });
    }
  });

  it('ends the failing notebook Failed, with the Python error in failureReason', async () => {
    const answer = await executeNotebook(items['Failing notebook']!, undefined);
    assert.equal(answer.status, 202);
    const job = await waitForJob(emulator, answer.headers.get('location')!);
    assert.equal(job.status, 'Failed');
    assert.equal(typeof job.failureReason.errorCode, 'string');
    assert.match(job.failureReason.message, /ValueError/);
    assert.match(job.failureReason.message, /Only 3 rows arrived/);
  });

  it('cancels a running job (202, then Cancelled); cancelling it again is 400 JobAlreadyCompleted', async () => {
    const hello = items['Hello Fabric']!;
    const answer = await executeNotebook(hello, { parameters: helloParameters('Sleepy', 30) });
    const location = answer.headers.get('location')!;
    await waitForJob(emulator, location, (status) => status !== 'NotStarted');

    const cancel = await call(emulator, 'POST', `${location}/cancel`);
    assert.equal(cancel.status, 202);
    assert.equal(cancel.headers.get('location'), location);
    assert.equal(cancel.headers.get('retry-after'), '60');
    const job = await waitForJob(emulator, location);
    assert.equal(job.status, 'Cancelled');
    assert.ok(job.endTimeUtc);

    const again = await call(emulator, 'POST', `${location}/cancel`);
    assert.equal(again.status, 400);
    assert.equal(again.body.errorCode, 'JobAlreadyCompleted');
  });

  it('answers 404 JobInstanceNotFound to an unknown job instance', async () => {
    const answer = await call(emulator, 'GET', `/workspaces/${ws}/items/${items['Hello Fabric']!.id}/jobs/instances/00000000-0000-0000-0000-000000000000`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.errorCode, 'JobInstanceNotFound');
  });

  it("lists an item's job instances newest first, paged", async () => {
    const notebook = await newNotebook('Listed');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await executeNotebook(notebook, undefined);
      assert.equal(answer.status, 202);
      ids.push(jobIdOf(answer));
    }
    const first = await call(emulator, 'GET', `/workspaces/${ws}/items/${notebook.id}/jobs/instances`);
    assert.equal(first.body.value.length, 2);
    assert.ok(first.body.continuationUri);
    const listed = await listAll(emulator, `/workspaces/${ws}/items/${notebook.id}/jobs/instances`);
    assert.deepEqual(
      listed.map((j) => j.id),
      [...ids].reverse(),
    );
    for (const id of ids) await waitForJob(emulator, `/workspaces/${ws}/items/${notebook.id}/jobs/instances/${id}`);
  });

  it('runs the Daily load pipeline with executionData parameters; queryactivityruns lists both activities Succeeded', async () => {
    const pipeline = items['Daily load']!;
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/dataPipelines/${pipeline.id}/jobs/execute/instances`, {
      executionData: { parameters: { waitSeconds: '0', who: 'Bob' } },
    });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const job = await waitForJob(emulator, answer.headers.get('location')!);
    assert.equal(job.status, 'Completed', JSON.stringify(job.failureReason));
    assert.equal(job.jobType, 'Execute');

    const runs = await call(emulator, 'POST', `/workspaces/${ws}/datapipelines/pipelineruns/${job.id}/queryactivityruns`, {
      filters: [],
      orderBy: [{ orderBy: 'ActivityRunStart', order: 'DESC' }],
      lastUpdatedAfter: new Date(Date.now() - 3_600_000).toISOString(),
      lastUpdatedBefore: new Date(Date.now() + 3_600_000).toISOString(),
    });
    assert.equal(runs.status, 200);
    assert.ok(Array.isArray(runs.body));
    assert.deepEqual(runs.body.map((r: Json) => r.activityName).sort(), ['Say hello', 'Wait a little']);
    assert.ok(
      runs.body.every((r: Json) => r.status === 'Succeeded' && r.pipelineRunId === job.id),
      JSON.stringify(runs.body),
    );

    const helloRuns = await listAll(emulator, `/workspaces/${ws}/items/${items['Hello Fabric']!.id}/jobs/instances`);
    // The activity passes only `name`: the notebook's own repeat = 2 stays.
    assert.ok(
      helloRuns.some((r) => r.exitValue === 'Hello, Bob! Hello, Bob!'),
      JSON.stringify(helloRuns.map((r) => r.exitValue)),
    );
  });

  it("refreshes a new dataflow only once published (the sample's Customers comes published)", async () => {
    const mashup = 'section Section1;\r\nshared Query = let\n Source = 1\nin\n Source;\r\n';
    const definition = encodeDefinition([textFile('mashup.pq', mashup), textFile('queryMetadata.json', '{}')]);
    const dataflow = (await call(emulator, 'POST', `/workspaces/${ws}/dataflows`, { displayName: 'New flow', definition })).body;
    const run = async (path: string) => {
      const answer = await call(emulator, 'POST', `/workspaces/${ws}/dataflows/${dataflow.id}/jobs/${path}/instances`);
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      return waitForJob(emulator, answer.headers.get('location')!);
    };
    const early = await run('execute');
    assert.equal(early.status, 'Failed');
    assert.match(early.failureReason.message, /publish/i);
    const publish = await run('Publish');
    assert.equal(publish.status, 'Completed', JSON.stringify(publish.failureReason));
    const refresh = await run('execute');
    assert.equal(refresh.status, 'Completed', JSON.stringify(refresh.failureReason));
    assert.equal(refresh.jobType, 'Execute');

    // …/jobs/{jobType}/instances lists that job type's runs only; …/jobs/instances lists them all.
    const byType = async (path: string) => (await listAll(emulator, `/workspaces/${ws}/dataflows/${dataflow.id}/jobs/${path}`)).map((j) => j.id).sort();
    assert.deepEqual(await byType('execute/instances'), [early.id, refresh.id].sort());
    assert.deepEqual(await byType('Publish/instances'), [publish.id]);
    assert.deepEqual(await byType('instances'), [early.id, publish.id, refresh.id].sort());
  });

  it('fails the Publish of a dataflow whose mashup.pq is broken, naming the line and column', async () => {
    const mashup = 'section Section1;\r\nshared Query = let\n Source = Table.FromRows({{1, "Bob"}}\nin\n Source;\r\n';
    const definition = encodeDefinition([textFile('mashup.pq', mashup), textFile('queryMetadata.json', '{}')]);
    const dataflow = (await call(emulator, 'POST', `/workspaces/${ws}/dataflows`, { displayName: 'Broken flow', definition })).body;
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/dataflows/${dataflow.id}/jobs/applyChanges/instances`);
    assert.equal(answer.status, 202);
    const job = await waitForJob(emulator, answer.headers.get('location')!);
    assert.equal(job.status, 'Failed');
    assert.match(job.failureReason.message, /mashup\.pq, line \d+, column \d+/);
  });
});
