import * as assert from 'node:assert/strict';
import { validatePart } from '../../../src/workspace/partValidation';

const check = (path: string, text: string, type = 'DataPipeline') => validatePart(path, Buffer.from(text, 'utf8'), type);

describe('validatePart', () => {
  it('accepts valid JSON and reports invalid JSON at its line', async () => {
    assert.deepEqual(await check('pipeline-content.json', '{"properties": {"activities": []}}'), []);
    const [problem] = await check('pipeline-content.json', '{\n  "properties": {\n    "activities": [,]\n  }\n}');
    assert.equal(problem.line, 2);
    assert.match(problem.message, /JSON/);
  });

  it('requires .platform to keep the item type', async () => {
    const platform = (type: string) => JSON.stringify({ metadata: { type, displayName: 'P' }, config: { version: '2.0', logicalId: '0' } }, null, 2);
    assert.deepEqual(await check('.platform', platform('DataPipeline')), []);
    const [problem] = await check('.platform', platform('Notebook'));
    assert.match(problem.message, /Notebook/);
    assert.equal(problem.line, 2, 'at the "type" key');
  });

  it('rejects a mashup that does not parse, at its line', async () => {
    assert.deepEqual(await check('mashup.pq', 'section Section1;\nshared Q = let a = 1 in a;', 'Dataflow'), []);
    const [problem] = await check('mashup.pq', 'section Section1;\nshared Q = let\n  a = 1,\n  b = in a;', 'Dataflow');
    assert.equal(problem.line, 3);
    assert.match(problem.message, /Power Query/);
  });

  it('rejects a notebook-content.py whose markers are broken', async () => {
    const good =
      '# Fabric notebook source\n\n# METADATA ********************\n\n# META {\n# META   "kernel_info": {\n# META     "name": "synapse_pyspark"\n# META   }\n# META }\n\n# CELL ********************\n\nx = 1\n\n# METADATA ********************\n\n# META {\n# META   "language": "python",\n# META   "language_group": "synapse_pyspark"\n# META }\n';
    assert.deepEqual(await check('notebook-content.py', good, 'Notebook'), []);
    const broken = good.replace('# META }\n\n# CELL', '# META \n\n# CELL');
    assert.equal((await check('notebook-content.py', broken, 'Notebook')).length, 1);
  });

  it('refuses a notebook cell line that notebook-content.py cannot hold, at that line', async () => {
    const marker = `# CELL ${'*'.repeat(20)}`;
    const ipynb = JSON.stringify(
      { cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: ['x = 1\n', `${marker}\n`, 'y = 2'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 },
      null,
      1,
    );
    const [problem] = await check('notebook-content.ipynb', ipynb, 'Notebook');
    assert.match(problem.message, /^Cell 1, line 2: "# CELL \*{20}" is the section marker of notebook-content\.py/);
    assert.equal(ipynb.split('\n')[problem.line].slice(problem.column), `${marker}\\n",`);
    const py = `# Fabric notebook source\n\n${marker}\n\nx = 1\n${marker}  \ny = 2\n`;
    const [pyProblem] = await check('notebook-content.py', py, 'Notebook');
    assert.equal(pyProblem.line, 5);
    assert.match(pyProblem.message, /with whitespace or a line break around it/);
  });

  it('leaves other files alone', async () => {
    assert.deepEqual(await check('Libs/helper.py', 'not { json'), []);
  });
});
