import * as assert from 'node:assert/strict';
import { jobKinds } from '../../../src/fabric/itemKinds';
import { buildRunRequest } from '../../../src/jobs/runRequest';

describe('buildRunRequest', () => {
  const parameters = [
    { name: 'rows', type: 'Integer' as const, value: 5 },
    { name: 'on', type: 'Boolean' as const, value: true },
  ];

  it("sends a notebook's parameters as a typed list beside its executionData (execute endpoint)", () => {
    assert.deepEqual(buildRunRequest({ kind: 'notebook', parameters, executionData: { compute: 'DataWarehouse' } }), {
      endpoint: 'notebook',
      body: { parameters, executionData: { compute: 'DataWarehouse' } },
    });
    assert.deepEqual(buildRunRequest({ kind: 'notebook', parameters: [] }), { endpoint: 'notebook', body: undefined });
  });

  it("sends a pipeline's parameters as an object in executionData of a Pipeline job", () => {
    assert.deepEqual(buildRunRequest({ kind: 'pipeline', parameters }), {
      endpoint: 'itemJob',
      jobType: 'Pipeline',
      body: { executionData: { parameters: { rows: 5, on: true } } },
    });
  });

  it("sends a dataflow refresh's parameters in the execute form, and a publish with no body", () => {
    assert.deepEqual(buildRunRequest({ kind: 'dataflowRefresh', parameters: [{ name: 'Region', type: 'Automatic', value: 'EU' }] }), {
      endpoint: 'itemJob',
      jobType: 'Refresh',
      body: { executionData: { executeOption: 'ApplyChangesIfNeeded', parameters: [{ parameterName: 'Region', type: 'Automatic', value: 'EU' }] } },
    });
    assert.deepEqual(buildRunRequest({ kind: 'dataflowPublish', parameters: [] }), { endpoint: 'itemJob', jobType: 'Publish', body: undefined });
  });

  it('sends a Spark job definition as sparkjob and a lakehouse table maintenance as tableMaintenance, with their executionData (specs)', () => {
    const executionData = { commandLineArguments: 'a b', defaultLakehouseId: { referenceType: 'ById', itemId: 'l', workspaceId: 'w' } };
    assert.deepEqual(buildRunRequest({ kind: 'sparkJob', parameters: [], executionData }), {
      endpoint: 'itemJob',
      jobType: 'sparkjob',
      body: { executionData },
    });
    assert.deepEqual(buildRunRequest({ kind: 'sparkJob', parameters: [] }), { endpoint: 'itemJob', jobType: 'sparkjob', body: undefined });
    const maintenance = { tableName: 'sales', optimizeSettings: { vOrder: true, zOrderBy: ['region'] }, vacuumSettings: { retentionPeriod: '7:00:00:00' } };
    assert.deepEqual(buildRunRequest({ kind: 'tableMaintenance', parameters: [], executionData: maintenance }), {
      endpoint: 'itemJob',
      jobType: 'tableMaintenance',
      body: { executionData: maintenance },
    });
    assert.deepEqual(buildRunRequest({ kind: 'refreshMaterializedLakeViews', parameters: [] }), {
      endpoint: 'itemJob',
      jobType: 'refreshMaterializedLakeViews',
      body: undefined,
    });
  });

  it('knows which item types run', () => {
    const runKindsFor = (type: string) => jobKinds(type).map((j) => j.id);
    assert.deepEqual(runKindsFor('Notebook'), ['notebook']);
    assert.deepEqual(runKindsFor('datapipeline'), ['pipeline']);
    assert.deepEqual(runKindsFor('Dataflow'), ['dataflowRefresh', 'dataflowPublish']);
    assert.deepEqual(runKindsFor('SparkJobDefinition'), ['sparkJob']);
    assert.deepEqual(runKindsFor('Lakehouse'), ['tableMaintenance', 'refreshMaterializedLakeViews']);
    assert.deepEqual(runKindsFor('Environment'), []);
  });
});
