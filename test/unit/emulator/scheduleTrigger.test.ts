// Schedules fire on the emulator's schedule clock, here one the test moves by hand: a run with
// invokeType Scheduled at each due time, one run for a stretch of missed times, none once the
// schedule is disabled or deleted (or its item or workspace), the same after a restart, and no timer left after close.
import assert from 'node:assert/strict';
import type { Emulator, ScheduleClock } from '../../../src/emulator';
import type { JobRunner } from '../../../src/emulator/jobs';
import { call, listAll, startTestEmulator, stopTestEmulators, tempDir, type Json } from './emulatorHarness';

const MINUTE = 60_000;

/** A schedule clock that moves only when told; moving it far at once is a paused process waking up. */
class ManualClock implements ScheduleClock {
  private timers: { time: number; fire: () => void }[] = [];
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  at(time: number, fire: () => void): () => void {
    const timer = { time, fire };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }
  get pending(): number {
    return this.timers.length;
  }
  /** Jumps `ms` ahead, then fires what is due (earliest first). */
  advance(ms: number): void {
    this.time += ms;
    for (let due; (due = this.timers.filter((t) => t.time <= this.time).sort((a, b) => a.time - b.time)[0]);) {
      this.timers = this.timers.filter((t) => t !== due);
      due.fire();
    }
  }
}

const instantRunner: JobRunner = { run: async () => ({ status: 'Completed' }) };
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('emulator: schedules fire', () => {
  const start = Date.parse('2026-11-30T10:00:00Z');
  let clock: ManualClock;
  let emulator: Emulator;
  let ws: string;
  let notebook: string;

  const schedulesPath = () => `/workspaces/${ws}/items/${notebook}/jobs/RunNotebook/schedules`;
  const runs = async (): Promise<Json[]> => listAll(emulator, `/workspaces/${ws}/items/${notebook}/jobs/instances`);
  const everyMinute = (enabled = true): Json => ({
    enabled,
    configuration: { type: 'Cron', interval: 1, startDateTime: iso(start), endDateTime: iso(start + 365 * 24 * 60 * MINUTE), localTimeZoneId: 'UTC' },
  });

  beforeEach(async () => {
    clock = new ManualClock(start + 1000);
    emulator = await startTestEmulator({ sample: false, lroMode: 'sync', jobRunner: instantRunner, scheduleClock: clock });
    ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Schedules' })).body.id;
    notebook = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Nightly', type: 'Notebook' })).body.id;
  });
  afterEach(stopTestEmulators);

  it('starts a Scheduled run at each due time, listed with the item’s runs', async () => {
    await call(emulator, 'POST', schedulesPath(), everyMinute());
    assert.equal((await runs()).length, 0, 'nothing before the first due time');
    clock.advance(MINUTE);
    clock.advance(MINUTE);
    const listed = await runs();
    assert.equal(listed.length, 2);
    assert.deepEqual(
      listed.map((r) => [r.invokeType, r.jobType]),
      [
        ['Scheduled', 'RunNotebook'],
        ['Scheduled', 'RunNotebook'],
      ],
    );
  });

  it('fires once, not once per missed time, after a long pause', async () => {
    await call(emulator, 'POST', schedulesPath(), everyMinute());
    clock.advance(90 * MINUTE);
    assert.equal((await runs()).length, 1);
    clock.advance(MINUTE);
    assert.equal((await runs()).length, 2, 'and keeps its rhythm after');
  });

  it('never fires a disabled or deleted schedule, and fires again once enabled', async () => {
    const { id } = (await call(emulator, 'POST', schedulesPath(), everyMinute())).body;
    await call(emulator, 'PATCH', `${schedulesPath()}/${id}`, everyMinute(false));
    clock.advance(5 * MINUTE);
    assert.equal((await runs()).length, 0, 'disabled');
    await call(emulator, 'PATCH', `${schedulesPath()}/${id}`, everyMinute(true));
    clock.advance(MINUTE);
    assert.equal((await runs()).length, 1, 'enabled again');
    await call(emulator, 'DELETE', `${schedulesPath()}/${id}`);
    assert.equal(clock.pending, 0, 'no timer left for a deleted schedule');
    clock.advance(5 * MINUTE);
    assert.equal((await runs()).length, 1, 'deleted');
  });

  it('leaves no timer for the schedules of a deleted item or workspace', async () => {
    await call(emulator, 'POST', schedulesPath(), everyMinute());
    await call(emulator, 'DELETE', `/workspaces/${ws}/items/${notebook}`);
    assert.equal(clock.pending, 0, 'item deleted');
    notebook = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Again', type: 'Notebook' })).body.id;
    await call(emulator, 'POST', schedulesPath(), everyMinute());
    await call(emulator, 'DELETE', `/workspaces/${ws}`);
    assert.equal(clock.pending, 0, 'workspace deleted');
  });

  it('fires nothing before its start or after its end', async () => {
    const later = everyMinute();
    later.configuration.startDateTime = iso(start + 60 * MINUTE);
    later.configuration.endDateTime = iso(start + 62 * MINUTE);
    await call(emulator, 'POST', schedulesPath(), later);
    clock.advance(30 * MINUTE);
    assert.equal((await runs()).length, 0, 'before its start');
    for (let i = 0; i < 40; i++) clock.advance(MINUTE);
    assert.equal((await runs()).length, 3, 'at its start, +1 and +2 minutes, then no more');
    assert.equal(clock.pending, 0);
  });

  it('goes on firing after a restart (from the stored schedules), and clears its timers on close', async () => {
    const dataDir = tempDir();
    await emulator.close();
    const first = await startTestEmulator({ dataDir, sample: false, lroMode: 'sync', jobRunner: instantRunner, scheduleClock: clock });
    emulator = first;
    ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Schedules' })).body.id;
    notebook = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Nightly', type: 'Notebook' })).body.id;
    await call(emulator, 'POST', schedulesPath(), everyMinute());
    await first.close();
    assert.equal(clock.pending, 0, 'closed: no timer left');

    clock = new ManualClock(clock.now());
    emulator = await startTestEmulator({ dataDir, sample: false, lroMode: 'sync', jobRunner: instantRunner, scheduleClock: clock });
    assert.equal(clock.pending, 1, 'the stored schedule is set again');
    clock.advance(MINUTE);
    assert.equal((await runs()).length, 1);
  });
});
