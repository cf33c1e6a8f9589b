// Replays the request examples of the official specs (platform: workspaces, folders, items, moves,
// definitions and their bulk export, job scheduler, operations; notebook, dataPipeline, dataflow:
// their aliases and job endpoints, a dataflow's discovered parameters; sparkjobdefinition and
// lakehouse: their job endpoints; spark: the workspace's Livy sessions; Git integration) against
// the emulator, checks that it answers with a success status the example documents, and validates
// the answer bodies against the swagger schemas. Placeholder payloads ("dotPlatformBase64String",
// elided "IyBGYWJyaWMgbm90ZWJv...") are replaced by real content of the same file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../../src/emulator';
import { parseNotebookPy, writeIpynb, writeNotebookPy, writePlatformFile } from '../../../src/fabric/definition';
import { call, listAll, startTestEmulator, stopTestEmulators, waitForJob, waitForOperation, type Answer, type Json } from './emulatorHarness';
import { SPECS, SpecSchemas } from './specSchemas';

interface SwaggerParameter {
  in: 'path' | 'query' | 'body' | 'header';
  name: string;
}

interface SwaggerOperation {
  parameters?: SwaggerParameter[];
  responses: Record<string, { schema?: { $ref?: string } }>;
  'x-ms-examples'?: Record<string, { $ref: string }>;
}

interface Example {
  spec: string;
  name: string;
  method: string;
  path: string;
  operation: SwaggerOperation;
  parameters: Record<string, Json>;
  responses: Record<string, Json>;
}

/** The endpoints the emulator implements (the specs also describe shortcuts, sessions, …). */
const IMPLEMENTED =
  /^\/(operations\/\{operationId\}(\/result)?|workspaces(\/\{workspaceId\}(\/spark\/livySessions|\/git\/(connection|connect|disconnect|initializeConnection|status|commitToGit|updateFromGit|myGitCredentials)|\/(items|notebooks|dataPipelines|dataflows|sparkJobDefinitions|lakehouses|folders)(\/bulkMove|\/bulkExportDefinitions|\/\{\w+\}(\/(getDefinition|updateDefinition|move|jobs\/.+|parameters))?)?)?)?)$/;
/** Of these specs only the job endpoints are replayed (the emulator keeps these items' definitions, not their tables or sessions). */
const JOBS_ONLY = /^\/workspaces\/\{workspaceId\}\/(sparkJobDefinitions|lakehouses)\/\{\w+\}\/jobs\/\w+\/instances$/;

/** The display name of the item an example's request acts on. */
const REPLAY_TARGET = 'Replay target';

const ITEM_ID_PARAMETER = /\{(itemId|notebookId|dataPipelineId|dataflowId|sparkJobDefinitionId|lakehouseId)\}/;
const SPEC_ITEM_TYPES: Record<string, string> = {
  notebook: 'Notebook',
  dataPipeline: 'DataPipeline',
  dataflow: 'Dataflow',
  sparkjobdefinition: 'SparkJobDefinition',
  lakehouse: 'Lakehouse',
};
/** A job type each runnable item type accepts, for examples that need a job instance to exist. */
const DEFAULT_JOB_TYPES: Record<string, string> = { Notebook: 'RunNotebook', DataPipeline: 'Pipeline', Dataflow: 'Refresh' };

