import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/emulator/apiError';
import { readRunRequest } from '../../../src/emulator/jobRequest';

describe('emulator run requests', () => {
  it('reads the three parameter forms: the typed list, the older typed object and the dataflow list', () => {
    assert.deepEqual(readRunRequest({ parameters: [{ name: 'rows', type: 'Integer', value: 3 }] }).parameters, [{ name: 'rows', type: 'Integer', value: 3 }]);
    assert.deepEqual(readRunRequest({ executionData: { parameters: { rows: { value: '3', type: 'int' } } } }).parameters, [
      { name: 'rows', type: 'Integer', value: '3' },
    ]);
    const dataflow = readRunRequest({
      executionData: { executeOption: 'ApplyChangesIfNeeded', parameters: [{ parameterName: 'Region', type: 'Automatic', value: 'West' }] },
    });
    assert.deepEqual(dataflow.parameters, [{ name: 'Region', type: 'Automatic', value: 'West' }]);
  });

  it('refuses what the service refuses, naming the parameter', () => {
    assert.throws(
      () => readRunRequest({ parameters: [{ name: 'rows', type: 'Integer', value: 'many' }] }),
      (e: ApiError) => e.errorCode === 'InvalidParameter' && /rows/.test(e.message),
    );
    assert.throws(
      () => readRunRequest({ executionData: { parameters: [{ value: 1 }] } }),
      (e: ApiError) => e.errorCode === 'InvalidParameter',
    );
    assert.throws(() => readRunRequest({ executionData: { compute: 'Spark', computeConfiguration: { executorMemory: '30g' } } }), /28g, 56g/);
  });
});
