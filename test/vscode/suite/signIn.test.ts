// The sign-ins built on @azure/identity, end to end from the packaged extension (its lazily loaded
// dist/azureIdentity.js, no node_modules beside it): a service principal with a secret and with a
// certificate signs in at the emulator's local Entra endpoint (fabricWorkbench.authorityHost), and
// Azure CLI through a stand-in `az` on PATH that answers `az account get-access-token` as the real
// one does. Each lists the emulator's workspaces in the tree with the token it got. The emulator
// serves HTTPS with the CA the test runner made the extension host trust (FWB_TRUSTED_TLS_DIR).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../../src/emulator';
import { UserCancelled, type PickItem, type Prompter } from '../../../src/base/prompter';
import type { ConnectionManager } from '../../../src/vscode/connection/ConnectionManager';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import { startTrustedEmulator, treeWorkspaces } from './localEntraFixture';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const TENANT = '6b1f4c2e-8a3d-4e7f-9b0c-1d2e3f4a5b6c';
const CLIENT = '0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f';
const CLI_CLIENT = '04b07795-8ddb-461a-bbee-02f9e1bf7b46'; // the Azure CLI's own client id
const SECRET = 'sp~secret.for.tests';
const CLI_SECRET = 'stand-in az refresh token';

/** Answers the sign-in wizard's prompts in order: each answer picks the value of the item it matches, or is typed; undefined dismisses. */
function scripted(answers: ((items: readonly PickItem<unknown>[]) => unknown)[]): Prompter & { left(): number } {
  const next = (items: readonly PickItem<unknown>[] = []) => {
    const answer = answers.shift();
    if (!answer) throw new Error('The wizard asked more than the test expected.');
    const value = answer(items);
    if (value === undefined) throw new UserCancelled();
    return value;
  };
  return {
    pick: async (options) => next(await options.items) as never,
    input: async () => next() as string,
    confirm: async () => {
      throw new UserCancelled();
    },
    openDialog: async () => next() as vscode.Uri[],
    left: () => answers.length,
  };
}
const pickKind = (kind: string) => (items: readonly PickItem<unknown>[]) => items.find((i) => i.value === kind)?.value;
const type = (text: string) => () => text;

