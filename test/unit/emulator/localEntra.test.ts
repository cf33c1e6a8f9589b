import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { ClientCertificateCredential, ClientSecretCredential, type TokenCredentialOptions } from '@azure/identity';
import type { Emulator } from '../../../src/emulator';
import { FABRIC_AUDIENCE } from '../../../src/emulator/entraTokens';
import { runCli } from './cliProcess';
import { startTestEmulator, stopTestEmulators, tempDir, type Json } from './emulatorHarness';
import { tlsCall } from './tlsClient';

const TENANT = '3f0c52a4-6a43-4f9e-9d3c-2b1e5c7d9a10';
const CLIENT = '8d7f3b2e-1c4a-4e5b-9f6d-0a1b2c3d4e5f';
const OTHER_CLIENT = 'aa7f3b2e-1c4a-4e5b-9f6d-0a1b2c3d4e5f';
const SECRET = 'local~secret.value';
const claimsOf = (token: string): Json => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

/** A self-signed RSA certificate and its key in one PEM file, as ClientCertificateCredential reads it. */
function certificateFile(dir: string, name: string): { file: string; certificate: string } {
  const key = join(dir, `${name}-key.pem`);
  const cert = join(dir, `${name}-cert.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`], {
    stdio: 'ignore',
  });
  const file = join(dir, `${name}.pem`);
  writeFileSync(file, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
  return { file, certificate: readFileSync(cert, 'utf8') };
}

