import * as assert from 'node:assert/strict';
import { accepted, operationState, ScriptedServer, useScriptedServer } from './scriptedServer';
import { testClient } from './testClient';

const DEFINITION = { parts: [{ path: 'notebook-content.py', payload: 'IyBGYWJyaWMgbm90ZWJvb2sgc291cmNl', payloadType: 'InlineBase64' }] };
const ITEM = { id: 'it1', type: 'Notebook', displayName: 'Hello', workspaceId: 'ws' };

describe('long-running operations', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  it('takes a 200 answer as the result without polling', async () => {
    server.on('POST', '/workspaces/ws/items/it1/getDefinition', { body: { definition: DEFINITION } });
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(await client.getDefinition('ws', 'it1'), DEFINITION);
    assert.equal(server.requests.length, 1);
  });

  it('follows 202 → Running → Succeeded → /result for createItem', async () => {
    server
      .on('POST', '/workspaces/ws/items', accepted(server, 'op1', '1'))
      .on(
        'GET',
        '/operations/op1',
        operationState(server, 'op1', 'NotStarted'),
        operationState(server, 'op1', 'Running'),
        operationState(server, 'op1', 'Succeeded', { withResult: true }),
      )
      .on('GET', '/operations/op1/result', { body: ITEM });
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(await client.createItem('ws', { displayName: 'Hello', type: 'Notebook' }), ITEM);
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      ['POST /workspaces/ws/items', 'GET /operations/op1', 'GET /operations/op1', 'GET /operations/op1', 'GET /operations/op1/result'],
    );
    assert.deepEqual(JSON.parse(server.requests[0]!.body), { displayName: 'Hello', type: 'Notebook' });
  });

  it('reads the result of getDefinition even when the final state has no Location', async () => {
    server
      .on('POST', '/workspaces/ws/items/it1/getDefinition', accepted(server, 'op2'))
      .on('GET', '/operations/op2', operationState(server, 'op2', 'Succeeded'))
      .on('GET', '/operations/op2/result', { body: { definition: DEFINITION } });
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(await client.getDefinition('ws', 'it1', { format: 'ipynb' }), DEFINITION);
    assert.equal(server.requests[0]!.query.get('format'), 'ipynb');
  });

  it('ends updateDefinition at Succeeded when the operation has no result', async () => {
    server
      .on('POST', '/workspaces/ws/items/it1/updateDefinition', accepted(server, 'op3'))
      .on('GET', '/operations/op3', operationState(server, 'op3', 'Running'), operationState(server, 'op3', 'Succeeded'));
    const { client } = testClient(server.baseUrl);
    await client.updateDefinition('ws', 'it1', DEFINITION as never, { updateMetadata: true });
    assert.equal(server.calls('GET', '/operations/op3/result').length, 0);
    assert.equal(server.requests[0]!.query.get('updateMetadata'), 'true');
    assert.deepEqual(JSON.parse(server.requests[0]!.body), { definition: DEFINITION });
  });

  it('raises the operation error of a Failed operation as a FabricError', async () => {
    const error = { errorCode: 'CorruptedPayload', message: 'The notebook part is not valid.', requestId: 'rq-op4' };
    server
      .on('POST', '/workspaces/ws/items/it1/updateDefinition', accepted(server, 'op4'))
      .on('GET', '/operations/op4', operationState(server, 'op4', 'Running'), operationState(server, 'op4', 'Failed', { error }));
    const { client } = testClient(server.baseUrl);
    await assert.rejects(client.updateDefinition('ws', 'it1', DEFINITION as never), (e: Record<string, unknown>) => {
      assert.equal(e.name, 'FabricError');
      assert.equal(e.errorCode, 'CorruptedPayload');
      assert.equal(e.message, 'The notebook part is not valid.');
      assert.equal(e.requestId, 'rq-op4');
      assert.equal(e.operationId, 'op4');
      assert.match(String(e.userMessage), /Request ID: rq-op4/);
      return true;
    });
  });

  it('treats an Undefined status as a failure', async () => {
    server
      .on('POST', '/workspaces/ws/items/it1/updateDefinition', accepted(server, 'op5'))
      .on('GET', '/operations/op5', operationState(server, 'op5', 'Undefined'));
    const { client } = testClient(server.baseUrl);
    await assert.rejects(client.updateDefinition('ws', 'it1', DEFINITION as never), { name: 'FabricError', errorCode: 'OperationUndefined' });
  });

  it('stops polling at once when the caller aborts', async () => {
    const controller = new AbortController();
    server.on('POST', '/workspaces/ws/items/it1/getDefinition', accepted(server, 'op6', '30')).on('GET', '/operations/op6', () => {
      setImmediate(() => controller.abort());
      return operationState(server, 'op6', 'Running');
    });
    // Real waits: after the first poll the next is 30 s away, past mocha's timeout unless the abort cuts it short.
    const { client } = testClient(server.baseUrl, { waitScale: 1, lroPoll: { firstDelayMs: 1, growth: 1e6 } });
    await assert.rejects(client.getDefinition('ws', 'it1', {}, { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(server.calls('GET', '/operations/op6').length, 1);
  });

  it('gives up after maxWaitMs with OperationTimedOut', async () => {
    server.on('POST', '/workspaces/ws/items', accepted(server, 'op7', '0')).on('GET', '/operations/op7', operationState(server, 'op7', 'Running'));
    const { client } = testClient(server.baseUrl, { waitScale: 1 });
    await assert.rejects(client.createItem('ws', { displayName: 'Slow', type: 'Notebook' }, { maxWaitMs: 50 }), (e: Record<string, unknown>) => {
      assert.equal(e.errorCode, 'OperationTimedOut');
      assert.equal(e.operationId, 'op7');
      return true;
    });
    assert.equal(server.calls('GET', '/operations/op7').length, 1, 'one last poll at the deadline');
  });
});
