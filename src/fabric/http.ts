// The transport: one Fabric request on node-fetch with the bearer token, User-Agent, JSON body and
// the caller's AbortSignal; a timeout per attempt; rate limiting, retries and the TokenExpired
// refresh around it; one log line per attempt. Secrets are masked in everything it logs or throws.
import type { Response } from 'node-fetch';
import { CachingTokenProvider, type TokenProvider } from './auth';
import { abortError, delay, linkedAbortController, throwIfAborted } from './delay';
import { FabricError, errorFromResponse, networkError } from './errors';
import { apiFamilyOf, RateLimiter } from './rateLimiter';
import { maskSecrets, rememberSecret } from './redaction';
import { DEFAULT_RETRY_OPTIONS, outcomeUnknown, retryDelayMs, type OutcomeCheck, type RetryMode, type RetryOptions } from './retry';

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
  /** Gives up on an attempt Fabric has not answered after this long (default 120 s; 0: never; a function is read at each attempt). A timed-out attempt is a lost answer. */
  timeoutMs?: number | (() => number);
  /** Told of every wait before a retry that lasts `retryWaitReportMs` or more (default 3 s), so a person can see it and cancel it. */
  onRetryWait?: (wait: RetryWait) => void;
  retryWaitReportMs?: number;
}

/** A request waiting to be sent again. */
export interface RetryWait {
  /** `METHOD /path` of the request. */
  readonly request: string;
  /** Fabric throttled it (429); otherwise it failed and waits out a backoff. */
  readonly throttled: boolean;
  /** How long it waits, in ms. */
  readonly delayMs: number;
  /** When it will be sent again (ms since epoch). */
  readonly until: number;
  /** Settles when the wait is over: sent again, or cancelled. */
  readonly done: Promise<void>;
  /** Stops waiting and aborts the request: its caller gets an AbortError. */
  cancel(): void;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_RETRY_WAIT_REPORT_MS = 3_000;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A path under the base URL (`/workspaces`), or an absolute URL on the base URL's origin. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  retry: RetryMode;
  /** With `retry: 'checked'`: asked before the request is sent again after an unknown outcome. Without it, such a request is not sent again. */
  checkOutcome?: OutcomeCheck;
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  headers: { get(name: string): string | null };
  body: T | undefined;
}

export class FabricHttp {
  readonly baseUrl: string;
  readonly waitScale: number;
  private readonly tokens: CachingTokenProvider;
  private readonly limiter: RateLimiter;
  private readonly retryOptions: RetryOptions;

  constructor(private readonly options: HttpOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.tokens = options.tokenProvider instanceof CachingTokenProvider ? options.tokenProvider : new CachingTokenProvider(options.tokenProvider);
    this.limiter = options.rateLimiter ?? new RateLimiter();
    this.retryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.waitScale = options.waitScale ?? 1;
  }