/** A stand-in `az`: checks its arguments as the real one parses them and gets the token from the local Entra. */
function standInAz(dir: string, authority: string): void {
  const script = path.join(dir, 'az.js');
  fs.writeFileSync(
    script,
    `
const args = process.argv.slice(2);
const fail = (message) => { process.stderr.write(message + '\\n'); process.exit(2); };
if (args[0] !== 'account' || args[1] !== 'get-access-token') fail("ERROR: 'az " + args.join(' ') + "' is not what the stand-in answers");
const options = {};
for (let i = 2; i < args.length; i += 2) {
  if (!['--output', '--resource', '--tenant', '--subscription'].includes(args[i]) || args[i + 1] === undefined) fail('ERROR: unrecognized arguments: ' + args.slice(i).join(' '));
  options[args[i]] = args[i + 1];
}
if (options['--output'] !== 'json') fail('ERROR: the stand-in only prints --output json');
if (!options['--resource']) fail('ERROR: the stand-in expects --resource');
const tenant = options['--tenant'] ?? ${JSON.stringify(TENANT)};
const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: ${JSON.stringify(CLI_CLIENT)}, client_secret: ${JSON.stringify(CLI_SECRET)}, scope: options['--resource'] + '/.default' });
fetch(${JSON.stringify(authority)} + '/' + tenant + '/oauth2/v2.0/token', { method: 'POST', body: form }).then(async (response) => {
  const answer = await response.json();
  if (!response.ok) fail('ERROR: AADSTS: ' + answer.error_description + "\\nTo re-authenticate, please run:\\naz login --scope " + options['--resource'] + '/.default');
  const expiresOn = Math.floor(Date.now() / 1000) + answer.expires_in;
  const local = new Date(expiresOn * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  process.stdout.write(JSON.stringify({
    accessToken: answer.access_token,
    expiresOn: local.getFullYear() + '-' + pad(local.getMonth() + 1) + '-' + pad(local.getDate()) + ' ' + pad(local.getHours()) + ':' + pad(local.getMinutes()) + ':' + pad(local.getSeconds()) + '.000000',
    expires_on: expiresOn,
    tenant,
    tokenType: 'Bearer',
  }, null, 2) + '\\n');
}, (error) => fail('ERROR: ' + error.message));
`,
  );
  const az = path.join(dir, 'az');
  fs.writeFileSync(az, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
  fs.chmodSync(az, 0o755);
}

describe('Sign-in with @azure/identity against the local Entra endpoint (packaged extension)', function () {
  this.timeout(90_000);
  let emulator: Emulator;
  let dir: string;
  let explorer: Explorer;
  let connection: ConnectionManager;
  let certificateFile: string;
  let certificateDir: string;
  const savedPath = process.env.PATH;
  const config = () => vscode.workspace.getConfiguration('fabricWorkbench');

  before(async () => {
    const certificate = makeCertificate();
    ({ emulator, dir } = await startTrustedEmulator({
      entraApps: [
        { tenantId: TENANT, clientId: CLIENT, secret: SECRET, certificate },
        { tenantId: TENANT, clientId: CLI_CLIENT, secret: CLI_SECRET },
      ],
    }));
    fs.mkdirSync(path.join(dir, 'bin'));
    standInAz(path.join(dir, 'bin'), emulator.url);
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { explorer: Explorer; connection: ConnectionManager };
    ({ explorer, connection } = api);
    await config().update('apiBaseUrl', emulator.baseUrl, vscode.ConfigurationTarget.Global);
    await config().update('authorityHost', emulator.url, vscode.ConfigurationTarget.Global);
  });

  /** A self-signed RSA certificate for the service principal: its PEM, and a file with it and its key. */
  function makeCertificate(): string {
    certificateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-sign-in-certificate-'));
    const [keyFile, certFile] = [path.join(certificateDir, 'key.pem'), path.join(certificateDir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=fabric-workbench-tests'],
      { stdio: 'ignore' },
    );
    const certificate = fs.readFileSync(certFile, 'utf8');
    certificateFile = path.join(certificateDir, 'service-principal.pem');
    fs.writeFileSync(certificateFile, certificate + fs.readFileSync(keyFile, 'utf8'));
    return certificate;
  }

  afterEach(async () => {
    explorer?.setPrompter(undefined);
    process.env.PATH = savedPath;
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
  });

  after(async () => {
    for (const key of ['apiBaseUrl', 'authorityHost', 'tenantId']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await emulator?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (certificateDir) fs.rmSync(certificateDir, { recursive: true, force: true });
  });

  it('signs in as a service principal with a secret and lists the workspaces', async () => {
    const prompter = scripted([pickKind('servicePrincipal'), type(TENANT), type(CLIENT), (items) => items.find((i) => i.value === true)?.value, type(SECRET)]);
    explorer.setPrompter(prompter);
    await vscode.commands.executeCommand('fabricWorkbench.signIn');
    assert.equal(prompter.left(), 0, 'the wizard asked tenant, client, method and secret');
    assert.equal(connection.label, `Service principal ${CLIENT} · ${TENANT}`);
    assert.deepEqual(await treeWorkspaces(explorer), ['Sample workspace']);
    assert.equal(JSON.stringify(config().inspect('authorityHost')).includes(SECRET), false);
  });

  it('signs in as a service principal with a certificate and lists the workspaces', async () => {
    const prompter = scripted([
      pickKind('servicePrincipal'),
      type(TENANT),
      type(CLIENT),
      (items) => items.find((i) => i.value === false)?.value,
      () => [vscode.Uri.file(certificateFile)],
    ]);
    explorer.setPrompter(prompter);
    await vscode.commands.executeCommand('fabricWorkbench.signIn');
    assert.equal(prompter.left(), 0);
    assert.deepEqual(connection.info, { kind: 'servicePrincipal', tenantId: TENANT, clientId: CLIENT, certificatePath: certificateFile });
    assert.deepEqual(await treeWorkspaces(explorer), ['Sample workspace']);
  });

  it('refuses a wrong secret with what Entra said, and stays as it was', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.url, token: emulator.token });
    explorer.setPrompter(
      scripted([pickKind('servicePrincipal'), type(TENANT), type(CLIENT), (items) => items.find((i) => i.value === true)?.value, type('not the secret')]),
    );
    await vscode.commands.executeCommand('fabricWorkbench.signIn');
    assert.equal(connection.label, 'Local emulator', 'the connection before the failed sign-in stays');
    await assert.rejects(
      connection.connect({ kind: 'servicePrincipal', tenantId: TENANT, clientId: CLIENT }, { secret: 'not the secret' }),
      /^Error: Could not sign in to Microsoft Fabric: .*AADSTS7000215: Invalid client secret provided/,
    );
    assert.equal(connection.label, 'Local emulator');
  });

  it('signs in with Azure CLI (a stand-in az on PATH) for the configured tenant and lists the workspaces', async () => {
    process.env.PATH = `${path.join(dir, 'bin')}${path.delimiter}${savedPath}`;
    await config().update('tenantId', TENANT, vscode.ConfigurationTarget.Global);
    explorer.setPrompter(scripted([pickKind('azureCli')]));
    await vscode.commands.executeCommand('fabricWorkbench.signIn');
    assert.deepEqual(connection.info, { kind: 'azureCli', tenantId: TENANT });
    assert.deepEqual(await treeWorkspaces(explorer), ['Sample workspace']);
  });

  it('offers no managed identity on a host without one', async () => {
    let offered: string[] = [];
    explorer.setPrompter(
      scripted([
        (items) => {
          offered = items.map((i) => String(i.value));
          return undefined;
        },
      ]),
    );
    await vscode.commands.executeCommand('fabricWorkbench.signIn');
    assert.deepEqual(offered, ['microsoft', 'servicePrincipal', 'azureCli', 'emulator']);
  });
});
