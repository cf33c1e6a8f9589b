// The HTTP side: the Host check, bearer-token check, faults, latency, JSON in and out (bounded),
// Fabric's error shape, and request counts per route for tests and benchmarks. No request, however
// malformed, gets past the try block below: the process must outlive whatever it is sent.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import { apiFamilyOf } from '../fabric/rateLimiter';
import { ApiError, throttled } from './apiError';
import { checkEntraToken } from './entraTokens';
import { FaultInjector } from './faults';
import type { Router } from './router';
import type { PageReply } from './monitoringPages';
import { nestedDeeperThan } from './jsonDepth';
import { isServedHost } from './servedHost';

export interface EmulatorStats {
  requests: number;
  byRoute: Record<string, number>;
  throttled: number;
  /** Counts a request in `byRoute`. */
  count(route: string): void;
  reset(): void;
}

/** More distinct routes than the API has: past it, new paths (made-up ones, ids that are no GUIDs) count as one, so the counts stay bounded. */
const MAX_COUNTED_ROUTES = 2000;

export function createStats(): EmulatorStats {
  let routes = 0;
  const stats: EmulatorStats = {
    requests: 0,
    byRoute: {},
    throttled: 0,
    count(route) {
      const counted = route in stats.byRoute || routes++ < MAX_COUNTED_ROUTES ? route : 'other routes';
      stats.byRoute[counted] = (stats.byRoute[counted] ?? 0) + 1;
    },
    reset() {
      stats.requests = 0;
      stats.byRoute = {};
      stats.throttled = 0;
      routes = 0;
    },
  };
  return stats;
}

export interface ServerOptions {
  router: Router;
  token: string;
  stats: EmulatorStats;
  faults: () => FaultInjector | undefined;
  /** Whether the connection is TLS (for absolute URLs). */
  secure?: boolean;
  /** Also accept unexpired Fabric-audience JWTs, signature unchecked (entraTokens.ts). */
  acceptEntraTokens?: boolean;
  /** True for a token the local Entra endpoint issued and still accepts (localEntra.ts); gets the Host header. */
  issuedToken?: (token: string, host: string | undefined) => boolean;
  /** The address the server binds: a `Host` naming it is served besides IP literals and localhost. */
  host: string;
  /** Bodies larger than this are refused with 413 before they are read. */
  maxBodyBytes: number;
  /** Resolves once the changes made so far are on disk (a shared sync): every answer waits for it. */
  durable: () => Promise<void>;
  /** Pages a link's own capability opens without the token (monitoringPages.ts); undefined for any other path. */
  pages?: (method: string, url: URL) => PageReply | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res: http.ServerResponse, requestId: string, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    requestId,
    'x-ms-request-id': requestId,
    // Fabric labels its empty answers (202s, DELETE 200s) too, and clients test the label before parsing.
    'Content-Type': text ? 'application/json; charset=utf-8' : 'application/octet-stream',
    'Content-Length': Buffer.byteLength(text).toString(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, requestId: string, error: ApiError, headers: Record<string, string> = {}): void {
  const body = {
    requestId,
    errorCode: error.errorCode,
    message: error.message,
    ...(error.moreDetails ? { moreDetails: error.moreDetails } : {}),
    ...(error.status === 429 || error.status >= 500 ? { isRetriable: true } : {}),
  };
  send(res, requestId, error.status, body, { 'x-ms-public-api-error-code': error.errorCode, ...headers });
}

/** ASP.NET's default JSON depth: deeper bodies are refused before any handler or the journal sees them. */
const MAX_JSON_DEPTH = 64;

/**
 * UTF-8 as System.Text.Json reads it: a byte sequence that is no character is refused, never
 * replaced; a leading byte order mark (PowerShell 5's `Out-File -Encoding utf8`, Notepad) is no
 * JSON, but .NET's stream deserializer skips it, and so does this decoder.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

const tooLarge = (maxBytes: number): ApiError =>
  new ApiError(413, 'RequestBodyTooLarge', `The request body is larger than the emulator's limit of ${Math.round(maxBytes / 1024 / 1024)} MB (--max-body-mb).`);

/** Reads a JSON body of at most `maxBytes`, refusing a larger one as soon as it shows (no buffering of it). */
async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError(400, 'InvalidRequest', 'The request body is not valid UTF-8.');
  }
  if (!text.trim()) return undefined;
  if (nestedDeeperThan(bytes, MAX_JSON_DEPTH)) throw new ApiError(400, 'InvalidRequest', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'InvalidRequest', 'The request body is not valid JSON.');
  }
}

/** The request target as a URL; origin-form (`/v1/…`, `//`) and absolute-form (`http://h/v1/…`) alike. */
function requestUrl(target: string | undefined): URL {
  try {
    return target?.startsWith('/') ? new URL(`http://emulator${target}`) : new URL(target ?? '');
  } catch {
    throw new ApiError(400, 'InvalidRequest', 'The request target is not a valid path or URL.');
  }
}

