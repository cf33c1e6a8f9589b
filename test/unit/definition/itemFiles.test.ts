import * as assert from 'node:assert/strict';
import {
  DefinitionError,
  PLATFORM_SCHEMA,
  decodeDefinition,
  extractNotebookParameters,
  fileText,
  itemFolderName,
  parseItemFolderName,
  parseNotebookPy,
  parsePlatformFile,
  validateDefinitionFile,
  validateMashup,
  writePlatformFile,
} from '../../../src/fabric/definition';
import { minimalDefinition } from '../../../src/fabric/itemKinds';
import { PYSPARK_EXPORT } from './notebookFixtures';

describe('item folders and files', () => {
  it('names item folders <DisplayName>.<Type>, the type after the last dot', () => {
    assert.equal(itemFolderName('Sales v1.2', 'Notebook'), 'Sales v1.2.Notebook');
    assert.deepEqual(parseItemFolderName('Sales v1.2.Notebook'), { displayName: 'Sales v1.2', type: 'Notebook' });
    assert.deepEqual(parseItemFolderName(itemFolderName('a.b.c', 'DataPipeline')), { displayName: 'a.b.c', type: 'DataPipeline' });
    for (const name of ['Notebook', '.Notebook', 'Sales.', 'Sales.Note book', 'Sales.1Notebook']) assert.equal(parseItemFolderName(name), undefined, name);
  });

  it('writes and reads .platform in the platformProperties 2.0.0 shape', () => {
    const text = writePlatformFile({ type: 'Notebook', displayName: 'Sales', description: 'Daily load', logicalId: '11111111-2222-3333-4444-555555555555' });
    assert.deepEqual(JSON.parse(text), {
      $schema: PLATFORM_SCHEMA,
      metadata: { type: 'Notebook', displayName: 'Sales', description: 'Daily load' },
      config: { version: '2.0', logicalId: '11111111-2222-3333-4444-555555555555' },
    });
    assert.deepEqual(parsePlatformFile(text), {
      type: 'Notebook',
      displayName: 'Sales',
      description: 'Daily load',
      logicalId: '11111111-2222-3333-4444-555555555555',
    });
    assert.match(parsePlatformFile(writePlatformFile({ type: 'Notebook', displayName: 'x' })).logicalId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('refuses a .platform that is not JSON or names no type, with a position', () => {
    assert.throws(
      () => parsePlatformFile('{\n  "metadata": {\n    "type": "Notebook",\n  }\n}'),
      (e: unknown) => e instanceof DefinitionError && e.path === '.platform' && e.line === 4 && e.column === 3,
    );
    assert.throws(() => parsePlatformFile('{"metadata": {"displayName": "x"}}'), /"metadata\.type" must be a non-empty string/);
    assert.throws(() => parsePlatformFile('{"metadata": {"type": "Notebook", "displayName": 3}}'), /"metadata\.displayName" must be a non-empty string/);
  });

  describe('validateDefinitionFile', () => {
    const platform = writePlatformFile({ type: 'Notebook', displayName: 'Sales' });

    it('accepts good parts', () => {
      assert.deepEqual(validateDefinitionFile('.platform', platform, 'Notebook'), []);
      assert.deepEqual(validateDefinitionFile('notebook-content.py', PYSPARK_EXPORT, 'Notebook'), []);
      assert.deepEqual(validateDefinitionFile('pipeline-content.json', '{"properties":{"activities":[]}}', 'DataPipeline'), []);
      assert.deepEqual(validateDefinitionFile('Libs/helper.py', 'not a notebook', 'SparkJobDefinition'), []);
    });

    it('reports JSON errors at their line and column', () => {
      assert.deepEqual(validateDefinitionFile('pipeline-content.json', '{\n  "properties": {\n    "activities": [,]\n  }\n}', 'DataPipeline'), [
        { message: 'Not valid JSON: unexpected ",", expected a value.', line: 3, column: 20 },
      ]);
    });

    it('reports a .platform of another type at its "type"', () => {
      const [problem] = validateDefinitionFile('.platform', platform, 'DataPipeline');
      assert.match(problem.message, /says the item is a Notebook, but it is a DataPipeline/);
      assert.equal(problem.line, platform.split('\n').findIndex((l) => l.includes('"type"')) + 1);
    });

    it('reports broken notebook markers at their line', () => {
      const broken = PYSPARK_EXPORT.replace('# MARKDOWN ********************', '# MARKDOWN **');
      const [problem] = validateDefinitionFile('notebook-content.py', broken, 'Notebook');
      assert.equal(problem.line, broken.split('\n').indexOf('# MARKDOWN **') + 1);
    });
  });

  it('finds Power Query syntax errors with their position', async () => {
    assert.deepEqual(await validateMashup('section Section1;\nshared Query = let\n  Source = 1\nin\n  Source;\n'), []);
    const [problem] = await validateMashup('section Section1;\nshared Query = let\n  Source = (1\nin\n  Source;\n');
    assert.match(problem.message, /right parenthesis/);
    assert.deepEqual([problem.line, problem.column], [4, 1]);
  });

  describe('minimalDefinition', () => {
    const files = (type: string) => new Map(decodeDefinition(minimalDefinition(type, 'New item')!).map((f) => [f.path, fileText(f)]));

    it('gives a notebook one empty code cell that runs in Fabric', () => {
      const notebook = parseNotebookPy(files('Notebook').get('notebook-content.py')!);
      assert.deepEqual(notebook.cells, [
        { kind: 'code', source: '', isParameters: false, metadata: { language: 'python', language_group: 'synapse_pyspark' } },
      ]);
      assert.deepEqual(extractNotebookParameters(notebook), []);
      assert.deepEqual(parsePlatformFile(files('Notebook').get('.platform')!).type, 'Notebook');
    });

    it('gives a pipeline no activities', () => {
      assert.deepEqual(JSON.parse(files('DataPipeline').get('pipeline-content.json')!), { properties: { activities: [] } });
    });

    it('gives a dataflow a query that parses', async () => {
      const dataflow = files('Dataflow');
      assert.deepEqual([...dataflow.keys()].sort(), ['.platform', 'mashup.pq', 'queryMetadata.json']);
      assert.deepEqual(await validateMashup(dataflow.get('mashup.pq')!), []);
      const metadata = JSON.parse(dataflow.get('queryMetadata.json')!);
      assert.equal(metadata.name, 'New item');
      assert.equal(metadata.queriesMetadata.Query.queryName, 'Query');
    });

    it('gives no definition for other types', () => {
      assert.equal(minimalDefinition('Lakehouse', 'x'), undefined);
    });
  });
});
