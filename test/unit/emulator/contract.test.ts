// Replays the request bodies of the official spec examples (Create*, Update*, Run*) against the
// emulator, checks that the answer's status is one the example documents, and validates answer
// bodies against the swagger schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../../src/emulator';
import { writePlatformFile } from '../../../src/fabric/definition';
import { call, listAll, startTestEmulator, stopTestEmulators, waitForOperation, type Answer, type Json } from './emulatorHarness';
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
  documented: string[];
}

/** The display name of the item an example's request acts on. */
const REPLAY_TARGET = 'Replay target';

const ITEM_TYPES: Record<string, { type: string; idParameter: string }> = {
  notebook: { type: 'Notebook', idParameter: 'notebookId' },
  dataPipeline: { type: 'DataPipeline', idParameter: 'dataPipelineId' },
  dataflow: { type: 'Dataflow', idParameter: 'dataflowId' },
};

function examplesOf(spec: string): Example[] {
  const swagger = JSON.parse(readFileSync(join(SPECS, spec, 'swagger.json'), 'utf8')) as { paths: Record<string, Record<string, SwaggerOperation>> };
  const examples: Example[] = [];
  for (const [path, operations] of Object.entries(swagger.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const { $ref } of Object.values(operation['x-ms-examples'] ?? {})) {
        const name = $ref.replace(/^.*\//, '').replace(/\.json$/, '');
        if (!/^(Create|Update|Run)/.test(name)) continue;
        const example = JSON.parse(readFileSync(join(SPECS, spec, $ref), 'utf8')) as { parameters: Record<string, Json>; responses: Record<string, unknown> };
        examples.push({ spec, name, method: method.toUpperCase(), path, operation, parameters: example.parameters, documented: Object.keys(example.responses) });
      }
    }
  }
  return examples;
}

const EXAMPLES = ['notebook', 'dataPipeline', 'dataflow'].flatMap(examplesOf);

const PLATFORM_PLACEHOLDER = Buffer.from('dotPlatformBase64String').toString('base64');

/**
 * The example's body; undefined when its definition payloads are elided ("IyBGYWJyaWMgbm90ZWJv...").
 * A placeholder `.platform` ("dotPlatformBase64String") is replaced by a real one for the item.
 */
function bodyOf(example: Example): { body: Json } | undefined {
  const parameter = example.operation.parameters?.find((p) => p.in === 'body');
  const body = parameter ? structuredClone(example.parameters[parameter.name]) : undefined;
  const parts: Json[] = body?.definition?.parts ?? [];
  if (parts.some((part) => /\.\./.test(part.payload))) return undefined;
  for (const part of parts.filter((p) => p.path === '.platform' && p.payload === PLATFORM_PLACEHOLDER)) {
    const platform = writePlatformFile({ type: ITEM_TYPES[example.spec]!.type, displayName: body.displayName ?? REPLAY_TARGET });
    part.payload = Buffer.from(platform).toString('base64');
  }
  return { body };
}

