// When a failed request is sent again, and after how long. Throttling (429) is always retried
// after Retry-After (the server did nothing), unless Retry-After is longer than the client waits
// out. A failure that leaves it open whether the server acted (the answer was lost, or the server
// failed midway) is retried only for calls that cannot do harm twice; an update that could
// overwrite someone else's change is first checked by its caller (`checked`); the others are sent
// again only when the request surely never reached Fabric (connection refused, name not resolved).
import { FabricError, NO_RESPONSE } from './errors';

/**
 * `idempotent`: reads, PATCH, deletes, job status, LRO polls: safe to send again.
 * `once`: creations and job runs: sent again only when the server certainly did not act.
 * `checked`: an update whose repeat could overwrite a change made in between: after an unknown
 * outcome it is sent again only when the request's `OutcomeCheck` says it was not applied.
 */
export type RetryMode = 'idempotent' | 'once' | 'checked';

/**
 * What a `checked` request's caller found, after an attempt whose outcome is unknown, by reading
 * the resource: `applied` (the change is there: the call succeeds without sending it again) or
 * `notApplied` (the resource is still what the change was based on: it is sent again). Anything
 * else (someone else's change) is the caller's to throw: the call fails with that error.
 */
export type Outcome = 'applied' | 'notApplied';
export type OutcomeCheck = (signal: AbortSignal) => Promise<Outcome>;

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries: number;
  /** Backoff base: the n-th retry waits a random time up to min(maxDelayMs, baseDelayMs × 2^n). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After waited out (default 5 min); a longer one fails the call at once with its 429, which says when to try again. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/** Network failures where the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Full jitter: uniformly random between 0 and the capped exponential step. */
export function backoffDelayMs(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  return random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
}

/** Whether a failed request may nevertheless have been carried out: its answer was lost (dropped, timed out) or the server failed midway (5xx). */
export function outcomeUnknown(error: FabricError): boolean {
  if (isNetworkFailure(error)) return !NOT_SENT_CODES.has(error.moreDetails?.[0]?.errorCode ?? '');
  return error.status >= 500;
}

/** The wait before retry number `retry` (0-based) of a call that failed with `error`, or undefined not to retry. */
export function retryDelayMs(
  error: FabricError,
  retry: number,
  mode: RetryMode,
  options: RetryOptions = DEFAULT_RETRY_OPTIONS,
  random?: () => number,
): number | undefined {
  if (retry >= options.maxRetries) return undefined;
  const serverWait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined;
  if (serverWait !== undefined && serverWait > options.maxRetryAfterMs) return undefined;
  if (error.status === 429) return serverWait ?? backoffDelayMs(retry, options, random);
  const transient = error.status >= 500 || isNetworkFailure(error);
  if (!transient || (mode === 'once' && outcomeUnknown(error))) return undefined;
  return serverWait ?? backoffDelayMs(retry, options, random);
}

function isNetworkFailure(error: FabricError): boolean {
  return error.status === NO_RESPONSE && error.errorCode === 'NetworkError';
}
