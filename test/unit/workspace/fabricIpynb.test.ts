import * as assert from 'node:assert/strict';
import { prepareIpynbForFabric } from '../../../src/workspace/fabricIpynb';

const fabricNotebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernel_info: { name: 'synapse_pyspark' }, language_info: { name: 'python' }, dependencies: { lakehouse: { default_lakehouse: 'lh-1' } } },
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# Title'] },
    {
      cell_type: 'code',
      metadata: { microsoft: { language: 'python', language_group: 'synapse_pyspark' }, tags: ['parameters'] },
      source: ['x = 1'],
      outputs: [{ output_type: 'stream', text: ['hi'] }],
      execution_count: 3,
    },
  ],
};

describe('prepareIpynbForFabric', () => {
  it('strips outputs and keeps every notebook and cell metadata field', () => {
    const out = JSON.parse(prepareIpynbForFabric(JSON.stringify(fabricNotebook)));
    assert.deepEqual(out.metadata, fabricNotebook.metadata);
    assert.deepEqual(out.cells[1].metadata, fabricNotebook.cells[1].metadata);
    assert.deepEqual(out.cells[1].outputs, []);
    assert.equal(out.cells[1].execution_count, null);
    assert.deepEqual(out.cells[0], fabricNotebook.cells[0]);
  });

  it('gives a cell added in VS Code the language and language group Fabric needs', () => {
    const edited = structuredClone(fabricNotebook) as { cells: unknown[] };
    edited.cells.push({ cell_type: 'code', metadata: {}, source: ['y = 2'], outputs: [], execution_count: null });
    edited.cells.push({ cell_type: 'code', metadata: { vscode: { languageId: 'sql' } }, source: ['SELECT 1'], outputs: [] });
    const out = JSON.parse(prepareIpynbForFabric(JSON.stringify(edited)));
    assert.deepEqual(out.cells[2].metadata.microsoft, { language: 'python', language_group: 'synapse_pyspark' });
    assert.deepEqual(out.cells[3].metadata.microsoft, { language: 'sparksql', language_group: 'synapse_pyspark' });
    assert.deepEqual(out.cells[3].metadata.vscode, { languageId: 'sql' });
  });

  it('takes the language group from the cells when the notebook metadata has none (Python notebooks)', () => {
    const python = {
      metadata: {},
      cells: [
        { cell_type: 'code', metadata: { microsoft: { language: 'python', language_group: 'jupyter_python' } }, source: [], outputs: [] },
        { cell_type: 'code', metadata: {}, source: [], outputs: [] },
      ],
    };
    const out = JSON.parse(prepareIpynbForFabric(JSON.stringify(python)));
    assert.equal(out.cells[1].metadata.microsoft.language_group, 'jupyter_python');
  });
});
