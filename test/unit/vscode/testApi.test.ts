import assert from 'node:assert/strict';
import { testApi, TEST_API_VARIABLE } from '../../../src/vscode/common/testApi';

describe('the test API of activate()', () => {
  const api = { connection: 'signed in' };

  it('is absent in a production host: no variable, or any value but 1', () => {
    assert.equal(
      testApi(() => api, {}),
      undefined,
    );
    for (const value of ['', '0', 'true', 'yes', ' 1'])
      assert.equal(
        testApi(() => api, { [TEST_API_VARIABLE]: value }),
        undefined,
        value,
      );
  });

  it('is built and returned only when the test runners set the variable to 1', () => {
    assert.equal(
      testApi(() => api, { [TEST_API_VARIABLE]: '1' }),
      api,
    );
    let built = false;
    testApi(() => (built = true), {});
    assert.equal(built, false, 'not even built in production');
  });
});
