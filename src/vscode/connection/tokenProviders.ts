// Builds the token provider for each kind of connection. Microsoft accounts go through VS Code's
// own `microsoft` authentication provider (asked again on every token, so VS Code refreshes it);
// the other kinds through @azure/identity credentials.
import * as vscode from 'vscode';
import type { TokenCredential } from '@azure/identity';
import { AzureCredentialTokenProvider, FunctionTokenProvider, StaticTokenProvider, type TokenProvider } from '../../fabric';
import type { ConnectionInfo } from './connectionInfo';

export const FABRIC_SCOPE = 'https://api.fabric.microsoft.com/.default';

/** The scopes asked of VS Code's microsoft provider (with the tenant when one is chosen). */
export function microsoftScopes(tenantId: string | undefined): string[] {
  return tenantId ? [FABRIC_SCOPE, `VSCODE_TENANT:${tenantId}`] : [FABRIC_SCOPE];
}

/** The VS Code session for a Microsoft account; `interactive` may show the sign-in flow. */
export async function microsoftSession(tenantId: string | undefined, interactive: boolean): Promise<vscode.AuthenticationSession | undefined> {
  const scopes = microsoftScopes(tenantId);
  return interactive
    ? vscode.authentication.getSession('microsoft', scopes, { createIfNone: true })
    : vscode.authentication.getSession('microsoft', scopes, { silent: true });
}

export interface Secrets {
  secret?: string;
  token?: string;
}

export function createTokenProvider(info: ConnectionInfo, secrets: Secrets): TokenProvider {
  switch (info.kind) {
    case 'emulator':
      return new StaticTokenProvider(secrets.token ?? '');
    case 'microsoft':
      return new FunctionTokenProvider(async () => {
        const session = await microsoftSession(info.tenantId, false);
        if (!session) throw new Error(vscode.l10n.t("Your Microsoft session has ended. Run 'Fabric: Sign In' again."));
        return session.accessToken;
      });
    default:
      return new AzureCredentialTokenProvider(lazyCredential(info, secrets), [FABRIC_SCOPE]);
  }
}

type IdentityModule = typeof import('./azureIdentity');
type CredentialInfo = Exclude<ConnectionInfo, { kind: 'emulator' | 'microsoft' }>;

/** A credential whose library is loaded on the first token request. */
function lazyCredential(info: CredentialInfo, secrets: Secrets): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    getToken: async (scopes, options) => {
      credential ??= import('./azureIdentity').then((identity) => createCredential(identity, info, secrets));
      return (await credential).getToken(scopes, options);
    },
  };
}

function createCredential(identity: IdentityModule, info: CredentialInfo, secrets: Secrets): TokenCredential {
  const { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential } = identity;
  switch (info.kind) {
    case 'servicePrincipal':
      if (info.certificatePath) return new ClientCertificateCredential(info.tenantId, info.clientId, { certificatePath: info.certificatePath });
      if (!secrets.secret) throw new Error(vscode.l10n.t("The service principal's secret is missing. Run 'Fabric: Sign In' again."));
      return new ClientSecretCredential(info.tenantId, info.clientId, secrets.secret);
    case 'azureCli':
      return new AzureCliCredential(info.tenantId ? { tenantId: info.tenantId } : {});
  }
}
