// Builds the token provider for each kind of connection. Microsoft accounts go through VS Code's
// own `microsoft` authentication provider (asked again on every token, so VS Code refreshes it);
// the other kinds through @azure/identity credentials. Every token is asked for the scope of the
// API the connection talks to (fabricScope).
import * as vscode from 'vscode';
import type { TokenCredential } from '@azure/identity';
import { AzureCredentialTokenProvider, fabricScope, FunctionTokenProvider, StaticTokenProvider, type TokenProvider } from '../../fabric';
import type { ConnectionInfo } from './connectionInfo';
import { settings } from '../common/settings';

/** The public cloud's Entra authority, the one whose instance discovery applies. */
const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** The scope of the configured Fabric API (`fabricWorkbench.apiBaseUrl`). */
export const apiScope = (): string => fabricScope(settings.apiBaseUrl());

/** The scopes asked of VS Code's microsoft provider (with the tenant when one is chosen). */
export function microsoftScopes(scope: string, tenantId: string | undefined): string[] {
  return tenantId ? [scope, `VSCODE_TENANT:${tenantId}`] : [scope];
}

/** The VS Code session for a Microsoft account; `interactive` may show the sign-in flow. */
export async function microsoftSession(scope: string, tenantId: string | undefined, interactive: boolean): Promise<vscode.AuthenticationSession | undefined> {
  const scopes = microsoftScopes(scope, tenantId);
  return interactive
    ? vscode.authentication.getSession('microsoft', scopes, { createIfNone: true })
    : vscode.authentication.getSession('microsoft', scopes, { silent: true });
}

export interface Secrets {
  secret?: string;
  token?: string;
}

export function createTokenProvider(info: ConnectionInfo, secrets: Secrets): TokenProvider {
  if (info.kind === 'emulator') return new StaticTokenProvider(secrets.token ?? '');
  const scope = apiScope();
  switch (info.kind) {
    case 'microsoft':
      return new FunctionTokenProvider(async () => {
        const session = await microsoftSession(scope, info.tenantId, false);
        if (!session) throw new Error(vscode.l10n.t("Your Microsoft session has ended. Run 'Fabric: Sign In' again."));
        return session.accessToken;
      });
    default:
      return new AzureCredentialTokenProvider(lazyCredential(info, secrets), [scope]);
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

/**
 * Where a service principal signs in: `fabricWorkbench.authorityHost` (a sovereign cloud's, or a
 * local one for tests). Any authority but the public one is used as given, without Entra's
 * instance discovery, which only knows Microsoft's clouds.
 */
function authority(): { authorityHost: string; disableInstanceDiscovery: boolean } {
  const authorityHost = settings.authorityHost();
  return { authorityHost, disableInstanceDiscovery: authorityHost !== PUBLIC_AUTHORITY_HOST };
}

function createCredential(identity: IdentityModule, info: CredentialInfo, secrets: Secrets): TokenCredential {
  const { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } = identity;
  switch (info.kind) {
    case 'servicePrincipal':
      if (info.certificatePath) return new ClientCertificateCredential(info.tenantId, info.clientId, { certificatePath: info.certificatePath }, authority());
      if (!secrets.secret) throw new Error(vscode.l10n.t("The service principal's secret is missing. Run 'Fabric: Sign In' again."));
      return new ClientSecretCredential(info.tenantId, info.clientId, secrets.secret, authority());
    case 'azureCli':
      return new AzureCliCredential(info.tenantId ? { tenantId: info.tenantId } : {});
    case 'managedIdentity':
      return info.clientId ? new ManagedIdentityCredential({ clientId: info.clientId }) : new ManagedIdentityCredential();
  }
}
