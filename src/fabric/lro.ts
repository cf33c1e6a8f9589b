// Follows a long-running operation: a 202 with Location, x-ms-operation-id and Retry-After is
// polled at GET /operations/{id} on the lroPollDelayMs schedule, within the client's shared poll
// budget, until Succeeded (then the result is read from /operations/{id}/result when there is one)
// or Failed/Undefined (thrown as a FabricError carrying the operation's error). Waits stop at once
// on abort and at `maxWaitMs` (a last poll the budget moved comes that much later).
import { delay } from './delay';
import { FabricError, errorFromOperation, NO_RESPONSE } from './errors';
import type { FabricHttp, HttpResponse } from './http';
import type { LroPollBudget } from './lroPollBudget';
import { lroPollDelayMs, type LroPollOptions } from './pollSchedules';
import { parseRetryAfterSeconds } from './retryAfter';
import type { OperationState } from './types';

export interface LroOptions {
  signal?: AbortSignal;
  /** Give up (FabricError OperationTimedOut) when the operation has not ended after this long. */
  maxWaitMs?: number;
  /** Read /result even when the final state's Location does not point there (getDefinition, createItem). */
  expectResult?: boolean;
  poll?: LroPollOptions;
  /** Shared by the operations of one client, so that together they stay within the LRO quota. */
  budget?: LroPollBudget;
}

/** Used when a 202 carries no Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** The result of the call that answered `initial`: its body, or the operation's result (undefined when it has none). */
export async function followOperation<T>(http: FabricHttp, initial: HttpResponse<unknown>, request: string, options: LroOptions = {}): Promise<T | undefined> {
  if (initial.status !== 202) return initial.body as T | undefined;
  const operationId = operationIdOf(initial, request);
  const retryAfterSeconds = parseRetryAfterSeconds(initial.headers.get('retry-after'));
  const retryAfterMs = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : DEFAULT_RETRY_AFTER_MS;
  const started = Date.now();
  const deadline = options.maxWaitMs !== undefined ? started + options.maxWaitMs : Infinity;
  const leave = options.budget?.join();
  try {
    for (let pollAt = started; ;) {
      // Sleep until an absolute time, so late timers do not push the whole schedule back.
      const delayMs = Math.min(lroPollDelayMs((pollAt - started) / http.waitScale, retryAfterMs, options.poll) * http.waitScale, deadline - pollAt);
      pollAt = options.budget ? options.budget.reserve(pollAt, delayMs) : pollAt + delayMs;
      try {
        await delay(pollAt - Date.now(), options.signal);
      } catch (error) {
        options.budget?.release(pollAt);
        throw error;
      }
      const state = await http.request<OperationState>({ method: 'GET', path: `/operations/${operationId}`, retry: 'idempotent', signal: options.signal });
      const status = state.body?.status;
      if (status === 'Succeeded') {
        const hasResult = options.expectResult || /\/result\/?$/.test(state.headers.get('location') ?? '');
        if (!hasResult) return undefined;
        const result = await http.request<T>({ method: 'GET', path: `/operations/${operationId}/result`, retry: 'idempotent', signal: options.signal });
        return result.body;
      }
      if (status === 'Failed' || status === 'Undefined') throw errorFromOperation(operationId, status, state.body?.error, request);
      if (pollAt >= deadline) {
        throw new FabricError({
          status: NO_RESPONSE,
          errorCode: 'OperationTimedOut',
          message: `The operation ${operationId} of ${request} had not finished after ${Math.round((options.maxWaitMs ?? 0) / 1000)} s (last status ${status ?? 'unknown'}).`,
          isRetriable: false,
          request,
          operationId,
        });
      }
    }
  } finally {
    leave?.();
  }
}

function operationIdOf(response: HttpResponse<unknown>, request: string): string {
  const fromHeader = response.headers.get('x-ms-operation-id');
  if (fromHeader) return encodeURIComponent(fromHeader);
  const fromLocation = /\/operations\/([^/?#]+)/.exec(response.headers.get('location') ?? '')?.[1];
  if (fromLocation) return fromLocation;
  throw new FabricError({
    status: 202,
    errorCode: 'MissingOperation',
    message: `Fabric accepted ${request} but named no operation to follow.`,
    request,
    isRetriable: false,
  });
}
