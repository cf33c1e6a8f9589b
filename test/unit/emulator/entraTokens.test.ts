import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Emulator } from '../../../src/emulator';
import { createDevEntraToken, FABRIC_AUDIENCE } from '../../../src/emulator/entraTokens';
import { FabricClient, FunctionTokenProvider } from '../../../src/fabric';
import { runCli } from './cliProcess';
import { startTestEmulator, stopTestEmulators, type Json } from './emulatorHarness';
import { tlsCall } from './tlsClient';

const claimsOf = (token: string): Json => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
const jwt = (claims: Record<string, unknown>): string =>
  [{ typ: 'JWT', alg: 'RS256' }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2ln';
const now = () => Math.floor(Date.now() / 1000);

describe('emulator Entra-shaped tokens (--accept-entra-tokens), over HTTPS', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let ca: Buffer;
  const listWith = (token: string) => tlsCall('GET', `${emulator.baseUrl}/workspaces`, { ca, token });

  before(async () => {
    emulator = await startTestEmulator({ https: true, acceptEntraTokens: true });
    ca = readFileSync(emulator.caFile!);
  });
  after(stopTestEmulators);

  it('prints with `token` an unsigned JWT for the Fabric audience, valid one hour, that the emulator accepts', async () => {
    const cli = runCli(['token']);
    assert.deepEqual(await cli.exited, { code: 0, signal: null });
    const token = cli.output().trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'three base64url segments, the last one non-empty');
    const claims = claimsOf(token);
    assert.equal(claims.aud, FABRIC_AUDIENCE);
    assert.equal(claims.iss, `https://sts.windows.net/${claims.tid}/`);
    assert.equal(claims.exp - claims.iat, 3600);
    assert.equal(claims.nbf, claims.iat);
    assert.ok(claims.oid && claims.upn && claims.name);
    assert.equal(claims.scp, 'Workspace.ReadWrite.All Item.ReadWrite.All Item.Execute.All');

    const answer = await listWith(token);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.value[0].displayName, 'Sample workspace');
  });

  it('accepts the Power BI audience, which Fabric accepts and which `fab` and `az account get-access-token` hand out', async () => {
    assert.equal((await listWith(createDevEntraToken({ audience: 'https://analysis.windows.net/powerbi/api' }))).status, 200);
  });

  it('accepts an unsigned (alg: none) token with an empty signature and the longest lifetime Entra issues, 28 hours', async () => {
    const unsigned =
      [
        { alg: 'none', typ: 'JWT' },
        { aud: FABRIC_AUDIENCE, iat: now(), nbf: now(), exp: now() + 28 * 3600 },
      ]
        .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
        .join('.') + '.';
    assert.equal((await listWith(unsigned)).status, 200);
  });

  it('accepts the audience with a trailing slash, and still the development token', async () => {
    assert.equal((await listWith(createDevEntraToken({ audience: `${FABRIC_AUDIENCE}/` }))).status, 200);
    assert.equal((await listWith(emulator.token)).status, 200);
  });

  const refusals: [string, () => string, string][] = [
    ['another audience', () => createDevEntraToken({ audience: 'https://management.azure.com' }), 'InvalidToken'],
    ['an expired token', () => createDevEntraToken({ issuedAt: now() - 7200 }), 'TokenExpired'],
    ['a token without exp', () => jwt({ aud: FABRIC_AUDIENCE }), 'InvalidToken'],
    ['a token not valid before tomorrow', () => jwt({ aud: FABRIC_AUDIENCE, nbf: now() + 86_400, exp: now() + 90_000 }), 'InvalidToken'],
    [
      'an alg:none token with an empty signature valid for centuries',
      () =>
        [{ alg: 'none' }, { aud: FABRIC_AUDIENCE, iat: now(), exp: now() + 100 * 365 * 86_400 }]
          .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
          .join('.') + '.',
      'InvalidToken',
    ],
    ['a token without iat or nbf that expires in 29 hours', () => jwt({ aud: FABRIC_AUDIENCE, exp: now() + 29 * 3600 }), 'InvalidToken'],
    ['a token issued yesterday that lives 48 hours', () => createDevEntraToken({ issuedAt: now() - 86_400, lifetimeSeconds: 48 * 3600 }), 'InvalidToken'],
    [
      'a token issued in the future that lives an hour but expires in centuries',
      () => jwt({ aud: FABRIC_AUDIENCE, iat: now() + 3e9, exp: now() + 3e9 + 3600 }),
      'InvalidToken',
    ],
    ['three segments that are not JSON', () => 'abc.def.ghi', 'InvalidToken'],
    ['garbage', () => 'not a token at all', 'InvalidToken'],
  ];
  for (const [what, token, errorCode] of refusals) {
    it(`answers 401 ${errorCode} to ${what}, in the ErrorResponse shape`, async () => {
      const answer = await listWith(token());
      assert.equal(answer.status, 401);
      assert.equal(answer.body.errorCode, errorCode);
      assert.equal(answer.headers['x-ms-public-api-error-code'], errorCode);
      assert.match(answer.body.requestId, /^[0-9a-f-]{36}$/);
    });
  }
});

describe('emulator without --accept-entra-tokens', () => {
  after(stopTestEmulators);

  it('refuses a well-formed Entra-shaped token with 401 InvalidToken', async () => {
    const emulator = await startTestEmulator({ sample: false });
    const answer = await tlsCall('GET', `${emulator.baseUrl}/workspaces`, { token: createDevEntraToken() });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.errorCode, 'InvalidToken');
  });
});

describe("the project's FabricClient against an emulator accepting Entra tokens", () => {
  after(stopTestEmulators);

  it('gets a new token after TokenExpired and succeeds', async () => {
    const emulator = await startTestEmulator({ acceptEntraTokens: true });
    // The first token claims a long life to the client but its exp has passed, as after a clock jump.
    const tokens = [createDevEntraToken({ issuedAt: now() - 7200 }), createDevEntraToken()];
    let asked = 0;
    const client = new FabricClient({
      baseUrl: emulator.baseUrl,
      tokenProvider: new FunctionTokenProvider(async () => ({ token: tokens[asked++]!, expiresOnTimestamp: Date.now() + 3_600_000 })),
      waitScale: 0.01,
    });
    const names: string[] = [];
    for await (const ws of client.listWorkspaces()) names.push(ws.displayName);
    assert.deepEqual(names, ['Sample workspace']);
    assert.equal(asked, 2);
  });
});
