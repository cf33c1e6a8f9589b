import * as assert from 'node:assert/strict';
import { parseRunFile, RunFileError } from '../../../src/jobs/runFile';

async function problemsOf(text: string): Promise<string[]> {
  try {
    await parseRunFile(text);
  } catch (error) {
    assert.ok(error instanceof RunFileError);
    return error.problems;
  }
  assert.fail('the file was accepted');
}

describe('parseRunFile', () => {
  it('reads named runs, inferring bare values\' types and keeping typed ones', async () => {
    const runs = await parseRunFile(JSON.stringify({
      runs: [{
        name: 'Nightly', workspace: 'Sales', item: 'Hello Fabric', type: 'Notebook',
        parameters: { rows: 5, ratio: 0.5, on: true, label: 'x', when: { type: 'DateTime', value: '2025-01-31T08:00:00Z' }, n: { type: 'Integer', value: '7' } },
        executionData: { compute: 'Spark', computeConfiguration: { driverCores: 8, executorMemory: '56g' } },
      }],
    }));
    assert.equal(runs[0]!.name, 'Nightly');
    assert.deepEqual(runs[0]!.parameters, [
      { name: 'rows', type: 'Integer', value: 5 },
      { name: 'ratio', type: 'Number', value: 0.5 },
      { name: 'on', type: 'Boolean', value: true },
      { name: 'label', type: 'Text', value: 'x' },
      { name: 'when', type: 'DateTime', value: '2025-01-31T08:00:00Z' },
      { name: 'n', type: 'Integer', value: 7 },
    ]);
  });

  it('names the place of each schema problem', async () => {
    const problems = await problemsOf(JSON.stringify({
      runs: [{ name: 'A', workspace: 'W', item: 'N', executionData: { compute: 'Spark', computeConfiguration: { driverCores: 6 } } }, { workspace: 'W', item: 'N' }],
    }));
    assert.ok(problems.some((p) => p.startsWith('runs[0].executionData.computeConfiguration.driverCores') && p.includes('4, 8, 16, 32, 64')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('runs[1]') && p.includes("'name'")), problems.join('\n'));
  });

  it('refuses a run with both workspace and workspaceId, a value of the wrong type and a repeated name', async () => {
    assert.ok((await problemsOf(JSON.stringify({ runs: [{ name: 'A', workspace: 'W', workspaceId: '00000000-0000-0000-0000-000000000000', item: 'N' }] })))
      .some((p) => p.includes('either "workspaceId" or "workspace"')));
    assert.ok((await problemsOf(JSON.stringify({ runs: [{ name: 'A', workspace: 'W', item: 'N', parameters: { rows: { type: 'Integer', value: 'many' } } }] })))
      .some((p) => p.startsWith('runs[0].parameters.rows') && p.includes('not an Integer')));
    assert.ok((await problemsOf(JSON.stringify({ runs: [{ name: 'A', workspace: 'W', item: 'N' }, { name: 'a', workspace: 'W', item: 'M' }] })))
      .some((p) => p.includes('already named')));
  });

  it('says when the file is not JSON', async () => {
    assert.match((await problemsOf('{ "runs": [ '))[0]!, /not JSON/);
  });
});
