// Cell lines that look like notebook-content.py structure: whatever the format can hold comes back
// byte for byte through .py and .ipynb; what it cannot hold is refused, naming the cell and line.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DefinitionError,
  parseIpynb,
  parseNotebookPy,
  validateDefinitionFile,
  writeIpynb,
  writeNotebookPy,
  type FabricNotebook,
  type NotebookCell,
} from '../../../src/fabric/definition';
import { markerProneNotebook } from './notebookArbitraries';

const STARS = '*'.repeat(20);
const MARKERS = ['CELL', 'MARKDOWN', 'METADATA', 'PARAMETERS CELL'].map((kind) => `# ${kind} ${STARS}`);
/** The .ipynb check also refuses the markers of the .sql and .scala variants (`--`, `//`): Fabric may keep the notebook in either. */
const OTHER_VARIANT = /section marker "(--|\/\/) [A-Z ]+ \*{20}"|"(--|\/\/) [A-Z ]+ \*{20}" is the section marker/;
const PY_META = { language: 'python', language_group: 'synapse_pyspark' };

/** Whether `line` of a cell, as the .py file would hold it, is a marker once trimmed or split at a line break. */
function readsAsMarker(cell: NotebookCell, line: string): boolean {
  const written = cell.kind === 'markdown' ? `# ${line}` : line;
  // eslint-disable-next-line no-control-regex -- \x1c-\x1e are line breaks to Python
  return written.split(/[\r\v\f\x1c-\x1e\x85\u2028\u2029]/).some((part) => MARKERS.includes(part.trim()));
}

function refusal(write: () => unknown): DefinitionError | undefined {
  try {
    write();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error;
  }
}

const code = (source: string, isParameters = false, metadata: Record<string, unknown> = PY_META): NotebookCell => ({
  kind: 'code',
  source,
  isParameters,
  metadata,
});
const markdown = (source: string, metadata: Record<string, unknown> = {}): NotebookCell => ({ kind: 'markdown', source, isParameters: false, metadata });
const notebookOf = (...cells: NotebookCell[]): FabricNotebook => ({ metadata: { kernel_info: { name: 'synapse_pyspark' } }, cells });

