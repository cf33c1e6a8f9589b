// Makes schedules fire: each enabled schedule has one timer, set for its next due time on the
// schedule clock (scheduleRecurrence.ts). When it fires, the schedule and its item are read again
// (a schedule disabled or deleted meanwhile never runs), a run starts with invokeType Scheduled,
// and the next due time after *now* is set: a late timer (a paused process, a sleeping laptop)
// gives one run, never one per missed time. Nothing is kept besides the schedules themselves: on
// start every stored schedule is set for its next due time.
import { nextRunAfter } from '../fabric/scheduleRecurrence';
import type { JobScheduler } from './jobScheduler';
import { reportedJobType, requireItemJob } from './jobTypes';
import type { ScheduleClock } from './scheduleClock';
import type { Store } from './store';

export class ScheduleTrigger {
  private readonly timers = new Map<string, () => void>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly scheduler: JobScheduler,
    readonly clock: ScheduleClock,
    private readonly log: (message: string) => void,
  ) {
    for (const schedule of store.allSchedules()) this.set(schedule.id);
    store.onRemoved(({ scheduleIds }) => scheduleIds.forEach((id) => this.changed(id)));
  }

  /** After a schedule was created, changed or deleted: its timer follows what is stored now. */
  changed(scheduleId: string): void {
    this.timers.get(scheduleId)?.();
    this.timers.delete(scheduleId);
    this.set(scheduleId);
  }

  /** Clears every timer (emulator shutdown); nothing fires after. */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private set(scheduleId: string): void {
    const schedule = this.store.schedule(scheduleId);
    if (this.stopped || !schedule?.enabled) return;
    const due = nextRunAfter(schedule.configuration, this.clock.now());
    if (due !== undefined)
      this.timers.set(
        scheduleId,
        this.clock.at(due, () => this.fire(scheduleId)),
      );
  }

  private fire(scheduleId: string): void {
    this.timers.delete(scheduleId);
    const schedule = this.store.schedule(scheduleId);
    if (this.stopped || !schedule?.enabled) return;
    const item = this.store.item(schedule.workspaceId, schedule.itemId);
    if (!item) return; // deleted with its item: never due again
    try {
      const job = requireItemJob(item, schedule.jobType);
      this.scheduler.submit(item, job.jobType, reportedJobType(job, schedule.jobType), { parameters: [] }, 'Scheduled');
    } catch (error) {
      this.log(`Schedule ${scheduleId} could not start a run: ${(error as Error).message}`);
    }
    this.set(scheduleId);
  }
}
