// What the emulator knows: workspaces, items, their definitions, job instances, schedules and
// activity runs, kept in memory and persisted change by change. Each method is one change
// (persistence.ts), written to the journal before memory changes and on disk once `durable()`
// resolves, which every answer waits for; when it cannot be written or synced, the request is
// answered 507 (disk full) or 503 and nothing changed.
import type { ActivityRun, DefinitionPart, Folder, Item, ItemJobInstance, ItemSchedule, JobParameter, Workspace } from '../fabric/types';
import { ApiError } from './apiError';
import { ItemIndex } from './itemIndex';
import { Persistence, StorageError, type Change, type Collections, type PersistenceOptions } from './persistence';

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
  /** What a notebook run printed (JobOutcome.output): its monitoring links' driver log shows it. */
  output?: string;
}

export interface StoredSchedule extends ItemSchedule {
  workspaceId: string;
  itemId: string;
  jobType: string;
}

type Collection = 'workspaces' | 'folders' | 'items' | 'definitions' | 'jobs' | 'schedules' | 'activityRuns' | 'gitConnections' | 'meta';

/** The job instances and schedules that went with deleted items. */
export interface Removal {
  jobIds: string[];
  scheduleIds: string[];
}

export class Store {
  private readonly data: Collections;
  private readonly itemIndex: ItemIndex;
  private readonly removalListeners: ((removal: Removal) => void)[] = [];

  private constructor(
    private readonly persistence: Persistence,
    readonly fresh: boolean,
  ) {
    this.data = persistence.data;
    this.itemIndex = new ItemIndex(Object.values(this.table<Item>('items')));
    persistence.onRevert = (reverted) => {
      for (const { change, restored } of reverted) if (change.c === 'items') this.itemIndex.update(change.v as Item | undefined, restored as Item | undefined);
    };
  }

  /** Opens a data folder the caller has locked (dataFolderLock.ts). */
  static open(dir: string, options?: PersistenceOptions): Store {
    const { persistence, fresh } = Persistence.open(dir, options);
    return new Store(persistence, fresh);
  }

  private table<T>(name: Collection): Record<string, T> {
    const table = (this.data[name] ??= {});
    // No prototype: an id such as `__proto__` or `constructor` is only ever an own key.
    if (Object.getPrototypeOf(table) !== null) Object.setPrototypeOf(table, null);
    return table as Record<string, T>;
  }

  private commit(...changes: Change[]): void {
    const items = this.table<Item>('items');
    const itemChanges = changes.filter((change) => change.c === 'items').map((change) => [items[change.id], change.v as Item | undefined] as const);
    try {
      this.persistence.commit(changes);
    } catch (error) {
      throw refusal(error);
    }
    for (const [before, after] of itemChanges) this.itemIndex.update(before, after);
  }

  /** Resolves once every change made so far is on disk; rejects with the 503 when they were taken back. */
  durable(): Promise<void> {
    return this.persistence.durable().catch((error: unknown) => {
      throw refusal(error);
    });
  }

