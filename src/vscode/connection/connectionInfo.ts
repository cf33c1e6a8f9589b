// What is remembered about a connection (in globalState): its kind and non-secret fields. Secrets
// (a service principal's client secret, an emulator token) live in SecretStorage.
export type ConnectionInfo =
  | { kind: 'microsoft'; tenantId?: string; account?: string }
  | { kind: 'servicePrincipal'; tenantId: string; clientId: string; certificatePath?: string }
  | { kind: 'azureCli'; tenantId?: string }
  /** The host's managed identity: a user-assigned one's client id, or none for the system-assigned one. */
  | { kind: 'managedIdentity'; clientId?: string }
  | { kind: 'emulator'; url: string };

export type ConnectionKind = ConnectionInfo['kind'];
