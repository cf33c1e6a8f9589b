// What the emulator knows: workspaces, items, their definitions, job instances, schedules and
// activity runs, kept in memory and persisted change by change.
import type { ActivityRun, DefinitionPart, Item, ItemJobInstance, ItemSchedule, JobParameter, Workspace } from '../fabric/types';
import { Persistence, type Collections } from './persistence';

export interface StoredDefinition {
  format?: string;
  parts: DefinitionPart[];
}

export interface StoredJob extends ItemJobInstance {
  workspaceId: string;
  parameters?: JobParameter[];
  /** When the job was created, for ordering the list newest first. */
  createdMs: number;
  /** The notebook compute the run asked for (executionData.compute); the service reports it. */
  compute?: string;
}

export interface StoredSchedule extends ItemSchedule {
  workspaceId: string;
  itemId: string;
  jobType: string;
}

type Collection = 'workspaces' | 'items' | 'definitions' | 'jobs' | 'schedules' | 'activityRuns' | 'meta';

export class Store {
  private constructor(private readonly persistence: Persistence, private readonly data: Collections, readonly fresh: boolean) {}

  static open(dir: string): Store {
    const { persistence, data, fresh } = Persistence.open(dir);
    return new Store(persistence, data, fresh);
  }

  private table<T>(name: Collection): Record<string, T> {
    const table = (this.data[name] ??= {});
    // No prototype: an id such as `__proto__` or `constructor` is only ever an own key.
    if (Object.getPrototypeOf(table) !== null) Object.setPrototypeOf(table, null);
    return table as Record<string, T>;
  }

  private put(name: Collection, id: string, value: unknown): void {
    this.table(name)[id] = value;
    this.persistence.write(name, id, value);
  }

  private remove(name: Collection, id: string): void {
    delete this.table(name)[id];
    this.persistence.write(name, id, undefined);
  }

  workspaces(): Workspace[] {
    return Object.values(this.table<Workspace>('workspaces'));
  }
  workspace(id: string): Workspace | undefined {
    return this.table<Workspace>('workspaces')[id];
  }
  putWorkspace(workspace: Workspace): void {
    this.put('workspaces', workspace.id, workspace);
  }
  deleteWorkspace(id: string): void {
    for (const item of this.items(id)) this.deleteItem(item.id);
    this.remove('workspaces', id);
  }

  items(workspaceId: string): Item[] {
    return Object.values(this.table<Item>('items')).filter((i) => i.workspaceId === workspaceId);
  }
  item(workspaceId: string, id: string): Item | undefined {
    const item = this.table<Item>('items')[id];
    return item?.workspaceId === workspaceId ? item : undefined;
  }
  putItem(item: Item): void {
    this.put('items', item.id, item);
  }
  deleteItem(id: string): void {
    this.remove('items', id);
    if (this.definition(id)) this.remove('definitions', id);
  }

  definition(itemId: string): StoredDefinition | undefined {
    return this.table<StoredDefinition>('definitions')[itemId];
  }
  putDefinition(itemId: string, definition: StoredDefinition): void {
    this.put('definitions', itemId, definition);
  }

  jobs(itemId: string): StoredJob[] {
    return Object.values(this.table<StoredJob>('jobs')).filter((j) => j.itemId === itemId).sort((a, b) => b.createdMs - a.createdMs);
  }
  allJobs(): StoredJob[] {
    return Object.values(this.table<StoredJob>('jobs'));
  }
  job(id: string): StoredJob | undefined {
    return this.table<StoredJob>('jobs')[id];
  }
  putJob(job: StoredJob): void {
    this.put('jobs', job.id, job);
  }

  activityRuns(jobId: string): ActivityRun[] {
    return this.table<ActivityRun[]>('activityRuns')[jobId] ?? [];
  }
  putActivityRun(jobId: string, run: ActivityRun): void {
    const runs = this.activityRuns(jobId).filter((r) => r.activityRunId !== run.activityRunId);
    this.put('activityRuns', jobId, [...runs, run]);
  }

  schedules(itemId: string, jobType: string): StoredSchedule[] {
    return Object.values(this.table<StoredSchedule>('schedules')).filter((s) => s.itemId === itemId && s.jobType.toLowerCase() === jobType.toLowerCase());
  }
  schedule(id: string): StoredSchedule | undefined {
    return this.table<StoredSchedule>('schedules')[id];
  }
  putSchedule(schedule: StoredSchedule): void {
    this.put('schedules', schedule.id, schedule);
  }
  deleteSchedule(id: string): void {
    this.remove('schedules', id);
  }

  meta<T>(key: string): T | undefined {
    return this.table<T>('meta')[key];
  }
  putMeta(key: string, value: unknown): void {
    this.put('meta', key, value);
  }

  close(): void {
    this.persistence.close();
  }
}
