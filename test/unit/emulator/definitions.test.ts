import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { decodeDefinition, encodeDefinition, fileText, textFile, writePlatformFile } from '../../../src/fabric/definition';
import type { DefinitionPart, ItemDefinition } from '../../../src/fabric/types';
import { call, sampleWorkspace, startTestEmulator, stopTestEmulators, waitForOperation, type Json } from './emulatorHarness';

/** A definition's files as path → text. */
function filesOf(definition: ItemDefinition): Record<string, string> {
  return Object.fromEntries(decodeDefinition(definition).map((f) => [f.path, fileText(f)]));
}

function definitionOf(files: Record<string, string>, format?: string): ItemDefinition {
  return encodeDefinition(
    Object.entries(files).map(([path, text]) => textFile(path, text)),
    format,
  );
}

const platform = (type: string, displayName: string, description?: string) => writePlatformFile({ type, displayName, description });

describe('emulator definitions (sync mode)', () => {
  let emulator: Emulator;
  let ws: string;
  let notebookUrl: string;

  const getDefinition = async (itemUrl: string, format?: string): Promise<ItemDefinition> => {
    const answer = await call(emulator, 'POST', `${itemUrl}/getDefinition${format ? `?format=${format}` : ''}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.definition;
  };
  const updateDefinition = (itemUrl: string, definition: ItemDefinition, updateMetadata?: boolean) =>
    call(emulator, 'POST', `${itemUrl}/updateDefinition${updateMetadata === undefined ? '' : `?updateMetadata=${updateMetadata}`}`, { definition });

  before(async () => {
    emulator = await startTestEmulator({ lroMode: 'sync' });
    const sample = await sampleWorkspace(emulator);
    ws = sample.workspaceId;
    notebookUrl = `/workspaces/${ws}/notebooks/${sample.items['Hello Fabric']!.id}`;
  });
  after(stopTestEmulators);

  it('serves a notebook as notebook-content.py with a .platform that matches the item', async () => {
    const definition = await getDefinition(notebookUrl);
    assert.ok(definition.parts.every((p: DefinitionPart) => p.payloadType === 'InlineBase64'));
    const files = filesOf(definition);
    assert.deepEqual(Object.keys(files).sort(), ['.platform', 'notebook-content.py']);
    assert.match(files['notebook-content.py']!, /^# Fabric notebook source/);
    assert.match(files['notebook-content.py']!, /notebookutils\.notebook\.exit\(greeting\)/);
    const metadata = JSON.parse(files['.platform']!).metadata;
    assert.equal(metadata.type, 'Notebook');
    assert.equal(metadata.displayName, 'Hello Fabric');
  });

  it('keeps the .platform logicalId stable from one read to the next', async () => {
    const logicalId = (d: ItemDefinition) => JSON.parse(filesOf(d)['.platform']!).config.logicalId;
    assert.equal(logicalId(await getDefinition(notebookUrl)), logicalId(await getDefinition(notebookUrl)));
  });

  it('converts a notebook to ipynb on format=ipynb and back, and the code survives both ways', async () => {
    const ipynbDefinition = await getDefinition(notebookUrl, 'ipynb');
    assert.equal(ipynbDefinition.format, 'ipynb');
    const files = filesOf(ipynbDefinition);
    assert.deepEqual(Object.keys(files).sort(), ['.platform', 'notebook-content.ipynb']);
    const notebook = JSON.parse(files['notebook-content.ipynb']!);
    const sources = notebook.cells.map((c: Json) => (Array.isArray(c.source) ? c.source.join('') : c.source));
    assert.ok(
      sources.some((s: string) => s.includes('greeting = " ".join([f"Hello, {name}!"] * repeat)')),
      sources.join('\n---\n'),
    );

    const codeCell = notebook.cells.find((c: Json) => c.cell_type === 'code' && [c.source].flat().join('').includes('notebookutils.notebook.exit'));
    codeCell.source = ['print("one more line")\n', ...[codeCell.source].flat()];
    const update = await updateDefinition(notebookUrl, definitionOf({ 'notebook-content.ipynb': JSON.stringify(notebook, null, 1) }, 'ipynb'));
    assert.equal(update.status, 200, JSON.stringify(update.body));

    const py = filesOf(await getDefinition(notebookUrl, 'fabricGitSource'))['notebook-content.py']!;
    assert.match(py, /print\("one more line"\)\nnotebookutils\.notebook\.exit\(greeting\)/);
    assert.match(py, /greeting = " "\.join\(\[f"Hello, \{name\}!"\] \* repeat\)/);
    assert.match(py, /# PARAMETERS CELL \*+\n\nname = "Fabric"/);
  });

  it('refuses a notebook format it does not know', async () => {
    const answer = await call(emulator, 'POST', `${notebookUrl}/getDefinition?format=docx`);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidDefinitionFormat');
  });

  it('renames the item from .platform with updateMetadata=true, and not without it', async () => {
    const created = await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Before', type: 'DataPipeline' });
    const url = `/workspaces/${ws}/dataPipelines/${created.body.id}`;
    const content = JSON.stringify({ properties: { activities: [] } });

    assert.equal(
      (await updateDefinition(url, definitionOf({ 'pipeline-content.json': content, '.platform': platform('DataPipeline', 'Ignored') }), false)).status,
      200,
    );
    assert.equal((await call(emulator, 'GET', url)).body.displayName, 'Before');
    assert.equal(JSON.parse(filesOf(await getDefinition(url))['.platform']!).metadata.displayName, 'Before');

    const renamed = await updateDefinition(
      url,
      definitionOf({ 'pipeline-content.json': content, '.platform': platform('DataPipeline', 'After', 'from git') }),
      true,
    );
    assert.equal(renamed.status, 200);
    const item = (await call(emulator, 'GET', url)).body;
    assert.equal(item.displayName, 'After');
    assert.equal(item.description, 'from git');
    assert.equal(JSON.parse(filesOf(await getDefinition(url))['.platform']!).metadata.displayName, 'After');
  });

  describe('refuses bad parts and changes nothing', () => {
    const cases: { name: string; definition: () => ItemDefinition; errorCode: string }[] = [
      {
        name: 'a payload that is not base64',
        definition: () => ({ parts: [{ path: 'notebook-content.py', payload: '%%% not base64 %%%', payloadType: 'InlineBase64' }] }),
        errorCode: 'CorruptedPayload',
      },
      {
        name: 'a JSON part that does not parse',
        definition: () => definitionOf({ 'notebook-content.py': '# Fabric notebook source\n', '.platform': '{"metadata": {"type": "Notebook",' }),
        errorCode: 'InvalidDefinitionParts',
      },
      {
        name: 'a notebook without its content part',
        definition: () => definitionOf({ '.platform': platform('Notebook', 'Hello Fabric') }),
        errorCode: 'InvalidDefinitionParts',
      },
      {
        name: 'a .platform of another item type',
        definition: () => definitionOf({ 'notebook-content.py': '# Fabric notebook source\n', '.platform': platform('DataPipeline', 'Hello Fabric') }),
        errorCode: 'InvalidPlatformFile',
      },
      {
        name: 'a .platform that is JSON null',
        definition: () => definitionOf({ 'notebook-content.py': '# Fabric notebook source\n', '.platform': 'null' }),
        errorCode: 'InvalidPlatformFile',
      },
      {
        name: 'a .platform whose displayName is not a string',
        definition: () =>
          definitionOf({ 'notebook-content.py': '# Fabric notebook source\n', '.platform': '{"metadata": {"type": "Notebook", "displayName": 7}}' }),
        errorCode: 'InvalidPlatformFile',
      },
      {
        name: 'a format that is not a string',
        definition: () => ({
          ...definitionOf({ 'notebook-content.py': '# Fabric notebook source\n' }),
          format: { nested: { deeper: true } } as unknown as string,
        }),
        errorCode: 'InvalidDefinitionFormat',
      },
      {
        name: 'a part with another payload type',
        definition: () => ({ parts: [{ path: 'notebook-content.py', payload: 'IyBGYWJyaWM=', payloadType: 'Url' as 'InlineBase64' }] }),
        errorCode: 'UnsupportedPayloadType',
      },
      ...['../escape.py', '/etc/passwd', 'Libs/../../escape.py', 'Libs\\..\\escape.py', 'a\u0000b.py', 'Libs//x.py', './x.py', 'Libs/', '.git/config'].map(
        (path) => ({
          name: `a part at ${JSON.stringify(path)}, which is not a path inside the item's folder`,
          definition: () => definitionOf({ 'notebook-content.py': '# Fabric notebook source\n', [path]: 'x' }),
          errorCode: 'InvalidDefinitionParts',
        }),
      ),
      {
        name: 'two parts at the same path',
        definition: () => {
          const { parts } = definitionOf({ 'notebook-content.py': '# Fabric notebook source\n' });
          return { parts: [...parts, ...parts] };
        },
        errorCode: 'InvalidDefinitionParts',
      },
    ];
    for (const { name, definition, errorCode } of cases) {
      it(`${name}: 400 ${errorCode}`, async () => {
        const before = await getDefinition(notebookUrl);
        const itemBefore = (await call(emulator, 'GET', notebookUrl)).body;
        const answer = await updateDefinition(notebookUrl, definition(), true);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal(answer.body.errorCode, errorCode);
        assert.deepEqual(filesOf(await getDefinition(notebookUrl)), filesOf(before));
        assert.deepEqual((await call(emulator, 'GET', notebookUrl)).body, itemBefore);
      });
    }

    it('a create with a bad definition creates no item', async () => {
      const answer = await call(emulator, 'POST', `/workspaces/${ws}/items`, {
        displayName: 'Broken',
        type: 'Notebook',
        definition: definitionOf({ '.platform': platform('Notebook', 'Broken') }),
      });
      assert.equal(answer.status, 400);
      const items = (await call(emulator, 'GET', `/workspaces/${ws}/items`)).body.value;
      assert.ok(!items.some((i: Json) => i.displayName === 'Broken'));
    });
  });

  it('answers 400 OperationNotSupportedForItem to getDefinition of a Warehouse', async () => {
    const warehouse = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'WH', type: 'Warehouse' })).body;
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/items/${warehouse.id}/getDefinition`);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'OperationNotSupportedForItem');
  });

  it('stores a legacy dataflow-content.json as mashup.pq and queryMetadata.json', async () => {
    const mashupDocument = 'section Section1;\r\nshared Orders = let\n Source = 1\nin\n Source;\r\n';
    const legacy = JSON.stringify({ editingSessionMashup: { mashupName: 'Orders flow', mashupDocument, documentLocale: 'en-US' } });
    const created = await call(emulator, 'POST', `/workspaces/${ws}/dataflows`, {
      displayName: 'Orders flow',
      definition: definitionOf({ 'dataflow-content.json': legacy }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const files = filesOf(await getDefinition(`/workspaces/${ws}/dataflows/${created.body.id}`));
    assert.deepEqual(Object.keys(files).sort(), ['.platform', 'mashup.pq', 'queryMetadata.json']);
    assert.equal(files['mashup.pq'], mashupDocument);
    const metadata = JSON.parse(files['queryMetadata.json']!);
    assert.equal(metadata.name, 'Orders flow');
    assert.deepEqual(Object.keys(metadata.queriesMetadata), ['Orders']);
  });

  it('serves a minimal definition for an item created without one', async () => {
    const created = (await call(emulator, 'POST', `/workspaces/${ws}/notebooks`, { displayName: 'Blank' })).body;
    const files = filesOf(await getDefinition(`/workspaces/${ws}/notebooks/${created.id}`));
    assert.ok('notebook-content.py' in files, Object.keys(files).join());
    assert.equal(JSON.parse(files['.platform']!).metadata.displayName, 'Blank');
  });
});

describe('emulator definitions (async mode)', () => {
  let emulator: Emulator;
  let notebookUrl: string;

  before(async () => {
    emulator = await startTestEmulator({ faults: 'lro=1s' });
    const sample = await sampleWorkspace(emulator);
    notebookUrl = `/workspaces/${sample.workspaceId}/notebooks/${sample.items['Hello Fabric']!.id}`;
  });
  after(stopTestEmulators);

  it('getDefinition: 202 with Location, x-ms-operation-id and Retry-After, Running then Succeeded, then the result', async () => {
    const answer = await call(emulator, 'POST', `${notebookUrl}/getDefinition`);
    assert.equal(answer.status, 202);
    const operationId = answer.headers.get('x-ms-operation-id')!;
    const location = answer.headers.get('location')!;
    assert.equal(location, `${emulator.baseUrl}/operations/${operationId}`);
    assert.ok(Number(answer.headers.get('retry-after')) >= 1);

    const running = await call(emulator, 'GET', location);
    assert.equal(running.status, 200);
    assert.equal(running.body.status, 'Running');
    assert.ok(running.body.percentComplete < 100);
    const early = await call(emulator, 'GET', `${location}/result`);
    assert.equal(early.status, 400);
    assert.equal(early.body.errorCode, 'OperationNotSucceeded');

    const done = await waitForOperation(emulator, location);
    assert.equal(done.body.status, 'Succeeded');
    assert.equal(done.body.percentComplete, 100);
    assert.equal(done.headers.get('location'), `${location}/result`);
    const result = await call(emulator, 'GET', done.headers.get('location')!);
    assert.equal(result.status, 200);
    assert.match(filesOf(result.body.definition)['notebook-content.py']!, /# Fabric notebook source/);
  });

  it('updateDefinition: its operation succeeds with no result (/result → 400 OperationHasNoResult)', async () => {
    emulator.setFaults('lro=20ms');
    const definition = definitionOf({ 'notebook-content.py': '# Fabric notebook source\n\n# CELL ********************\n\nprint(1)\n' });
    const answer = await call(emulator, 'POST', `${notebookUrl}/updateDefinition`, { definition });
    assert.equal(answer.status, 202);
    const done = await waitForOperation(emulator, answer.headers.get('location')!);
    assert.equal(done.body.status, 'Succeeded');
    assert.equal(done.headers.get('location'), null);
    const result = await call(emulator, 'GET', `${answer.headers.get('location')}/result`);
    assert.equal(result.status, 400);
    assert.equal(result.body.errorCode, 'OperationHasNoResult');
  });

  it('answers 404 OperationNotFound to an unknown operation', async () => {
    const answer = await call(emulator, 'GET', '/operations/00000000-0000-0000-0000-000000000000');
    assert.equal(answer.status, 404);
    assert.equal(answer.body.errorCode, 'OperationNotFound');
  });
});
