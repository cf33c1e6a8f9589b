// The tracker against a real HTTP server that plays the Job Scheduler: each job instance answers
// with a scripted sequence of statuses, one per poll.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import type { ItemJobInstance } from '../../../src/fabric/types';
import { JobTracker, systemClock, type Clock, type JobChange } from '../../../src/jobs/JobTracker';
import type { TrackedJob } from '../../../src/jobs/TrackedJob';

const FAST = { minDelayMs: 5, maxDelayMs: 20, growth: 0, budgetPerMinute: 1_000_000, maxBackoffMs: 40 };

interface Script {
  /** Statuses answered poll after poll (the last one repeats); 'error400' / 'notFound' answer with an error. */
  statuses: string[];
  exitValue?: string;
  failureReason?: { errorCode: string; message: string; requestId?: string };
  /** How many cancel requests are refused (403) before one is accepted. */
  refuseCancels?: number;
  /** A Python notebook's run: no Livy session lists it. */
  notSpark?: boolean;
  /** What the notebook endpoint gives as `computeDetails.monitoringInfo`. */
  monitoringInfo?: Record<string, unknown>;
}

class JobsServer {
  readonly requests: string[] = [];
  readonly scripts = new Map<string, Script>();
  /** Whether the workspace's Livy sessions can be listed (a 404 otherwise, as for an API not there). */
  livy = true;
  /** When each request came, on this clock (the tracker's, for budget checks). */
  readonly times: number[] = [];
  now = Date.now;
  /** Single job reads are held until this many of them wait, then answered together (0: at once). */
  holdReads = 0;
  private readonly held: (() => void)[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  close(): Promise<void> {
    for (const answer of this.held.splice(0)) answer();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private instance(id: string, itemId: string): ItemJobInstance | 'error400' | 'notFound' {
    const script = this.scripts.get(id)!;
    const status = script.statuses.length > 1 ? script.statuses.shift()! : script.statuses[0]!;
    if (status === 'error400' || status === 'notFound') return status;
    const ended = ['Completed', 'Failed', 'Cancelled'].includes(status);
    return {
      id,
      itemId,
      jobType: 'RunNotebook',
      invokeType: 'Manual',
      status: status as ItemJobInstance['status'],
      startTimeUtc: '2025-01-01T00:00:00.0000000',
      endTimeUtc: ended ? '2025-01-01T00:00:12.0000000' : null,
      failureReason: ended ? (script.failureReason ?? null) : null,
    };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url!, 'http://x');
    this.requests.push(`${req.method} ${url.pathname}`);
    this.times.push(this.now());
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', requestid: 'req-1' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    let m = /^\/v1\/workspaces\/([^/]+)\/(items|notebooks)\/([^/]+)\/jobs\/(?:execute\/)?instances\/([^/]+)(\/cancel)?$/.exec(url.pathname);
    if (m) {
      const [, , kind, itemId, id, cancel] = m;
      const script = this.scripts.get(id!);
      if (!script) return send(404, { errorCode: 'JobInstanceNotFound', message: 'not found' });
      if (cancel) {
        if (script.refuseCancels) {
          script.refuseCancels--;
          return send(403, { errorCode: 'InsufficientPrivileges', message: 'The caller may not cancel this job.', requestId: 'req-1' });
        }
        script.statuses = ['Cancelled'];
        return send(202);
      }
      const answer = () => {
        const instance = this.instance(id!, itemId!);
        if (instance === 'error400') return send(400, { errorCode: 'BadRequest', message: 'scripted failure', requestId: 'req-1' });
        if (instance === 'notFound') return send(404, { errorCode: 'JobInstanceNotFound', message: 'not found' });
        if (kind !== 'notebooks') return send(200, instance);
        const computeDetails = script.monitoringInfo ? { computeDetails: { monitoringInfo: script.monitoringInfo } } : {};
        return send(200, { ...instance, properties: { exitValue: script.exitValue ?? null, ...computeDetails } });
      };
      if (this.holdReads === 0) return answer();
      this.held.push(answer);
      if (this.held.length < this.holdReads) return;
      this.holdReads = 0;
      for (const held of this.held.splice(0)) held();
      return;
    }
    if (/^\/v1\/workspaces\/[^/]+\/spark\/livySessions$/.test(url.pathname)) {
      if (!this.livy) return send(404, { errorCode: 'EntityNotFound', message: 'No such API' });
      const states: Record<string, string> = {
        Completed: 'Succeeded',
        Failed: 'Failed',
        Cancelled: 'Cancelled',
        InProgress: 'InProgress',
        NotStarted: 'NotStarted',
      };
      const value = [...this.scripts.entries()]
        .filter(([, script]) => !script.notSpark)
        .map(([id]) => {
          const itemId = id.split('-')[0]!;
          const instance = this.instance(id, itemId);
          if (typeof instance !== 'object') return undefined;
          return {
            jobInstanceId: id,
            state: states[instance.status],
            item: { workspaceId: 'ws', itemId },
            startDateTime: instance.startTimeUtc,
            endDateTime: instance.endTimeUtc ?? undefined,
          };
        })
        .filter(Boolean);
      return send(200, { value });
    }
    m = /^\/v1\/workspaces\/([^/]+)\/items\/([^/]+)\/jobs\/instances$/.exec(url.pathname);
    if (m) {
      const value = [...this.scripts.keys()]
        .filter((id) => id.startsWith(m![2]!))
        .map((id) => this.instance(id, m![2]!))
        .filter((i) => typeof i === 'object');
      return send(200, { value });
    }
    send(404, { errorCode: 'EntityNotFound', message: url.pathname });
  }
}

function job(id: string, itemId: string, kind: TrackedJob['kind'] = 'notebook', extra: Partial<TrackedJob> = {}): TrackedJob {
  return {
    id,
    workspaceId: 'ws',
    itemId,
    itemName: 'Hello Fabric',
    itemType: 'Notebook',
    kind,
    jobType: 'RunNotebook',
    parameters: [],
    status: 'NotStarted',
    submittedAt: Date.now(),
    ...extra,
  };
}

/** The system clock, also counting the timers still pending (to see that polling stopped). */
function countingClock(): Clock & { pending: number } {
  const handles = new Set<unknown>();
  return {
    get pending() {
      return handles.size;
    },
    now: systemClock.now,
    setTimeout(callback, ms) {
      const handle = systemClock.setTimeout(() => {
        handles.delete(handle);
        callback();
      }, ms);
      handles.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      handles.delete(handle);
      systemClock.clearTimeout(handle);
    },
  };
}

/** Virtual time: a timer fires at once (in real time) and moves the clock to when it was due. */
function virtualClock(): Clock {
  let time = Date.now();
  return {
    now: () => time,
    setTimeout(callback, ms) {
      const due = time + ms;
      return setTimeout(() => {
        time = Math.max(time, due);
        callback();
      }, 0);
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(condition(), `gave up waiting until ${what}`);
}

describe('JobTracker', () => {
  let server: JobsServer;
  let client: FabricClient;
  let tracker: JobTracker | undefined;
  const warnings: string[] = [];
  const logger = { info: () => undefined, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };

  beforeEach(async () => {
    server = new JobsServer();
    client = new FabricClient({ baseUrl: await server.start(), tokenProvider: new StaticTokenProvider('t'), userAgent: 'test' });
    warnings.length = 0;
  });
  afterEach(async () => {
    tracker?.dispose();
    await server.close();
  });

  it('follows a notebook job to Completed, reads its exit value, then stops polling', async () => {
    server.scripts.set('nb1-a', { statuses: ['NotStarted', 'InProgress', 'InProgress', 'Completed'], exitValue: '42' });
    const clock = countingClock();
    const changes: string[] = [];
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), clock, schedule: FAST, logger });
    tracker.onDidChange((c: JobChange) => changes.push(`${c.kind}:${c.job.status}`));
    tracker.track(job('nb1-a', 'nb1'));
    await until(() => changes.includes('ended:Completed'), 'the job ends');
    const ended = tracker.get('nb1-a')!;
    assert.equal(ended.status, 'Completed');
    assert.equal(ended.exitValue, '42');
    assert.deepEqual(changes, ['added:NotStarted', 'status:InProgress', 'status:Completed', 'ended:Completed']);
    assert.ok(
      server.requests.every((r) => r.includes('/notebooks/nb1/jobs/execute/instances/nb1-a')),
      'notebook jobs are read from the notebook endpoint',
    );
    assert.equal(clock.pending, 0, 'no poll is scheduled once nothing runs');
    assert.equal(tracker.running.length, 0);
  });

  it("polls several jobs of one item with one list call and keeps each one's outcome", async () => {
    server.scripts.set('pl1-a', { statuses: ['InProgress', 'InProgress', 'Completed'] });
    server.scripts.set('pl1-b', {
      statuses: ['InProgress', 'Failed'],
      failureReason: { errorCode: 'ActivityFailed', message: 'Wait1 failed', requestId: 'r-9' },
    });
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
    tracker.track(job('pl1-a', 'pl1', 'pipeline'));
    tracker.track(job('pl1-b', 'pl1', 'pipeline'));
    await until(() => tracker!.running.length === 0, 'both jobs end');
    assert.equal(tracker.get('pl1-a')!.status, 'Completed');
    assert.deepEqual(tracker.get('pl1-b')!.failureReason, { errorCode: 'ActivityFailed', message: 'Wait1 failed', requestId: 'r-9' });
    const lists = server.requests.filter((r) => r.endsWith('/items/pl1/jobs/instances')).length;
    const gets = server.requests.filter((r) => /instances\/pl1-/.test(r)).length;
    assert.ok(lists >= 1);
    assert.ok(gets <= lists, `expected the list to do the work (lists ${lists}, single reads ${gets})`);
  });

  it('keeps following through a failed poll and a brief 404, logging instead of throwing', async () => {
    server.scripts.set('nb2-a', { statuses: ['error400', 'notFound', 'InProgress', 'Completed'] });
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
    tracker.track(job('nb2-a', 'nb2', 'pipeline'));
    await until(() => tracker!.running.length === 0, 'the job ends');
    assert.equal(tracker.get('nb2-a')!.status, 'Completed');
    assert.ok(
      warnings.some((w) => w.includes('nb2-a')),
      'the failed poll is logged',
    );
  });

  it('gives up a job the service keeps not finding, but not before its instance had a fair time to appear, saying why', async () => {
    server.scripts.set('nb3-a', { statuses: ['notFound'] });
    const infos: string[] = [];
    tracker = new JobTracker({
      connection: () => ({ id: 'A', api: client }),
      schedule: { ...FAST, lostAfterMs: 300 },
      logger: { ...logger, info: (m) => infos.push(m) },
    });
    const submitted = tracker.track(job('nb3-a', 'nb3', 'pipeline'));
    await until(() => tracker!.running.length === 0, 'the tracker gives up');
    const lost = tracker.get('nb3-a')!;
    assert.equal(lost.lost, true);
    assert.ok(lost.noticedAt! - submitted.submittedAt >= 300, 'not before the fair time');
    assert.ok(server.requests.filter((r) => r.endsWith('/nb3-a')).length > 3, 'three 404s alone did not give it up');
    assert.ok(
      infos.some((m) => /^Job nb3-a of Hello Fabric is not found \(yet\): .*Still checking/.test(m)),
      infos.join('\n'),
    );
    assert.ok(
      warnings.some((m) => /nb3-a .*given up as lost: the service did not find it in \d+ reads in a row, \d+ s after its submission/.test(m)),
      warnings.join('\n'),
    );
  });

  it("checks a job first as the budget allows, not after the submission's Retry-After, when nothing says it is long", async () => {
    server.scripts.set('nb11-a', { statuses: ['Completed'] });
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
    tracker.track(job('nb11-a', 'nb11', 'pipeline', { retryAfterSeconds: 60 }));
    await until(() => tracker!.running.length === 0, 'the job is seen to end long before 60 s');
  });

  it('follows the Spark jobs of several items of a workspace with one Livy sessions call, reading each outcome once at its end', async () => {
    server.scripts.set('nb12-a', { statuses: ['InProgress', 'InProgress', 'Completed'], exitValue: 'a' });
    server.scripts.set('nb13-b', {
      statuses: ['InProgress', 'InProgress', 'InProgress', 'Failed'],
      failureReason: { errorCode: 'SparkFailed', message: 'boom' },
    });
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
    tracker.track(job('nb12-a', 'nb12'));
    tracker.track(job('nb13-b', 'nb13'));
    await until(() => tracker!.running.length === 0, 'both jobs end');
    assert.equal(tracker.get('nb12-a')!.exitValue, 'a');
    assert.deepEqual(tracker.get('nb13-b')!.failureReason, { errorCode: 'SparkFailed', message: 'boom' });
    const livy = server.requests.filter((r) => r.endsWith('/spark/livySessions')).length;
    const single = server.requests.filter((r) => /instances\/nb1[23]-/.test(r)).length;
    assert.ok(livy >= 2, `${livy} Livy reads`);
    assert.ok(single <= 2, `only the outcomes are read job by job (${single})`);
    assert.ok(!server.requests.some((r) => r.endsWith('/jobs/instances')), 'no item list');
  });

  it('reads the outcomes of jobs that end together side by side, so the last is told one round trip after the first', async () => {
    // The server answers no single read until all of them wait: read one after another, they never end.
    for (const livy of [true, false]) {
      server.livy = livy;
      const ids = livy ? ['nb22-a', 'nb22-b', 'nb23-c'] : ['nb24-a', 'nb24-b'];
      for (const id of ids) server.scripts.set(id, { statuses: ['InProgress', 'Completed'], exitValue: id });
      server.holdReads = ids.length;
      tracker?.dispose();
      tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
      const ended: string[] = [];
      tracker.onDidChange((c) => c.kind === 'ended' && ended.push(c.job.id));
      for (const id of ids) tracker.track(job(id, id.split('-')[0]!));
      await until(() => ended.length === ids.length, `the jobs are told to end (${livy ? 'Livy sessions' : 'item list'})`);
      assert.deepEqual(
        ids.map((id) => tracker!.get(id)!.exitValue),
        ids,
        'each outcome read',
      );
    }
  });

  it('starts no poll while the last minute holds its budget of calls, the outcome reads of jobs that end together included', async () => {
    const budgetPerMinute = 5;
    const clock = virtualClock();
    server.now = clock.now;
    const ending = ['nb25-a', 'nb25-b', 'nb25-c', 'nb26-d', 'nb26-e', 'nb26-f'];
    for (const id of ending) server.scripts.set(id, { statuses: ['InProgress', 'Completed'], exitValue: '1' });
    server.scripts.set('nb27-g', { statuses: ['InProgress'] });
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), clock, schedule: { ...FAST, budgetPerMinute }, logger });
    for (const id of [...ending, 'nb27-g']) tracker.track(job(id, id.split('-')[0]!, 'notebook', { submittedAt: clock.now() }));
    const started = clock.now();
    await until(() => clock.now() - started > 5 * 60_000, 'five minutes of polls');
    assert.equal(tracker.running.length, 1, 'the six ended (six outcome reads at once)');
    server.requests.forEach((request, i) => {
      // A poll: the Livy sessions, an item's list, or the read of the job that runs on alone.
      if (!/livySessions$|\/jobs\/instances$|nb27-g$/.test(request)) return;
      const t = server.times[i]!;
      const before = server.times.slice(0, i).filter((u) => u > t - 60_000).length;
      assert.ok(before < budgetPerMinute, `a poll ${Math.round((t - started) / 1000)} s in, with ${before} calls in the minute before it`);
    });
  });

  it("reads the monitoring links of notebook runs followed through their item's job list from the notebook endpoint, failed runs too", async () => {
    server.livy = false;
    const links = (id: string) => ({
      sparkUiUrl: `https://spark.example/${id}/ui`,
      driverLogUrl: `https://spark.example/${id}/driverlog`,
      sparkJobDetailsUrl: 'command:workbench.action.quit',
      activityDetails: { sparkApplicationId: 'application_1' },
    });
    server.scripts.set('nb18-a', { statuses: ['InProgress', 'Completed'], exitValue: 'done', monitoringInfo: links('nb18-a') });
    server.scripts.set('nb18-b', {
      statuses: ['InProgress', 'Failed'],
      failureReason: { errorCode: 'Boom', message: 'boom' },
      monitoringInfo: links('nb18-b'),
    });
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
    const ended: string[] = [];
    tracker.onDidChange((c: JobChange) => c.kind === 'ended' && ended.push(c.job.id));
    tracker.track(job('nb18-a', 'nb18'));
    tracker.track(job('nb18-b', 'nb18'));
    await until(() => ended.length === 2, 'both jobs end');
    assert.ok(
      server.requests.some((r) => r.endsWith('/items/nb18/jobs/instances')),
      'followed through the job list',
    );
    for (const id of ['nb18-a', 'nb18-b']) {
      // Only web addresses are kept: a link is opened, and the service's text is no command to run.
      assert.deepEqual(tracker.get(id)!.monitoringInfo, {
        sparkUiUrl: `https://spark.example/${id}/ui`,
        driverLogUrl: `https://spark.example/${id}/driverlog`,
      });
    }
    assert.equal(tracker.get('nb18-a')!.exitValue, 'done');
  });

  it('follows Spark jobs per item where the Livy sessions cannot be listed, and a run Livy does not list (a Python notebook) per item too', async () => {
    server.livy = false;
    server.scripts.set('nb14-a', { statuses: ['InProgress', 'Completed'] });
    server.scripts.set('nb15-b', { statuses: ['InProgress', 'Completed'] });
    const infos: string[] = [];
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger: { ...logger, info: (m) => infos.push(m) } });
    tracker.track(job('nb14-a', 'nb14'));
    tracker.track(job('nb15-b', 'nb15'));
    await until(() => tracker!.running.length === 0, 'both jobs end');
    assert.equal(server.requests.filter((r) => r.endsWith('/spark/livySessions')).length, 1, 'asked once');
    assert.ok(
      infos.some((m) => m.includes('cannot be listed')),
      infos.join('\n'),
    );

    server.livy = true;
    server.scripts.set('nb16-a', { statuses: ['InProgress', 'InProgress', 'InProgress', 'InProgress', 'InProgress', 'Completed'], notSpark: true });
    server.scripts.set('nb17-b', { statuses: ['InProgress', 'InProgress', 'InProgress', 'InProgress', 'InProgress', 'Completed'] });
    tracker.dispose();
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger: { ...logger, info: (m) => infos.push(m) } });
    tracker.track(job('nb16-a', 'nb16'));
    tracker.track(job('nb17-b', 'nb17'));
    await until(() => tracker!.running.length === 0, 'both jobs end');
    assert.equal(tracker.get('nb16-a')!.status, 'Completed');
    assert.ok(
      infos.some((m) => m.includes('nb16-a') && m.includes("not among its workspace's Livy sessions")),
      infos.join('\n'),
    );
  });

  it('cancels a run past its timeout', async () => {
    server.scripts.set('nb4-a', { statuses: ['InProgress'] });
    const changes: string[] = [];
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
    tracker.onDidChange((c) => changes.push(c.kind));
    tracker.track(job('nb4-a', 'nb4', 'pipeline', { timeoutAt: Date.now() }));
    await until(() => tracker!.running.length === 0, 'the job is cancelled');
    assert.equal(tracker.get('nb4-a')!.status, 'Cancelled');
    assert.ok(server.requests.includes('POST /v1/workspaces/ws/items/nb4/jobs/instances/nb4-a/cancel'));
    assert.ok(changes.includes('timedOut'));
  });

  it('resumes a persisted running job in a new tracker (a window reload)', async () => {
    server.scripts.set('nb5-a', { statuses: ['InProgress'] });
    let saved: TrackedJob[] = [];
    const store = {
      load: () => saved,
      save: (jobs: TrackedJob[]) => {
        saved = jobs;
      },
    };
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger, store });
    tracker.track(job('nb5-a', 'nb5', 'pipeline'));
    await until(() => saved.some((j) => j.status === 'InProgress'), 'the running status is saved');
    tracker.dispose();

    server.scripts.set('nb5-a', { statuses: ['Completed'] });
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger, store });
    assert.equal(tracker.running.length, 1);
    await until(() => tracker!.running.length === 0, 'the resumed job ends');
    assert.equal(saved.find((j) => j.id === 'nb5-a')!.status, 'Completed');
  });

  it("restores the cancel request a refused cancel set, so the run's timeout still cancels it", async () => {
    server.scripts.set('nb6-a', { statuses: ['InProgress'], refuseCancels: 1 });
    let saved: TrackedJob[] = [];
    const store = {
      load: () => saved,
      save: (jobs: TrackedJob[]) => {
        saved = jobs;
      },
    };
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger, store });
    tracker.track(job('nb6-a', 'nb6', 'pipeline'));
    await until(() => tracker!.get('nb6-a')!.status === 'InProgress', 'the job runs');
    await assert.rejects(tracker.cancel('nb6-a'), /may not cancel/);
    assert.ok(!tracker.get('nb6-a')!.cancelRequested, 'no cancel is pending after a refused one');
    assert.ok(!saved.find((j) => j.id === 'nb6-a')!.cancelRequested, 'nor in the saved state');
    tracker.get('nb6-a')!.timeoutAt = Date.now();
    await until(() => tracker!.running.length === 0, 'the timeout cancels the job');
    assert.equal(tracker.get('nb6-a')!.status, 'Cancelled');
  });

  it('tells once that a timed-out run could not be cancelled, and tries again', async () => {
    server.scripts.set('nb7-a', { statuses: ['InProgress'], refuseCancels: 2 });
    const changes: string[] = [];
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger });
    tracker.onDidChange((c) =>
      changes.push(c.kind === 'cancelFailed' && c.reason.includes('The caller may not cancel this job.') ? 'cancelFailed with the reason' : c.kind),
    );
    tracker.track(job('nb7-a', 'nb7', 'pipeline', { timeoutAt: Date.now() }));
    await until(() => tracker!.running.length === 0, 'the third cancel succeeds');
    assert.equal(tracker.get('nb7-a')!.status, 'Cancelled');
    assert.equal(server.requests.filter((r) => r.endsWith('/nb7-a/cancel')).length, 3);
    assert.deepEqual(
      changes.filter((c) => c !== 'status'),
      ['added', 'timedOut', 'cancelFailed with the reason', 'ended'],
    );
  });

  it('polls a job only through its own connection, keeps it while another one is current, and resumes on return', async () => {
    const other = new JobsServer();
    const otherClient = new FabricClient({ baseUrl: await other.start(), tokenProvider: new StaticTokenProvider('t'), userAgent: 'test' });
    try {
      server.scripts.set('nb8-a', { statuses: ['InProgress'] });
      other.scripts.set('nb9-b', { statuses: ['InProgress', 'Completed'] });
      const connections = { A: { id: 'A', api: client }, B: { id: 'B', api: otherClient } };
      let current: keyof typeof connections = 'A';
      const changes: string[] = [];
      tracker = new JobTracker({ connection: () => connections[current], schedule: FAST, logger });
      tracker.onDidChange((c) => changes.push(`${c.kind}:${c.job.id}`));
      tracker.track(job('nb8-a', 'nb8', 'pipeline'));
      assert.equal(tracker.get('nb8-a')!.connection, 'A', 'the job records the connection it was started on');
      await until(() => tracker!.get('nb8-a')!.status === 'InProgress', 'the job runs on A');

      current = 'B';
      tracker.kick();
      tracker.track(job('nb9-b', 'nb9', 'pipeline'));
      await until(() => tracker!.get('nb9-b')!.status === 'Completed', 'a job of B ends while B is current');
      assert.deepEqual(
        other.requests.filter((r) => r.includes('nb8')),
        [],
        "A's job is never asked of B",
      );
      const waiting = tracker.get('nb8-a')!;
      assert.equal(waiting.status, 'InProgress');
      assert.ok(!waiting.lost, "A's job is not given up");
      assert.ok(tracker.waitsForConnection(waiting), "A's job waits for its connection");
      assert.ok(!changes.includes('ended:nb8-a'));

      server.scripts.set('nb8-a', { statuses: ['Completed'] });
      current = 'A';
      tracker.kick();
      await until(() => tracker!.get('nb8-a')!.status === 'Completed', "A's job ends once A is current again");
      assert.ok(!tracker.waitsForConnection(tracker.get('nb8-a')!));
    } finally {
      await other.close();
    }
  });

  it('gives a job saved without a connection to the first connection that polls it', async () => {
    server.scripts.set('nb10-a', { statuses: ['Completed'] });
    let saved: TrackedJob[] = [job('nb10-a', 'nb10', 'pipeline', { status: 'InProgress' })];
    const store = {
      load: () => saved,
      save: (jobs: TrackedJob[]) => {
        saved = jobs;
      },
    };
    tracker = new JobTracker({ connection: () => ({ id: 'A', api: client }), schedule: FAST, logger, store });
    await until(() => tracker!.running.length === 0, 'the job ends');
    assert.equal(saved[0]!.connection, 'A');
    assert.equal(saved[0]!.status, 'Completed');
  });
});
