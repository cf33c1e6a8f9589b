import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import type { Emulator } from '../../../src/emulator';
import { createStats } from '../../../src/emulator/server';
import { call, startTestEmulator, stopTestEmulators, type Json } from './emulatorHarness';

describe('emulator auth and error shape', () => {
  let emulator: Emulator;

  before(async () => {
    emulator = await startTestEmulator({ token: 'secret-token', sample: false });
  });
  after(stopTestEmulators);

  it('binds to the loopback address only', () => {
    assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(emulator.baseUrl, `${emulator.url}/v1`);
    assert.ok(emulator.port > 0);
  });

  it("cannot be reached on the machine's other addresses", async function () {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) this.skip();
    await assert.rejects(fetch(`http://${external!.address}:${emulator.port}/v1/workspaces`));
  });

  it('answers 401 TokenIsMissing to a request without a token, in the ErrorResponse shape', async () => {
    const response = await fetch(`${emulator.baseUrl}/workspaces`);
    const body = (await response.json()) as Json;
    assert.equal(response.status, 401);
    assert.equal(body.errorCode, 'TokenIsMissing');
    assert.equal(typeof body.message, 'string');
    assert.ok(body.message.length > 0);
    assert.match(body.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('x-ms-public-api-error-code'), 'TokenIsMissing');
    assert.equal(response.headers.get('requestId'), body.requestId);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  });

  it('answers 401 InvalidToken to a wrong token, and never echoes it', async () => {
    const answer = await call(emulator, 'GET', '/workspaces', undefined, { Authorization: 'Bearer wrong-token' });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.errorCode, 'InvalidToken');
    assert.equal(answer.headers.get('x-ms-public-api-error-code'), 'InvalidToken');
    assert.doesNotMatch(JSON.stringify(answer.body), /wrong-token|secret-token/);
  });

  it('refuses a token sent without the Bearer scheme', async () => {
    const answer = await call(emulator, 'GET', '/workspaces', undefined, { Authorization: 'secret-token' });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.errorCode, 'InvalidToken');
  });

  it('accepts the right token', async () => {
    const answer = await call(emulator, 'GET', '/workspaces');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { value: [] });
  });

  it('gives every answer its own request id', async () => {
    const first = await call(emulator, 'GET', '/workspaces');
    const second = await call(emulator, 'GET', '/workspaces');
    assert.ok(first.headers.get('requestId'));
    assert.notEqual(first.headers.get('requestId'), second.headers.get('requestId'));
  });

  it('answers 400 InvalidRequest to a body that is not JSON', async () => {
    const response = await fetch(`${emulator.baseUrl}/workspaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' },
      body: '{"displayName": ',
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).errorCode, 'InvalidRequest');
  });

  it('counts requests per route, ids folded', async () => {
    emulator.stats.reset();
    await call(emulator, 'GET', '/workspaces/00000000-0000-0000-0000-000000000009');
    await call(emulator, 'GET', '/workspaces/00000000-0000-0000-0000-00000000000a');
    assert.equal(emulator.stats.requests, 2);
    assert.equal(emulator.stats.byRoute['GET /v1/workspaces/{id}'], 2);
  });

  it('keeps its per-route counts bounded when every request names another made-up path', () => {
    const stats = createStats();
    for (let i = 0; i < 2100; i++) stats.count(`GET /v1/made-up-${i}`);
    stats.count('GET /v1/made-up-0');
    assert.equal(Object.keys(stats.byRoute).length, 2001);
    assert.equal(stats.byRoute['GET /v1/made-up-0'], 2, 'a path counted before the bound goes on being counted');
    assert.equal(stats.byRoute['other routes'], 100, 'the paths past the bound count as one');
  });
});
