import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DefinitionError, defaultCodeCellMetadata, parseIpynb, parseNotebookPy, writeIpynb } from '../../../src/fabric/definition';
import { content, notebook } from './notebookArbitraries';

const microsoft = (language: string) => ({ microsoft: { language, language_group: 'synapse_pyspark' } });

/** As getDefinition?format=ipynb returns it, with outputs a VS Code session added. */
const IPYNB = {
  cells: [
    {
      cell_type: 'markdown',
      id: 'a1',
      metadata: {},
      source: ['# Daily load\n', '\n', 'Appends the landing files.'],
      attachments: { 'chart.png': { 'image/png': 'iVBORw0KGgo=' } },
    },
    {
      cell_type: 'code',
      execution_count: 3,
      id: 'b2',
      metadata: { ...microsoft('python'), tags: ['parameters'] },
      outputs: [{ output_type: 'stream', name: 'stdout', text: ['hi\n'] }],
      source: ['run_date = "2025-01-31T00:00:00Z"\n', 'batch_size = 500'],
    },
    { cell_type: 'code', execution_count: null, id: 'c3', metadata: { ...microsoft('sparksql'), collapsed: false }, outputs: [], source: '%%sql\nSELECT 1' },
    { cell_type: 'raw', id: 'd4', metadata: {}, source: ['raw text'] },
  ],
  metadata: {
    kernel_info: { name: 'synapse_pyspark' },
    kernelspec: { display_name: 'synapse_pyspark', name: 'synapse_pyspark' },
    language_info: { name: 'python' },
    microsoft: { language: 'python', language_group: 'synapse_pyspark' },
    dependencies: { lakehouse: { default_lakehouse_name: 'SalesLake' } },
  },
  nbformat: 4,
  nbformat_minor: 5,
};
const IPYNB_TEXT = `${JSON.stringify(IPYNB, null, 1)}\n`;

describe('notebook-content.ipynb', () => {
  it('reads cells, joins sources and finds the parameters cell by its tag', () => {
    const nb = parseIpynb(IPYNB_TEXT);
    assert.deepEqual(
      nb.cells.map((c) => [c.kind, c.isParameters, c.source]),
      [
        ['markdown', false, '# Daily load\n\nAppends the landing files.'],
        ['code', true, 'run_date = "2025-01-31T00:00:00Z"\nbatch_size = 500'],
        ['code', false, '%%sql\nSELECT 1'],
        ['markdown', false, 'raw text'],
      ],
    );
    assert.deepEqual(nb.metadata, IPYNB.metadata);
  });

  it('writes the notebook back without outputs, keeping everything else', () => {
    const written = JSON.parse(writeIpynb(parseIpynb(IPYNB_TEXT)));
    const expected = structuredClone(IPYNB) as typeof IPYNB & { cells: Record<string, unknown>[] };
    expected.cells[1].outputs = [];
    expected.cells[1].execution_count = null;
    assert.deepEqual(written, expected);
    assert.deepEqual(Object.keys(written.cells[1]), Object.keys(IPYNB.cells[1]), 'key order kept');
  });

  it('writes an unchanged output-free notebook back byte for byte', () => {
    const text = writeIpynb(parseIpynb(IPYNB_TEXT));
    assert.equal(writeIpynb(parseIpynb(text)), text);
    const twoSpaces = JSON.stringify(JSON.parse(text), null, 2);
    assert.equal(writeIpynb(parseIpynb(twoSpaces)), twoSpaces, 'indentation and the missing final newline kept');
  });

  it('moves the parameters tag with isParameters', () => {
    const nb = parseIpynb(IPYNB_TEXT);
    nb.cells[1].isParameters = false;
    nb.cells[2].isParameters = true;
    const cells = JSON.parse(writeIpynb(nb)).cells;
    assert.equal(cells[1].metadata.tags, undefined);
    assert.deepEqual(cells[2].metadata.tags, ['parameters']);
  });

  it('gives a cell added in VS Code an id and the Fabric language it needs', () => {
    const nb = parseIpynb(IPYNB_TEXT);
    nb.cells.push({ kind: 'code', source: 'print(1)\nprint(2)\n', isParameters: false, metadata: defaultCodeCellMetadata(nb, 'ipynb') });
    const added = JSON.parse(writeIpynb(nb)).cells[4];
    assert.equal(added.cell_type, 'code');
    assert.match(added.id, /^[0-9a-f]{8}$/);
    assert.deepEqual(added.metadata, microsoft('python'));
    assert.deepEqual(added.source, ['print(1)\n', 'print(2)\n']);
    assert.deepEqual(added.outputs, []);
    assert.equal(added.execution_count, null);
  });

  it('refuses text that is not JSON with its line and column', () => {
    assert.throws(
      () => parseIpynb('{\n "cells": [\n  {"cell_type": "code",}\n ]\n}'),
      (error: unknown) =>
        error instanceof DefinitionError &&
        error.path === 'notebook-content.ipynb' &&
        error.line === 3 &&
        error.column === 24 &&
        /Not valid JSON/.test(error.message),
    );
  });

  it('refuses JSON that is not a notebook', () => {
    for (const text of ['[]', '{"cells": {}}', '{"cells": [{"cell_type": "image", "source": ""}]}', '{"cells": [{"cell_type": "code", "source": 3}]}']) {
      assert.throws(() => parseIpynb(text), DefinitionError, text);
    }
  });

  it('round trips generated notebooks: write, parse, write', () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const text = writeIpynb(nb);
        const read = parseIpynb(text);
        assert.deepEqual(
          read.cells.map((c) => [c.kind, c.source, c.isParameters]),
          nb.cells.map((c) => [c.kind, c.source, c.isParameters]),
        );
        assert.deepEqual(content({ metadata: read.metadata, cells: [] }), content({ metadata: nb.metadata, cells: [] }));
        assert.equal(writeIpynb(read), text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ipynb written from another format', () => {
  it('gives new cells the same ids every time, so the same notebook converts to the same bytes', () => {
    const notebook = parseNotebookPy('# Fabric notebook source\n\n# CELL ********************\n\nx = 1\n');
    assert.equal(writeIpynb(notebook), writeIpynb(parseNotebookPy('# Fabric notebook source\n\n# CELL ********************\n\nx = 1\n')));
    assert.match(JSON.parse(writeIpynb(notebook)).cells[0].id, /^[0-9a-f]{8}$/);
  });
});