  private put(name: Collection, id: string, value: unknown): void {
    this.commit(putChange(name, id, value));
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
  /** Deletes the workspace with its folders and items (with all that goes with them, see deleteItem), as one change. */
  deleteWorkspace(id: string): void {
    const folders = this.folders(id).map((folder) => removeChange('folders', folder.id));
    const git = this.gitConnection(id) ? [removeChange('gitConnections', id)] : [];
    this.removeItems(this.items(id), ...folders, ...git, removeChange('workspaces', id));
  }

  /** The workspace's folders, in creation order (the rules live in folders.ts). */
  folders(workspaceId: string): Folder[] {
    return Object.values(this.table<Folder>('folders')).filter((f) => f.workspaceId === workspaceId);
  }
  folder(workspaceId: string, id: string): Folder | undefined {
    const folder = this.table<Folder>('folders')[id];
    return folder?.workspaceId === workspaceId ? folder : undefined;
  }
  putFolder(folder: Folder): void {
    this.put('folders', folder.id, folder);
  }
  deleteFolder(id: string): void {
    this.commit(removeChange('folders', id));
  }

  /** The workspace's items in creation order. */
  items(workspaceId: string): Item[] {
    return this.itemIndex.items(workspaceId);
  }

  /** The workspace's items in list order, not copied: for a list page of a big workspace. */
  iterateItems(workspaceId: string): IterableIterator<Item> {
    return this.itemIndex.iterate(workspaceId);
  }
  /** The workspace's item of that type and name, ignoring case. */
  itemNamed(workspaceId: string, type: string, displayName: string): Item | undefined {
    return this.itemIndex.named(workspaceId, type, displayName);
  }
  item(workspaceId: string, id: string): Item | undefined {
    const item = this.table<Item>('items')[id];
    return item?.workspaceId === workspaceId ? item : undefined;
  }
  /** Stores the item, and its definition when given, as one change. */
  putItem(item: Item, definition?: StoredDefinition): void {
    this.commit(putChange('items', item.id, item), ...(definition ? [putChange('definitions', item.id, definition)] : []));
  }
  /** Stores the items as one change (a bulk move: all or none). */
  putItems(items: Item[]): void {
    this.commit(...items.map((item) => putChange('items', item.id, item)));
  }
  /** Deletes the item with its definition, job instances, their activity runs and its schedules, as one change. */
  deleteItem(id: string): void {
    const item = this.table<Item>('items')[id];
    if (item) this.removeItems([item]);
  }

  /** Called after items were deleted, with their jobs and schedules: what runs or waits for them stops. */
  onRemoved(listener: (removal: Removal) => void): void {
    this.removalListeners.push(listener);
  }

  private removeItems(items: Item[], ...alongside: Change[]): void {
    const ids = new Set(items.map((item) => item.id));
    const jobIds = this.allJobs()
      .filter((job) => ids.has(job.itemId))
      .map((job) => job.id);
    const scheduleIds = this.allSchedules()
      .filter((schedule) => ids.has(schedule.itemId))
      .map((schedule) => schedule.id);
    const activityRuns = jobIds.filter((jobId) => this.table('activityRuns')[jobId]);
    this.commit(
      ...[...ids].flatMap((id) => [removeChange('items', id), ...(this.definition(id) ? [removeChange('definitions', id)] : [])]),
      ...jobIds.map((jobId) => removeChange('jobs', jobId)),
      ...activityRuns.map((jobId) => removeChange('activityRuns', jobId)),
      ...scheduleIds.map((scheduleId) => removeChange('schedules', scheduleId)),
      ...alongside,
    );
    for (const listener of this.removalListeners) listener({ jobIds, scheduleIds });
  }

  definition(itemId: string): StoredDefinition | undefined {
    return this.table<StoredDefinition>('definitions')[itemId];
  }
  putDefinition(itemId: string, definition: StoredDefinition): void {
    this.put('definitions', itemId, definition);
  }

  jobs(itemId: string): StoredJob[] {
    return Object.values(this.table<StoredJob>('jobs'))
      .filter((j) => j.itemId === itemId)
      .sort((a, b) => b.createdMs - a.createdMs);
  }
  /** The workspace's job instances, newest first. */
  workspaceJobs(workspaceId: string): StoredJob[] {
    return Object.values(this.table<StoredJob>('jobs'))
      .filter((j) => j.workspaceId === workspaceId)
      .sort((a, b) => b.createdMs - a.createdMs);
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
  allSchedules(): StoredSchedule[] {
    return Object.values(this.table<StoredSchedule>('schedules'));
  }
  schedule(id: string): StoredSchedule | undefined {
    return this.table<StoredSchedule>('schedules')[id];
  }
  putSchedule(schedule: StoredSchedule): void {
    this.put('schedules', schedule.id, schedule);
  }
  deleteSchedule(id: string): void {
    this.commit(removeChange('schedules', id));
  }

  /** The workspace's Git connection (gitIntegration.ts), by workspace id. */
  gitConnection<T>(workspaceId: string): T | undefined {
    return this.table<T>('gitConnections')[workspaceId];
  }
  putGitConnection(workspaceId: string, connection: unknown): void {
    this.put('gitConnections', workspaceId, connection);
  }
  deleteGitConnection(workspaceId: string): void {
    this.commit(removeChange('gitConnections', workspaceId));
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

/** A change the disk refused, as the request's answer. */
function refusal(error: unknown): unknown {
  if (!(error instanceof StorageError)) return error;
  return error.full
    ? new ApiError(507, 'InsufficientStorage', `${error.message} Free some disk space for the emulator's data folder and retry.`)
    : new ApiError(503, 'ServiceUnavailable', `${error.message} Retry later.`);
}

const putChange = (c: Collection, id: string, v: unknown): Change => ({ c, id, v });
const removeChange = (c: Collection, id: string): Change => ({ c, id });
