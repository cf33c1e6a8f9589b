// A minimal local Microsoft Entra token endpoint, so every sign-in built on @azure/identity (a
// service principal with a secret or a certificate) can be tested end to end against the
// emulator: point the credential's `authorityHost` at the emulator (HTTPS: MSAL refuses other
// authorities) with instance discovery off. It serves the tenant's OpenID metadata, its signing
// keys, and the client-credentials grant for the applications it was given; the tokens it issues
// are signed with a key made at start, and the emulator accepts them (`verify`) for the Fabric
// audience or its own address. Nothing else of Entra is here: no users, no refresh tokens.
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type * as http from 'node:http';
import { checkEntraToken, encodeJwt, decodeJwt, entraClaims, FABRIC_AUDIENCE } from './entraTokens';

/** An application (service principal) the local Entra knows. */
export interface EntraApp {
  tenantId: string;
  clientId: string;
  /** Its client secret. */
  secret?: string;
  /** Its certificate (PEM): a client assertion must be signed by the certificate's key. */
  certificate?: string;
}

/**
 * The command line's `--entra-app TENANT:CLIENT:SECRET`, or `TENANT:CLIENT:@FILE` for a
 * certificate (PEM) whose client assertions are accepted.
 */
export function parseEntraApp(spec: string): EntraApp {
  const [tenantId, clientId, ...rest] = spec.split(':');
  const credential = rest.join(':');
  if (!tenantId || !clientId || !credential) throw new Error(`--entra-app is TENANT:CLIENT:SECRET or TENANT:CLIENT:@CERTIFICATE.pem, not "${spec}".`);
  if (!credential.startsWith('@')) return { tenantId, clientId, secret: credential };
  let certificate: string;
  try {
    certificate = readFileSync(credential.slice(1), 'utf8');
    new X509Certificate(certificate);
  } catch (error) {
    throw new Error(`--entra-app: ${credential.slice(1)} is not a readable PEM certificate (${(error as Error).message}).`, { cause: error });
  }
  return { tenantId, clientId, certificate };
}

const TOKEN_LIFETIME_SECONDS = 3599;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ROUTE = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token)\/?$/;

/** An OAuth error as Entra answers it: `error`, an `AADSTS…` description and its code. */
class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

export class LocalEntra {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly kid = randomUUID();