describe('notebook cells holding marker-like lines', () => {
  it('round trip byte for byte through .py and .ipynb, or are refused naming the cell and line', () => {
    fc.assert(
      fc.property(markerProneNotebook, fc.constantFrom('\n', '\r\n'), fc.boolean(), (nb, eol, byteOrderMark) => {
        const error = refusal(() => writeNotebookPy(nb));
        const ipynb = writeIpynb(nb);
        const ipynbProblems = validateDefinitionFile('notebook-content.ipynb', ipynb, 'Notebook');
        if (error) {
          const where = /^notebook-content\.py: Cell (\d+)(?:, line (\d+))?: /.exec(error.message);
          assert.ok(where, error.message);
          const cell = nb.cells[Number(where[1]) - 1];
          if (where[2] === undefined) {
            assert.match(error.message, /tagged "parameters" but is not the parameters cell/);
          } else {
            const line = cell.source.split('\n')[Number(where[2]) - 1];
            assert.ok(readsAsMarker(cell, line), `${JSON.stringify(line)} is not a marker: ${error.message}`);
            assert.ok(error.message.includes(JSON.stringify(line)), 'the message quotes the line');
          }
          // A save of the .ipynb is refused before upload: at the same cell and line, or earlier at a marker of another variant.
          assert.equal(ipynbProblems.length, 1);
          assert.ok(ipynbProblems[0].message.startsWith(error.reason) || OTHER_VARIANT.test(ipynbProblems[0].message), ipynbProblems[0].message);
          return;
        }
        for (const problem of ipynbProblems) assert.match(problem.message, OTHER_VARIANT);
        const py = writeNotebookPy(nb);
        assert.deepEqual(validateDefinitionFile('notebook-content.py', py, 'Notebook'), []);
        const read = parseNotebookPy(py);
        assert.equal(writeNotebookPy(read), py, 'py → py');
        assert.equal(writeIpynb(read), ipynb, 'the .py holds what the notebook holds');
        const pyAgain = writeNotebookPy(parseIpynb(ipynb));
        assert.equal(pyAgain, py, 'ipynb → py');
        assert.equal(writeIpynb(parseNotebookPy(pyAgain)), ipynb, 'ipynb → py → ipynb');
        // A file with other line ends or a byte order mark is written back as it was.
        const layout = `${byteOrderMark ? '\uFEFF' : ''}${py.replace(/\n/g, eol)}`;
        assert.equal(writeNotebookPy(parseNotebookPy(layout)), layout, 'layout kept');
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps lines that only look like markers as code', () => {
    const lookalikes = [
      `#CELL ${STARS}`,
      `# CELL  ${STARS}`,
      `# CELL ${'*'.repeat(19)}`,
      `# CELL ${STARS}*`,
      `# PARAMETERS ${STARS}`,
      `# cell ${STARS}`,
      `# MAGIC # CELL ${STARS}`,
      `print("# CELL ${STARS}")`,
      '# META {',
      '# META   "language": "python"',
      '# META }',
      `-- CELL ${STARS}`,
    ];
    const nb = notebookOf(code(lookalikes.join('\n')), markdown(['#CELL', `MARKDOWN${STARS}`, `# CELL ${STARS}`].join('\n')));
    const py = writeNotebookPy(nb);
    const read = parseNotebookPy(py);
    assert.equal(read.cells.length, 2);
    assert.equal(read.cells[0].source, lookalikes.join('\n'));
    assert.equal(writeNotebookPy(parseIpynb(writeIpynb(read))), py);
  });

  it('refuses a code line that is a marker, naming the cell and the line', () => {
    const nb = notebookOf(markdown('Intro'), code(`x = 1\n# CELL ${STARS}\ny = 2`));
    assert.throws(
      () => writeNotebookPy(nb),
      (error: unknown) =>
        error instanceof DefinitionError &&
        error.message.startsWith(`notebook-content.py: Cell 2, line 2: "# CELL ${STARS}" is the section marker of notebook-content.py`) &&
        /cannot escape it/.test(error.message),
    );
  });

  it('refuses a line that is a marker but for whitespace or a line break around it, in .py and in cells', () => {
    for (const line of [`# METADATA ${STARS}  `, `  # PARAMETERS CELL ${STARS}`, `x = 1\r# MARKDOWN ${STARS}`, `\uFEFF# CELL ${STARS}`]) {
      const error = refusal(() => writeNotebookPy(notebookOf(code(`a\n${line}`))));
      assert.match(error?.message ?? '', /Cell 1, line 2: .* reads as the section marker/, JSON.stringify(line));
      const py = `# Fabric notebook source\n\n# CELL ${STARS}\n\na\n${line}\n`;
      const parsed = refusal(() => parseNotebookPy(py));
      assert.equal(parsed?.line, 6, JSON.stringify(line));
      assert.match(parsed?.reason ?? '', /with whitespace or a line break around it/);
    }
  });

  it('refuses a markdown line that becomes a marker once prefixed', () => {
    const error = refusal(() => writeNotebookPy(notebookOf(markdown(`Title\nPARAMETERS CELL ${STARS}`))));
    assert.match(error?.message ?? '', /Cell 1, line 2: "PARAMETERS CELL \*{20}" reads|Cell 1, line 2: "PARAMETERS CELL \*{20}" is/);
  });

  it('refuses an .ipynb save whose cell holds a marker, at the line in the .ipynb', () => {
    const text = writeIpynb(notebookOf(code('import os'), code(`x = 1\n# METADATA ${STARS}\ny = 2`)));
    const [problem] = validateDefinitionFile('notebook-content.ipynb', text, 'Notebook');
    assert.match(problem.message, /^Cell 2, line 2: "# METADATA \*{20}" is the section marker/);
    assert.equal(text.split('\n')[problem.line - 1].trim(), `"# METADATA ${STARS}\\n",`);
    assert.equal(text.split('\n')[problem.line - 1].indexOf('#') + 1, problem.column);
    // Outputs before the source (Jupyter's key order) with brackets and quotes in their strings.
    const withOutputs = JSON.stringify(
      {
        cells: [
          {
            cell_type: 'code',
            execution_count: 1,
            metadata: { 'a"]': [1, { b: null }] },
            outputs: [{ output_type: 'stream', text: ['"]}[{\\', 'x'] }],
            source: ['a\n', `# CELL ${STARS}`],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      2,
    );
    const [afterOutputs] = validateDefinitionFile('notebook-content.ipynb', withOutputs, 'Notebook');
    assert.equal(withOutputs.split('\n')[afterOutputs.line - 1].trim(), `"# CELL ${STARS}"`);
    // A source held as one string: the line is found inside it.
    const oneString = JSON.stringify(
      { cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: `a\nb\n# CELL ${STARS}` }], metadata: {}, nbformat: 4, nbformat_minor: 5 },
      null,
      1,
    );
    const [inString] = validateDefinitionFile('notebook-content.ipynb', oneString, 'Notebook');
    assert.equal(oneString.slice(0, oneString.indexOf('# CELL')).split('\n').length, inString.line);
    assert.equal(oneString.split('\n')[inString.line - 1].indexOf('# CELL') + 1, inString.column);
  });

  describe("the parameters cell's tags", () => {
    it('come back unchanged through .ipynb → .py → .ipynb, in their place', () => {
      for (const metadata of [
        { microsoft: PY_META, tags: ['parameters'] },
        { tags: ['parameters'], microsoft: PY_META },
        { microsoft: PY_META, tags: ['injected', 'parameters'] },
        { tags: ['parameters'] },
      ]) {
        const ipynb = writeIpynb(notebookOf(code('batch = 10', true, metadata), code('print(batch)', false, { microsoft: PY_META, tags: ['injected'] })));
        const py = writeNotebookPy(parseIpynb(ipynb));
        assert.ok(py.includes(`# PARAMETERS CELL ${STARS}\n\nbatch = 10`));
        assert.equal(writeIpynb(parseNotebookPy(py)), ipynb, JSON.stringify(metadata));
      }
    });

    it('are the marker in .py: a Fabric parameters cell gains only the "parameters" tag in .ipynb and loses it again', () => {
      const py = writeNotebookPy(notebookOf(code('batch = 10', true)));
      const ipynb = JSON.parse(writeIpynb(parseNotebookPy(py)));
      assert.deepEqual(ipynb.cells[0].metadata, { ...PY_META, tags: ['parameters'] });
      assert.equal(writeNotebookPy(parseIpynb(JSON.stringify(ipynb))), py);
    });

    it('stay on a text cell as they are', () => {
      const ipynb = writeIpynb(notebookOf(markdown('Notes', { tags: ['parameters'] })));
      assert.deepEqual(JSON.parse(ipynb).cells[0].metadata, { tags: ['parameters'] });
      assert.equal(parseIpynb(ipynb).cells[0].isParameters, false);
      assert.equal(writeIpynb(parseNotebookPy(writeNotebookPy(parseIpynb(ipynb)))), ipynb);
    });

    it('refuse a .py code cell tagged "parameters" that is not the parameters cell, at its METADATA', () => {
      const py = `# Fabric notebook source\n\n# CELL ${STARS}\n\nx = 1\n\n# METADATA ${STARS}\n\n# META {\n# META   "tags": ["parameters"]\n# META }\n`;
      const [problem] = validateDefinitionFile('notebook-content.py', py, 'Notebook');
      assert.equal(problem.line, 7);
      assert.match(problem.message, /tagged "parameters" but is not the parameters cell: mark it "# PARAMETERS CELL \*{20}"/);
    });
  });
});
