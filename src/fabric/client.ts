// FabricClient: the typed surface of the Fabric REST API the extension uses (see
// docs/architecture.md). Each method states how it may be retried; the transport does the rest.
import type { DataflowParameter } from './definition/dataflowParameters';
import { FabricError, isFabricError } from './errors';
import { FabricHttp, type HttpOptions, type HttpRequest } from './http';
import { followOperation, type LroOptions } from './lro';
import { LroPollBudget } from './lroPollBudget';
import { iteratePages, normalizePage } from './paging';
import type { LroPollOptions } from './pollSchedules';
import type { OutcomeCheck } from './retry';
import { parseRetryAfterSeconds } from './retryAfter';
import type {
  ActivityRun,
  BulkExportRequest,
  BulkExportResult,
  CreateFolderRequest,
  CreateItemRequest,
  CreateScheduleRequest,
  CommitToGitRequest,
  CreateWorkspaceRequest,
  Folder,
  GitConnection,
  GitConnectRequest,
  GitCredentials,
  GitStatusResponse,
  InitializationStrategy,
  InitializeGitConnectionResponse,
  Item,
  ItemDefinition,
  ItemJobInstance,
  ItemSchedule,
  JobSubmission,
  LivySession,
  Page,
  PolledJobInstance,
  QueryActivityRunsRequest,
  RunOnDemandItemJobRequest,
  UpdateFromGitRequest,
  UpdateItemRequest,
  UpdateScheduleRequest,
  UpdateWorkspaceRequest,
  Workspace,
  WorkspaceRole,
} from './types';

export interface CallOptions {
  signal?: AbortSignal;
}

/** Options of calls that follow a long-running operation. */
export interface LroCallOptions extends CallOptions {
  /** Stop waiting (FabricError OperationTimedOut) after this long. */
  maxWaitMs?: number;
}

/** Options of `updateDefinition`. */
export interface UpdateDefinitionCallOptions extends LroCallOptions {
  /**
   * Asked when an attempt's outcome is unknown (its answer was lost, it timed out, Fabric failed
   * midway), before the update is sent again: re-read the definition and answer `applied` (it
   * already holds what was sent: done) or `notApplied` (it still holds what the update was based
   * on: sent again); throw on anything else (someone else's save). Without it, such an update is
   * not sent again: the call fails with the error.
   */
  checkOutcome?: OutcomeCheck;
}

/** Which part of a workspace's folder tree a list covers. */
export interface FolderScope {
  /** The folder to list under; absent: the workspace's root. */
  rootFolderId?: string;
  /** Also what is in nested folders (Fabric's default), or only what is directly in the root folder. */
  recursive?: boolean;
}

/** Items_BulkMoveItems: "A single request can't contain more than 50 items." */
export const BULK_MOVE_LIMIT = 50;

export interface FabricClientOptions extends HttpOptions {
  lroPoll?: LroPollOptions;
  /** Polls a minute this client's long-running operations may make together (default: 3/4 of the rate limiter's quota). */
  lroPollsPerMinute?: number;
}

const enc = encodeURIComponent;

/** `rootFolderId` and `recursive` as query parameters; absent ones are not sent (Fabric's defaults apply). */
const scopeQuery = (scope: FolderScope): { rootFolderId?: string; recursive?: boolean } => ({ rootFolderId: scope.rootFolderId, recursive: scope.recursive });

export class FabricClient {
  private readonly http: FabricHttp;
  private readonly lroBudget: LroPollBudget;

