// Where bearer tokens come from. Every provider answers `getToken()`; the client wraps whichever
// it is given in a CachingTokenProvider, so a token is asked for again only shortly before it
// expires or after Fabric said TokenExpired.
import type { TokenCredential } from '@azure/identity';
import { raceAbort } from './delay';

export interface AccessToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresOnTimestamp: number;
}

export interface TokenProvider {
  getToken(signal?: AbortSignal): Promise<AccessToken>;
}

export const FABRIC_DEFAULT_SCOPE = 'https://api.fabric.microsoft.com/.default';

/**
 * The scope a token for the API at `apiBaseUrl` is asked with: the API's origin, `/.default`
 * (Entra's resource for the public API is its origin too). A sovereign cloud's or a local
 * emulator's API gets tokens for itself, not for the public cloud.
 */
export function fabricScope(apiBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiBaseUrl.trim());
  } catch {
    throw new Error(`The Fabric API address "${apiBaseUrl}" is not a URL (setting fabricWorkbench.apiBaseUrl).`);
  }
  return url.origin === new URL(FABRIC_DEFAULT_SCOPE).origin ? FABRIC_DEFAULT_SCOPE : `${url.origin}/.default`;
}

/**
 * Whether this host has a managed identity, read from the variables the Azure hosts set (App
 * Service, Functions, Container Apps, Arc, Service Fabric: IDENTITY_ENDPOINT; Cloud Shell, Azure
 * ML, older App Service: MSI_ENDPOINT). No network probe: an Azure VM's IMDS is not detected.
 */
export function hostHasManagedIdentity(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!(env.IDENTITY_ENDPOINT?.trim() || env.MSI_ENDPOINT?.trim());
}

/** A fixed token (the emulator's, or one pasted by the user); it never expires on our side. */
export class StaticTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Number.MAX_SAFE_INTEGER };
  }
}

/**
 * Any @azure/identity credential: ClientSecretCredential, ClientCertificateCredential,
 * AzureCliCredential, ManagedIdentityCredential, DefaultAzureCredential, VisualStudioCodeCredential.
 */
export class AzureCredentialTokenProvider implements TokenProvider {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scopes: string[] = [FABRIC_DEFAULT_SCOPE],
  ) {}

  async getToken(signal?: AbortSignal): Promise<AccessToken> {
    const token = await this.credential.getToken(this.scopes, { abortSignal: signal });
    if (!token) throw new Error('The Azure credential returned no token for Microsoft Fabric.');
    return { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp };
  }
}

/**
 * A function returning a token, e.g. VS Code's authentication session. A bare string's expiry is
 * read from its JWT `exp` claim; when it has none it is asked for again on every call.
 */
export class FunctionTokenProvider implements TokenProvider {
  constructor(private readonly fn: (signal?: AbortSignal) => Promise<string | AccessToken>) {}

  async getToken(signal?: AbortSignal): Promise<AccessToken> {
    const result = await this.fn(signal);
    if (typeof result !== 'string') return result;
    return { token: result, expiresOnTimestamp: jwtExpiry(result) ?? 0 };
  }
}

/** The `exp` claim of a JWT, in milliseconds, or undefined when the token is not a JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export interface CachingTokenProviderOptions {
  /** Ask for a new token this long before the cached one expires (default 3 minutes). */
  refreshMarginMs?: number;
  now?: () => number;
}

/** Keeps the last token until shortly before it expires; concurrent callers share one request. */
export class CachingTokenProvider implements TokenProvider {
  private cached: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: TokenProvider,
    options: CachingTokenProviderOptions = {},
  ) {
    this.refreshMarginMs = options.refreshMarginMs ?? 3 * 60_000;
    this.now = options.now ?? Date.now;
  }

  getToken(signal?: AbortSignal): Promise<AccessToken> {
    if (this.cached && this.cached.expiresOnTimestamp - this.refreshMarginMs > this.now()) return Promise.resolve(this.cached);
    if (!this.pending) {
      // Not tied to one caller's signal: another caller may still want the token.
      this.pending = this.inner.getToken().then(
        (token) => {
          this.cached = token;
          this.pending = undefined;
          return token;
        },
        (error: unknown) => {
          this.pending = undefined;
          throw error;
        },
      );
    }
    return raceAbort(this.pending, signal);
  }

  /** Forgets the cached token (after Fabric answered TokenExpired). */
  invalidate(): void {
    this.cached = undefined;
  }
}
