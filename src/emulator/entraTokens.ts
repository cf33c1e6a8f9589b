// Entra-shaped bearer tokens, so clients that insist on a JWT (the Fabric CLI, azure-identity
// based tools) can talk to the emulator. The check reads the claims only: the signature is NOT
// verified, which is why `acceptEntraTokens` is for local use only. (The tokens the local Entra
// endpoint issues are signed and checked by it: localEntra.ts.)
import { randomUUID } from 'node:crypto';
import { ApiError } from './apiError';

export const FABRIC_AUDIENCE = 'https://api.fabric.microsoft.com';
/** The Power BI API's audience: Fabric accepts it, and `fab` and `az account get-access-token` hand out such tokens. */
export const POWER_BI_AUDIENCE = 'https://analysis.windows.net/powerbi/api';
const DEV_TENANT = '00000000-0000-4000-8000-0000000fab1c';
/** The longest access-token lifetime Entra issues (continuous access evaluation: up to 28 hours). */
export const MAX_ENTRA_TOKEN_LIFETIME_SECONDS = 28 * 3600;

/** Not a signature: real tokens have three segments and some parsers insist on a non-empty third. */
const DUMMY_SIGNATURE = Buffer.from('not-signed: fabric emulator development token');

export interface DevEntraTokenOptions {
  /** Seconds since the epoch (default: now). */
  issuedAt?: number;
  /** Default 3600. */
  lifetimeSeconds?: number;
  audience?: string;
  /** Default the made-up development tenant. */
  tenantId?: string;
  /** An application's client id: the token is the app's own (client credentials), not a user's. */
  app?: string;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The claims of an Entra v1 access token: for a made-up user, or for an application. */
export function entraClaims(options: DevEntraTokenOptions = {}): Record<string, unknown> {
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const tid = options.tenantId ?? DEV_TENANT;
  const identity = options.app
    ? { oid: options.app, sub: options.app, appid: options.app, idtyp: 'app', roles: ['Workspace.ReadWrite.All', 'Item.ReadWrite.All', 'Item.Execute.All'] }
    : {
        oid: '00000000-0000-4000-8000-00000000da7a',
        upn: 'dev@fabric-emulator.local',
        unique_name: 'dev@fabric-emulator.local',
        name: 'Emulator Developer',
        scp: 'Workspace.ReadWrite.All Item.ReadWrite.All Item.Execute.All',
        appid: '00000000-0000-4000-8000-0000000c11e0',
        idtyp: 'user',
      };
  return {
    aud: options.audience ?? FABRIC_AUDIENCE,
    iss: `https://sts.windows.net/${tid}/`,
    iat,
    nbf: iat,
    exp: iat + (options.lifetimeSeconds ?? 3600),
    tid,
    ...identity,
    ver: '1.0',
    uti: randomUUID(),
  };
}

/** `header.payload.signature`, the signature made by `sign` over `header.payload`. */
export function encodeJwt(header: object, claims: object, sign: (signingInput: string) => Buffer): string {
  const signingInput = `${encode(header)}.${encode(claims)}`;
  return `${signingInput}.${sign(signingInput).toString('base64url')}`;
}

/** An unsigned JWT shaped like the access token Entra issues for the Fabric API, for a made-up user. */
export function createDevEntraToken(options: DevEntraTokenOptions = {}): string {
  return encodeJwt({ typ: 'JWT', alg: 'RS256', kid: 'fabric-emulator' }, entraClaims(options), () => DUMMY_SIGNATURE);
}

const invalid = (why: string): ApiError => new ApiError(401, 'InvalidToken', `The bearer token is not valid for this emulator: ${why}.`);

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** `header.payload`, what the signature signs. */
  signingInput: string;
  signature: Buffer;
}

/** A JWT's parts, or undefined when `token` is not three base64url segments of JSON objects. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined;
  const [header, claims] = [decodeSegment(segments[0]!), decodeSegment(segments[1]!)];
  if (!header || !claims || !/^[A-Za-z0-9_-]*$/.test(segments[2]!)) return undefined;
  return { header, claims, signingInput: `${segments[0]}.${segments[1]}`, signature: Buffer.from(segments[2]!, 'base64url') };
}

/**
 * Accepts an unexpired JWT whose `aud` is one of `audiences` (default the Fabric API's and the Power
 * BI API's); throws 401 InvalidToken or TokenExpired.
 */
export function checkEntraToken(token: string, nowMs = Date.now(), audiences: readonly string[] = [FABRIC_AUDIENCE, POWER_BI_AUDIENCE]): void {
  const jwt = decodeJwt(token);
  if (!jwt) throw invalid(token.split('.').length === 3 ? 'its header or claims are not base64url JSON' : 'it is neither the emulator token nor a JWT');
  const payload = jwt.claims;
  const claimed = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!claimed.some((aud) => typeof aud === 'string' && audiences.includes(aud.replace(/\/$/, '')))) {
    throw invalid(`its audience (aud) is not ${audiences.join(' or ')}`);
  }
  if (typeof payload.exp !== 'number') throw invalid('it has no expiry (exp)');
  if (payload.exp * 1000 <= nowMs) throw new ApiError(401, 'TokenExpired', 'Access token has expired, resubmit with a new access token.');
  if (typeof payload.nbf === 'number' && payload.nbf * 1000 > nowMs + 5 * 60_000) throw invalid('it is not valid yet (nbf)');
  // Unsigned tokens are accepted, so at least bound how long one keeps working: from the earliest
  // of now, iat and nbf (a claimed future iat does not stretch it) to exp.
  const start = Math.min(nowMs / 1000, ...[payload.iat, payload.nbf].filter((t): t is number => typeof t === 'number'));
  if (payload.exp - start > MAX_ENTRA_TOKEN_LIFETIME_SECONDS)
    throw invalid(`it lives longer than the ${MAX_ENTRA_TOKEN_LIFETIME_SECONDS / 3600} hours Entra issues tokens for`);
}
