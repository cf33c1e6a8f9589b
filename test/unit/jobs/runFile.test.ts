import * as assert from 'node:assert/strict';
import { parseRunFile, RunFileError } from '../../../src/jobs/runFile';

/** The problems of the file's runs that cannot run, or of the file when it is refused. */
async function problemsOf(text: string): Promise<string[]> {
  try {
    const file = await parseRunFile(text);
    assert.ok(file.invalid.length > 0, 'a run is invalid');
    return file.invalid.flatMap((r) => r.problems);
  } catch (error) {
    assert.ok(error instanceof RunFileError);
    return error.problems;
  }
}

/** The error a refused file gives. */
async function refusal(text: string): Promise<RunFileError> {
  try {
    await parseRunFile(text);
  } catch (error) {
    assert.ok(error instanceof RunFileError);
    return error;
  }
  assert.fail('the file was accepted');
}

describe('parseRunFile', () => {
  it("reads named runs, inferring bare values' types and keeping typed ones", async () => {
    const { runs } = await parseRunFile(
      JSON.stringify({
        runs: [
          {
            name: 'Nightly',
            workspace: 'Sales',
            item: 'Hello Fabric',
            type: 'Notebook',
            parameters: {
              rows: 5,
              ratio: 0.5,
              on: true,
              label: 'x',
              when: { type: 'DateTime', value: '2025-01-31T08:00:00Z' },
              n: { type: 'Integer', value: '7' },
            },
            executionData: { compute: 'Spark', computeConfiguration: { driverCores: 8, executorMemory: '56g' } },
          },
        ],
      }),
    );
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
    const problems = await problemsOf(
      JSON.stringify({
        runs: [
          { name: 'A', workspace: 'W', item: 'N', executionData: { compute: 'Spark', computeConfiguration: { driverCores: 6 } } },
          { workspace: 'W', item: 'N' },
        ],
      }),
    );
    assert.ok(
      problems.some((p) => p.startsWith('runs[0].executionData.computeConfiguration.driverCores') && p.includes('4, 8, 16, 32, 64')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('runs[1]') && p.includes("'name'")),
      problems.join('\n'),
    );
  });

  it('refuses a run with both workspace and workspaceId, a value of the wrong type and a repeated name', async () => {
    assert.ok(
      (await problemsOf(JSON.stringify({ runs: [{ name: 'A', workspace: 'W', workspaceId: '00000000-0000-0000-0000-000000000000', item: 'N' }] }))).some((p) =>
        p.includes('either "workspaceId" or "workspace"'),
      ),
    );
    assert.ok(
      (await problemsOf(JSON.stringify({ runs: [{ name: 'A', workspace: 'W', item: 'N', parameters: { rows: { type: 'Integer', value: 'many' } } }] }))).some(
        (p) => p.startsWith('runs[0].parameters.rows') && p.includes('not an Integer'),
      ),
    );
    assert.ok(
      (
        await problemsOf(
          JSON.stringify({
            runs: [
              { name: 'A', workspace: 'W', item: 'N' },
              { name: 'a', workspace: 'W', item: 'M' },
            ],
          }),
        )
      ).some((p) => p.includes('already named')),
    );
  });

  it('keeps the valid runs runnable next to invalid ones, each invalid one with its line', async () => {
    const text = [
      '{',
      "  // The team's runs",
      '  "runs": [',
      '    { "name": "Good", "workspace": "W", "item": "N" },',
      '    { "name": "No item", "workspace": "W" },',
      '    { "name": "Bad value", "workspace": "W", "item": "N", "parameters": { "rows": { "type": "Integer", "value": "many" } } },',
      '    { "name": "good", "workspace": "W", "item": "M" },',
      '    { "name": "Also good", "workspaceId": "00000000-0000-0000-0000-000000000000", "item": "N", },',
      '  ],',
      '}',
    ].join('\n');
    const file = await parseRunFile(text);
    assert.deepEqual(
      file.runs.map((r) => r.name),
      ['Good', 'Also good'],
    );
    assert.deepEqual(
      file.invalid.map((r) => [r.name, r.line]),
      [
        ['No item', 5],
        ['Bad value', 6],
        ['good', 7],
      ],
    );
    assert.ok(
      file.invalid[0]!.problems.some((p) => p.startsWith('runs[1]') && p.includes("'item'")),
      file.invalid[0]!.problems.join('\n'),
    );
    assert.ok(file.invalid[2]!.problems.some((p) => p.includes('already named')));
    const first = file.invalid[0]!;
    assert.equal(text.slice(first.offset, first.offset + first.length), '{ "name": "No item", "workspace": "W" }', 'the place to mark is the run');
  });

  it('refuses a file that is not JSON, or not a list of runs, with the line of the first problem', async () => {
    const notJson = await refusal('{\n  "runs": [\n    { "name": "A" "item": "N" }\n  ]\n}\n');
    assert.equal(notJson.line, 3);
    assert.match(notJson.problems[0]!, /^line 3: it is not JSON/);
    const notRuns = await refusal('{\n  "runs": [],\n  "run": []\n}\n');
    assert.equal(notRuns.line, 3, "the unknown property's line");
    assert.match(notRuns.message, /additional properties/);
    assert.equal((await refusal('{ "runs": {} }')).line, 1);
  });
});
