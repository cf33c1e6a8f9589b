// Holds the window's connection to Fabric (or to the local emulator) and its FabricClient. The
// chosen connection's kind and non-secret fields are remembered in globalState and restored on
// activation without prompting; secrets go to SecretStorage.
import * as vscode from 'vscode';
import { CachingTokenProvider, FabricClient, type TokenProvider } from '../../fabric';
import type { ConnectionInfo } from './connectionInfo';
import { emulatorBaseUrl, readPublishedToken } from '../../emulator/tokenFile';
import { RetryWaitNotifier } from './RetryWaitNotifier';
import { settings } from '../common/settings';
import { apiScope, createTokenProvider, microsoftSession, type Secrets } from './tokenProviders';

const STATE_KEY = 'fabricWorkbench.connection';
const SECRET_KEY = 'fabricWorkbench.connection.secret';
const TOKEN_KEY = 'fabricWorkbench.connection.emulatorToken';
const CONTEXT_KEY = 'fabricWorkbench.connected';
/** The connection's kind, for menus (Switch Tenant shows for `microsoft`). */
const KIND_CONTEXT_KEY = 'fabricWorkbench.connectionKind';

export class ConnectionManager implements vscode.Disposable {
  private readonly _onDidChangeConnection = new vscode.EventEmitter<void>();
  readonly onDidChangeConnection: vscode.Event<void> = this._onDidChangeConnection.event;
  private current: { info: ConnectionInfo; client: FabricClient; label: string } | undefined;
  /** Shows the client's long retry waits, with Cancel. */
  readonly retryWaits = new RetryWaitNotifier();
  /** Counts the user's connects and sign-outs, so a restore started before one of them gives way. */
  private choices = 0;

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

  /** Which service and account the connection reaches, with no secret: what a job belongs to. */
  get id(): string | undefined {
    if (!this.current) return undefined;
    const { info, client } = this.current;
    const account = info.kind === 'servicePrincipal' || info.kind === 'managedIdentity' ? info.clientId : info.kind === 'microsoft' ? info.account : undefined;
    const tenantId = 'tenantId' in info ? info.tenantId : undefined;
    return [info.kind, client.baseUrl, tenantId, account].filter(Boolean).join(' ');
  }

  /** The emulator's token, for a process of ours that reaches the same emulator (the MCP server). */
  async emulatorToken(): Promise<string | undefined> {
    const info = this.current?.info;
    if (info?.kind !== 'emulator') return undefined;
    return readPublishedToken(info.url) ?? (await this.context.secrets.get(TOKEN_KEY));
  }

  requireClient(): FabricClient {
    if (!this.current) throw new Error(vscode.l10n.t("Not connected to Microsoft Fabric. Run 'Fabric: Sign In' or 'Fabric: Use the Local Emulator'."));
    return this.current.client;
  }

  /**
   * Connects, remembers the connection and its secrets, and tells listeners. A credential is
   * asked for a token first: a wrong secret or an unusable `az` fails here, with Entra's reason,
   * and leaves the current connection as it was.
   */
  async connect(info: ConnectionInfo, secrets: Secrets = {}): Promise<void> {
    this.choices++;
    const tokens = new CachingTokenProvider(createTokenProvider(info, secrets));
    if (info.kind !== 'emulator') {
      try {
        await tokens.getToken();
      } catch (error) {
        throw new Error(vscode.l10n.t('Could not sign in to Microsoft Fabric: {0}', (error as Error).message), { cause: error });
      }
    }
    await this.activate(info, tokens);
    await this.context.globalState.update(STATE_KEY, info);
    await this.storeSecret(SECRET_KEY, secrets.secret);
    await this.storeSecret(TOKEN_KEY, secrets.token);
  }

  /**
   * Restores the remembered connection, without any prompt; stays signed out when it can't. With
   * nothing remembered, `fabricWorkbench.emulator.connectOnStartup` connects to the emulator. It
   * waits for VS Code (the session, the secrets): a connection the user chooses, or a sign-out,
   * meanwhile wins.
   */
  async restore(): Promise<void> {
    const choices = this.choices;
    const info =
      migrated(this.context.globalState.get<ConnectionInfo>(STATE_KEY)) ??
      (settings.emulatorConnectOnStartup() ? { kind: 'emulator', url: settings.emulatorUrl() } : undefined);
    if (!info) return;
    try {
      if (info.kind === 'microsoft' && !(await microsoftSession(apiScope(), info.tenantId, false))) {
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
      if (choices !== this.choices) {
        this.log.info(`Not restoring the ${info.kind} connection: another was chosen meanwhile.`);
        return;
      }
      await this.activate(info, createTokenProvider(info, secrets));
    } catch (error) {
      this.log.warn(`Could not restore the ${info.kind} connection: ${(error as Error).message}`);
    }
  }

  /** Forgets the connection and its secrets. */
  async disconnect(): Promise<void> {
    this.choices++;
    this.current = undefined;
    await this.context.globalState.update(STATE_KEY, undefined);
    await this.context.secrets.delete(SECRET_KEY);
    await this.context.secrets.delete(TOKEN_KEY);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
    await vscode.commands.executeCommand('setContext', KIND_CONTEXT_KEY, undefined);
    this.log.info('Signed out.');
    this._onDidChangeConnection.fire();
  }

  dispose(): void {
    this._onDidChangeConnection.dispose();
    this.retryWaits.dispose();
  }

  private async activate(info: ConnectionInfo, tokenProvider: TokenProvider): Promise<void> {
    const baseUrl = info.kind === 'emulator' ? emulatorBaseUrl(info.url) : settings.apiBaseUrl();
    const client = new FabricClient({
      baseUrl,
      tokenProvider,
      userAgent: this.userAgent,
      logger: this.log,
      timeoutMs: settings.requestTimeoutMs,
      onRetryWait: this.retryWaits.onRetryWait,
    });
    this.current = { info, client, label: labelOf(info) };
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, true);
    await vscode.commands.executeCommand('setContext', KIND_CONTEXT_KEY, info.kind);
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
  const tenant = 'tenantId' in info && info.tenantId ? ` · ${info.tenantId}` : '';
  switch (info.kind) {
    case 'emulator':
      return vscode.l10n.t('Local emulator');
    case 'microsoft':
      return `${info.account ?? vscode.l10n.t('Microsoft account')}${tenant}`;
    case 'servicePrincipal':
      return vscode.l10n.t('Service principal {0}', info.clientId) + tenant;
    case 'azureCli':
      return vscode.l10n.t('Azure CLI') + tenant;
    case 'managedIdentity':
      return info.clientId ? vscode.l10n.t('Managed identity {0}', info.clientId) : vscode.l10n.t('Managed identity');
  }
}
