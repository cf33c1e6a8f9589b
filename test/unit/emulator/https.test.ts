import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { createDevEntraToken } from '../../../src/emulator/entraTokens';
import { ensureLocalCertificate, tlsFiles } from '../../../src/emulator/tls';
import { TERMINAL_JOB_STATUSES } from '../../../src/fabric/types';
import { runCli, type CliProcess } from './cliProcess';
import { startTestEmulator, stopTestEmulators, tempDir, type Json } from './emulatorHarness';
import { tlsCall, type TlsCallOptions } from './tlsClient';

describe('emulator over HTTPS', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let ca: Buffer;
  const get = (url: string, options: TlsCallOptions = {}) =>
    tlsCall('GET', url.startsWith('https:') ? url : `${emulator.baseUrl}${url}`, { ca, token: emulator.token, ...options });
  const post = (path: string, body?: unknown) => tlsCall('POST', `${emulator.baseUrl}${path}`, { ca, token: emulator.token, body });
  /** Every record of a list, following each continuationUri over TLS. */
  const listAll = async (path: string): Promise<Json[]> => {
    const records: Json[] = [];
    for (let url: string | undefined = path; url;) {
      const page = await get(url);
      records.push(...page.body.value);
      url = page.body.continuationUri;
    }
    return records;
  };

  before(async () => {
    emulator = await startTestEmulator({ https: true, pageSize: 1 });
    ca = readFileSync(emulator.caFile!);
    assert.equal((await post('/workspaces', { displayName: 'Second workspace' })).status, 201);
  });
  after(stopTestEmulators);

  it('listens on https://127.0.0.1 and names the CA file in the data folder', () => {
    assert.match(emulator.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(emulator.baseUrl, `${emulator.url}/v1`);
    assert.equal(emulator.caFile, join(emulator.dataDir, 'tls', 'ca.pem'));
  });

  it('serves a certificate for 127.0.0.1, localhost and ::1 that a client trusting only the CA accepts', async () => {
    const cert = new X509Certificate(readFileSync(tlsFiles(emulator.dataDir).certFile));
    assert.equal(cert.subjectAltName, 'IP Address:127.0.0.1, DNS:localhost, IP Address:0:0:0:0:0:0:0:1');
    assert.ok(cert.verify(new X509Certificate(ca).publicKey));
    const answer = await get('/workspaces');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.value.length, 1, 'pageSize 1');
  });

  it('is refused by a client that does not trust the CA', async () => {
    await assert.rejects(tlsCall('GET', `${emulator.baseUrl}/workspaces`, { token: emulator.token }), /self[- ]signed|unable to (get|verify)/i);
  });

  it('pages with a continuationUri on the https origin, which can be followed', async () => {
    const first = await get('/workspaces');
    assert.ok(first.body.continuationUri.startsWith(`https://127.0.0.1:${emulator.port}/v1/workspaces?`), first.body.continuationUri);
    const second = await get(first.body.continuationUri);
    assert.equal(second.status, 200);
    const names = [...first.body.value, ...second.body.value].map((w: Json) => w.displayName).sort();
    assert.deepEqual(names, ['Sample workspace', 'Second workspace']);
    assert.equal(second.body.continuationUri, undefined);
  });

  it('runs Hello Fabric to Completed, following an https Location', async () => {
    const ws = (await listAll('/workspaces')).find((w) => w.displayName === 'Sample workspace').id;
    const hello = (await listAll(`/workspaces/${ws}/notebooks`)).find((i) => i.displayName === 'Hello Fabric');
    const run = await post(`/workspaces/${ws}/notebooks/${hello.id}/jobs/execute/instances?beta=false`, {
      parameters: [{ name: 'seconds', type: 'Integer', value: 0 }],
    });
    assert.equal(run.status, 202);
    const location = run.headers.location!;
    assert.ok(location.startsWith(`https://127.0.0.1:${emulator.port}/v1/workspaces/${ws}/items/${hello.id}/jobs/instances/`), location);
    let job: Json = (await get(location)).body;
    while (!TERMINAL_JOB_STATUSES.includes(job.status)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await get(location)).body;
    }
    assert.equal(job.status, 'Completed', JSON.stringify(job.failureReason));
  });

  it('answers a long-running create with an https operation Location', async () => {
    const ws = (await get('/workspaces')).body.value[0].id;
    const create = await post(`/workspaces/${ws}/notebooks`, { displayName: 'Over TLS' });
    assert.equal(create.status, 202);
    assert.match(create.headers.location!, new RegExp(`^https://127\\.0\\.0\\.1:${emulator.port}/v1/operations/[0-9a-f-]{36}$`));
  });

  it('builds absolute URLs from the Host the request came with (localhost), not a fixed name', async () => {
    const answer = await get('/workspaces', { headers: { Host: `localhost:${emulator.port}` } });
    assert.ok(answer.body.continuationUri.startsWith(`https://localhost:${emulator.port}/v1/workspaces?`), answer.body.continuationUri);
  });
});

