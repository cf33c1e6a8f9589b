// The transport: one Fabric request on node-fetch with the bearer token, User-Agent, JSON body and
// the caller's AbortSignal; rate limiting, retries and the TokenExpired refresh around it; one log
// line per attempt. Secrets are masked in everything it logs or throws.
import fetch, { type Response } from 'node-fetch';
import { CachingTokenProvider, type TokenProvider } from './auth';
import { abortError, delay, throwIfAborted } from './delay';
import { FabricError, errorFromResponse, networkError } from './errors';
import { apiFamilyOf, RateLimiter } from './rateLimiter';
import { maskSecrets } from './redaction';
import { DEFAULT_RETRY_OPTIONS, retryDelayMs, type RetryMode, type RetryOptions } from './retry';

/** Receives the client's log lines; a VS Code LogOutputChannel fits. */
export interface FabricLogger {
  trace?(message: string): void;
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

export const DEFAULT_BASE_URL = 'https://api.fabric.microsoft.com/v1';

export interface HttpOptions {
  baseUrl?: string;
  tokenProvider: TokenProvider;
  userAgent?: string;
  logger?: FabricLogger;
  rateLimiter?: RateLimiter;
  retry?: Partial<RetryOptions>;
  /** Multiplies every wait the client makes on its own (retries, Retry-After, LRO polls); tests use a small one. */
  waitScale?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A path under the base URL (`/workspaces`), or an absolute URL on the base URL's origin. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  retry: RetryMode;
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  headers: { get(name: string): string | null };
  body: T | undefined;
}

/** How many recent tokens to remember for masking (a server may echo a refreshed-away one). */
const REMEMBERED_TOKENS = 4;

export class FabricHttp {
  readonly baseUrl: string;
  readonly waitScale: number;
  private readonly tokens: CachingTokenProvider;
  private readonly limiter: RateLimiter;
  private readonly retryOptions: RetryOptions;
  private readonly seenTokens: string[] = [];

  constructor(private readonly options: HttpOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.tokens = options.tokenProvider instanceof CachingTokenProvider ? options.tokenProvider : new CachingTokenProvider(options.tokenProvider);
    this.limiter = options.rateLimiter ?? new RateLimiter();
    this.retryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.waitScale = options.waitScale ?? 1;
  }

  /** Masks every token this client has sent, and anything token-shaped, in `text`. */
  mask(text: string): string {
    return maskSecrets(text, this.seenTokens);
  }

  /** The absolute URL of a path or same-origin URL, with query parameters added. */
  resolve(path: string, query: HttpRequest['query'] = {}): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(this.baseUrl + path);
    if (url.origin !== new URL(this.baseUrl).origin) {
      // Never send the bearer token to another host.
      throw new FabricError({ status: 0, errorCode: 'UntrustedUrl', message: `Fabric pointed at ${url.origin}, which is not ${new URL(this.baseUrl).origin}.` });
    }
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }

  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.resolve(request.path, request.query);
    const label = `${request.method} ${url.pathname}${url.search}`;
    const family = apiFamilyOf(url.pathname);
    let refreshed = false;
    for (let retry = 0; ; ) {
      await this.limiter.acquire(family, request.signal);
      const outcome = await this.attempt(url, label, request);
      if (!(outcome instanceof FabricError)) return outcome as HttpResponse<T>;
      if (outcome.status === 401 && outcome.errorCode === 'TokenExpired' && !refreshed) {
        refreshed = true;
        this.tokens.invalidate();
        this.log('info', `${label}: token expired, asking for a new one`);
        continue;
      }
      const wait = retryDelayMs(outcome, retry, request.retry, this.retryOptions);
      if (wait === undefined) throw outcome;
      this.log('info', `${label}: retry ${retry + 1} of ${this.retryOptions.maxRetries} in ${Math.round(wait)} ms after ${outcome.status || outcome.errorCode}`);
      await delay(wait * this.waitScale, request.signal);
      retry++;
    }
  }

  /** One attempt: the response on success, the FabricError on failure, a throw on abort. */
  private async attempt(url: URL, label: string, request: HttpRequest): Promise<HttpResponse<unknown> | FabricError> {
    throwIfAborted(request.signal);
    const token = await this.bearerToken(label, request.signal);
    const started = Date.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(url.href, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': this.options.userAgent ?? 'fabric-workbench',
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: request.signal,
      });
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw abortError(request.signal);
      const { code, message } = error as { code?: string; message?: string };
      const failure = networkError(code, this.mask(message ?? String(error)), label);
      this.log('warn', `${label} failed after ${Date.now() - started} ms: ${failure.message}`);
      return failure;
    }
    const requestId = response.headers.get('requestid') ?? response.headers.get('x-ms-request-id') ?? '-';
    const line = `${label} ${response.status} ${Date.now() - started} ms request id ${requestId}`;
    if (response.ok) {
      this.log('debug', line);
      return { status: response.status, headers: response.headers, body: parseJson(text) };
    }
    const error = errorFromResponse(response.status, response.headers, this.mask(text), label);
    this.log('warn', `${line}: ${error.errorCode}: ${error.message}`);
    return error;
  }

  private async bearerToken(label: string, signal: AbortSignal | undefined): Promise<string> {
    let token: string;
    try {
      ({ token } = await this.tokens.getToken(signal));
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      const reason = this.mask((error as Error)?.message ?? String(error));
      throw new FabricError({ status: 401, errorCode: 'AuthenticationFailed', message: `Could not get a token for Microsoft Fabric: ${reason}`, request: label });
    }
    if (!this.seenTokens.includes(token)) {
      this.seenTokens.push(token);
      if (this.seenTokens.length > REMEMBERED_TOKENS) this.seenTokens.shift();
    }
    return token;
  }

  private log(level: keyof FabricLogger, message: string): void {
    this.options.logger?.[level]?.(this.mask(message));
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
