import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DefinitionError, defaultCodeCellMetadata, parseNotebookPy, writeNotebookPy, type FabricNotebook } from '../../../src/fabric/definition';
import { content, notebook } from './notebookArbitraries';
import { FABRIC_EXPORTS, HAND_WRITTEN, OTHER_LAYOUTS, PYSPARK_EXPORT, SQL_EXPORT } from './notebookFixtures';

/** The notebook without anything kept from the file it was read from. */
function withoutLayout(nb: FabricNotebook): FabricNotebook {
  return { metadata: nb.metadata, cells: nb.cells.map(({ kind, source, isParameters, metadata }) => ({ kind, source, isParameters, metadata })) };
}

function assertDefinitionError(text: string, line: number, message: RegExp): void {
  assert.throws(
    () => parseNotebookPy(text),
    (error: unknown) => {
      assert.ok(error instanceof DefinitionError, String(error));
      assert.equal(error.path, 'notebook-content.py');
      assert.equal(error.line, line, error.message);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('notebook-content.py', () => {
  for (const [name, text] of Object.entries(FABRIC_EXPORTS)) {
    it(`writes ${name} back byte for byte, in Fabric's own layout`, () => {
      const nb = parseNotebookPy(text);
      assert.equal(writeNotebookPy(nb), text);
      assert.ok(
        nb.cells.every((cell) => cell.pyBlock === undefined),
        'a Fabric export needs no kept layout',
      );
      assert.equal(writeNotebookPy(withoutLayout(nb), text.startsWith('--') ? '--' : '#'), text);
    });
  }

  for (const [name, text] of Object.entries(OTHER_LAYOUTS)) {
    it(`writes an unchanged ${name} notebook back byte for byte`, () => {
      assert.equal(writeNotebookPy(parseNotebookPy(text)), text);
    });
  }

  it('reads cells, kinds, parameters, magics and metadata', () => {
    const nb = parseNotebookPy(PYSPARK_EXPORT);
    assert.deepEqual((nb.metadata.kernel_info as { name: string }).name, 'synapse_pyspark');
    assert.deepEqual(
      nb.cells.map((c) => [c.kind, c.isParameters, c.metadata.language ?? null]),
      [
        ['markdown', false, null],
        ['code', true, 'python'],
        ['code', false, 'python'],
        ['code', false, 'sparksql'],
        ['code', false, 'python'],
      ],
    );
    assert.equal(nb.cells[0].source, '# Daily sales load\n\nReads the landing files and appends them to `sales`.\n');
    assert.equal(nb.cells[3].source, '# MAGIC %%sql\n# MAGIC SELECT COUNT(*) AS n\n# MAGIC FROM sales\n# MAGIC \n');
    assert.equal(nb.cells[3].metadata.frozen, true);
    assert.ok(nb.cells[4].source.startsWith('\ndef summary(frame):'));
  });

  it('reads the .sql variant with its -- prefix and writes it back with it', () => {
    const nb = parseNotebookPy(SQL_EXPORT, 'notebook-content.sql');
    assert.equal(nb.cells[0].source, '## Refresh the reporting view');
    assert.ok(nb.cells[1].source.startsWith('-- keep the view'));
    assert.equal(nb.pyFile?.commentPrefix, '--');
  });

  it('writes an edited cell in Fabric layout and leaves the others as they were', () => {
    const nb = parseNotebookPy(HAND_WRITTEN);
    nb.cells[2].source = 'assert spark.table(table_name).count() > 1';
    const text = writeNotebookPy(nb);
    assert.ok(text.startsWith(HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf('# CELL'))), 'untouched cells keep their lines');
    assert.ok(text.endsWith('# CELL ********************\n\nassert spark.table(table_name).count() > 1\n'));
    assert.deepEqual(content(parseNotebookPy(text)), content(nb));
  });

  it('keeps CRLF line ends when a CRLF notebook is edited', () => {
    const nb = parseNotebookPy(OTHER_LAYOUTS.CRLF);
    nb.cells.push({ kind: 'code', source: 'print(2)', isParameters: false, metadata: defaultCodeCellMetadata(nb) });
    const text = writeNotebookPy(nb);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    assert.ok(
      text.endsWith(
        '# CELL ********************\r\n\r\nprint(2)\r\n\r\n# METADATA ********************\r\n\r\n# META {\r\n# META   "language": "python",\r\n# META   "language_group": "synapse_pyspark"\r\n# META }\r\n',
      ),
    );
  });

  it('gives a new cell the language of the notebook so it runs in Fabric', () => {
    assert.deepEqual(defaultCodeCellMetadata(parseNotebookPy(FABRIC_EXPORTS.PYTHON_EXPORT)), { language: 'python', language_group: 'jupyter_python' });
    assert.deepEqual(defaultCodeCellMetadata(parseNotebookPy(SQL_EXPORT)), { language: 'sql', language_group: 'sqldatawarehouse' });
    assert.deepEqual(defaultCodeCellMetadata({ metadata: {}, cells: [] }, 'ipynb'), { microsoft: { language: 'python', language_group: 'synapse_pyspark' } });
  });

  describe('broken files', () => {
    const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

    it('a META block whose METADATA marker was deleted is code, as the format says', () => {
      // The format has no other reading: a cell runs to the next marker, so these lines are the cell's.
      const text = PYSPARK_EXPORT.replace(
        '# METADATA ********************\n\n# META {\n# META   "language": "sparksql"',
        '# META {\n# META   "language": "sparksql"',
      );
      const nb = parseNotebookPy(text);
      assert.ok(nb.cells[3].source.includes('# MAGIC FROM sales\n# MAGIC \n\n\n# META {\n# META   "language": "sparksql",'), nb.cells[3].source);
      assert.equal(writeNotebookPy(nb), text);
    });

    it('a marker with the wrong number of stars after a METADATA section', () => {
      const text = PYSPARK_EXPORT.replace('# CELL ********************\n\nfrom pyspark', '# CELL ***************\n\nfrom pyspark');
      assertDefinitionError(
        text,
        lineOf(text, '# CELL ***************\n'),
        /Only "# META" lines belong in a METADATA section; is a "# CELL \*{20}" marker missing\?/,
      );
    });

    it('a marker with a space after it', () => {
      const text = PYSPARK_EXPORT.replace('# CELL ********************\n\nfrom pyspark', '# CELL ******************** \n\nfrom pyspark');
      assertDefinitionError(text, lineOf(text, '# CELL ******************** \n'), /section marker "# CELL \*{20}" with whitespace or a line break around it/);
    });

    it('META JSON that does not parse, with its line and column', () => {
      const text = PYSPARK_EXPORT.replace('"language": "sparksql",', '"language": "sparksql"');
      const line = lineOf(text, '# META   "language_group": "synapse_pyspark",\n# META   "frozen"');
      assert.throws(
        () => parseNotebookPy(text),
        (error: unknown) =>
          error instanceof DefinitionError && error.line === line && error.column === 10 && /METADATA section: Not valid JSON/.test(error.message),
      );
    });

    it('a META block that is never closed', () => {
      const text = PYSPARK_EXPORT.slice(0, PYSPARK_EXPORT.lastIndexOf('# META }'));
      assert.throws(
        () => parseNotebookPy(text),
        (error: unknown) => error instanceof DefinitionError && /not valid JSON/i.test(error.message),
      );
    });

    it('code inside a METADATA section (a CELL marker lost)', () => {
      const text = PYSPARK_EXPORT.replace('# META }\n\n# CELL ********************\n\nfrom pyspark', '# META }\n\nfrom pyspark');
      assertDefinitionError(text, lineOf(text, 'from pyspark'), /Only "# META" lines belong in a METADATA section/);
    });

    it('a missing header', () => {
      assertDefinitionError(PYSPARK_EXPORT.replace('# Fabric notebook source\n', ''), 1, /first line must be "# Fabric notebook source"/);
    });

    it('two METADATA sections in a row', () => {
      const text = PYSPARK_EXPORT.replace('# CELL ********************\n\nfrom pyspark', '# METADATA ********************\n\nfrom pyspark');
      assertDefinitionError(text, lineOf(text, '# METADATA ********************\n\nfrom pyspark'), /must follow a cell/);
    });

    it('a markdown line without its prefix', () => {
      const text = PYSPARK_EXPORT.replace('# Reads the landing files', 'Reads the landing files');
      assertDefinitionError(text, lineOf(text, 'Reads the landing files'), /Markdown lines start with "# "/);
    });

    it('any damage gives a DefinitionError or a notebook, never a crash', () => {
      const original = PYSPARK_EXPORT.split('\n');
      fc.assert(
        fc.property(fc.nat(original.length - 1), fc.constantFrom('delete', 'duplicate', 'replace'), fc.string({ maxLength: 12 }), (at, edit, text) => {
          const damaged = [...original];
          if (edit === 'delete') damaged.splice(at, 1);
          else if (edit === 'duplicate') damaged.splice(at, 0, damaged[at]);
          else damaged[at] = text;
          const file = damaged.join('\n');
          try {
            assert.equal(writeNotebookPy(parseNotebookPy(file)), file);
          } catch (error) {
            assert.ok(error instanceof DefinitionError, String(error));
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  it('round trips generated notebooks: write, parse, write', () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const text = writeNotebookPy(nb);
        const read = parseNotebookPy(text);
        assert.deepEqual(content(read), content(nb));
        assert.ok(
          read.cells.every((cell) => cell.pyBlock === undefined),
          'the writer uses Fabric layout',
        );
        assert.equal(writeNotebookPy(read), text);
      }),
      { numRuns: 300 },
    );
  });
});
