// The HTTP side: bearer-token check, faults, latency, JSON in and out, Fabric's error shape, and
// request counts per route for tests and benchmarks.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { apiFamilyOf } from '../fabric/rateLimiter';
import { ApiError } from './apiError';
import { checkEntraToken } from './entraTokens';
import { FaultInjector } from './faults';
import type { Router } from './router';

export interface EmulatorStats {
  requests: number;
  byRoute: Record<string, number>;
  throttled: number;
  reset(): void;
}

export function createStats(): EmulatorStats {
  const stats: EmulatorStats = {
    requests: 0,
    byRoute: {},
    throttled: 0,
    reset() {
      stats.requests = 0;
      stats.byRoute = {};
      stats.throttled = 0;
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

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'InvalidRequest', 'The request body is not valid JSON.');
  }
}

/** The service's date in RequestBlocked messages: `2/6/2024 12:58:37 PM` (UTC, no comma). */
function serviceDate(date: Date): string {
  const hours = date.getUTCHours();
  const time = [hours % 12 || 12, ...[date.getUTCMinutes(), date.getUTCSeconds()].map((n) => String(n).padStart(2, '0'))].join(':');
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${time} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** `/v1/workspaces/3f…/items` → `/v1/workspaces/{id}/items`, for per-route counts. */
const routeKey = (method: string, path: string): string => `${method} ${path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')}`;

export function requestListener({ router, token, stats, faults, secure, acceptEntraTokens, issuedToken }: ServerOptions): http.RequestListener {
  return async (req, res) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    stats.requests++;
    const key = routeKey(method, url.pathname);
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
    try {
      const injector = faults();
      if (injector?.spec.latencyMs) await sleep(injector.spec.latencyMs);
      const auth = req.headers.authorization;
      if (!auth) throw new ApiError(401, 'TokenIsMissing', 'The request has no bearer token: send Authorization: Bearer <token>.');
      if (auth !== `Bearer ${token}` && !(auth.startsWith('Bearer ') && issuedToken?.(auth.slice('Bearer '.length), req.headers.host))) {
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
        throw Object.assign(new ApiError(429, 'RequestBlocked', `Request is blocked by the upstream service until: ${serviceDate(fault.until)}`), { retryAfter: fault.retryAfterSeconds });
      }
      if (fault?.kind === 'error') {
        throw new ApiError(fault.status, fault.status === 500 ? 'InternalServerError' : 'ServiceUnavailable', 'The service had a transient error (injected by the emulator).');
      }
      if (!url.pathname.startsWith('/v1/')) throw new ApiError(404, 'EntityNotFound', `No API at ${url.pathname}: the API lives under /v1.`);
      const found = router.match(method, url.pathname.slice(3));
      if (found === 'wrongMethod') throw new ApiError(405, 'MethodNotAllowed', `${method} is not allowed on ${url.pathname}.`);
      if (!found) throw new ApiError(404, 'EntityNotFound', `No API at ${method} ${url.pathname}.`);
      const origin = `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
      const body = await readBody(req);
      const reply = await found.handler({ method, params: found.params, query: url.searchParams, body, origin });
      send(res, requestId, reply.status, reply.body, reply.headers);
    } catch (error) {
      if (error instanceof ApiError) {
        const retryAfter = (error as ApiError & { retryAfter?: number }).retryAfter;
        sendError(res, requestId, error, retryAfter ? { 'Retry-After': String(retryAfter) } : {});
      } else {
        sendError(res, requestId, new ApiError(500, 'InternalServerError', `The emulator failed: ${(error as Error).message}`));
      }
    }
  };
}
