// The other Fabric tools' strategies, as their source does them, run against the emulator in the
// same process as ours (never computed): how each follows a long-running operation and a job.
// From their source (issue #14):
// - Fabric Studio: polls an operation from 100 ms, doubling, up to 2 s; ignores Retry-After.
// - Microsoft's vscode-fabric: polls an operation from 400 ms, doubling, up to 10 s.
// - fab (the Fabric CLI): polls operations and jobs at Retry-After (10 s when there is none).
// - fabric-cicd: polls an operation at min(Retry-After, 0.5 × 2ⁿ s), 8 items in parallel.
// - Databricks' extension: polls a run every 3 s.
// Each call is one plain fetch, timed, so a follower's calls are counted against Fabric's quotas.

export interface LroStrategy {
  /** The tool, as the rows name it. */
  tool: string;
  /** The wait before the n-th status poll (n from 0), given the Retry-After (s) the last answer carried. */
  delayMs(n: number, retryAfterS: number | undefined): number;
}

export const FABRIC_STUDIO: LroStrategy = { tool: 'Fabric Studio (0.1 s doubling to 2 s)', delayMs: (n) => Math.min(2000, 100 * 2 ** n) };
export const VSCODE_FABRIC: LroStrategy = { tool: "Microsoft's vscode-fabric (0.4 s doubling to 10 s)", delayMs: (n) => Math.min(10_000, 400 * 2 ** n) };
export const FAB: LroStrategy = { tool: 'fab (at Retry-After)', delayMs: (_n, retryAfterS) => (retryAfterS ?? 10) * 1000 };
export const FABRIC_CICD: LroStrategy = {
  tool: 'fabric-cicd (min(Retry-After, 0.5·2ⁿ s))',
  delayMs: (n, retryAfterS) => Math.min((retryAfterS ?? 60) * 1000, 500 * 2 ** n),
};
export const LRO_COMPETITORS = [FABRIC_STUDIO, VSCODE_FABRIC, FAB, FABRIC_CICD];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryAfterOf = (response: Response): number | undefined => {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

/** A client of one tool: plain fetches with the token, every call's time kept (performance.now()). */
export class CompetitorClient {
  readonly calls: number[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** 429s met (each waited out through its Retry-After and sent again, as every one of these tools does). */
  throttled = 0;

  async fetch(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    for (;;) {
      this.calls.push(performance.now());
      const answer = await fetch(url, { ...init, headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json', ...init.headers } });
      if (answer.status !== 429) return answer;
      this.throttled++;
      await answer.body?.cancel();
      await sleep((retryAfterOf(answer) ?? 10) * 1000);
    }
  }

  /** POSTs and follows the operation its 202 starts with `strategy`; returns the result and the status polls made. */
  async operation<T>(path: string, body: unknown, strategy: LroStrategy): Promise<{ result: T; polls: number }> {
    const started = await this.fetch(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
    if (started.status !== 202) return { result: (await started.json()) as T, polls: 0 };
    let location = started.headers.get('location')!;
    let retryAfter = retryAfterOf(started);
    for (let polls = 1; ; polls++) {
      await sleep(strategy.delayMs(polls - 1, retryAfter));
      const state = await this.fetch(location);
      const { status } = (await state.json()) as { status: string };
      if (status === 'Succeeded') {
        const result = await this.fetch(state.headers.get('location')!);
        return { result: (await result.json()) as T, polls };
      }
      if (status === 'Failed') throw new Error(`The operation failed (${path}).`);
      location = state.headers.get('location') ?? location;
      retryAfter = retryAfterOf(state) ?? retryAfter;
    }
  }

  /** The most calls any minute held, and when (s after `since`) a minute first held more than `quota`. */
  quota(quota: number, since: number): { busiestMinute: number; throttledAfterS: number | undefined } {
    return quotaOf(this.calls, quota, since);
  }
}

export function quotaOf(times: readonly number[], quota: number, since: number): { busiestMinute: number; throttledAfterS: number | undefined } {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  let throttledAfterS: number | undefined;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - 60_000) start++;
    busiest = Math.max(busiest, end - start + 1);
    if (busiest > quota && throttledAfterS === undefined) throttledAfterS = (sorted[end]! - since) / 1000;
  }
  return { busiestMinute: busiest, throttledAfterS };
}

export interface JobStrategy {
  tool: string;
  /** The wait before the n-th status read of a job (n from 0), given the Retry-After (s) its submission or last read carried. */
  delayMs(n: number, retryAfterS: number | undefined): number;
}

export const FAB_JOBS: JobStrategy = { tool: 'fab (at Retry-After)', delayMs: (_n, retryAfterS) => (retryAfterS ?? 10) * 1000 };
export const DATABRICKS_JOBS: JobStrategy = { tool: "Databricks' extension (every 3 s)", delayMs: () => 3000 };
export const JOB_COMPETITORS = [DATABRICKS_JOBS, FAB_JOBS];

/** Follows one job instance (`/workspaces/…/items/…/jobs/instances/{id}`) to its end; returns when the end was seen (Date.now()). */
export async function followJob(
  client: CompetitorClient,
  instancePath: string,
  submissionRetryAfterS: number | undefined,
  strategy: JobStrategy,
): Promise<number> {
  let retryAfter = submissionRetryAfterS;
  for (let n = 0; ; n++) {
    await sleep(strategy.delayMs(n, retryAfter));
    const answer = await client.fetch(instancePath);
    const { status } = (await answer.json()) as { status: string };
    if (['Completed', 'Failed', 'Cancelled', 'Deduped'].includes(status)) return Date.now();
    retryAfter = retryAfterOf(answer) ?? retryAfter;
  }
}