  constructor(private readonly options: FabricClientOptions) {
    this.http = new FabricHttp(options);
    const quota = options.rateLimiter ? (options.rateLimiter.callsPerWindow * 60_000) / options.rateLimiter.windowMs : 200;
    // The budget's minute is scaled like the schedule's waits (tests that shrink waits are not held
    // for real minutes), with a second's slack for timers that fire late and uneven round trips.
    this.lroBudget = new LroPollBudget({ pollsPerMinute: options.lroPollsPerMinute ?? Math.floor(quota * 0.75), minuteMs: 61_000 * this.http.waitScale });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  // Workspaces

  listWorkspaces(options: { roles?: WorkspaceRole[] } = {}, call: CallOptions = {}): AsyncIterable<Workspace> {
    return iteratePages((continuationToken) => this.listWorkspacesPage({ ...options, continuationToken }, call));
  }

  listWorkspacesPage(options: { roles?: WorkspaceRole[]; continuationToken?: string } = {}, call: CallOptions = {}): Promise<Page<Workspace>> {
    return this.page<Workspace>('/workspaces', { roles: options.roles?.join(','), continuationToken: options.continuationToken }, call);
  }

  getWorkspace(workspaceId: string, call: CallOptions = {}): Promise<Workspace> {
    return this.json({ method: 'GET', path: `/workspaces/${enc(workspaceId)}`, retry: 'idempotent', ...call });
  }

  createWorkspace(request: CreateWorkspaceRequest, call: CallOptions = {}): Promise<Workspace> {
    return this.json({ method: 'POST', path: '/workspaces', body: request, retry: 'once', ...call });
  }

  /** Renames the workspace or changes its description. */
  updateWorkspace(workspaceId: string, request: UpdateWorkspaceRequest, call: CallOptions = {}): Promise<Workspace> {
    return this.json({ method: 'PATCH', path: `/workspaces/${enc(workspaceId)}`, body: request, retry: 'idempotent', ...call });
  }

  async deleteWorkspace(workspaceId: string, call: CallOptions = {}): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/workspaces/${enc(workspaceId)}`, retry: 'idempotent', ...call });
  }

  // Folders

  listFolders(workspaceId: string, scope: FolderScope = {}, call: CallOptions = {}): AsyncIterable<Folder> {
    return iteratePages((continuationToken) => this.listFoldersPage(workspaceId, { ...scope, continuationToken }, call));
  }

  listFoldersPage(workspaceId: string, options: FolderScope & { continuationToken?: string } = {}, call: CallOptions = {}): Promise<Page<Folder>> {
    return this.page<Folder>(`/workspaces/${enc(workspaceId)}/folders`, { ...scopeQuery(options), continuationToken: options.continuationToken }, call);
  }

  getFolder(workspaceId: string, folderId: string, call: CallOptions = {}): Promise<Folder> {
    return this.json({ method: 'GET', path: this.folderPath(workspaceId, folderId), retry: 'idempotent', ...call });
  }

  createFolder(workspaceId: string, request: CreateFolderRequest, call: CallOptions = {}): Promise<Folder> {
    return this.json({ method: 'POST', path: `/workspaces/${enc(workspaceId)}/folders`, body: request, retry: 'once', ...call });
  }

  renameFolder(workspaceId: string, folderId: string, displayName: string, call: CallOptions = {}): Promise<Folder> {
    return this.json({ method: 'PATCH', path: this.folderPath(workspaceId, folderId), body: { displayName }, retry: 'idempotent', ...call });
  }

  /** Deletes an empty folder (Fabric refuses one that holds items or folders: FolderNotEmpty). */
  async deleteFolder(workspaceId: string, folderId: string, call: CallOptions = {}): Promise<void> {
    await this.http.request({ method: 'DELETE', path: this.folderPath(workspaceId, folderId), retry: 'idempotent', ...call });
  }

  /** Moves the folder (with what it holds) into `targetFolderId`, or to the workspace's root when it is undefined. */
  moveFolder(workspaceId: string, folderId: string, targetFolderId: string | undefined, call: CallOptions = {}): Promise<Folder> {
    return this.json({ method: 'POST', path: `${this.folderPath(workspaceId, folderId)}/move`, body: { targetFolderId }, retry: 'idempotent', ...call });
  }

  // Items

  listItems(workspaceId: string, options: { type?: string } & FolderScope = {}, call: CallOptions = {}): AsyncIterable<Item> {
    return iteratePages((continuationToken) => this.listItemsPage(workspaceId, { ...options, continuationToken }, call));
  }

  listItemsPage(workspaceId: string, options: { type?: string; continuationToken?: string } & FolderScope = {}, call: CallOptions = {}): Promise<Page<Item>> {
    const query = { type: options.type, ...scopeQuery(options), continuationToken: options.continuationToken };
    return this.page<Item>(`/workspaces/${enc(workspaceId)}/items`, query, call);
  }

  /**
   * Moves the item into `targetFolderId` (undefined: the workspace's root). Fabric moves its child
   * items with it (a lakehouse's SQL endpoint): the answer lists every item moved.
   */
  async moveItem(workspaceId: string, itemId: string, targetFolderId: string | undefined, call: CallOptions = {}): Promise<Item[]> {
    const body = await this.json<{ value?: Item[] }>({
      method: 'POST',
      path: `${this.itemPath(workspaceId, itemId)}/move`,
      body: { targetFolderId },
      retry: 'idempotent',
      ...call,
    });
    return body?.value ?? [];
  }

  /**
   * Moves the items into `targetFolderId` (undefined: the workspace's root), at most 50 a request
   * as Fabric allows, one request after the other. Each request moves all its items or none; when
   * one fails, the items of the requests before it stay moved. Returns every item moved.
   */
  async moveItems(workspaceId: string, itemIds: readonly string[], targetFolderId: string | undefined, call: CallOptions = {}): Promise<Item[]> {
    const ids = [...new Set(itemIds)];
    const moved: Item[] = [];
    for (let start = 0; start < ids.length; start += BULK_MOVE_LIMIT) {
      const items = ids.slice(start, start + BULK_MOVE_LIMIT);
      const body = await this.json<{ value?: Item[] }>({
        method: 'POST',
        path: `/workspaces/${enc(workspaceId)}/items/bulkMove`,
        body: { targetFolderId, items },
        retry: 'idempotent',
        ...call,
      });
      moved.push(...(body?.value ?? []));
    }
    return moved;
  }

  getItem(workspaceId: string, itemId: string, call: CallOptions = {}): Promise<Item> {
    return this.json({ method: 'GET', path: this.itemPath(workspaceId, itemId), retry: 'idempotent', ...call });
  }

  /** Creates the item (following the LRO when Fabric answers 202) and returns it. */
  async createItem(workspaceId: string, request: CreateItemRequest, call: LroCallOptions = {}): Promise<Item> {
    const item = await this.operation<Item>(
      { method: 'POST', path: `/workspaces/${enc(workspaceId)}/items`, body: request, retry: 'once', signal: call.signal },
      call,
      true,
    );
    return { ...(item as Item), workspaceId: item?.workspaceId ?? workspaceId };
  }

  updateItem(workspaceId: string, itemId: string, request: UpdateItemRequest, call: CallOptions = {}): Promise<Item> {
    return this.json({ method: 'PATCH', path: this.itemPath(workspaceId, itemId), body: request, retry: 'idempotent', ...call });
  }

  async deleteItem(workspaceId: string, itemId: string, call: CallOptions = {}): Promise<void> {
    await this.http.request({ method: 'DELETE', path: this.itemPath(workspaceId, itemId), retry: 'idempotent', ...call });
  }

  /** The item's definition (following the LRO); `format` e.g. `ipynb` or `fabricGitSource` for notebooks. */
  async getDefinition(workspaceId: string, itemId: string, options: { format?: string } = {}, call: LroCallOptions = {}): Promise<ItemDefinition> {
    const path = `${this.itemPath(workspaceId, itemId)}/getDefinition`;
    const body = await this.operation<{ definition?: ItemDefinition }>(
      { method: 'POST', path, query: { format: options.format }, retry: 'idempotent', signal: call.signal },
      call,
      true,
    );
    if (!body?.definition)
      throw new FabricError({
        status: 200,
        errorCode: 'MissingDefinition',
        message: `Fabric returned no definition for item ${itemId}.`,
        request: `POST ${path}`,
      });
    return body.definition;
  }

  /** Replaces the definition (following the LRO); `updateMetadata` applies the `.platform` part to the item. */
  async updateDefinition(
    workspaceId: string,
    itemId: string,
    definition: ItemDefinition,
    options: { updateMetadata?: boolean } = {},
    call: UpdateDefinitionCallOptions = {},
  ): Promise<void> {
    const path = `${this.itemPath(workspaceId, itemId)}/updateDefinition`;
    const query = { updateMetadata: options.updateMetadata ? true : undefined };
    // Never sent again blindly: the repeat could overwrite a save made in between.
    await this.operation(
      { method: 'POST', path, query, body: { definition }, retry: 'checked', checkOutcome: call.checkOutcome, signal: call.signal },
      call,
      false,
    );
  }

  /**
   * Several items' definitions in one operation (`bulkExportDefinitions?beta=true`, following the
   * LRO). A tenant without the beta answers 4xx: callers fall back to getDefinition per item.
   */
  async bulkExportDefinitions(workspaceId: string, request: BulkExportRequest, call: LroCallOptions = {}): Promise<BulkExportResult> {
    const path = `/workspaces/${enc(workspaceId)}/items/bulkExportDefinitions`;
    return (
      (await this.operation<BulkExportResult>(
        { method: 'POST', path, query: { beta: true }, body: request, retry: 'idempotent', signal: call.signal },
        call,
        true,
      )) ?? {}
    );
  }

  /** Items_DiscoverDataflowParameters: the parameters a dataflow declares (every page). */
  async discoverDataflowParameters(workspaceId: string, dataflowId: string, call: CallOptions = {}): Promise<DataflowParameter[]> {
    const path = `/workspaces/${enc(workspaceId)}/dataflows/${enc(dataflowId)}/parameters`;
    const found: DataflowParameter[] = [];
    for await (const p of iteratePages((continuationToken) => this.page<DataflowParameter>(path, { continuationToken }, call))) found.push(p);
    return found;
  }

  // Jobs

  /** Starts a job on `/jobs/{jobType}/instances`, or on the older `?jobType=` form where the path form is unknown. */
  async runItemJob(workspaceId: string, itemId: string, jobType: string, body?: RunOnDemandItemJobRequest, call: CallOptions = {}): Promise<JobSubmission> {
    const jobs = `${this.itemPath(workspaceId, itemId)}/jobs`;
    try {
      return await this.submitJob({ method: 'POST', path: `${jobs}/${enc(jobType)}/instances`, body, retry: 'once', ...call });
    } catch (error) {
      const pathFormUnknown =
        isFabricError(error) && ((error.status === 404 && !error.hasErrorResponse) || (error.status === 400 && error.errorCode === 'InvalidJobType'));
      if (!pathFormUnknown) throw error;
      return this.submitJob({ method: 'POST', path: `${jobs}/instances`, query: { jobType }, body, retry: 'once', ...call });
    }
  }

  /** Runs a notebook on the notebook endpoint (`RunNotebookRequest` or the legacy `executionData` body). */
  runNotebook(workspaceId: string, notebookId: string, body?: object, call: CallOptions = {}): Promise<JobSubmission> {
    const path = `/workspaces/${enc(workspaceId)}/notebooks/${enc(notebookId)}/jobs/execute/instances`;
    return this.submitJob({ method: 'POST', path, query: { beta: false }, body, retry: 'once', ...call });
  }

  /** The job instance, with the Retry-After its answer carried. */
  getJobInstance(workspaceId: string, itemId: string, jobInstanceId: string, call: CallOptions = {}): Promise<PolledJobInstance> {
    return this.jobInstance(`${this.itemPath(workspaceId, itemId)}/jobs/instances/${enc(jobInstanceId)}`, call);
  }

  /**
   * A notebook job instance from the notebook endpoint, which carries `properties.exitValue` and
   * `computeDetails.monitoringInfo`; a beta callers must ask for (`?beta=true`).
   */
  getNotebookJobInstance(workspaceId: string, notebookId: string, jobInstanceId: string, call: CallOptions = {}): Promise<PolledJobInstance> {
    return this.jobInstance(`/workspaces/${enc(workspaceId)}/notebooks/${enc(notebookId)}/jobs/execute/instances/${enc(jobInstanceId)}`, call, { beta: true });
  }

  listJobInstances(workspaceId: string, itemId: string, call: CallOptions = {}): AsyncIterable<ItemJobInstance> {
    return iteratePages((continuationToken) => this.listJobInstancesPage(workspaceId, itemId, { continuationToken }, call));
  }

  /** One page of the item's job instances, newest first (Show Runs' "Load more"). */
  listJobInstancesPage(
    workspaceId: string,
    itemId: string,
    options: { continuationToken?: string } = {},
    call: CallOptions = {},
  ): Promise<Page<ItemJobInstance>> {
    return this.page<ItemJobInstance>(`${this.itemPath(workspaceId, itemId)}/jobs/instances`, { continuationToken: options.continuationToken }, call);
  }

  /** The workspace's Spark runs (notebooks, Spark job definitions), newest first: one call follows them all. */
  listLivySessions(workspaceId: string, call: CallOptions = {}): AsyncIterable<LivySession> {
    const path = `/workspaces/${enc(workspaceId)}/spark/livySessions`;
    return iteratePages((continuationToken) => this.page<LivySession>(path, { continuationToken }, call));
  }

  async cancelJobInstance(workspaceId: string, itemId: string, jobInstanceId: string, call: CallOptions = {}): Promise<void> {
    const path = `${this.itemPath(workspaceId, itemId)}/jobs/instances/${enc(jobInstanceId)}/cancel`;
    await this.http.request({ method: 'POST', path, retry: 'idempotent', ...call });
  }

  // Schedules

  /** All the item's schedules for `jobType` (every page). */
  async listSchedules(workspaceId: string, itemId: string, jobType: string, call: CallOptions = {}): Promise<ItemSchedule[]> {
    const path = this.schedulesPath(workspaceId, itemId, jobType);
    const schedules: ItemSchedule[] = [];
    for await (const schedule of iteratePages((continuationToken) => this.page<ItemSchedule>(path, { continuationToken }, call))) schedules.push(schedule);
    return schedules;
  }

  getSchedule(workspaceId: string, itemId: string, jobType: string, scheduleId: string, call: CallOptions = {}): Promise<ItemSchedule> {
    return this.json({ method: 'GET', path: `${this.schedulesPath(workspaceId, itemId, jobType)}/${enc(scheduleId)}`, retry: 'idempotent', ...call });
  }

  createSchedule(workspaceId: string, itemId: string, jobType: string, request: CreateScheduleRequest, call: CallOptions = {}): Promise<ItemSchedule> {
    return this.json({ method: 'POST', path: this.schedulesPath(workspaceId, itemId, jobType), body: request, retry: 'once', ...call });
  }

  updateSchedule(
    workspaceId: string,
    itemId: string,
    jobType: string,
    scheduleId: string,
    request: UpdateScheduleRequest,
    call: CallOptions = {},
  ): Promise<ItemSchedule> {
    return this.json({
      method: 'PATCH',
      path: `${this.schedulesPath(workspaceId, itemId, jobType)}/${enc(scheduleId)}`,
      body: request,
      retry: 'idempotent',
      ...call,
    });
  }

  async deleteSchedule(workspaceId: string, itemId: string, jobType: string, scheduleId: string, call: CallOptions = {}): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `${this.schedulesPath(workspaceId, itemId, jobType)}/${enc(scheduleId)}`, retry: 'idempotent', ...call });
  }

  // Pipeline runs

  /** The activity runs of a pipeline job instance (Fabric answers a bare array; `{ value }` is accepted too). */
  async queryActivityRuns(workspaceId: string, jobInstanceId: string, request: QueryActivityRunsRequest, call: CallOptions = {}): Promise<ActivityRun[]> {
    const path = `/workspaces/${enc(workspaceId)}/datapipelines/pipelineruns/${enc(jobInstanceId)}/queryactivityruns`;
    const body = await this.json<ActivityRun[] | { value?: ActivityRun[] } | undefined>({ method: 'POST', path, body: request, retry: 'idempotent', ...call });
    return Array.isArray(body) ? body : (body?.value ?? []);
  }

  // Git integration (platform swagger, Git_*). A workspace is connected to one branch and folder
  // of a repository; Initialize Connection then tells which sync it needs first.

  /** The local emulator only: where its bare repository of the workspace's Git connection is on disk. */
  emulatorGitRepository(workspaceId: string, call: CallOptions = {}): Promise<{ repositoryPath: string }> {
    return this.json({ method: 'GET', path: `/emulator/git/${enc(workspaceId)}`, retry: 'idempotent', ...call });
  }

  /** The workspace's connection (`gitConnectionState: 'NotConnected'` when it has none). */
  getGitConnection(workspaceId: string, call: CallOptions = {}): Promise<GitConnection> {
    return this.json({ method: 'GET', path: this.gitPath(workspaceId, 'connection'), retry: 'idempotent', ...call });
  }

  /** Connects the workspace to a repository's branch and folder; nothing is synced until Initialize Connection. */
  async connectGit(workspaceId: string, request: GitConnectRequest, call: CallOptions = {}): Promise<void> {
    // Sent again after a lost answer, a connect that went through is refused (WorkspaceAlreadyConnectedToGit): only once.
    await this.http.request({ method: 'POST', path: this.gitPath(workspaceId, 'connect'), body: request, retry: 'once', ...call });
  }

  async disconnectGit(workspaceId: string, call: CallOptions = {}): Promise<void> {
    await this.http.request({ method: 'POST', path: this.gitPath(workspaceId, 'disconnect'), retry: 'once', ...call });
  }

  /** Initializes a connected workspace (following the LRO): `requiredAction` says whether to commit or update first. */
  async initializeGitConnection(
    workspaceId: string,
    initializationStrategy?: InitializationStrategy,
    call: LroCallOptions = {},
  ): Promise<InitializeGitConnectionResponse> {
    const request = { method: 'POST', path: this.gitPath(workspaceId, 'initializeConnection'), body: { initializationStrategy }, retry: 'once' } as const;
    return (await this.operation<InitializeGitConnectionResponse>({ ...request, signal: call.signal }, call, true)) ?? {};
  }

  /** Uncommitted workspace changes and incoming Git changes, item by item (following the LRO). */
  async getGitStatus(workspaceId: string, call: LroCallOptions = {}): Promise<GitStatusResponse> {
    const path = this.gitPath(workspaceId, 'status');
    const status = await this.operation<GitStatusResponse>({ method: 'GET', path, retry: 'idempotent', signal: call.signal }, call, true);
    return { workspaceHead: status?.workspaceHead ?? null, remoteCommitHash: status?.remoteCommitHash ?? null, changes: status?.changes ?? [] };
  }

  /** Commits workspace changes to the branch (following the LRO); `workspaceHead` guards against a status gone stale. */
  async commitToGit(workspaceId: string, request: CommitToGitRequest, call: LroCallOptions = {}): Promise<void> {
    // A commit sent twice would fail the second time (WorkspaceHeadMismatch) or commit twice: only once.
    await this.operation({ method: 'POST', path: this.gitPath(workspaceId, 'commitToGit'), body: request, retry: 'once', signal: call.signal }, call, false);
  }

  /** Applies the branch's head to the workspace (following the LRO). */
  async updateFromGit(workspaceId: string, request: UpdateFromGitRequest, call: LroCallOptions = {}): Promise<void> {
    await this.operation({ method: 'POST', path: this.gitPath(workspaceId, 'updateFromGit'), body: request, retry: 'once', signal: call.signal }, call, false);
  }

  /** How the caller's credentials reach the workspace's Git provider. */
  getMyGitCredentials(workspaceId: string, call: CallOptions = {}): Promise<GitCredentials> {
    return this.json({ method: 'GET', path: this.gitPath(workspaceId, 'myGitCredentials'), retry: 'idempotent', ...call });
  }

  updateMyGitCredentials(workspaceId: string, request: GitCredentials, call: CallOptions = {}): Promise<GitCredentials> {
    return this.json({ method: 'PATCH', path: this.gitPath(workspaceId, 'myGitCredentials'), body: request, retry: 'idempotent', ...call });
  }

  // Plumbing

  private itemPath(workspaceId: string, itemId: string): string {
    return `/workspaces/${enc(workspaceId)}/items/${enc(itemId)}`;
  }

  private gitPath(workspaceId: string, action: string): string {
    return `/workspaces/${enc(workspaceId)}/git/${action}`;
  }

  private folderPath(workspaceId: string, folderId: string): string {
    return `/workspaces/${enc(workspaceId)}/folders/${enc(folderId)}`;
  }

  private schedulesPath(workspaceId: string, itemId: string, jobType: string): string {
    return `${this.itemPath(workspaceId, itemId)}/jobs/${enc(jobType)}/schedules`;
  }

  private async json<T>(request: HttpRequest): Promise<T> {
    return (await this.http.request<T>(request)).body as T;
  }

  private async page<T>(path: string, query: HttpRequest['query'], call: CallOptions): Promise<Page<T>> {
    return normalizePage(await this.json<Partial<Page<T>>>({ method: 'GET', path, query, retry: 'idempotent', ...call }));
  }

  private async operation<T>(request: HttpRequest, call: LroCallOptions, expectResult: boolean): Promise<T | undefined> {
    const initial = await this.http.request(request);
    const options: LroOptions = { signal: call.signal, maxWaitMs: call.maxWaitMs, expectResult, poll: this.options.lroPoll, budget: this.lroBudget };
    return followOperation<T>(this.http, initial, `${request.method} ${request.path}`, options);
  }

  private async submitJob(request: HttpRequest): Promise<JobSubmission> {
    const response = await this.http.request(request);
    const location = response.headers.get('location');
    const jobInstanceId = location ? new URL(location, this.http.baseUrl).pathname.split('/').filter(Boolean).pop() : undefined;
    if (!location || !jobInstanceId) {
      throw new FabricError({
        status: response.status,
        errorCode: 'MissingLocation',
        message: `Fabric accepted the job but gave no Location to follow it (${request.method} ${request.path}).`,
        request: `${request.method} ${request.path}`,
      });
    }
    const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get('retry-after'));
    return { jobInstanceId: decodeURIComponent(jobInstanceId), location, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }

  private async jobInstance(path: string, call: CallOptions, query?: Record<string, boolean>): Promise<PolledJobInstance> {
    const response = await this.http.request<ItemJobInstance>({ method: 'GET', path, query, retry: 'idempotent', ...call });
    const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get('retry-after'));
    return { ...(response.body as ItemJobInstance), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
}
