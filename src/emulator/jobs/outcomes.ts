// Small helpers every runner uses to end a job and to wait without ignoring a cancel.
import { fileText, type DefinitionFile } from '../../fabric/definition';
import type { JobContext, JobOutcome } from './types';

export function completed(exitValue?: string): JobOutcome {
  return exitValue === undefined ? { status: 'Completed' } : { status: 'Completed', exitValue };
}

export function failed(errorCode: string, message: string): JobOutcome {
  return { status: 'Failed', failureReason: { errorCode, message } };
}

export function cancelled(): JobOutcome {
  return { status: 'Cancelled' };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Waits `ms` milliseconds; resolves false at once if `signal` is (or gets) aborted. */
export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      },
      Math.max(0, ms),
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Work the emulator only simulates: `ms` (times timeScale), then Completed, or Cancelled when the job is. */
export async function simulatedWork(ms: number, ctx: Pick<JobContext, 'signal' | 'timeScale'>): Promise<JobOutcome> {
  return (await delay(ms * ctx.timeScale, ctx.signal)) ? completed() : cancelled();
}

/** The text of a definition part (no byte order mark), matched by its path or, failing that, by its file name. */
export function readTextPart(files: readonly DefinitionFile[], name: string): string | undefined {
  const file = files.find((f) => f.path === name) ?? files.find((f) => f.path.split('/').pop() === name);
  return file === undefined ? undefined : fileText(file).replace(/^\uFEFF/, '');
}
