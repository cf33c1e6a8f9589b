import * as assert from 'node:assert/strict';
import { buildRunRequest, runKindsFor } from '../../../src/jobs/runRequest';

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

  it('knows which item types run', () => {
    assert.deepEqual(runKindsFor('Notebook'), ['notebook']);
    assert.deepEqual(runKindsFor('DataPipeline'), ['pipeline']);
    assert.deepEqual(runKindsFor('Dataflow'), ['dataflowRefresh', 'dataflowPublish']);
    assert.deepEqual(runKindsFor('Lakehouse'), []);
  });
});
