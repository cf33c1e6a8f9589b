// When a failed request is sent again, and after how long. Throttling (429) is always retried
// after Retry-After: the server did nothing. Server errors and dropped connections are retried
// only for calls that cannot do the work twice; the others only when the request surely never
// reached Fabric (connection refused, name not resolved).
import { FabricError, NO_RESPONSE } from './errors';

/**
 * `idempotent`: reads, definition get/update, job status, LRO polls: safe to send again.
 * `once`: creations and job runs: sent again only when the server certainly did not act.
 */
export type RetryMode = 'idempotent' | 'once';

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries: number;
  /** Backoff base: the n-th retry waits a random time up to min(maxDelayMs, baseDelayMs × 2^n). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Network failures where the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Full jitter: uniformly random between 0 and the capped exponential step. */
export function backoffDelayMs(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  return random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
}

/** The wait before retry number `retry` (0-based) of a call that failed with `error`, or undefined not to retry. */
export function retryDelayMs(error: FabricError, retry: number, mode: RetryMode, options: RetryOptions = DEFAULT_RETRY_OPTIONS, random?: () => number): number | undefined {
  if (retry >= options.maxRetries) return undefined;
  const serverWait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined;
  if (error.status === 429) return serverWait ?? backoffDelayMs(retry, options, random);
  if (error.status === NO_RESPONSE && error.errorCode === 'NetworkError') {
    const notSent = NOT_SENT_CODES.has(error.moreDetails?.[0]?.errorCode ?? '');
    return mode === 'idempotent' || notSent ? backoffDelayMs(retry, options, random) : undefined;
  }
  if (error.status >= 500 && mode === 'idempotent') return serverWait ?? backoffDelayMs(retry, options, random);
  return undefined;
}
