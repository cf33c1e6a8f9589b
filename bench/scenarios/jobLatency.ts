// 3. Job status latency: 50 notebook jobs with run times spread from 1 s to 10 min, compressed 10x
// (the notebook sleeps a tenth of its run time: 0.1 s to 60 s of real time). The job tracker polls
// in real time. Delay = the tracker's notice − the job's end in the emulator. Two layouts: the 50
// runs of one notebook (one list call follows them all), and 5 runs on each of 10 notebooks (ten
// groups share the poll budget that keeps under the Job Scheduler's 200 calls a minute). Baselines
// (one status call per job every 60 s, 5 s and 1 s) are computed on the same real run times.
import { encodeDefinition, textFile } from '../../src/fabric/definition';
import type { Item } from '../../src/fabric/types';
import { JobTracker } from '../../src/jobs/JobTracker';
import type { TrackedJob } from '../../src/jobs/TrackedJob';
import { client, emulator, percentile, type Row } from '../harness';

const JOBS = 50;
const COMPRESSION = 0.1;

/** Run times from 1 s to 600 s, spread evenly on a log scale. */
const runTimes = Array.from({ length: JOBS }, (_, i) => 10 ** ((Math.log10(600) * i) / (JOBS - 1)));

const SLEEPER = `# Fabric notebook source

# PARAMETERS CELL ********************

seconds = 1

# CELL ********************

import time
time.sleep(seconds)
notebookutils.notebook.exit(str(seconds))
`;

function fixedPolling(realSeconds: number[], intervalS: number): { p95: number; pollsPerJobMinute: number; callsPerMinute: number } {
  const delays = realSeconds.map((d) => Math.ceil(d / intervalS) * intervalS - d);
  const polls = realSeconds.reduce((sum, d) => sum + Math.max(1, Math.ceil(d / intervalS)), 0);
  const minutes = realSeconds.reduce((sum, d) => sum + d, 0) / 60;
  return { p95: percentile(delays, 95) * 1000, pollsPerJobMinute: polls / minutes, callsPerMinute: (realSeconds.length * 60) / intervalS };
}

async function run(notebooks: number): Promise<Row[]> {
  const emu = await emulator({ lroMode: 'sync' });
  const api = client(emu);
  const workspace = await api.createWorkspace({ displayName: 'Jobs' });
  const items: Item[] = [];
  for (let n = 0; n < notebooks; n++) {
    items.push(await api.createItem(workspace.id, { displayName: `Sleeper ${n}`, type: 'Notebook', definition: encodeDefinition([textFile('notebook-content.py', SLEEPER)]) }));
  }
  const tracker = new JobTracker({ connection: () => ({ id: emu.baseUrl, api }) });
  const tracked: TrackedJob[] = [];
  await Promise.all(runTimes.map(async (seconds, i) => {
    const item = items[i % notebooks]!;
    const parameters = [{ name: 'seconds', type: 'Number' as const, value: Number((seconds * COMPRESSION).toFixed(2)) }];
    const submission = await api.runNotebook(workspace.id, item.id, { parameters });
    tracked.push(tracker.track({
      id: submission.jobInstanceId, workspaceId: workspace.id, itemId: item.id, itemName: item.displayName, itemType: 'Notebook',
      kind: 'notebook', jobType: 'RunNotebook', parameters, status: 'NotStarted', submittedAt: Date.now(),
    }));
  }));
  const deadline = Date.now() + 5 * 60_000;
  while (tracker.running.length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const ended = tracked.map((t) => tracker.get(t.id)!).filter((j) => j.noticedAt && j.endTimeUtc);
  const delays = ended.map((j) => j.noticedAt! - Date.parse(j.endTimeUtc!));
  const realSeconds = ended.map((j) => (Date.parse(j.endTimeUtc!) - j.submittedAt) / 1000);
  const jobMinutes = ended.reduce((sum, j) => sum + (j.noticedAt! - j.submittedAt), 0) / 60_000;
  const polls = tracker.polls;
  tracker.dispose();
  await emu.close();

  const scenario = `Job status latency (${JOBS} jobs, 1 s–10 min at ${COMPRESSION}x, ${notebooks === 1 ? 'one notebook' : `${notebooks} notebooks`})`;
  const every5 = fixedPolling(realSeconds, 5);
  const every60 = fixedPolling(realSeconds, 60);
  const every1 = fixedPolling(realSeconds, 1);
  const p95 = percentile(delays, 95);
  const perJobMinute = polls / jobMinutes;
  return [
    { scenario, measure: 'jobs followed to their end', ours: ended.length, baseline: JOBS, unit: 'jobs', target: 'all', met: ended.length === JOBS },
    { scenario, measure: 'notice delay, median (baseline: fixed 60 s)', ours: percentile(delays, 50), baseline: percentile(realSeconds.map((d) => Math.ceil(d / 60) * 60 - d), 50) * 1000, unit: 'ms' },
    { scenario, measure: 'notice delay, p95 (baseline: fixed 60 s)', ours: p95, baseline: every60.p95, unit: 'ms', target: '< 2000 ms', met: p95 < 2000 },
    { scenario, measure: 'notice delay, p95 (baseline: fixed 5 s)', ours: p95, baseline: every5.p95, unit: 'ms' },
    { scenario, measure: 'notice delay, p95 (baseline: fixed 1 s)', ours: p95, baseline: every1.p95, unit: 'ms' },
    { scenario, measure: 'status polls per job-minute (baseline: fixed 5 s)', ours: perJobMinute, baseline: every5.pollsPerJobMinute, unit: 'polls', target: 'fewer than fixed 5 s', met: perJobMinute < every5.pollsPerJobMinute },
    { scenario, measure: 'status calls per minute while all run (baseline: fixed 5 s)', ours: (polls / Math.max(...ended.map((j) => j.noticedAt! - j.submittedAt))) * 60_000, baseline: every5.callsPerMinute, unit: 'calls/min (quota 200)' },
  ];
}

export async function jobLatency(): Promise<Row[]> {
  return [...(await run(1)), ...(await run(10))];
}