describe('emulator HTTP answers follow the Host header too', () => {
  after(stopTestEmulators);

  it('gives http://localhost:<port> URLs to a request for Host localhost:<port> sent to 127.0.0.1', async () => {
    const emulator = await startTestEmulator({ pageSize: 1 });
    await tlsCall('POST', `${emulator.baseUrl}/workspaces`, { token: emulator.token, body: { displayName: 'Second workspace' } });
    const answer = await tlsCall('GET', `${emulator.baseUrl}/workspaces`, { token: emulator.token, headers: { Host: `localhost:${emulator.port}` } });
    assert.ok(answer.body.continuationUri.startsWith(`http://localhost:${emulator.port}/v1/workspaces?`), answer.body.continuationUri);
  });
});

describe('emulator certificates', function () {
  this.timeout(20_000);
  const dirs: string[] = [];
  const newDir = () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await stopTestEmulators();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the CA and the server certificate across a restart on the same data folder', async () => {
    const dir = newDir();
    const first = await startEmulator({ port: 0, dataDir: dir, https: true, sample: false });
    const files = tlsFiles(dir);
    const [caBefore, certBefore] = [readFileSync(files.caFile), readFileSync(files.certFile)];
    await first.close();
    const second = await startTestEmulator({ dataDir: dir, https: true, sample: false });
    assert.deepEqual(readFileSync(files.caFile), caBefore);
    assert.deepEqual(readFileSync(files.certFile), certBefore);
    const answer = await tlsCall('GET', `${second.baseUrl}/workspaces`, { ca: caBefore, token: second.token });
    assert.equal(answer.status, 200, "a client configured with the first start's CA still connects");
  });

  it('makes a new server certificate, signed by the same CA, when the old one expires within 30 days', () => {
    const dir = newDir();
    const files = ensureLocalCertificate(dir);
    const [caBefore, certBefore] = [readFileSync(files.caFile), readFileSync(files.certFile)];
    ensureLocalCertificate(dir, Date.now() + 380 * 24 * 3600 * 1000);
    assert.deepEqual(readFileSync(files.caFile), caBefore);
    assert.notDeepEqual(readFileSync(files.certFile), certBefore);
    assert.ok(new X509Certificate(readFileSync(files.certFile)).verify(new X509Certificate(caBefore).publicKey));
  });

  it('makes a new CA, and a server certificate it signs, when the CA file is gone', () => {
    const dir = newDir();
    const files = ensureLocalCertificate(dir);
    const caBefore = readFileSync(files.caFile);
    rmSync(files.caFile);
    ensureLocalCertificate(dir);
    const ca = new X509Certificate(readFileSync(files.caFile));
    assert.notDeepEqual(ca.raw, new X509Certificate(caBefore).raw);
    assert.ok(new X509Certificate(readFileSync(files.certFile)).verify(ca.publicKey));
  });

  it("serves the user's own certificate and key, with no CA file of its own", async () => {
    const own = ensureLocalCertificate(newDir());
    const dir = newDir();
    copyFileSync(own.certFile, join(dir, 'mine.pem'));
    copyFileSync(own.keyFile, join(dir, 'mine-key.pem'));
    const emulator = await startTestEmulator({ dataDir: dir, https: { cert: join(dir, 'mine.pem'), key: join(dir, 'mine-key.pem') }, sample: false });
    assert.equal(emulator.caFile, undefined);
    assert.match(emulator.url, /^https:/);
    const answer = await tlsCall('GET', `${emulator.baseUrl}/workspaces`, { ca: readFileSync(own.caFile), token: emulator.token });
    assert.equal(answer.status, 200);
  });

  it('says openssl is needed when it cannot be found', async () => {
    const path = process.env.PATH;
    process.env.PATH = newDir();
    try {
      await assert.rejects(startEmulator({ port: 0, dataDir: newDir(), https: true }), /needs the openssl command/);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('emulator command line with --https', function () {
  this.timeout(20_000);
  let cli: CliProcess | undefined;
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => {
    cli?.child.kill('SIGKILL');
    cli = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the https address, the CA file with how to trust it per client, and the Entra-token warning', async () => {
    cli = runCli(['--port', '0', '--data', dir, '--empty', '--https', '--accept-entra-tokens']);
    const [, url] = await cli.waitFor(/Fabric emulator listening on (https:\/\/127\.0\.0\.1:\d+)\n/);
    const caFile = join(dir, 'tls', 'ca.pem');
    for (const line of [`NODE_EXTRA_CA_CERTS=${caFile}`, `REQUESTS_CA_BUNDLE=${caFile}`, `SSL_CERT_FILE=${caFile}`, 'WITHOUT checking its signature']) {
      assert.ok(cli.output().includes(line), `prints ${line}`);
    }
    const answer = await tlsCall('GET', `${url}/v1/workspaces`, { ca: readFileSync(caFile), token: createDevEntraToken() });
    assert.equal(answer.status, 200);
  });

  it('exits 2 when --cert comes without --key', async () => {
    cli = runCli(['--port', '0', '--data', dir, '--cert', join(dir, 'mine.pem')]);
    assert.deepEqual(await cli.exited, { code: 2, signal: null });
    assert.match(cli.output(), /--cert and --key go together/);
  });
});
