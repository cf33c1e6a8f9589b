// Holds the window's connection to Fabric (or to the local emulator) and its FabricClient. The
// chosen connection's kind and non-secret fields are remembered in globalState and restored on
// activation without prompting; secrets go to SecretStorage.
import * as vscode from 'vscode';
import { FabricClient } from '../../fabric';
import { emulatorBaseUrl, type ConnectionInfo } from './connectionInfo';
import { readPublishedToken } from '../../emulator/tokenFile';
import { settings } from './settings';
import { createTokenProvider, microsoftSession, type Secrets } from './tokenProviders';

const STATE_KEY = 'fabricWorkbench.connection';
const SECRET_KEY = 'fabricWorkbench.connection.secret';
const TOKEN_KEY = 'fabricWorkbench.connection.emulatorToken';
const CONTEXT_KEY = 'fabricWorkbench.connected';

export class ConnectionManager implements vscode.Disposable {
  private readonly _onDidChangeConnection = new vscode.EventEmitter<void>();
  readonly onDidChangeConnection: vscode.Event<void> = this._onDidChangeConnection.event;
  private current: { info: ConnectionInfo; client: FabricClient; label: string } | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly userAgent: string,
  ) {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
  }

  get client(): FabricClient | undefined {
    return this.current?.client;
  }

  get label(): string | undefined {
    return this.current?.label;
  }

  get info(): ConnectionInfo | undefined {
    return this.current?.info;
  }

  requireClient(): FabricClient {
    if (!this.current) throw new Error(vscode.l10n.t("Not connected to Microsoft Fabric. Run 'Fabric: Sign In' or 'Fabric: Use the Local Emulator'."));
    return this.current.client;
  }

  /** Connects, remembers the connection and its secrets, and tells listeners. */
  async connect(info: ConnectionInfo, secrets: Secrets = {}): Promise<void> {
    await this.activate(info, secrets);
    await this.context.globalState.update(STATE_KEY, info);
    await this.storeSecret(SECRET_KEY, secrets.secret);
    await this.storeSecret(TOKEN_KEY, secrets.token);
  }

  /**
   * Restores the remembered connection, without any prompt; stays signed out when it can't. With
   * nothing remembered, `fabricWorkbench.emulator.connectOnStartup` connects to the emulator.
   */
  async restore(): Promise<void> {
    const info = migrated(this.context.globalState.get<ConnectionInfo>(STATE_KEY))
      ?? (settings.emulatorConnectOnStartup() ? { kind: 'emulator', url: settings.emulatorUrl() } : undefined);
    if (!info) return;
    try {
      if (info.kind === 'microsoft' && !(await microsoftSession(info.tenantId, false))) {
        this.log.info('The remembered Microsoft session is gone; sign in again.');
        return;
      }
      const secrets = {
        secret: await this.context.secrets.get(SECRET_KEY),
        // The running emulator's own token first: a new data folder has a new one.
        token: (info.kind === 'emulator' ? readPublishedToken(info.url) : undefined) ?? (await this.context.secrets.get(TOKEN_KEY)),
      };
      if (info.kind === 'emulator' && !secrets.token) {
        this.log.info(`No token for the local emulator at ${info.url}: is it running? Then run 'Fabric: Use the Local Emulator'.`);
        return;
      }
      await this.activate(info, secrets);
    } catch (error) {
      this.log.warn(`Could not restore the ${info.kind} connection: ${(error as Error).message}`);
    }
  }

  /** Forgets the connection and its secrets. */
  async disconnect(): Promise<void> {
    this.current = undefined;
    await this.context.globalState.update(STATE_KEY, undefined);
    await this.context.secrets.delete(SECRET_KEY);
    await this.context.secrets.delete(TOKEN_KEY);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
    this.log.info('Signed out.');
    this._onDidChangeConnection.fire();
  }

  dispose(): void {
    this._onDidChangeConnection.dispose();
  }

  private async activate(info: ConnectionInfo, secrets: Secrets): Promise<void> {
    const baseUrl = info.kind === 'emulator' ? emulatorBaseUrl(info.url) : settings.apiBaseUrl();
    const client = new FabricClient({ baseUrl, tokenProvider: createTokenProvider(info, secrets), userAgent: this.userAgent, logger: this.log });
    this.current = { info, client, label: labelOf(info) };
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, true);
    this.log.info(`Connected: ${this.current.label} (${baseUrl}).`);
    this._onDidChangeConnection.fire();
  }

  private async storeSecret(key: string, value: string | undefined): Promise<void> {
    if (value) await this.context.secrets.store(key, value);
    else await this.context.secrets.delete(key);
  }
}

/**
 * 0.1.0 remembered an "Azure Resources account" (through @azure/identity-vscode, removed): that
 * extension signs in with VS Code's Microsoft provider, so the same account is a Microsoft one.
 */
function migrated(info: ConnectionInfo | undefined): ConnectionInfo | undefined {
  const legacy = info as { kind: string; tenantId?: string } | undefined;
  return legacy?.kind === 'azureResources' ? { kind: 'microsoft', tenantId: legacy.tenantId } : info;
}

/** What the view shows about the connection. */
function labelOf(info: ConnectionInfo): string {
  const tenant = info.kind !== 'emulator' && info.tenantId ? ` · ${info.tenantId}` : '';
  switch (info.kind) {
    case 'emulator':
      return vscode.l10n.t('Local emulator');
    case 'microsoft':
      return `${info.account ?? vscode.l10n.t('Microsoft account')}${tenant}`;
    case 'servicePrincipal':
      return vscode.l10n.t('Service principal {0}', info.clientId) + tenant;
    case 'azureCli':
      return vscode.l10n.t('Azure CLI') + tenant;
  }
}