function examplesOf(spec: string, only?: RegExp): Example[] {
  const swagger = JSON.parse(readFileSync(join(SPECS, spec, 'swagger.json'), 'utf8')) as { paths: Record<string, Record<string, SwaggerOperation>> };
  const examples: Example[] = [];
  for (const [path, operations] of Object.entries(swagger.paths)) {
    if (!IMPLEMENTED.test(path.replace(/\?.*$/, '')) || (only && !only.test(path))) continue;
    for (const [method, operation] of Object.entries(operations)) {
      for (const { $ref } of Object.values(operation['x-ms-examples'] ?? {})) {
        const name = $ref.replace(/^.*\//, '').replace(/\.json$/, '');
        const example = JSON.parse(readFileSync(join(SPECS, spec, $ref), 'utf8')) as { parameters: Record<string, Json>; responses: Record<string, Json> };
        examples.push({ spec, name, method: method.toUpperCase(), path, operation, parameters: example.parameters, responses: example.responses });
      }
    }
  }
  return examples;
}

const EXAMPLES = [
  ...['platform', 'notebook', 'dataPipeline', 'dataflow', 'spark'].flatMap((spec) => examplesOf(spec)),
  ...['sparkjobdefinition', 'lakehouse'].flatMap((spec) => examplesOf(spec, JOBS_ONLY)),
];

function bodyParameter(example: Example): Json {
  const parameter = example.operation.parameters?.find((p) => p.in === 'body');
  return parameter ? structuredClone(example.parameters[parameter.name]) : undefined;
}

const definitionPaths = (definition: Json): string[] => (definition?.parts ?? []).map((part: Json) => part.path as string);

/** The item type an example acts on: its spec's, else what its definition parts, job or request say. */
function itemTypeOf(example: Example): string {
  if (SPEC_ITEM_TYPES[example.spec]) return SPEC_ITEM_TYPES[example.spec]!;
  const body = bodyParameter(example);
  const paths = [...definitionPaths(body?.definition), ...definitionPaths(example.responses['200']?.body?.definition)];
  if (paths.includes('report.json')) return 'Report';
  const jobType = example.parameters.jobType as string | undefined;
  if (jobType === 'DefaultJob' || example.path.includes('/jobs/instances')) return 'Notebook';
  if (jobType === 'Execute') return body?.executionData?.executeOption ? 'Dataflow' : 'DataPipeline';
  return typeof body?.type === 'string' ? body.type : 'Lakehouse';
}

/** A notebook that runs long enough for a cancel to find it running, on the kernel of `compute` (Jupyter by default). */
function sleepingNotebook(compute?: string): string {
  const [kernel, group] =
    compute === 'Spark'
      ? ['synapse_pyspark', 'synapse_pyspark']
      : compute === 'DataWarehouse'
        ? ['sqldatawarehouse', 'sqldatawarehouse']
        : ['jupyter', 'jupyter_python'];
  return writeNotebookPy({
    metadata: { kernel_info: { name: kernel }, dependencies: {} },
    cells: [{ kind: 'code', source: 'import time\ntime.sleep(2)', isParameters: false, metadata: { language: 'python', language_group: group } }],
  });
}
const SLEEPING_NOTEBOOK = sleepingNotebook();
const PARAMETRIC_MASHUP =
  'section Section1;\nshared Region = "EU" meta [IsParameterQuery = true, Type = "Text", IsParameterQueryRequired = true];\nshared Query = 1;\n';

/** Real content for a part whose example payload is a placeholder; undefined to keep the example's. */
function realContent(path: string, type: string, displayName: string): string | undefined {
  if (path === '.platform') return writePlatformFile({ type, displayName });
  if (path === 'notebook-content.py') return SLEEPING_NOTEBOOK;
  if (path === 'notebook-content.ipynb') return writeIpynb(parseNotebookPy(SLEEPING_NOTEBOOK));
  if (path.endsWith('.json')) return '{}';
  return undefined;
}

/** "IyBGYWJyaWMgbm90ZWJv..." (elided) or "dotPlatformBase64String"-like words stand for real content. */
const isPlaceholder = (payload: string): boolean =>
  payload.includes('..') || /^[A-Za-z0-9]*Base64String$/.test(Buffer.from(payload, 'base64').toString('utf8'));

/** The example's request body, its placeholder payloads replaced. */
function requestBody(example: Example): Json {
  const body = bodyParameter(example);
  const type = itemTypeOf(example);
  for (const part of body?.definition?.parts ?? []) {
    const content = isPlaceholder(part.payload) ? realContent(part.path, type, body.displayName ?? REPLAY_TARGET) : undefined;
    if (content !== undefined) part.payload = Buffer.from(content).toString('base64');
  }
  return body;
}

const successes = (example: Example): string[] => Object.keys(example.responses).filter((status) => /^2\d\d$/.test(status));

describe('emulator contract: the spec examples replayed', function () {
  this.timeout(20_000);
  const schemas = new SpecSchemas();
  after(stopTestEmulators);

  it('finds the examples to replay, on every endpoint family', () => {
    const replayed = (pattern: RegExp) => EXAMPLES.filter((e) => pattern.test(e.path)).length;
    assert.ok(EXAMPLES.length >= 90, String(EXAMPLES.length));
    assert.ok(replayed(/^\/workspaces(\/\{workspaceId\})?$/) >= 8);
    assert.ok(replayed(/getDefinition|updateDefinition/) >= 10);
    assert.ok(replayed(/\/jobs\/.*instances/) >= 20);
    assert.ok(replayed(/\/schedules/) >= 10);
    assert.ok(replayed(/^\/operations/) >= 3);
    assert.ok(replayed(/\/folders/) >= 10);
    assert.ok(replayed(/\/move$|\/bulkMove$/) >= 4);
    assert.ok(replayed(/\/bulkExportDefinitions/) >= 2);
    assert.ok(replayed(/\/spark\/livySessions/) >= 1);
    assert.ok(replayed(/\/jobs\/(sparkjob|tableMaintenance|refreshMaterializedLakeViews)\/instances$/) >= 6);
    assert.ok(replayed(/\/dataflows\/\{dataflowId\}\/parameters$/) >= 1);
    assert.ok(replayed(/\/git\//) >= 20);
    assert.ok(EXAMPLES.filter((e) => 'rootFolderId' in e.parameters || bodyParameter(e)?.folderId).length >= 4);
  });

  for (const lroMode of ['sync', 'async'] as const) {
    describe(`${lroMode} mode`, () => {
      let emulator: Emulator;
      before(async () => {
        emulator = await startTestEmulator({ sample: false, lroMode, faults: 'lro=10ms' });
      });

      /** Follows a 202 create (async mode) to the new item. */
      async function created(answer: Answer): Promise<Json> {
        if (answer.status !== 202) return answer.body;
        const done = await waitForOperation(emulator, answer.headers.get('location')!);
        return (await call(emulator, 'GET', done.headers.get('location')!)).body;
      }

      /** An operation id: the 202 of an asynchronous create, its operation finished when asked. */
      async function operationId(ws: string, finished: boolean): Promise<string> {
        const answer = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Operation target', type: 'Lakehouse' });
        assert.equal(answer.status, 202);
        if (finished) await waitForOperation(emulator, answer.headers.get('location')!);
        return answer.headers.get('x-ms-operation-id')!;
      }

      /** The result of a request that may answer 202 (async mode). */
      async function followed(answer: Answer): Promise<Json> {
        assert.ok(answer.status < 300, JSON.stringify(answer.body));
        if (answer.status !== 202) return answer.body;
        const done = await waitForOperation(emulator, answer.headers.get('location')!);
        const result = done.headers.get('location');
        return result?.endsWith('/result') ? (await call(emulator, 'GET', result)).body : undefined;
      }

      /**
       * What a Git example acts on: a workspace with items, connected (Connect examples and
       * GetConnection_NotConnected excepted), initialized and synced as the operation needs, with
       * changes to commit or incoming ones to update from; their ids and heads replace the
       * example's in `body`.
       */
      async function gitSetup(example: Example, ws: string, body: Json): Promise<void> {
        const git = `/workspaces/${ws}/git`;
        const pipeline = async (displayName: string) =>
          created(await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName, type: 'DataPipeline', definition: { parts: [] } }));
        const items = [await pipeline('Tracked'), await pipeline('Also tracked')];
        if (/^ConnectTo|NotConnected/.test(example.name)) return;
        const details = {
          gitProviderType: 'AzureDevOps',
          organizationName: 'Org',
          projectName: 'Project',
          repositoryName: ws,
          branchName: 'main',
          directoryName: '',
        };
        assert.equal((await call(emulator, 'POST', `${git}/connect`, { gitProviderDetails: details })).status, 200);
        if (!/status|commitToGit|updateFromGit/.test(example.path)) return;
        await followed(await call(emulator, 'POST', `${git}/initializeConnection`, {}));
        if (example.path.endsWith('/commitToGit')) {
          body.workspaceHead = null;
          if (body.items) body.items = [{ logicalId: items[0].id, objectId: items[0].id }, { objectId: items[1].id }];
          return;
        }
        await followed(await call(emulator, 'POST', `${git}/commitToGit`, { mode: 'All' }));
        if (!example.path.endsWith('/updateFromGit')) return;
        const pushed = await call(emulator, 'POST', `/emulator/git/${ws}/commits`, {
          files: [{ path: 'Tracked.DataPipeline/pipeline-content.json', content: '{}' }],
        });
        assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
        const status = await followed(await call(emulator, 'GET', `${git}/status`));
        Object.assign(body, { workspaceHead: status.workspaceHead, remoteCommitHash: status.remoteCommitHash });
      }

      /**
       * The URL of the example's request, on a new workspace with whatever the request acts on: the
       * folders and items the example names are created, and their ids replace the example's, in
       * the path, the query and `body` (changed in place).
       */
      async function urlFor(example: Example, body: Json): Promise<string> {
        const ws = (await call(emulator, 'POST', '/workspaces', { displayName: `${lroMode} ${example.spec} ${example.name}` })).body.id;
        const folderIds = new Map<string, string>();
        const realFolder = async (exampleId: string): Promise<string> => {
          if (!folderIds.has(exampleId)) {
            const folder = await call(emulator, 'POST', `/workspaces/${ws}/folders`, { displayName: `Folder ${folderIds.size + 1}` });
            assert.equal(folder.status, 201, JSON.stringify(folder.body));
            folderIds.set(exampleId, folder.body.id);
          }
          return folderIds.get(exampleId)!;
        };
        for (const field of ['folderId', 'parentFolderId', 'targetFolderId'])
          if (typeof body?.[field] === 'string') body[field] = await realFolder(body[field]);
        if (Array.isArray(body?.items)) {
          // A move names item ids, a bulk export `{ id }` entries (of items that have a definition).
          const items: Json[] = [];
          for (const [i, entry] of body.items.entries()) {
            const item = await created(
              await call(emulator, 'POST', `/workspaces/${ws}/items`, {
                displayName: `Listed ${i}`,
                type: typeof entry === 'string' ? 'Lakehouse' : 'DataPipeline',
              }),
            );
            items.push(typeof entry === 'string' ? item.id : { id: item.id });
          }
          body.items = items;
        }
        if (example.path.includes('/git/')) await gitSetup(example, ws, body);
        let path = example.path.replace('{workspaceId}', ws);
        if (path.includes('{folderId}')) path = path.replace('{folderId}', await realFolder(example.parameters.folderId as string));
        if (path.includes('{operationId}'))
          path = path.replace('{operationId}', await operationId(ws, path.endsWith('/result') || /Completed/.test(example.name)));
        const idParameter = ITEM_ID_PARAMETER.exec(path)?.[0];
        if (idParameter) {
          const type = itemTypeOf(example);
          // A notebook on the kernel the run asks for: another one is refused with ComputeTypeMismatch.
          const notebook = sleepingNotebook(body?.executionData?.compute);
          const part = (partPath: string, text: string) => ({ path: partPath, payload: Buffer.from(text).toString('base64'), payloadType: 'InlineBase64' });
          // A dataflow with a parameter query, so its parameters can be discovered.
          const definition =
            type === 'Notebook'
              ? { parts: [part('notebook-content.py', notebook)] }
              : type === 'Dataflow'
                ? { parts: [part('mashup.pq', PARAMETRIC_MASHUP)] }
                : undefined;
          const item = await created(await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: REPLAY_TARGET, type, definition }));
          path = path.replace(idParameter, item.id);
          const itemPath = `/workspaces/${ws}/items/${item.id}`;
          const jobType = (example.parameters.jobType as string | undefined) ?? (path.includes('/jobs/execute/') ? 'Execute' : DEFAULT_JOB_TYPES[type]!);
          path = path.replace('{jobType}', jobType);
          if (path.includes('{jobInstanceId}')) {
            const run = await call(emulator, 'POST', `${itemPath}/jobs/${jobType}/instances`);
            assert.equal(run.status, 202, JSON.stringify(run.body));
            path = path.replace('{jobInstanceId}', run.headers.get('location')!.split('/').pop()!);
          }
          if (path.includes('{scheduleId}')) {
            const body =
              example.method === 'PATCH'
                ? requestBody(example)
                : {
                    enabled: true,
                    configuration: {
                      type: 'Cron',
                      interval: 10,
                      startDateTime: '2026-03-28T00:00:00',
                      endDateTime: '2026-03-30T23:59:00',
                      localTimeZoneId: 'Central Standard Time',
                    },
                  };
            const schedule = await call(emulator, 'POST', `${itemPath}/jobs/${jobType}/schedules`, body);
            assert.equal(schedule.status, 201, JSON.stringify(schedule.body));
            path = path.replace('{scheduleId}', schedule.body.id);
          }
        }
        const query = new URLSearchParams();
        for (const p of example.operation.parameters ?? []) {
          // The examples' continuation tokens are the service's; the emulator issues its own.
          if (p.in !== 'query' || p.name === 'continuationToken' || !(p.name in example.parameters) || path.includes(`?${p.name}=`)) continue;
          const value = String(example.parameters[p.name]);
          query.set(p.name, p.name === 'rootFolderId' ? await realFolder(value) : value);
        }
        return `${path}${query.size ? `${path.includes('?') ? '&' : '?'}${query}` : ''}`;
      }

      /** Validates what follows a 202: the job instance, or the operation's state and result. */
      async function checkAccepted(example: Example, answer: Answer): Promise<void> {
        const location = answer.headers.get('location');
        assert.ok(location, 'a 202 has a Location');
        assert.ok(answer.headers.get('retry-after'), 'a 202 has a Retry-After');
        if (/\/jobs\//.test(location)) {
          const job = await call(emulator, 'GET', location);
          schemas.check('platform', './definitions/platform.json#/definitions/ItemJobInstance', job.body);
          return;
        }
        assert.equal(answer.headers.get('x-ms-operation-id'), location.split('/').pop());
        const done = await waitForOperation(emulator, location);
        schemas.check('platform', './definitions/platform.json#/definitions/OperationState', done.body);
        assert.equal(done.body.status, 'Succeeded', JSON.stringify(done.body));
        const schemaOfResult = example.operation.responses['201']?.schema?.$ref ?? example.operation.responses['200']?.schema?.$ref;
        const resultUrl = done.headers.get('location');
        if (schemaOfResult && resultUrl) schemas.check(example.spec, schemaOfResult, (await call(emulator, 'GET', resultUrl)).body);
      }

      // Operations exist only in async mode: sync mode answers at once.
      for (const example of EXAMPLES.filter((e) => lroMode === 'async' || !e.path.startsWith('/operations'))) {
        it(`${example.spec}/${example.name}: ${example.method} ${example.path}`, async () => {
          const body = requestBody(example);
          const answer = await call(emulator, example.method, await urlFor(example, body), body);
          assert.ok(
            successes(example).includes(String(answer.status)),
            `answered ${answer.status} (documented: ${successes(example).join(', ')}): ${JSON.stringify(answer.body)}`,
          );
          const schema = example.operation.responses[String(answer.status)]?.schema?.$ref;
          if (schema) schemas.check(example.spec, schema, answer.body);
          if (answer.status === 202) await checkAccepted(example, answer);
        });
      }
    });
  }

  describe('other answers against their schemas', () => {
    let emulator: Emulator;
    let ws: string;
    let notebook: Json;
    before(async () => {
      emulator = await startTestEmulator({ lroMode: 'sync', pageSize: 2 });
      ws = (await listAll(emulator, '/workspaces'))[0].id;
      notebook = (await listAll(emulator, `/workspaces/${ws}/notebooks`)).find((n) => n.displayName === 'Hello Fabric');
    });

    it('a page of items with a continuation', async () => {
      const items = (await call(emulator, 'GET', `/workspaces/${ws}/items`)).body;
      assert.ok(items.continuationToken, 'a second page');
      schemas.check('platform', './definitions/platform.json#/definitions/Items', items);
    });

    it('an error answer', async () => {
      const answer = await call(emulator, 'GET', `/workspaces/${ws}/items/00000000-0000-0000-0000-000000000000`);
      schemas.check('platform', '../common/definitions.json#/definitions/ErrorResponse', answer.body);
    });

    it('a completed notebook job instance on the notebook endpoint', async () => {
      const run = await call(emulator, 'POST', `/workspaces/${ws}/notebooks/${notebook.id}/jobs/execute/instances?beta=false`, {
        parameters: [{ name: 'seconds', type: 'Integer', value: 0 }],
      });
      const id = run.headers.get('location')!.split('/').pop();
      const url = `/workspaces/${ws}/notebooks/${notebook.id}/jobs/execute/instances/${id}?beta=true`;
      const instance = await waitForJob(emulator, url);
      assert.equal(instance.properties.exitValue, 'Hello, Fabric! Hello, Fabric!');
      schemas.check('notebook', './definitions.json#/definitions/NotebookJobInstance', instance);
    });

    it("a Spark notebook's run as the workspace's Livy session, from listed at once to succeeded; a Python notebook's run is no Livy session", async () => {
      const spark = (
        await call(emulator, 'POST', `/workspaces/${ws}/items`, {
          displayName: 'Spark sleeper',
          type: 'Notebook',
          definition: {
            parts: [{ path: 'notebook-content.py', payload: Buffer.from(sleepingNotebook('Spark')).toString('base64'), payloadType: 'InlineBase64' }],
          },
        })
      ).body;
      const start = async (item: Json) =>
        (await call(emulator, 'POST', `/workspaces/${ws}/items/${item.id}/jobs/instances?jobType=RunNotebook`)).headers.get('location')!.split('/').pop();
      const [sparkRun, pythonRun] = [await start(spark), await start(notebook)];
      const sessions = async () => listAll(emulator, `/workspaces/${ws}/spark/livySessions`);
      assert.ok(
        (await sessions()).some((s) => s.jobInstanceId === sparkRun),
        'listed at once',
      );
      await waitForJob(emulator, `/workspaces/${ws}/items/${spark.id}/jobs/instances/${sparkRun}`);
      await waitForJob(emulator, `/workspaces/${ws}/items/${notebook.id}/jobs/instances/${pythonRun}`);
      const listed = await sessions();
      const ended = listed.find((s) => s.jobInstanceId === sparkRun);
      assert.equal(ended.state, 'Succeeded');
      assert.deepEqual([ended.item.itemId, ended.itemType, ended.itemName], [spark.id, 'Notebook', 'Spark sleeper']);
      assert.ok(ended.runningDuration.value >= 2 && ended.endDateTime);
      assert.ok(!listed.some((s) => s.jobInstanceId === pythonRun));
      schemas.check(
        'spark',
        '../common/spark_definitions.json#/definitions/LivySessions',
        (await call(emulator, 'GET', `/workspaces/${ws}/spark/livySessions`)).body,
      );
      const other = (await call(emulator, 'POST', '/workspaces', { displayName: 'No runs' })).body.id;
      assert.deepEqual((await call(emulator, 'GET', `/workspaces/${other}/spark/livySessions`)).body.value, []);
    });

    it("a bulk export: every part under its item's root path (with its folders), indexed by item id", async () => {
      const other = (await call(emulator, 'POST', '/workspaces', { displayName: 'Bulk' })).body.id;
      const folder = (await call(emulator, 'POST', `/workspaces/${other}/folders`, { displayName: 'Team' })).body.id;
      const pipeline = {
        parts: [{ path: 'pipeline-content.json', payload: Buffer.from('{"properties":{"activities":[]}}').toString('base64'), payloadType: 'InlineBase64' }],
      };
      const inFolder = (
        await call(emulator, 'POST', `/workspaces/${other}/items`, { displayName: 'Load', type: 'DataPipeline', folderId: folder, definition: pipeline })
      ).body;
      const atRoot = (await call(emulator, 'POST', `/workspaces/${other}/items`, { displayName: 'Copy', type: 'DataPipeline', definition: pipeline })).body;
      await call(emulator, 'POST', `/workspaces/${other}/items`, { displayName: 'Store', type: 'Warehouse' });
      const answer = await call(emulator, 'POST', `/workspaces/${other}/items/bulkExportDefinitions?beta=true`, { mode: 'All' });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      schemas.check('platform', './definitions/platform.json#/definitions/BulkExportItemDefinitionsResponse', answer.body);
      assert.deepEqual(answer.body.itemDefinitionsIndex, [
        { id: inFolder.id, rootPath: '/Team/Load.DataPipeline' },
        { id: atRoot.id, rootPath: '/Copy.DataPipeline' },
      ]);
      assert.deepEqual(answer.body.definitionParts.map((p: Json) => p.path).sort(), [
        '/Copy.DataPipeline/.platform',
        '/Copy.DataPipeline/pipeline-content.json',
        '/Team/Load.DataPipeline/.platform',
        '/Team/Load.DataPipeline/pipeline-content.json',
      ]);

      const refusals = await Promise.all([
        call(emulator, 'POST', `/workspaces/${other}/items/bulkExportDefinitions`, { mode: 'All' }),
        call(emulator, 'POST', `/workspaces/${other}/items/bulkExportDefinitions?beta=true`, {
          mode: 'Selective',
          items: [{ id: atRoot.id }, { id: atRoot.id }],
        }),
        call(emulator, 'POST', `/workspaces/${other}/items/bulkExportDefinitions?beta=true`, { mode: 'Some' }),
      ]);
      assert.deepEqual(
        refusals.map((r) => [r.status, r.body.errorCode]),
        [
          [400, 'InvalidParameter'],
          [400, 'ItemReferencedMoreThanOnce'],
          [400, 'InvalidInput'],
        ],
      );
    });
  });
});
