// `Fabric: Sign In`: picks how to connect, asks only what that way needs, and returns what to
// connect with. Prompts go through a Prompter so tests can drive it.
import * as vscode from 'vscode';
import type { Prompter } from '../common/prompter';
import { required } from '../common/safeCommand';
import type { ConnectionInfo, ConnectionKind } from './connectionInfo';
import { hostHasManagedIdentity } from '../../fabric';
import { emulatorToken } from './emulatorToken';
import { settings } from '../common/settings';
import { apiScope, microsoftSession, type Secrets } from './tokenProviders';

interface KindPick extends vscode.QuickPickItem {
  connectionKind: ConnectionKind;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class SignInWizard {
  constructor(private readonly prompter: Prompter) {}

  async run(): Promise<{ info: ConnectionInfo; secrets: Secrets }> {
    const picks: KindPick[] = [
      { connectionKind: 'microsoft', label: '$(account) ' + vscode.l10n.t('Microsoft account'), description: vscode.l10n.t('recommended'), detail: vscode.l10n.t("Sign in with VS Code's Microsoft authentication") },
      { connectionKind: 'servicePrincipal', label: '$(key) ' + vscode.l10n.t('Service principal'), detail: vscode.l10n.t('A tenant, a client id and a secret or certificate') },
      { connectionKind: 'azureCli', label: '$(terminal) ' + vscode.l10n.t('Azure CLI'), detail: vscode.l10n.t("The account of 'az login'") },
      // Only where the host has one (App Service, Container Apps, Cloud Shell…): elsewhere it can only fail.
      ...(hostHasManagedIdentity() ? [{ connectionKind: 'managedIdentity' as const, label: '$(server) ' + vscode.l10n.t('Managed identity'), detail: vscode.l10n.t("This host's Azure managed identity") }] : []),
      { connectionKind: 'emulator', label: '$(server-environment) ' + vscode.l10n.t('Local emulator'), detail: vscode.l10n.t('A Fabric emulator on this machine, for trying things out') },
    ];
    const pick = required(await this.prompter.pick(picks, { title: vscode.l10n.t('Sign In to Microsoft Fabric'), placeHolder: vscode.l10n.t('How do you want to connect?') }));
    const tenantId = settings.tenantId();
    switch (pick.connectionKind) {
      case 'microsoft': {
        const session = await microsoftSession(apiScope(), tenantId, true);
        if (!session) throw new Error(vscode.l10n.t('Signing in with a Microsoft account did not complete.'));
        return { info: { kind: 'microsoft', tenantId, account: session.account.label }, secrets: {} };
      }
      case 'servicePrincipal':
        return this.servicePrincipal(tenantId);
      case 'azureCli':
        return { info: { kind: 'azureCli', tenantId }, secrets: {} };
      case 'managedIdentity':
        return this.managedIdentity();
      case 'emulator':
        return this.emulator();
    }
  }

  private async servicePrincipal(defaultTenant: string | undefined): Promise<{ info: ConnectionInfo; secrets: Secrets }> {
    const title = vscode.l10n.t('Sign In with a Service Principal');
    const guid = (value: string) => (GUID.test(value.trim()) ? undefined : vscode.l10n.t('Enter a GUID, e.g. 00000000-0000-0000-0000-000000000000.'));
    const tenantId = required(await this.prompter.input({ title, prompt: vscode.l10n.t('Tenant (directory) id'), value: defaultTenant, ignoreFocusOut: true, validateInput: guid })).trim();
    const clientId = required(await this.prompter.input({ title, prompt: vscode.l10n.t('Application (client) id'), ignoreFocusOut: true, validateInput: guid })).trim();
    const secretPick = { label: vscode.l10n.t('Client secret'), useSecret: true };
    const certificatePick = { label: vscode.l10n.t('Certificate (PEM file)'), useSecret: false };
    const how = required(await this.prompter.pick([secretPick, certificatePick], { title, placeHolder: vscode.l10n.t('How does the service principal authenticate?') }));
    if (how.useSecret) {
      const secret = required(await this.prompter.input({ title, prompt: vscode.l10n.t('Client secret (kept in VS Code secret storage)'), password: true, ignoreFocusOut: true, validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the secret.')) }));
      return { info: { kind: 'servicePrincipal', tenantId, clientId }, secrets: { secret } };
    }
    const files = required(await this.prompter.openDialog({ title, canSelectMany: false, filters: { [vscode.l10n.t('Certificates')]: ['pem'] }, openLabel: vscode.l10n.t('Use Certificate') }));
    if (files.length === 0) throw new Error(vscode.l10n.t('No certificate was chosen.'));
    return { info: { kind: 'servicePrincipal', tenantId, clientId, certificatePath: files[0].fsPath }, secrets: {} };
  }

  private async managedIdentity(): Promise<{ info: ConnectionInfo; secrets: Secrets }> {
    const clientId = required(await this.prompter.input({
      title: vscode.l10n.t('Sign In with a Managed Identity'),
      prompt: vscode.l10n.t("A user-assigned identity's client id, or nothing for the system-assigned identity"),
      ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() || GUID.test(v.trim()) ? undefined : vscode.l10n.t('Enter a GUID, e.g. 00000000-0000-0000-0000-000000000000, or nothing.')),
    })).trim();
    return { info: { kind: 'managedIdentity', ...(clientId ? { clientId } : {}) }, secrets: {} };
  }

  private async emulator(): Promise<{ info: ConnectionInfo; secrets: Secrets }> {
    const title = vscode.l10n.t('Use the Local Emulator');
    const url = required(await this.prompter.input({ title, prompt: vscode.l10n.t("The emulator's address"), value: settings.emulatorUrl(), validateInput: validUrl }));
    const token = await emulatorToken(this.prompter, url.trim());
    return { info: { kind: 'emulator', url: url.trim() }, secrets: { token } };
  }
}

function validUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : vscode.l10n.t('Enter an http or https address.');
  } catch {
    return vscode.l10n.t('Enter an address such as http://127.0.0.1:5015.');
  }
}