/** Compares in constant time: digests of equal length, so neither content nor length leaks. */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/** The service's date in RequestBlocked messages: `2/6/2024 12:58:37 PM` (UTC, no comma). */
function serviceDate(date: Date): string {
  const hours = date.getUTCHours();
  const time = [hours % 12 || 12, ...[date.getUTCMinutes(), date.getUTCSeconds()].map((n) => String(n).padStart(2, '0'))].join(':');
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${time} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** `/v1/workspaces/3f…/items` → `/v1/workspaces/{id}/items`, for per-route counts. */
const routeKey = (method: string, path: string): string =>
  `${method} ${path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')}`;

export function requestListener({
  router,
  token,
  stats,
  faults,
  secure,
  acceptEntraTokens,
  issuedToken,
  host,
  maxBodyBytes,
  durable,
  pages,
}: ServerOptions): http.RequestListener {
  return async (req, res) => {
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    stats.requests++;
    try {
      if (!isServedHost(req.headers.host, host)) {
        throw new ApiError(421, 'MisdirectedRequest', 'The Host header does not name this emulator: use http://127.0.0.1 or http://localhost with its port.');
      }
      const url = requestUrl(req.url);
      stats.count(routeKey(method, url.pathname));
      const page = pages?.(method, url);
      if (page) {
        await durable();
        res.writeHead(page.status, { requestId, 'Content-Length': Buffer.byteLength(page.body).toString(), ...page.headers });
        res.end(page.body);
        return;
      }
      const injector = faults();
      if (injector?.spec.latencyMs) await sleep(injector.spec.latencyMs);
      const auth = req.headers.authorization;
      if (!auth) throw new ApiError(401, 'TokenIsMissing', 'The request has no bearer token: send Authorization: Bearer <token>.');
      if (!sameSecret(auth, `Bearer ${token}`) && !(auth.startsWith('Bearer ') && issuedToken?.(auth.slice('Bearer '.length), req.headers.host))) {
        if (!acceptEntraTokens || !auth.startsWith('Bearer ')) throw new ApiError(401, 'InvalidToken', 'The bearer token is not valid for this emulator.');
        checkEntraToken(auth.slice('Bearer '.length));
      }
      // Fabric's quotas are per identity and API family (Platform, Job Scheduler, LRO).
      const fault = injector?.decide(`${auth} ${apiFamilyOf(url.pathname)}`);
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'throttle') {
        stats.throttled++;
        throw throttled('RequestBlocked', `Request is blocked by the upstream service until: ${serviceDate(fault.until)}`, fault.retryAfterSeconds);
      }
      if (fault?.kind === 'error') {
        throw new ApiError(
          fault.status,
          fault.status === 500 ? 'InternalServerError' : 'ServiceUnavailable',
          'The service had a transient error (injected by the emulator).',
        );
      }
      if (!url.pathname.startsWith('/v1/')) throw new ApiError(404, 'EntityNotFound', `No API at ${url.pathname}: the API lives under /v1.`);
      const found = router.match(method, url.pathname.slice(3));
      if (!found) throw new ApiError(404, 'EntityNotFound', `No API at ${method} ${url.pathname}.`);
      if ('allowed' in found) {
        // HTTP requires a 405 to say what the resource takes.
        const allow = found.allowed.join(', ');
        throw Object.assign(new ApiError(405, 'MethodNotAllowed', `${method} is not allowed on ${url.pathname}: use ${allow}.`), { headers: { Allow: allow } });
      }
      const origin = `${secure ? 'https' : 'http'}://${req.headers.host}`;
      const body = await readBody(req, maxBodyBytes);
      const reply = await found.handler({ method, params: found.params, query: url.searchParams, body, origin });
      // A read may show a change still waiting for its sync: no answer goes out before it is on disk.
      await durable();
      send(res, requestId, reply.status, reply.body, reply.headers);
    } catch (error) {
      sendFailure(req, res, requestId, error);
    }
  };
}

function sendFailure(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, error: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  // A refusal before the body was read: close the connection rather than read (or buffer) the rest.
  const close: Record<string, string> = req.complete ? {} : { Connection: 'close' };
  if (error instanceof ApiError) {
    const { retryAfter, headers } = error as ApiError & { retryAfter?: number; headers?: Record<string, string> };
    sendError(res, requestId, error, { ...close, ...headers, ...(retryAfter ? { 'Retry-After': String(retryAfter) } : {}) });
  } else {
    sendError(res, requestId, new ApiError(500, 'InternalServerError', `The emulator failed: ${(error as Error).message}`), close);
  }
}
