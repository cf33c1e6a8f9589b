// Waits that a cancellation really stops: used between retries, rate-limited calls and LRO polls.

/** The error to throw once `signal` has fired: its reason, or a standard AbortError. */
export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** setTimeout's longest delay: a longer one overflows and fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after `ms` (however long), or rejects as soon as `signal` fires. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  if (!(ms > 0)) return Promise.resolve();
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const arm = (left: number) => {
      timer = setTimeout(
        () => {
          const rest = end - Date.now();
          if (rest > 0) return arm(rest);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.min(left, MAX_TIMER_MS),
      );
    };
    arm(ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A controller of one's own that also aborts when `parent` does; `dispose` unhooks it from `parent`. */
export function linkedAbortController(parent: AbortSignal | undefined): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent?.removeEventListener('abort', onAbort) };
}

/** Settles like `promise`, but rejects at once when `signal` fires (the work itself goes on). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  throwIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