describe('emulator local Entra token endpoint (entraApps), with @azure/identity', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let ca: string;
  let registered: { file: string; certificate: string };
  let unregistered: { file: string; certificate: string };
  /** Pointed at the emulator as the extension points it (authorityHost, no instance discovery), trusting its CA. */
  const options = (): TokenCredentialOptions => ({ authorityHost: emulator.url, disableInstanceDiscovery: true, tlsOptions: { ca } }) as TokenCredentialOptions;
  const listWith = (token: string, target = emulator) => tlsCall('GET', `${target.baseUrl}/workspaces`, { ca: readFileSync(target.caFile!), token });

  before(async () => {
    const dir = tempDir('fabric-entra-certs-');
    registered = certificateFile(dir, 'registered');
    unregistered = certificateFile(dir, 'unregistered');
    emulator = await startTestEmulator({
      https: true,
      entraApps: [
        { tenantId: TENANT, clientId: CLIENT, secret: SECRET, certificate: registered.certificate },
        { tenantId: TENANT, clientId: OTHER_CLIENT, secret: 'other' },
      ],
    });
    ca = readFileSync(emulator.caFile!, 'utf8');
  });
  after(stopTestEmulators);

  it("issues a token for a client secret that lists workspaces, for the Fabric audience or the emulator's own address", async () => {
    const credential = new ClientSecretCredential(TENANT, CLIENT, SECRET, options());
    for (const audience of [FABRIC_AUDIENCE, emulator.url]) {
      const token = await credential.getToken(`${audience}/.default`);
      const claims = claimsOf(token.token);
      assert.equal(claims.aud, audience);
      assert.equal(claims.tid, TENANT);
      assert.equal(claims.appid, CLIENT);
      assert.equal(claims.idtyp, 'app');
      assert.ok(Math.abs(token.expiresOnTimestamp - (Date.now() + 3599_000)) < 60_000, 'an hour, as Entra');
      const answer = await listWith(token.token);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.value[0].displayName, 'Sample workspace');
    }
  });

  it('issues a token for a client assertion signed by the registered certificate', async () => {
    const credential = new ClientCertificateCredential(TENANT, CLIENT, { certificatePath: registered.file }, options());
    const token = await credential.getToken(`${emulator.url}/.default`);
    assert.equal(claimsOf(token.token).appid, CLIENT);
    assert.equal((await listWith(token.token)).status, 200);
  });

  const refusals: [string, () => Promise<unknown>, RegExp][] = [
    [
      'a wrong secret',
      () => new ClientSecretCredential(TENANT, CLIENT, 'wrong', options()).getToken(`${FABRIC_AUDIENCE}/.default`),
      /invalid_client.*AADSTS7000215/,
    ],
    [
      "another application's secret",
      () => new ClientSecretCredential(TENANT, CLIENT, 'other', options()).getToken(`${FABRIC_AUDIENCE}/.default`),
      /AADSTS7000215/,
    ],
    [
      'an unknown client id',
      () => new ClientSecretCredential(TENANT, '00000000-0000-4000-8000-000000000000', SECRET, options()).getToken(`${FABRIC_AUDIENCE}/.default`),
      /AADSTS700016/,
    ],
    [
      'an unknown tenant',
      () => new ClientSecretCredential('00000000-0000-4000-8000-000000000001', CLIENT, SECRET, options()).getToken(`${FABRIC_AUDIENCE}/.default`),
      /AADSTS90002/,
    ],
    [
      'a certificate that is not the registered one',
      () => new ClientCertificateCredential(TENANT, CLIENT, { certificatePath: unregistered.file }, options()).getToken(`${FABRIC_AUDIENCE}/.default`),
      /AADSTS700027/,
    ],
    [
      'a certificate for an application that has none',
      () => new ClientCertificateCredential(TENANT, OTHER_CLIENT, { certificatePath: registered.file }, options()).getToken(`${FABRIC_AUDIENCE}/.default`),
      /AADSTS700027/,
    ],
    [
      'a resource the emulator is not',
      () => new ClientSecretCredential(TENANT, CLIENT, SECRET, options()).getToken('https://management.azure.com/.default'),
      /invalid_resource.*AADSTS500011/,
    ],
  ];
  for (const [what, request, error] of refusals) {
    it(`refuses ${what} as Entra does`, async () => {
      await assert.rejects(request(), (e: Error) => error.test(e.message));
    });
  }

  it('serves OpenID metadata and its signing keys; the Fabric API still wants a bearer token', async () => {
    const metadata = await tlsCall('GET', `${emulator.url}/${TENANT}/v2.0/.well-known/openid-configuration`, { ca });
    assert.equal(metadata.status, 200);
    assert.equal(metadata.body.token_endpoint, `${emulator.url}/${TENANT}/oauth2/v2.0/token`);
    assert.equal(metadata.body.issuer, `${emulator.url}/${TENANT}/v2.0`);
    const keys = await tlsCall('GET', metadata.body.jwks_uri, { ca });
    assert.equal(keys.body.keys[0].kty, 'RSA');
    assert.equal((await tlsCall('GET', `${emulator.baseUrl}/workspaces`, { ca })).status, 401);
  });

  it("accepts only the tokens it signed: not another emulator's, nor one with its signature changed", async () => {
    const other = await startTestEmulator({ https: true, entraApps: [{ tenantId: TENANT, clientId: CLIENT, secret: SECRET }] });
    const foreign = await new ClientSecretCredential(TENANT, CLIENT, SECRET, {
      ...options(),
      authorityHost: other.url,
      tlsOptions: { ca: readFileSync(other.caFile!, 'utf8') },
    } as TokenCredentialOptions).getToken(`${FABRIC_AUDIENCE}/.default`);
    assert.equal((await listWith(foreign.token, other)).status, 200);
    const refused = await listWith(foreign.token);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.errorCode, 'InvalidToken');
    const own = (await new ClientSecretCredential(TENANT, CLIENT, SECRET, options()).getToken(`${FABRIC_AUDIENCE}/.default`)).token;
    const [header, claims] = own.split('.');
    assert.equal((await listWith(`${header}.${claims}.${Buffer.from('forged').toString('base64url')}`)).status, 401);
  });

  it('is started from the command line with --entra-app, for a secret or a certificate', async () => {
    const dataDir = tempDir();
    const cli = runCli([
      '--port',
      '0',
      '--data',
      dataDir,
      '--https',
      '--entra-app',
      `${TENANT}:${CLIENT}:${SECRET}`,
      '--entra-app',
      `${TENANT}:${OTHER_CLIENT}:@${registered.file}`,
    ]);
    try {
      const [, url] = await cli.waitFor(/Fabric emulator listening on (https:\/\/127\.0\.0\.1:\d+)\n/);
      assert.match(cli.output(), new RegExp(`Local Entra token endpoint: authorityHost ${url}`));
      const cliCa = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8');
      const at = { authorityHost: url, disableInstanceDiscovery: true, tlsOptions: { ca: cliCa } } as TokenCredentialOptions;
      for (const credential of [
        new ClientSecretCredential(TENANT, CLIENT, SECRET, at),
        new ClientCertificateCredential(TENANT, OTHER_CLIENT, { certificatePath: registered.file }, at),
      ]) {
        const token = await credential.getToken(`${url}/.default`);
        assert.equal((await tlsCall('GET', `${url}/v1/workspaces`, { ca: cliCa, token: token.token })).status, 200);
      }
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses --entra-app without HTTPS, or malformed', async () => {
    for (const [args, message] of [
      [['--entra-app', `${TENANT}:${CLIENT}:${SECRET}`], /--entra-app needs HTTPS/],
      [['--https', '--entra-app', `${TENANT}:${CLIENT}`], /--entra-app is TENANT:CLIENT:SECRET or TENANT:CLIENT:@CERTIFICATE\.pem/],
      [['--https', '--entra-app', `${TENANT}:${CLIENT}:@/nonexistent.pem`], /\/nonexistent\.pem is not a readable PEM certificate/],
    ] as [string[], RegExp][]) {
      const dataDir = tempDir();
      const cli = runCli(['--port', '0', '--data', dataDir, ...args]);
      assert.deepEqual(await cli.exited, { code: 2, signal: null });
      assert.match(cli.output(), message);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('emulator local Entra token endpoint: hostile requests', function () {
  this.timeout(30_000);
  after(stopTestEmulators);

  /** One raw HTTPS exchange, for targets and bodies fetch would refuse or that must not be buffered. */
  function rawRequest(emulator: Emulator, path: string, method = 'GET', body?: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      const url = new URL(emulator.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method,
          ca: readFileSync(emulator.caFile!),
          headers: body ? { 'Content-Length': String(body.length) } : {},
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers a malformed target with a 4xx and keeps serving (it escaped the handler)', async () => {
    const emulator = await startTestEmulator({ https: true, entraApps: [{ tenantId: TENANT, clientId: CLIENT, secret: SECRET }] });
    for (const target of ['//', '//x/oauth2/v2.0/token']) {
      const status = await rawRequest(emulator, target);
      assert.ok(status >= 400 && status < 500, `${target}: ${status}`);
    }
    assert.equal(await rawRequest(emulator, `/${TENANT}/v2.0/.well-known/openid-configuration`), 200);
  });

  it('refuses a token request body over its limit with 413, before reading it all', async () => {
    const emulator = await startTestEmulator({ https: true, entraApps: [{ tenantId: TENANT, clientId: CLIENT, secret: SECRET }] });
    const status = await rawRequest(emulator, `/${TENANT}/oauth2/v2.0/token`, 'POST', Buffer.alloc(2 * 1024 * 1024, 'a'));
    assert.equal(status, 413);
  });
});
