import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CachingTokenProvider, FabricError, FunctionTokenProvider, type AccessToken, type TokenProvider } from '../../../src/fabric';
import { ScriptedServer, useScriptedServer } from './scriptedServer';
import { TEST_TOKEN, testClient } from './testClient';

const WORKSPACE = { id: 'ws', displayName: 'Sales', description: '' };

/** Hands out token-1, token-2, … and counts the requests. */
class CountingProvider implements TokenProvider {
  calls = 0;
  async getToken(): Promise<AccessToken> {
    this.calls++;
    return { token: `secret-token-${this.calls}`, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describe('authentication', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  it('sends the bearer token and the User-Agent', async () => {
    server.on('GET', '/workspaces/ws', { body: WORKSPACE });
    const { client } = testClient(server.baseUrl);
    await client.getWorkspace('ws');
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${TEST_TOKEN}`);
    assert.equal(server.requests[0]!.headers['user-agent'], 'fabric-workbench-tests/0.0.0');
  });

  it('never lets the token into an error or a log line, even when the server echoes it', async () => {
    server.on('GET', '/workspaces/ws', (request) => ({
      status: 400,
      headers: { requestid: 'rq-echo' },
      body: {
        errorCode: 'InvalidInput',
        message: `Bad header: ${request.headers.authorization}`,
        requestId: 'rq-echo',
        moreDetails: [{ errorCode: 'Echo', message: `token=${TEST_TOKEN}` }],
      },
    }));
    const { client, logs } = testClient(server.baseUrl);
    const error = await client.getWorkspace('ws').then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof FabricError);
    const everything = [inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error), error.message, error.userMessage, error.stack, ...logs].join(
      '\n',
    );
    assert.ok(!everything.includes(TEST_TOKEN), everything);
    assert.ok(!everything.includes('c2VjcmV0LXNpZ25hdHVyZQ'), 'not even the signature part');
    assert.match(error.message, /Bad header: Bearer \*\*\*/);
    assert.ok(logs.some((l) => l.includes('rq-echo')));
  });

  it('masks an opaque (non-JWT) token the server echoes', async () => {
    const provider = new CountingProvider();
    server.on('GET', '/workspaces/ws', (request) => ({
      status: 403,
      body: { errorCode: 'InsufficientPrivileges', message: `raw ${String(request.headers.authorization).slice(7)}` },
    }));
    const { client, logs } = testClient(server.baseUrl, { tokenProvider: provider });
    const error = (await client.getWorkspace('ws').catch((e: unknown) => e)) as FabricError;
    assert.equal(error.message, 'raw ***');
    assert.ok(![inspect(error), ...logs].join('\n').includes('secret-token-1'));
  });

  it('asks for a new token once after 401 TokenExpired, then sends the request again', async () => {
    const provider = new CountingProvider();
    server.on('GET', '/workspaces/ws', { status: 401, headers: { 'x-ms-public-api-error-code': 'TokenExpired' }, body: '' }, { body: WORKSPACE });
    const { client } = testClient(server.baseUrl, { tokenProvider: provider });
    assert.deepEqual(await client.getWorkspace('ws'), WORKSPACE);
    assert.deepEqual(
      server.requests.map((r) => r.headers.authorization),
      ['Bearer secret-token-1', 'Bearer secret-token-2'],
    );
  });

  it("refreshes only once: a second TokenExpired is the caller's error", async () => {
    const provider = new CountingProvider();
    server.on('GET', '/workspaces/ws', { status: 401, body: { errorCode: 'TokenExpired', message: 'Token expired.' } });
    const { client } = testClient(server.baseUrl, { tokenProvider: provider });
    await assert.rejects(client.getWorkspace('ws'), (e: FabricError) => e.status === 401 && /Sign in again/.test(e.userMessage));
    assert.equal(server.requests.length, 2);
    assert.equal(provider.calls, 2);
  });

  it('reuses a token until shortly before it expires, and shares one request between callers', async () => {
    let now = 0;
    const provider = new CountingProvider();
    const inner = { getToken: async () => ({ ...(await provider.getToken()), expiresOnTimestamp: now + 10 * 60_000 }) };
    const cache = new CachingTokenProvider(inner, { refreshMarginMs: 3 * 60_000, now: () => now });
    const [a, b] = await Promise.all([cache.getToken(), cache.getToken()]);
    assert.equal(a.token, b.token);
    now = 6 * 60_000;
    assert.equal((await cache.getToken()).token, 'secret-token-1');
    now = 7 * 60_000 + 1;
    assert.equal((await cache.getToken()).token, 'secret-token-2');
    assert.equal(provider.calls, 2);
  });

  it('turns a provider failure into a FabricError asking to sign in again', async () => {
    const { client } = testClient(server.baseUrl, {
      tokenProvider: new FunctionTokenProvider(async () => {
        throw new Error('No session.');
      }),
    });
    await assert.rejects(client.getWorkspace('ws'), (e: FabricError) => e.errorCode === 'AuthenticationFailed' && /Sign in again/.test(e.userMessage));
    assert.equal(server.requests.length, 0);
  });

  it("reads a function token's expiry from its JWT exp claim", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const jwt = ['e30', Buffer.from(JSON.stringify({ exp })).toString('base64url'), 'sig'].join('.');
    const token = await new FunctionTokenProvider(async () => jwt).getToken();
    assert.equal(token.expiresOnTimestamp, exp * 1000);
  });
});
