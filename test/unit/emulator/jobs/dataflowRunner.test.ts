import assert from 'node:assert/strict';
import { fileText } from '../../../../src/fabric/definition';
import { createJobRunner, normalizeDataflowParts } from '../../../../src/emulator/jobs';
import { validateMashup } from '../../../../src/fabric/definition';
import { TestTenant } from './testTenant';

const MASHUP = 'section Section1;\r\nshared Query = let\n Source = Table.FromRows({{1, "Bob"}}, {"CustomerID", "Name"})\nin\n Source;\r\n';
const BROKEN_MASHUP = 'section Section1;\nshared Query = let\n Source = Table.FromRows(\n    {{1, "Bob"}},\nin\n Source;\n';

/** The editing-session document of the Dataflow Gen2 API page's "Create a dataflow with definition" sample. */
const LEGACY_CONTENT = JSON.stringify({
  editingSessionMashup: {
    mashupName: '',
    mashupDocument: MASHUP,
    queryGroups: [],
    documentLocale: 'en-US',
    gatewayObjectId: null,
    queriesMetadata: null,
    fastCombine: false,
    allowNativeQueries: true,
  },
});

describe('emulator dataflow runner', () => {
  it('fails a publish with a syntax error, naming its 1-based line and column', async () => {
    const tenant = new TestTenant();
    const item = tenant.add('Dataflow', 'Dataflow 1', { 'mashup.pq': BROKEN_MASHUP, 'queryMetadata.json': '{}' });
    const outcome = await tenant.run(item, 'Publish');
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.failureReason?.errorCode, 'MashupSyntaxError');
    assert.match(outcome.failureReason?.message ?? '', /^mashup\.pq, line 5, column 1: Expected/);
    assert.equal(outcome.failureReason?.moreDetails?.[0].message, 'mashup.pq, line 5, column 1');
  });

  it('refuses to refresh a dataflow that was never published', async () => {
    const tenant = new TestTenant();
    const item = tenant.add('Dataflow', 'Dataflow 1', { 'mashup.pq': MASHUP });
    const outcome = await tenant.run(item, 'Refresh');
    assert.equal(outcome.status, 'Failed');
    assert.match(outcome.failureReason?.message ?? '', /Dataflow has not been published; publish it first/);
  });

  it('refreshes once published, and the published state survives export/import into a new runner', async () => {
    const tenant = new TestTenant();
    const item = tenant.add('Dataflow', 'Dataflow 1', { 'mashup.pq': MASHUP });
    assert.equal((await tenant.run(item, 'Publish')).status, 'Completed');
    assert.equal((await tenant.run(item, 'Refresh')).status, 'Completed');
    const state = tenant.runner.exportPublishedState();
    assert.equal(state[item.itemId].mashup, MASHUP);

    const restarted = new TestTenant(createJobRunner());
    restarted.items.set(item.itemId, item);
    assert.equal((await restarted.run(item, 'Execute')).status, 'Failed');
    restarted.runner.importPublishedState(JSON.parse(JSON.stringify(state)));
    assert.equal((await restarted.run(item, 'Execute')).status, 'Completed');
  });

  it('cancels a refresh', async () => {
    const tenant = new TestTenant(createJobRunner(), 1);
    const item = tenant.add('Dataflow', 'Dataflow 1', { 'mashup.pq': MASHUP });
    await tenant.run(item, 'ApplyChanges');
    const abort = new AbortController();
    const running = tenant.run(item, 'Refresh', [], abort.signal);
    abort.abort();
    assert.equal((await running).status, 'Cancelled');
  });

  it('turns a legacy dataflow-content.json into mashup.pq and queryMetadata.json, keeping .platform', async () => {
    const tenant = new TestTenant();
    const legacy = tenant.add('Dataflow', 'Legacy', { 'dataflow-content.json': LEGACY_CONTENT, '.platform': '{"metadata":{}}' });
    const files = normalizeDataflowParts(legacy.files);
    assert.deepEqual(files.map((f) => f.path).sort(), ['.platform', 'mashup.pq', 'queryMetadata.json']);
    const text = (path: string) => fileText(files.find((f) => f.path === path)!);
    assert.equal(text('mashup.pq'), MASHUP);
    assert.equal(text('.platform'), '{"metadata":{}}');
    const metadata = JSON.parse(text('queryMetadata.json')) as { documentLocale: string; queriesMetadata: Record<string, { queryName: string }> };
    assert.equal(metadata.documentLocale, 'en-US');
    assert.deepEqual(Object.keys(metadata.queriesMetadata), ['Query']);

    const normalized = tenant.add('Dataflow', 'Legacy', { 'mashup.pq': text('mashup.pq') });
    assert.equal((await tenant.run(normalized, 'Publish')).status, 'Completed');
  });

  it('validateMashup accepts a section document and locates lexer and parser errors', async () => {
    assert.deepEqual(await validateMashup(MASHUP), []);
    assert.deepEqual(await validateMashup('section S;\nshared A = 0x;\n'), [{ line: 2, column: 12, message: 'Expected a hex literal' }]);
    assert.equal((await validateMashup('section S;\nshared A = 1;\nshared B = 2 3;'))[0]?.column, 14);
    assert.match((await validateMashup('let x = 1 in x'))[0]?.message ?? '', /must be a section document/);
  });
});
