import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { FabricError, retryDelayMs, type RetryWait } from '../../../src/fabric';
import { ScriptedServer, useScriptedServer } from './scriptedServer';
import { testClient } from './testClient';

const WORKSPACE = { id: 'ws', displayName: 'Sales', description: '' };
const ITEM = { id: 'it1', type: 'Notebook', displayName: 'Hello', workspaceId: 'ws' };
const serverError = { status: 500, body: { errorCode: 'InternalServerError', message: 'Something broke.' } };
const throttled = (retryAfter: string) => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  body: { errorCode: 'RequestBlocked', message: 'Request is blocked by the upstream service.' },
});

describe('retries', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  it('waits out a 429 and sends the GET again', async () => {
    server.on('GET', '/workspaces/ws', throttled('0.5'), throttled('1'), { body: WORKSPACE });
    const { client, logs } = testClient(server.baseUrl);
    assert.deepEqual(await client.getWorkspace('ws'), WORKSPACE);
    assert.equal(server.requests.length, 3);
    assert.ok(
      logs.some((l) => /retry 1 of 4 in 500 ms after 429/.test(l)),
      logs.join('\n'),
    );
  });

  it('retries a GET after a 5xx', async () => {
    server.on('GET', '/workspaces/ws', serverError, { status: 503, body: '' }, { body: WORKSPACE });
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(await client.getWorkspace('ws'), WORKSPACE);
    assert.equal(server.requests.length, 3);
  });

  it("gives up after the last retry with the server's error", async () => {
    server.on('GET', '/workspaces/ws', serverError);
    const { client } = testClient(server.baseUrl, { retry: { maxRetries: 2 } });
    await assert.rejects(client.getWorkspace('ws'), { name: 'FabricError', status: 500, errorCode: 'InternalServerError' });
    assert.equal(server.requests.length, 3);
  });

  it('retries a GET whose connection was dropped', async () => {
    server.on('GET', '/workspaces/ws', { destroy: true }, { body: WORKSPACE });
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(await client.getWorkspace('ws'), WORKSPACE);
    assert.equal(server.requests.length, 2);
  });

  it('does not send createItem again after a 500: the item may exist', async () => {
    server.on('POST', '/workspaces/ws/items', serverError, { status: 201, body: ITEM });
    const { client } = testClient(server.baseUrl);
    await assert.rejects(client.createItem('ws', { displayName: 'Hello', type: 'Notebook' }), { status: 500 });
    assert.equal(server.requests.length, 1);
  });

  it('does not run a job again after a dropped connection', async () => {
    server.on('POST', '/workspaces/ws/notebooks/nb/jobs/execute/instances', { destroy: true });
    const { client } = testClient(server.baseUrl);
    await assert.rejects(client.runNotebook('ws', 'nb'), { name: 'FabricError', status: 0, errorCode: 'NetworkError' });
    assert.equal(server.requests.length, 1);
  });

  it('sends createItem again after a 429: the server did nothing', async () => {
    server.on('POST', '/workspaces/ws/items', throttled('0'), { status: 201, body: ITEM });
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(await client.createItem('ws', { displayName: 'Hello', type: 'Notebook' }), ITEM);
    assert.equal(server.requests.length, 2);
  });

  it('sends createItem again when the connection was refused before sending', async () => {
    const port = await closedPort();
    const { client, logs } = testClient(`http://127.0.0.1:${port}/v1`, { retry: { maxRetries: 2 } });
    await assert.rejects(client.createItem('ws', { displayName: 'Hello', type: 'Notebook' }), (e: FabricError) => {
      assert.equal(e.errorCode, 'NetworkError');
      assert.equal(e.moreDetails?.[0]?.errorCode, 'ECONNREFUSED');
      assert.match(e.userMessage, /Could not reach Microsoft Fabric/);
      return true;
    });
    assert.equal(logs.filter((l) => /retry \d of 2/.test(l)).length, 2);
  });

  it('stops waiting out a long Retry-After when the caller aborts', async () => {
    const controller = new AbortController();
    server.on('GET', '/workspaces/ws', () => {
      setImmediate(() => controller.abort());
      return throttled('60');
    });
    const { client } = testClient(server.baseUrl, { waitScale: 1 });
    await assert.rejects(client.getWorkspace('ws', { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(server.requests.length, 1);
  });

  it('takes "already gone" as success when a delete whose answer was lost is sent again', async () => {
    const notFound = { status: 404, body: { errorCode: 'ItemNotFound', message: 'The requested item was not found.' } };
    server.on('DELETE', '/workspaces/ws/items/it1', { destroy: true }, notFound);
    const { client } = testClient(server.baseUrl);
    await client.deleteItem('ws', 'it1');
    assert.equal(server.requests.length, 2);
    // A first answer of 404 is still the caller's error: nothing was deleted.
    await assert.rejects(client.deleteItem('ws', 'it1'), { status: 404, errorCode: 'ItemNotFound' });
  });

  it('gives up on an attempt that gets no answer, tries once more, and stops at the second timeout', async () => {
    server.on('GET', '/workspaces/ws', { hang: true });
    const { client } = testClient(server.baseUrl, { timeoutMs: 100 });
    await assert.rejects(client.getWorkspace('ws'), (e: FabricError) => {
      assert.equal(e.errorCode, 'NetworkError');
      assert.equal(e.moreDetails?.[0]?.errorCode, 'ETIMEDOUT');
      assert.match(e.userMessage, /no answer within/);
      return true;
    });
    assert.equal(server.requests.length, 2);
  });

  it('sends again a GET that timed out once', async () => {
    server.on('GET', '/workspaces/ws', { hang: true }, { body: WORKSPACE });
    const { client } = testClient(server.baseUrl, { timeoutMs: 100 });
    assert.deepEqual(await client.getWorkspace('ws'), WORKSPACE);
  });

  for (const [retryAfter, waitScale] of [
    ['3600', 0.001],
    ['2200000', 1],
  ] as const) {
    it(`fails at once, saying when to try again, when Retry-After (${retryAfter} s) is beyond the longest wait`, async () => {
      server.on('GET', '/workspaces/ws', throttled(retryAfter), { body: WORKSPACE });
      const { client } = testClient(server.baseUrl, { waitScale });
      await assert.rejects(client.getWorkspace('ws'), (e: FabricError) => e.status === 429 && e.userMessage.includes(`retry after ${retryAfter} s`));
      assert.equal(server.requests.length, 1);
    });
  }

  it('reports a long wait to the caller, whose cancel aborts the request', async () => {
    server.on('GET', '/workspaces/ws', throttled('42'), { body: WORKSPACE });
    const waits: RetryWait[] = [];
    const { client } = testClient(server.baseUrl, {
      waitScale: 1,
      onRetryWait: (wait) => {
        waits.push(wait);
        wait.cancel();
      },
    });
    await assert.rejects(client.getWorkspace('ws'), { name: 'AbortError' });
    await waits[0]?.done;
    assert.deepEqual(
      waits.map(({ request, throttled, delayMs }) => ({ request, throttled, delayMs })),
      [{ request: 'GET /v1/workspaces/ws', throttled: true, delayMs: 42_000 }],
    );
    assert.equal(server.requests.length, 1);
  });

  it('does not report a short wait', async () => {
    server.on('GET', '/workspaces/ws', throttled('1'), { body: WORKSPACE });
    const waits: RetryWait[] = [];
    const { client } = testClient(server.baseUrl, { onRetryWait: (wait) => waits.push(wait) });
    assert.deepEqual(await client.getWorkspace('ws'), WORKSPACE);
    assert.equal(waits.length, 0);
  });

  it('backs off with full jitter, capped', () => {
    const error = new FabricError({ status: 503, errorCode: 'ServiceUnavailable', message: 'busy' });
    const options = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };
    assert.equal(
      retryDelayMs(error, 3, 'idempotent', options, () => 1),
      800,
    );
    assert.equal(
      retryDelayMs(error, 6, 'idempotent', options, () => 1),
      1000,
    );
    assert.equal(
      retryDelayMs(error, 6, 'idempotent', options, () => 0.25),
      250,
    );
    assert.equal(retryDelayMs(error, 0, 'once', options), undefined);
    assert.equal(retryDelayMs(error, 10, 'idempotent', options), undefined);
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