  constructor(
    private readonly apps: readonly EntraApp[],
    private readonly secure: boolean,
  ) {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }));
  }

  /** The emulator's listener with the Entra paths answered first (they carry no bearer token). */
  around(listener: http.RequestListener): http.RequestListener {
    // Whatever the Entra paths cannot parse (a malformed target or Host) goes to the emulator's
    // listener, which answers every malformed request.
    return (req, res) => {
      void this.handle(req, res).then(
        (handled) => handled || listener(req, res),
        () => listener(req, res),
      );
    };
  }

  /** Answers the Entra paths (`/{tenant}/…`); false for any other path. */
  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const origin = this.originOf(req.headers.host);
    const url = new URL(req.url ?? '/', origin);
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const [, tenant, what] = match as unknown as [string, string, string];
    const authority = `${origin}/${tenant}`;
    try {
      if (what === 'oauth2/v2.0/token') {
        if (req.method !== 'POST') throw new OAuthError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
        const form = new URLSearchParams(await readText(req));
        reply(res, 200, this.token(tenant, `${authority}/oauth2/v2.0/token`, form, origin));
      } else if (req.method !== 'GET') {
        throw new OAuthError(405, 'invalid_request', 900561, 'The endpoint only accepts GET requests.');
      } else if (what === 'discovery/v2.0/keys') {
        reply(res, 200, { keys: [{ ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' }] });
      } else {
        reply(res, 200, {
          issuer: `${authority}/v2.0`,
          authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
          token_endpoint: `${authority}/oauth2/v2.0/token`,
          jwks_uri: `${authority}/discovery/v2.0/keys`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          tenant_region_scope: null,
        });
      }
    } catch (error) {
      const e = error instanceof OAuthError ? error : new OAuthError(500, 'server_error', 90033, 'A transient error has occurred in the local token endpoint.');
      reply(res, e.status, {
        error: e.error,
        error_description: e.message,
        error_codes: [e.code],
        timestamp: new Date()
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, 'Z'),
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
        error_uri: `${origin}/error?code=${e.code}`,
      });
    }
    return true;
  }

  /**
   * Checks a bearer token: false when this endpoint did not sign it (another check may apply);
   * throws 401 when it did but the token is expired or for another audience.
   */
  verify(token: string, host: string | undefined): boolean {
    const jwt = decodeJwt(token);
    if (!jwt || jwt.header.kid !== this.kid || jwt.header.alg !== 'RS256') return false;
    if (!verify('sha256', Buffer.from(jwt.signingInput), this.publicKey, jwt.signature)) return false;
    checkEntraToken(token, Date.now(), [FABRIC_AUDIENCE, this.originOf(host)]);
    return true;
  }

  /** The address a request came in on: a token for it is a token for this emulator. */
  private originOf(host: string | undefined): string {
    return `${this.secure ? 'https' : 'http'}://${host ?? 'localhost'}`;
  }

  private token(tenant: string, endpoint: string, form: URLSearchParams, origin: string): unknown {
    if (form.get('grant_type') !== 'client_credentials') {
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}': this local endpoint only knows client_credentials.`,
      );
    }
    if (!this.apps.some((app) => app.tenantId === tenant)) {
      throw new OAuthError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    const clientId = form.get('client_id') ?? '';
    const app = this.apps.find((a) => a.tenantId === tenant && a.clientId === clientId);
    if (!app) throw new OAuthError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    authenticate(app, form, endpoint);
    const scope = form.get('scope') ?? '';
    if (!/^\S+\/\.default$/.test(scope)) {
      throw new OAuthError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const resource = scope.slice(0, -'/.default'.length);
    if (![FABRIC_AUDIENCE, origin].includes(resource.replace(/\/$/, ''))) {
      throw new OAuthError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant}.`);
    }
    const claims = entraClaims({ audience: resource, lifetimeSeconds: TOKEN_LIFETIME_SECONDS, tenantId: tenant, app: clientId });
    const accessToken = encodeJwt({ typ: 'JWT', alg: 'RS256', kid: this.kid }, claims, (input) => sign('sha256', Buffer.from(input), this.privateKey));
    return { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken };
  }
}

/** The client secret, or a client assertion signed by the app's certificate for this endpoint. */
function authenticate(app: EntraApp, form: URLSearchParams, endpoint: string): void {
  const secret = form.get('client_secret');
  if (secret !== null) {
    if (app.secret === undefined || secret !== app.secret) {
      throw new OAuthError(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
      );
    }
    return;
  }
  const assertion = form.get('client_assertion');
  if (assertion === null || form.get('client_assertion_type') !== ASSERTION_TYPE) {
    throw new OAuthError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  const invalid = (why: string) => new OAuthError(401, 'invalid_client', 700027, `Client assertion failed signature validation or is invalid: ${why}.`);
  if (app.certificate === undefined) throw invalid('no certificate is registered for this application');
  const jwt = decodeJwt(assertion);
  if (!jwt) throw invalid('it is not a JWT');
  const certificate = new X509Certificate(app.certificate);
  const thumbprint = (algorithm: string) => createHash(algorithm).update(certificate.raw).digest('base64url');
  const { header, claims } = jwt;
  if (header['x5t#S256'] !== undefined ? header['x5t#S256'] !== thumbprint('sha256') : header.x5t !== thumbprint('sha1')) {
    throw invalid("its thumbprint (x5t) is not the registered certificate's");
  }
  const key = createPublicKey(certificate.publicKey.export({ format: 'pem', type: 'spki' }));
  const signed =
    header.alg === 'PS256'
      ? verify('sha256', Buffer.from(jwt.signingInput), { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }, jwt.signature)
      : header.alg === 'RS256' && verify('sha256', Buffer.from(jwt.signingInput), key, jwt.signature);
  if (!signed) throw invalid('the signature does not match the registered certificate');
  if (claims.aud !== endpoint) throw invalid(`its audience is not ${endpoint}`);
  if (claims.iss !== app.clientId || claims.sub !== app.clientId) throw invalid('its issuer and subject are not the client id');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw invalid('it has expired');
}

/** A token request is a short form: anything larger is refused before it is read in full. */
const MAX_FORM_BYTES = 64 * 1024;

async function readText(req: http.IncomingMessage): Promise<string> {
  const tooLarge = () => new OAuthError(413, 'invalid_request', 90002, `The request body is larger than ${MAX_FORM_BYTES} bytes.`);
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store' });
  res.end(text);
}
