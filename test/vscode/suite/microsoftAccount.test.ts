// Microsoft accounts end to end, without a tenant: VS Code's own Microsoft sign-in is left out of
// this host (scripts/test-vscode.mjs) and a stand-in `microsoft` authentication provider answers
// the extension instead, with tokens from the emulator's local Entra for the tenant each session
// asks for (VSCODE_TENANT:). The sign-in and Switch Tenant go through the real quick input and
// VS Code's real "wants to sign in" dialog, played by the test runner (ui.ts).
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as vscode from 'vscode';
import type { Emulator } from '../../../src/emulator';
import type { ConnectionManager } from '../../../src/vscode/connection/ConnectionManager';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import { startTrustedEmulator, treeWorkspaces } from './localEntraFixture';
import { ui } from './ui';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const HOME_TENANT = '2c1b0a9f-8e7d-4c6b-9a5f-4e3d2c1b0a9f';
const OTHER_TENANT = '7e6d5c4b-3a2f-4e1d-8c0b-9a8f7e6d5c4b';
const VSCODE_CLIENT = 'aebc6443-996d-45c2-90f0-388ff96faa56';
const SECRET = 'stand-in for the user';
const ACCOUNT = 'someone@contoso.example';

/** Stands in for VS Code's Microsoft provider: one account, a session per set of scopes. */
class StandInMicrosoftProvider implements vscode.AuthenticationProvider {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  readonly sessions: (vscode.AuthenticationSession & { tenant: string })[] = [];

  constructor(
    private readonly authority: string,
    private readonly ca: Buffer,
  ) {}

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    const key = scopes ? [...scopes].sort().join(' ') : undefined;
    return this.sessions.filter((s) => key === undefined || [...s.scopes].sort().join(' ') === key);
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const tenant = scopes.find((s) => s.startsWith('VSCODE_TENANT:'))?.slice('VSCODE_TENANT:'.length) ?? HOME_TENANT;
    const scope = scopes.find((s) => !s.startsWith('VSCODE_'))!;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: VSCODE_CLIENT, client_secret: SECRET, scope }).toString();
    const answer = await postForm(`${this.authority}/${tenant}/oauth2/v2.0/token`, form, this.ca);
    if (!answer.access_token) throw new Error(answer.error_description);
    const session = { id: randomUUID(), accessToken: answer.access_token, account: { id: ACCOUNT, label: ACCOUNT }, scopes: [...scopes], tenant };
    this.sessions.push(session);
    this.changes.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  async removeSession(id: string): Promise<void> {
    const index = this.sessions.findIndex((s) => s.id === id);
    if (index >= 0) this.changes.fire({ added: [], removed: this.sessions.splice(index, 1), changed: [] });
  }
}

/** node:https, trusting the emulator's CA: the extension host's own fetch is VS Code's, with its own CA list. */
function postForm(url: string, form: string, ca: Buffer): Promise<{ access_token?: string; error_description?: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'POST', ca, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(form);
  });
}

describe('Microsoft account: sign-in and Switch Tenant through the real quick input', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let dir: string;
  let explorer: Explorer;
  let connection: ConnectionManager;
  let provider: StandInMicrosoftProvider;
  let registration: vscode.Disposable;
  const config = () => vscode.workspace.getConfiguration('fabricWorkbench');

  before(async () => {
    ({ emulator, dir } = await startTrustedEmulator({
      entraApps: [HOME_TENANT, OTHER_TENANT].map((tenantId) => ({ tenantId, clientId: VSCODE_CLIENT, secret: SECRET })),
    }));
    provider = new StandInMicrosoftProvider(emulator.url, fs.readFileSync(emulator.caFile!));
    registration = vscode.authentication.registerAuthenticationProvider('microsoft', 'Microsoft (stand-in)', provider);
    ({ explorer, connection } = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { explorer: Explorer; connection: ConnectionManager });
    await config().update('apiBaseUrl', emulator.baseUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
  });

  after(async () => {
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    registration?.dispose();
    await emulator?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("signs in with a Microsoft account, for the configured API's scope, and lists the workspaces", async () => {
    const signingIn = vscode.commands.executeCommand('fabricWorkbench.signIn');
    await ui({ quickInputShows: 'Sign In to Microsoft Fabric', type: 'Microsoft account', press: 'Enter' });
    await ui({ dialogButton: 'Allow' });
    await signingIn;
    assert.deepEqual(connection.info, { kind: 'microsoft', tenantId: undefined, account: ACCOUNT });
    assert.deepEqual(
      provider.sessions.map((s) => s.scopes),
      [[`${emulator.url}/.default`]],
      'the token is asked for the configured API, not the public one',
    );
    assert.deepEqual(await treeWorkspaces(explorer), ['Sample workspace']);
  });

  it('[fabricWorkbench.switchTenant @ view/title] [fabricWorkbench.switchTenant @ commandPalette] switches to a tenant entered by id, signs in to it, and connects there', async () => {
    assert.equal(connection.info?.kind, 'microsoft', 'signed in by the previous test');
    const switching = vscode.commands.executeCommand('fabricWorkbench.switchTenant');
    await ui({ quickInputShows: 'Enter a tenant id or domain', type: 'Enter a tenant', press: 'Enter' });
    await ui({ quickInputShows: 'The tenant (directory) id', type: OTHER_TENANT, press: 'Enter' });
    await ui({ dialogButton: 'Allow' });
    await switching;
    assert.deepEqual(connection.info, { kind: 'microsoft', tenantId: OTHER_TENANT, account: ACCOUNT });
    assert.equal(connection.label, `${ACCOUNT} · ${OTHER_TENANT}`);
    assert.deepEqual(provider.sessions.at(-1)?.scopes, [`${emulator.url}/.default`, `VSCODE_TENANT:${OTHER_TENANT}`]);
    assert.deepEqual(await treeWorkspaces(explorer), ['Sample workspace']);
  });

  it("keeps the connection when the new tenant's sign-in is cancelled", async () => {
    const before = connection.info;
    const switching = vscode.commands.executeCommand('fabricWorkbench.switchTenant');
    await ui({ quickInputShows: 'Enter a tenant id or domain', type: 'Enter a tenant', press: 'Enter' });
    await ui({ quickInputShows: 'The tenant (directory) id', type: HOME_TENANT, press: 'Enter' });
    await ui({ dialogButton: 'Cancel' });
    await switching;
    assert.deepEqual(connection.info, before);
  });
});
