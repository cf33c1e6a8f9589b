// Jobs that end together are announced together; a job alone keeps its own announcement.
import assert from 'node:assert/strict';
import { batchSeverity, countEnds, END_BATCH_WINDOW_MS, JobEndBatcher } from '../../../src/jobs/JobEndBatcher';
import type { Clock } from '../../../src/jobs/JobTracker';
import type { TrackedJob } from '../../../src/jobs/TrackedJob';
import { trackedJob } from './trackedJob';

const job = (id: string, fields: Partial<TrackedJob> = {}): TrackedJob => trackedJob({ id, ...fields });

/** A clock whose time moves only when the test says. */
class ManualClock implements Clock {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private next = 0;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    this.timers.set(++this.next, { at: this.time + ms, callback });
    return this.next;
  };
  clearTimeout = (handle: unknown) => void this.timers.delete(handle as number);
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }
}

describe('JobEndBatcher', () => {
  let clock: ManualClock;
  let batches: string[][];
  let batcher: JobEndBatcher;
  beforeEach(() => {
    clock = new ManualClock();
    batches = [];
    batcher = new JobEndBatcher(clock, (jobs) => batches.push(jobs.map((j) => j.id)));
  });

  it('announces ends close together as one batch, once the window closes', () => {
    batcher.add(job('a'));
    clock.advance(400);
    batcher.add(job('b'));
    clock.advance(900);
    batcher.add(job('c'));
    assert.deepEqual(batches, [], 'nothing before the window closes');
    clock.advance(END_BATCH_WINDOW_MS);
    assert.deepEqual(batches, [['a', 'b', 'c']]);
  });

  it('announces a job alone as a batch of one, and ends far apart separately', () => {
    batcher.add(job('a'));
    clock.advance(END_BATCH_WINDOW_MS);
    batcher.add(job('b'));
    clock.advance(END_BATCH_WINDOW_MS);
    assert.deepEqual(batches, [['a'], ['b']]);
  });

  it('tells a steady stream of ends within a bounded time', () => {
    for (let n = 0; n < 20; n++) {
      batcher.add(job(`j${n}`));
      clock.advance(1000);
    }
    clock.advance(END_BATCH_WINDOW_MS);
    assert.ok(batches.length >= 4, `${batches.length} batches`);
    assert.deepEqual(
      batches.flat(),
      Array.from({ length: 20 }, (_, n) => `j${n}`),
      'every end told once, in order',
    );
  });

  it('tells nothing after it is disposed', () => {
    batcher.add(job('a'));
    batcher.dispose();
    clock.advance(END_BATCH_WINDOW_MS);
    assert.deepEqual(batches, []);
  });
});

describe('countEnds and batchSeverity', () => {
  it('count how a batch went and announce it as loudly as its worst end', () => {
    const jobs = [
      job('a'),
      job('b'),
      job('c', { status: 'Failed' }),
      job('d', { status: 'Cancelled', cancelRequested: true }),
      job('e', { status: 'InProgress', lost: true }),
    ];
    assert.deepEqual(countEnds(jobs), { succeeded: 2, failed: 1, cancelled: 1, other: 1 });
    assert.equal(batchSeverity(jobs), 'error');
    assert.equal(batchSeverity([job('a'), job('e', { status: 'InProgress', lost: true })]), 'warning');
    assert.equal(batchSeverity([job('a'), job('d', { status: 'Cancelled', cancelRequested: true })]), 'information', 'a cancel the user asked for is no alarm');
  });
});
