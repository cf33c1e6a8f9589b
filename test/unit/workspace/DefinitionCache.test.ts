import * as assert from 'node:assert/strict';
import { DefinitionCache, DefinitionConflictError, listFolder } from '../../../src/workspace/DefinitionCache';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Item } from '../../../src/fabric/types';
import { startFixture, text, type Fixture } from './emulatorFixture';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('DefinitionCache against the emulator', () => {
  let fx: Fixture;
  let workspaceId: string;

  before(async () => {
    fx = await startFixture();
    workspaceId = (await fx.client.createWorkspace({ displayName: 'Cache' })).id;
  });
  after(() => fx.close());
  beforeEach(() => fx.calls.clear());

  async function pipeline(name: string): Promise<Item> {
    const content = JSON.stringify({ properties: { activities: [] } });
    const item = await fx.client.createItem(workspaceId, {
      displayName: name,
      type: 'DataPipeline',
      definition: encodeDefinition([{ path: 'pipeline-content.json', content: bytes(content) }]),
    });
    fx.calls.clear();
    return { ...item, workspaceId };
  }

  it('fetches a definition once for any number of concurrent part reads', async () => {
    const item = await pipeline('Many reads');
    const cache = new DefinitionCache(() => fx.counted);
    const reads = await Promise.all(Array.from({ length: 40 }, () => cache.readPart(item, 'pipeline-content.json')));
    assert.ok(reads.every((r) => text(r).includes('activities')));
    assert.ok(cache.peek(item)?.files.has('.platform'));
    assert.equal(fx.calls.get('getDefinition'), 1);
  });

  it('saves with one read and one upload, and the change reaches Fabric', async () => {
    const item = await pipeline('Saved');
    const cache = new DefinitionCache(() => fx.counted);
    await cache.readPart(item, 'pipeline-content.json');
    fx.calls.clear();
    const changed = JSON.stringify({ properties: { activities: [{ name: 'Wait1', type: 'Wait', typeProperties: { waitTimeInSeconds: 1 } }] } });
    await cache.save(item, new Map([['pipeline-content.json', bytes(changed)]]));
    assert.equal(fx.calls.get('getDefinition'), 1);
    assert.equal(fx.calls.get('updateDefinition'), 1);
    const remote = decodeDefinition(await fx.client.getDefinition(workspaceId, item.id));
    assert.match(text(remote.find((f) => f.path === 'pipeline-content.json')?.content), /Wait1/);
    // A second save after the first is no conflict with itself.
    await cache.save(item, new Map([['pipeline-content.json', bytes(JSON.stringify({ properties: { activities: [] } }))]]));
  });

  it('refuses to overwrite a change made elsewhere, until forced', async () => {
    const item = await pipeline('Conflicted');
    const cache = new DefinitionCache(() => fx.counted);
    await cache.readPart(item, 'pipeline-content.json');
    const theirs = JSON.stringify({ properties: { activities: [], description: 'theirs' } });
    const current = decodeDefinition(await fx.client.getDefinition(workspaceId, item.id)).map((f) =>
      f.path === 'pipeline-content.json' ? { ...f, content: bytes(theirs) } : f,
    );
    await fx.client.updateDefinition(workspaceId, item.id, encodeDefinition(current));
    fx.calls.clear();
    const mine = JSON.stringify({ properties: { activities: [], description: 'mine' } });
    await assert.rejects(cache.save(item, new Map([['pipeline-content.json', bytes(mine)]])), (error: unknown) => {
      assert.ok(error instanceof DefinitionConflictError);
      assert.match(text(error.remote.files.get('pipeline-content.json')), /theirs/);
      return true;
    });
    assert.equal(fx.calls.get('updateDefinition'), undefined, 'nothing uploaded');
    await cache.save(item, new Map([['pipeline-content.json', bytes(mine)]]), { force: true });
    const remote = decodeDefinition(await fx.client.getDefinition(workspaceId, item.id));
    assert.match(text(remote.find((f) => f.path === 'pipeline-content.json')?.content), /mine/);
  });

  it('applies a .platform change with updateMetadata (the item is renamed)', async () => {
    const item = await pipeline('Before');
    const cache = new DefinitionCache(() => fx.counted);
    const platform = JSON.parse(text(await cache.readPart(item, '.platform')));
    platform.metadata.displayName = 'After';
    await cache.save(item, new Map([['.platform', bytes(JSON.stringify(platform, null, 2))]]));
    assert.equal((await fx.client.getItem(workspaceId, item.id)).displayName, 'After');
  });

  it('saves parts saved together one after another: no edit is lost, the waiting ones go up together', async () => {
    const parts = ['pipeline-content.json', 'a.json', 'b.json', 'c.json'];
    const created = await fx.client.createItem(workspaceId, {
      displayName: 'Saved together',
      type: 'DataPipeline',
      definition: encodeDefinition(parts.map((p) => ({ path: p, content: bytes('{"properties":{"activities":[]}}') }))),
    });
    const item = { ...created, workspaceId };
    const cache = new DefinitionCache(() => fx.counted);
    for (const part of parts) await cache.readPart(item, part);
    fx.calls.clear();
    const edits = parts.slice(1).map((part) => cache.save(item, new Map([[part, bytes(JSON.stringify({ edited: part }))]])));
    await Promise.all(edits);
    const remote = decodeDefinition(await fx.client.getDefinition(workspaceId, item.id));
    for (const part of parts.slice(1)) assert.equal(text(remote.find((f) => f.path === part)?.content), JSON.stringify({ edited: part }), part);
    assert.equal(fx.calls.get('updateDefinition'), 2, 'the first alone, the two that waited together');
  });

  it('rejects only the save whose copy is stale when saves go up together', async () => {
    const created = await fx.client.createItem(workspaceId, {
      displayName: 'Partly stale',
      type: 'DataPipeline',
      definition: encodeDefinition(['pipeline-content.json', 'a.json', 'b.json'].map((p) => ({ path: p, content: bytes('{}') }))),
    });
    const item = { ...created, workspaceId };
    const cache = new DefinitionCache(() => fx.counted);
    await cache.readPart(item, 'a.json');
    // Changed elsewhere; then b.json is read afresh, so only a.json's editor shows the old copy.
    const theirs = decodeDefinition(await fx.client.getDefinition(workspaceId, item.id)).map((f) =>
      f.path === 'pipeline-content.json' ? { ...f, content: bytes('{"theirs":1}') } : f,
    );
    await fx.client.updateDefinition(workspaceId, item.id, encodeDefinition(theirs));
    cache.invalidate(workspaceId, item.id);
    await cache.readPart(item, 'b.json');
    fx.calls.clear();
    const first = cache.save(item, new Map([['pipeline-content.json', bytes('{"mine":1}')]]));
    const stale = cache.save(item, new Map([['a.json', bytes('{"a":1}')]]));
    const fresh = cache.save(item, new Map([['b.json', bytes('{"b":1}')]]));
    await first;
    await assert.rejects(stale, DefinitionConflictError);
    await fresh;
    assert.equal(fx.calls.get('updateDefinition'), 2);
    const remote = new Map(decodeDefinition(await fx.client.getDefinition(workspaceId, item.id)).map((f) => [f.path, text(f.content)]));
    assert.deepEqual([remote.get('pipeline-content.json'), remote.get('a.json'), remote.get('b.json')], ['{"mine":1}', '{}', '{"b":1}']);
  });

  it('does not cache a failed read', async () => {
    const item = await pipeline('Flaky');
    // First through a port nothing listens on, then through the emulator.
    let client = new FabricClient({ baseUrl: 'http://127.0.0.1:9/v1', tokenProvider: new StaticTokenProvider('x'), userAgent: 'tests' });
    const cache = new DefinitionCache(() => client);
    await assert.rejects(cache.get(item));
    client = fx.counted;
    assert.ok((await cache.get(item)).files.has('pipeline-content.json'));
  });

  it('lists the folders and files of a definition', () => {
    const files = new Map([
      ['.platform', bytes('')],
      ['definition/model.tmdl', bytes('')],
      ['definition/tables/T.tmdl', bytes('')],
      ['definition.pbism', bytes('')],
    ]);
    assert.deepEqual(listFolder(files, ''), [
      ['.platform', false],
      ['definition', true],
      ['definition.pbism', false],
    ]);
    assert.deepEqual(listFolder(files, 'definition'), [
      ['model.tmdl', false],
      ['tables', true],
    ]);
    // Names VS Code would resolve to another place are left out.
    const hostile = new Map([...files, ['../../x.txt', bytes('')], ['definition/../y.txt', bytes('')], ['./z', bytes('')], ['a//b', bytes('')]]);
    assert.deepEqual(listFolder(hostile, ''), listFolder(files, ''));
    assert.deepEqual(listFolder(hostile, 'definition'), listFolder(files, 'definition'));
  });
});
