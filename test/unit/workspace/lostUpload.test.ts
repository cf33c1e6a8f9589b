// A save whose upload got no answer (connection dropped, or a 500, after Fabric may have applied
// it) is checked against Fabric before it is sent again, so a repeat never overwrites a save made
// in between. Fabric is played by a scripted server holding one item's definition.
import * as assert from 'node:assert/strict';
import { DefinitionCache, DefinitionConflictError } from '../../../src/workspace/DefinitionCache';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Item, ItemDefinition } from '../../../src/fabric/types';
import { ScriptedServer, useScriptedServer, type Reply } from '../fabric/scriptedServer';
import { testClient } from '../fabric/testClient';

const PART = 'pipeline-content.json';
const ITEM: Item = { id: 'it1', workspaceId: 'ws', type: 'DataPipeline', displayName: 'Load' };
const definitionOf = (content: string): ItemDefinition => encodeDefinition([{ path: PART, content: Buffer.from(content) }]);
const contentOf = (definition: ItemDefinition): string => Buffer.from(decodeDefinition(definition).find((f) => f.path === PART)!.content).toString('utf8');
const sent = (body: string): ItemDefinition => (JSON.parse(body) as { definition: ItemDefinition }).definition;

/** How the first upload's answer is lost. */
const LOST: [string, Reply][] = [
  ['the connection drops', { destroy: true }],
  ['Fabric answers 500', { status: 500, body: { errorCode: 'InternalServerError', message: 'Oops.' } }],
];

describe('a save whose answer was lost', () => {
  let server: ScriptedServer;
  /** What Fabric holds. */
  let stored: ItemDefinition;
  useScriptedServer((s) => (server = s));

  /** Plays Fabric: getDefinition answers what it holds; each upload answer is scripted. */
  function fabric(...uploads: ((definition: ItemDefinition) => Reply)[]): DefinitionCache {
    stored = definitionOf('{"v":1}');
    server
      .on('POST', '/workspaces/ws/items/it1/getDefinition', () => ({ body: { definition: stored } }))
      .on('POST', '/workspaces/ws/items/it1/updateDefinition', ...uploads.map((upload) => (request: { body: string }) => upload(sent(request.body))));
    const { client } = testClient(server.baseUrl);
    return new DefinitionCache(() => client);
  }
  const applied = (definition: ItemDefinition): Reply => {
    stored = definition;
    return { status: 200 };
  };
  const uploads = () => server.calls('POST', '/workspaces/ws/items/it1/updateDefinition').length;

  for (const [how, lost] of LOST) {
    it(`is not sent again when Fabric had applied it (${how})`, async () => {
      const cache = fabric((definition) => ({ ...applied(definition), ...lost }), applied);
      await cache.readPart(ITEM, PART);
      await cache.save(ITEM, new Map([[PART, Buffer.from('{"v":2}')]]));
      assert.equal(uploads(), 1);
      assert.equal(contentOf(stored), '{"v":2}');
    });

    it(`does not overwrite a save made in between, and reports a conflict (${how})`, async () => {
      const cache = fabric((definition) => {
        applied(definition);
        stored = definitionOf('{"v":"theirs"}');
        return lost;
      }, applied);
      await cache.readPart(ITEM, PART);
      await assert.rejects(cache.save(ITEM, new Map([[PART, Buffer.from('{"v":2}')]])), (error: unknown) => {
        assert.ok(error instanceof DefinitionConflictError);
        assert.equal(Buffer.from(error.remote.files.get(PART)!).toString('utf8'), '{"v":"theirs"}');
        return true;
      });
      assert.equal(uploads(), 1);
      assert.equal(contentOf(stored), '{"v":"theirs"}');
    });
  }

  it('is sent again when Fabric still holds what the save was based on', async () => {
    const cache = fabric(() => ({ destroy: true }), applied);
    await cache.readPart(ITEM, PART);
    await cache.save(ITEM, new Map([[PART, Buffer.from('{"v":2}')]]));
    assert.equal(uploads(), 2);
    assert.equal(contentOf(stored), '{"v":2}');
  });
});

describe('updateDefinition without an outcome check', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  it('is never sent again blindly after a lost answer or a timeout', async () => {
    for (const lost of [{ destroy: true }, { hang: true }] as Reply[]) {
      server.reset();
      server.on('POST', '/workspaces/ws/items/it1/updateDefinition', lost, { status: 200 });
      const { client } = testClient(server.baseUrl, { timeoutMs: 200 });
      await assert.rejects(client.updateDefinition('ws', 'it1', definitionOf('{}')), { name: 'FabricError', errorCode: 'NetworkError' });
      assert.equal(server.requests.length, 1);
    }
  });

  it('is sent again after a 429: Fabric did nothing', async () => {
    server.on(
      'POST',
      '/workspaces/ws/items/it1/updateDefinition',
      { status: 429, headers: { 'retry-after': '1' }, body: { errorCode: 'RequestBlocked', message: 'Blocked.' } },
      { status: 200 },
    );
    const { client } = testClient(server.baseUrl);
    await client.updateDefinition('ws', 'it1', definitionOf('{}'));
    assert.equal(server.requests.length, 2);
  });
});