describe('emulator contract: the spec examples replayed', function () {
  this.timeout(20_000);
  const schemas = new SpecSchemas();
  after(stopTestEmulators);

  it('finds the examples to replay', () => {
    assert.ok(EXAMPLES.length >= 25, String(EXAMPLES.length));
  });

  for (const lroMode of ['sync', 'async'] as const) {
    describe(`${lroMode} mode`, () => {
      let emulator: Emulator;
      before(async () => {
        emulator = await startTestEmulator({ sample: false, lroMode, faults: 'lro=10ms' });
      });

      /** The URL of the example's operation, on a new workspace with a new item of the spec's type. */
      async function urlFor(example: Example): Promise<string> {
        const ws = (await call(emulator, 'POST', '/workspaces', { displayName: `${lroMode} ${example.name}` })).body.id;
        const { type, idParameter } = ITEM_TYPES[example.spec]!;
        let path = example.path.replace('{workspaceId}', ws);
        if (path.includes(`{${idParameter}}`)) {
          const created = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: REPLAY_TARGET, type });
          const item = created.status === 202 ? (await call(emulator, 'GET', (await waitForOperation(emulator, created.headers.get('location')!)).headers.get('location')!)).body : created.body;
          path = path.replace(`{${idParameter}}`, item.id);
        }
        if (path.includes('{scheduleId}')) {
          const schedules = path.replace(/\/\{scheduleId\}$/, '');
          const schedule = await call(emulator, 'POST', schedules, bodyOf(example)!.body);
          assert.equal(schedule.status, 201, JSON.stringify(schedule.body));
          path = path.replace('{scheduleId}', schedule.body.id);
        }
        const query = new URLSearchParams();
        for (const p of example.operation.parameters ?? []) {
          if (p.in === 'query' && p.name in example.parameters && !path.includes(`?${p.name}=`)) query.set(p.name, String(example.parameters[p.name]));
        }
        return `${path}${query.size ? `${path.includes('?') ? '&' : '?'}${query}` : ''}`;
      }

      /** Validates what follows a 202: the job instance, or the operation's state and result. */
      async function checkAccepted(example: Example, answer: Answer): Promise<void> {
        const location = answer.headers.get('location');
        assert.ok(location, 'a 202 has a Location');
        if (/\/jobs\//.test(location)) {
          const job = await call(emulator, 'GET', location);
          schemas.check('platform', './definitions/platform.json#/definitions/ItemJobInstance', job.body);
          return;
        }
        const done = await waitForOperation(emulator, location);
        schemas.check('platform', './definitions/platform.json#/definitions/OperationState', done.body);
        assert.equal(done.body.status, 'Succeeded', JSON.stringify(done.body));
        const schemaOfResult = example.operation.responses['201']?.schema?.$ref ?? example.operation.responses['200']?.schema?.$ref;
        const resultUrl = done.headers.get('location');
        if (schemaOfResult && resultUrl) schemas.check(example.spec, schemaOfResult, (await call(emulator, 'GET', resultUrl)).body);
      }

      for (const example of EXAMPLES) {
        it(`${example.spec}/${example.name}: ${example.method} ${example.path}`, async function () {
          const request = bodyOf(example);
          if (!request) this.skip();
          const answer = await call(emulator, example.method, await urlFor(example), request!.body);
          assert.ok(example.documented.includes(String(answer.status)), `answered ${answer.status} (documented: ${example.documented.join(', ')}): ${JSON.stringify(answer.body)}`);
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
      const workspaces = await listAll(emulator, '/workspaces');
      ws = workspaces[0].id;
      notebook = (await listAll(emulator, `/workspaces/${ws}/notebooks`)).find((n) => n.displayName === 'Hello Fabric');
    });

    it('workspaces: the list page and one workspace', async () => {
      schemas.check('platform', './definitions/platform.json#/definitions/Workspaces', (await call(emulator, 'GET', '/workspaces')).body);
      schemas.check('platform', './definitions/platform.json#/definitions/WorkspaceInfo', (await call(emulator, 'GET', `/workspaces/${ws}`)).body);
    });

    it('items: a paged list of notebooks and of items', async () => {
      const notebooks = (await call(emulator, 'GET', `/workspaces/${ws}/notebooks`)).body;
      assert.ok(notebooks.continuationUri === undefined || typeof notebooks.continuationUri === 'string');
      schemas.check('notebook', './definitions.json#/definitions/Notebooks', notebooks);
      const items = (await call(emulator, 'GET', `/workspaces/${ws}/items`)).body;
      assert.ok(items.continuationToken, 'a second page');
      schemas.check('platform', './definitions/platform.json#/definitions/Items', items);
    });

    it('an error answer', async () => {
      const answer = await call(emulator, 'GET', `/workspaces/${ws}/items/00000000-0000-0000-0000-000000000000`);
      schemas.check('platform', '../common/definitions.json#/definitions/ErrorResponse', answer.body);
    });

    it('a notebook job instance on the notebook endpoint, and the job list', async () => {
      const run = await call(emulator, 'POST', `/workspaces/${ws}/notebooks/${notebook.id}/jobs/execute/instances?beta=false`, {
        parameters: [{ name: 'seconds', type: 'Integer', value: 0 }],
      });
      const id = run.headers.get('location')!.split('/').pop();
      const instance = await call(emulator, 'GET', `/workspaces/${ws}/notebooks/${notebook.id}/jobs/execute/instances/${id}?beta=true`);
      schemas.check('notebook', './definitions.json#/definitions/NotebookJobInstance', instance.body);
      schemas.check('platform', './definitions/platform.json#/definitions/ItemJobInstances', (await call(emulator, 'GET', `/workspaces/${ws}/items/${notebook.id}/jobs/instances`)).body);
    });

    it('schedules: one and the list', async () => {
      const base = `/workspaces/${ws}/items/${notebook.id}/jobs/RunNotebook/schedules`;
      const created = await call(emulator, 'POST', base, {
        enabled: true,
        configuration: { type: 'Cron', interval: 10, startDateTime: '2026-03-28T00:00:00', endDateTime: '2026-03-30T23:59:00', localTimeZoneId: 'Central Standard Time' },
      });
      assert.equal(created.status, 201);
      schemas.check('platform', './definitions/platform.json#/definitions/ItemSchedule', created.body);
      schemas.check('platform', './definitions/platform.json#/definitions/ItemSchedules', (await call(emulator, 'GET', base)).body);
    });
  });
});