  /** The absolute URL of a path or same-origin URL, with query parameters added. */
  resolve(path: string, query: HttpRequest['query'] = {}): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(this.baseUrl + path);
    if (url.origin !== new URL(this.baseUrl).origin) {
      // Never send the bearer token to another host.
      throw new FabricError({
        status: 0,
        errorCode: 'UntrustedUrl',
        message: `Fabric pointed at ${url.origin}, which is not ${new URL(this.baseUrl).origin}.`,
      });
    }
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }

  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.resolve(request.path, request.query);
    const label = `${request.method} ${url.pathname}${url.search}`;
    // The request's own signal: the caller's, and the Cancel of a reported retry wait.
    const { controller, dispose } = linkedAbortController(request.signal);
    try {
      return (await this.send(url, label, request, controller)) as HttpResponse<T>;
    } finally {
      dispose();
    }
  }

  private async send(url: URL, label: string, request: HttpRequest, controller: AbortController): Promise<HttpResponse<unknown>> {
    const { signal } = controller;
    const family = apiFamilyOf(url.pathname);
    let refreshed = false;
    /** An earlier attempt may have been carried out although its answer was lost. */
    let uncertain = false;
    let timedOut = false;
    for (let retry = 0; ;) {
      await this.limiter.acquire(family, signal);
      const outcome = await this.attempt(url, label, request, signal);
      if (!(outcome instanceof FabricError)) return outcome;
      if (uncertain && request.method === 'DELETE' && outcome.status === 404) {
        this.log('info', `${label}: already gone after an attempt whose answer was lost: deleted`);
        return { status: 204, headers: NO_HEADERS, body: undefined };
      }
      if (outcome.status === 401 && outcome.errorCode === 'TokenExpired' && !refreshed) {
        refreshed = true;
        this.tokens.invalidate();
        this.log('info', `${label}: token expired, asking for a new one`);
        continue;
      }
      const unknown = outcomeUnknown(outcome);
      const checked = request.retry === 'checked' && unknown;
      const wait = retryDelayMs(outcome, retry, request.retry, this.retryOptions);
      // Not sent again: not retriable, a second timeout (the server is not answering: another try
      // would only hang the caller), or an unknown outcome with nothing to check it by.
      if (wait === undefined || (timedOut && isTimeout(outcome)) || (checked && !request.checkOutcome)) {
        if (outcome.status === 429 && wait === undefined && outcome.retryAfterSeconds !== undefined) {
          this.log('warn', `${label}: Fabric asks to wait ${Math.round(outcome.retryAfterSeconds)} s, longer than the client waits; giving up`);
        }
        throw outcome;
      }
      uncertain ||= unknown;
      timedOut ||= isTimeout(outcome);
      this.log(
        'info',
        `${label}: retry ${retry + 1} of ${this.retryOptions.maxRetries} in ${Math.round(wait)} ms after ${outcome.status || outcome.errorCode}`,
      );
      await this.waitToRetry(wait * this.waitScale, label, outcome.status === 429, controller);
      if (checked && (await request.checkOutcome!(signal)) === 'applied') {
        this.log('info', `${label}: the attempt whose answer was lost had been applied; not sent again`);
        return { status: 204, headers: NO_HEADERS, body: undefined };
      }
      retry++;
    }
  }

  /** Waits before a retry; a long wait is reported, with a cancel that aborts the request. */
  private async waitToRetry(ms: number, label: string, throttled: boolean, controller: AbortController): Promise<void> {
    const waiting = delay(ms, controller.signal);
    if (this.options.onRetryWait && ms >= (this.options.retryWaitReportMs ?? DEFAULT_RETRY_WAIT_REPORT_MS)) {
      const cancel = () => controller.abort(new DOMException('Cancelled while waiting to send the request again.', 'AbortError'));
      const done = waiting.then(
        () => undefined,
        () => undefined,
      );
      this.options.onRetryWait({ request: label, throttled, delayMs: ms, until: Date.now() + ms, done, cancel });
    }
    await waiting;
  }

  /** One attempt: the response on success, the FabricError on failure, a throw on abort. */
  private async attempt(url: URL, label: string, request: HttpRequest, signal: AbortSignal): Promise<HttpResponse<unknown> | FabricError> {
    throwIfAborted(signal);
    const token = await this.bearerToken(label, signal);
    const started = Date.now();
    const { controller: attempt, dispose } = linkedAbortController(signal);
    const { timeoutMs = DEFAULT_TIMEOUT_MS } = this.options;
    const timeout = typeof timeoutMs === 'function' ? timeoutMs() : timeoutMs;
    const timer = timeout > 0 ? setTimeout(() => attempt.abort(), timeout) : undefined;
    let response: Response;
    let text: string;
    try {
      // node-fetch (and the stream polyfills it brings) loads with the first request, not with the
      // extension: its top-level code is a good part of what loading the bundle costs.
      const { default: fetch } = await import('node-fetch');
      response = await fetch(url.href, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': this.options.userAgent ?? 'fabric-workbench',
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: attempt.signal,
      });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      const { code, message } = error as { code?: string; message?: string };
      const failure = attempt.signal.aborted
        ? networkError(TIMEOUT_CODE, `no answer within ${timeout / 1000} s`, label)
        : networkError(code, message ?? String(error), label);
      this.log('warn', `${label} failed after ${Date.now() - started} ms: ${failure.message}`);
      return failure;
    } finally {
      clearTimeout(timer);
      dispose();
    }
    const requestId = response.headers.get('requestid') ?? response.headers.get('x-ms-request-id') ?? '-';
    const line = `${label} ${response.status} ${Date.now() - started} ms request id ${requestId}`;
    if (response.ok) {
      this.log('debug', line);
      return { status: response.status, headers: response.headers, body: parseJson(text) };
    }
    const error = errorFromResponse(response.status, response.headers, text, label);
    this.log('warn', `${line}: ${error.errorCode}: ${error.message}`);
    return error;
  }

  private async bearerToken(label: string, signal: AbortSignal | undefined): Promise<string> {
    let token: string;
    try {
      ({ token } = await this.tokens.getToken(signal));
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      const reason = (error as Error)?.message ?? String(error);
      throw new FabricError({
        status: 401,
        errorCode: 'AuthenticationFailed',
        message: `Could not get a token for Microsoft Fabric: ${reason}`,
        request: label,
      });
    }
    rememberSecret(token);
    return token;
  }

  private log(level: keyof FabricLogger, message: string): void {
    this.options.logger?.[level]?.(maskSecrets(message));
  }
}

const NO_HEADERS = { get: (): string | null => null };
/** The socket code a timed-out attempt's NetworkError carries. */
const TIMEOUT_CODE = 'ETIMEDOUT';

function isTimeout(error: FabricError): boolean {
  return error.errorCode === 'NetworkError' && error.moreDetails?.[0]?.errorCode === TIMEOUT_CODE;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
