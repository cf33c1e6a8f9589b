// `Fabric: Sign In`: picks how to connect, asks only what that way needs, and returns what to
// connect with. Prompts go through a Prompter so tests can drive it; the step numbers count only
// the questions the chosen way asks.
import * as vscode from 'vscode';
import { answerOf, type PickItem, type Prompter } from '../../base/prompter';
import { WizardSteps } from '../../base/wizardSteps';
import type { ConnectionInfo, ConnectionKind } from './connectionInfo';
import { hostHasManagedIdentity } from '../../fabric';
import { emulatorToken } from './emulatorToken';
import { settings } from '../common/settings';
import { apiScope, microsoftSession, type Secrets } from './tokenProviders';

const only = (kind: ConnectionKind) => (s: { kind?: ConnectionKind }) => (s.kind === undefined ? undefined : s.kind === kind);

const STEPS = new WizardSteps<'kind' | 'tenant' | 'client' | 'how' | 'credential' | 'identity' | 'url' | 'token', { kind?: ConnectionKind }>([
  { name: 'kind' },
  { name: 'tenant', shouldPrompt: only('servicePrincipal') },
  { name: 'client', shouldPrompt: only('servicePrincipal') },
  { name: 'how', shouldPrompt: only('servicePrincipal') },
  // The secret, or the certificate file.
  { name: 'credential', shouldPrompt: only('servicePrincipal') },
  { name: 'identity', shouldPrompt: only('managedIdentity') },
  { name: 'url', shouldPrompt: only('emulator') },
  // Unless the running emulator left its token (known only once the address is).
  { name: 'token', shouldPrompt: only('emulator') },
]);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class SignInWizard {
  constructor(private readonly prompter: Prompter) {}

  async run(): Promise<{ info: ConnectionInfo; secrets: Secrets }> {
    const picks: PickItem<ConnectionKind>[] = [
      {
        value: 'microsoft',
        label: '$(account) ' + vscode.l10n.t('Microsoft account'),
        description: vscode.l10n.t('recommended'),
        detail: vscode.l10n.t("Sign in with VS Code's Microsoft authentication"),
      },
      {
        value: 'servicePrincipal',
        label: '$(key) ' + vscode.l10n.t('Service principal'),
        detail: vscode.l10n.t('A tenant, a client id and a secret or certificate'),
      },
      { value: 'azureCli', label: '$(terminal) ' + vscode.l10n.t('Azure CLI'), detail: vscode.l10n.t("The account of 'az login'") },
      // Only where the host has one (App Service, Container Apps, Cloud Shell…): elsewhere it can only fail.
      ...(hostHasManagedIdentity()
        ? [
            {
              value: 'managedIdentity' as const,
              label: '$(server) ' + vscode.l10n.t('Managed identity'),
              detail: vscode.l10n.t("This host's Azure managed identity"),
            },
          ]
        : []),
      {
        value: 'emulator',
        label: '$(server-environment) ' + vscode.l10n.t('Local emulator'),
        detail: vscode.l10n.t('A Fabric emulator on this machine, for trying things out'),
      },
    ];
    const kind = await answerOf(
      this.prompter.pick({
        title: vscode.l10n.t('Sign In to Microsoft Fabric'),
        ...STEPS.at('kind', {}),
        placeholder: vscode.l10n.t('How do you want to connect?'),
        items: picks,
      }),
    );
    const tenantId = settings.tenantId();
    switch (kind) {
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
    const at = (step: 'tenant' | 'client' | 'how' | 'credential') => ({ title, ...STEPS.at(step, { kind: 'servicePrincipal' }) });
    const guid = (value: string) => (GUID.test(value.trim()) ? undefined : vscode.l10n.t('Enter a GUID, e.g. 00000000-0000-0000-0000-000000000000.'));
    const tenantId = (
      await answerOf(this.prompter.input({ ...at('tenant'), prompt: vscode.l10n.t('Tenant (directory) id'), value: defaultTenant, validate: guid }))
    ).trim();
    const clientId = (await answerOf(this.prompter.input({ ...at('client'), prompt: vscode.l10n.t('Application (client) id'), validate: guid }))).trim();
    const useSecret = await answerOf(
      this.prompter.pick({
        ...at('how'),
        placeholder: vscode.l10n.t('How does the service principal authenticate?'),
        items: [
          { label: vscode.l10n.t('Client secret'), value: true },
          { label: vscode.l10n.t('Certificate (PEM file)'), value: false },
        ],
      }),
    );
    if (useSecret) {
      const secret = await answerOf(
        this.prompter.input({
          ...at('credential'),
          prompt: vscode.l10n.t('Client secret (kept in VS Code secret storage)'),
          password: true,
          validate: (v) => (v ? undefined : vscode.l10n.t('Enter the secret.')),
        }),
      );
      return { info: { kind: 'servicePrincipal', tenantId, clientId }, secrets: { secret } };
    }
    const files = await this.prompter.openDialog({
      title,
      canSelectMany: false,
      filters: { [vscode.l10n.t('Certificates')]: ['pem'] },
      openLabel: vscode.l10n.t('Use Certificate'),
    });
    return { info: { kind: 'servicePrincipal', tenantId, clientId, certificatePath: files[0].fsPath }, secrets: {} };
  }

  private async managedIdentity(): Promise<{ info: ConnectionInfo; secrets: Secrets }> {
    const clientId = (
      await answerOf(
        this.prompter.input({
          title: vscode.l10n.t('Sign In with a Managed Identity'),
          ...STEPS.at('identity', { kind: 'managedIdentity' }),
          prompt: vscode.l10n.t("A user-assigned identity's client id, or nothing for the system-assigned identity"),
          validate: (v) =>
            !v.trim() || GUID.test(v.trim()) ? undefined : vscode.l10n.t('Enter a GUID, e.g. 00000000-0000-0000-0000-000000000000, or nothing.'),
        }),
      )
    ).trim();
    return { info: { kind: 'managedIdentity', ...(clientId ? { clientId } : {}) }, secrets: {} };
  }

  private async emulator(): Promise<{ info: ConnectionInfo; secrets: Secrets }> {
    const title = vscode.l10n.t('Use the Local Emulator');
    const url = await answerOf(
      this.prompter.input({
        title,
        ...STEPS.at('url', { kind: 'emulator' }),
        prompt: vscode.l10n.t("The emulator's address"),
        value: settings.emulatorUrl(),
        validate: validUrl,
      }),
    );
    const token = await emulatorToken(this.prompter, url.trim(), STEPS.at('token', { kind: 'emulator' }));
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
