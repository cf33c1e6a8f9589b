// Fabric REST API shapes, taken from the official OpenAPI specs (../shared/specs) and
// ../shared/fabric-api.md. Only the fields this project reads or writes are typed.

export type WorkspaceRole = 'Admin' | 'Member' | 'Contributor' | 'Viewer';

export interface Workspace {
  id: string;
  displayName: string;
  description: string;
  type?: 'Personal' | 'Workspace' | 'AdminWorkspace';
  capacityId?: string;
  capacityRegion?: string;
  domainId?: string;
}

export interface Item {
  id: string;
  type: string;
  displayName: string;
  description?: string;
  workspaceId: string;
  folderId?: string;
}

/** A workspace folder; `parentFolderId` is absent (or null) at the workspace's root. */
export interface Folder {
  id: string;
  displayName: string;
  workspaceId: string;
  parentFolderId?: string | null;
}

export interface CreateFolderRequest {
  displayName: string;
  /** Absent: the folder is created at the workspace's root. */
  parentFolderId?: string;
}

export interface Page<T> {
  value: T[];
  continuationToken?: string;
  continuationUri?: string;
}

export type PayloadType = 'InlineBase64';

export interface DefinitionPart {
  path: string;
  /** Base64 of the part's bytes. */
  payload: string;
  payloadType: PayloadType;
}

export interface ItemDefinition {
  format?: string;
  parts: DefinitionPart[];
}

/** bulkExportDefinitions' request: every item that has a definition (All), or the listed ones (Selective). */
export type BulkExportRequest = { mode: 'All' } | { mode: 'Selective'; items: { id: string }[] };

/** bulkExportDefinitions' result: every part's path starts with its item's `rootPath` (`/<folders>/<DisplayName>.<Type>`). */
export interface BulkExportResult {
  itemDefinitionsIndex?: { id: string; rootPath: string }[];
  definitionParts?: DefinitionPart[];
}

export interface CreateItemRequest {
  displayName: string;
  type: string;
  description?: string;
  folderId?: string;
  definition?: ItemDefinition;
  creationPayload?: Record<string, unknown>;
}

export interface UpdateItemRequest {
  displayName?: string;
  description?: string;
}

export interface ErrorRelatedResource {
  resourceId?: string;
  resourceType?: string;
}

export interface ErrorResponseDetails {
  errorCode: string;
  message: string;
  relatedResource?: ErrorRelatedResource;
}

export interface ErrorResponse {
  errorCode: string;
  message: string;
  requestId?: string;
  moreDetails?: ErrorResponseDetails[];
  relatedResource?: ErrorRelatedResource;
  isRetriable?: boolean;
}

export type OperationStatus = 'Undefined' | 'NotStarted' | 'Running' | 'Succeeded' | 'Failed';

export interface OperationState {
  status: OperationStatus;
  createdTimeUtc?: string;
  lastUpdatedTimeUtc?: string;
  percentComplete?: number;
  error?: ErrorResponse;
}

export type JobStatus = 'NotStarted' | 'InProgress' | 'Completed' | 'Failed' | 'Cancelled' | 'Deduped';
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['Completed', 'Failed', 'Cancelled', 'Deduped'];

export interface ItemJobInstance {
  id: string;
  itemId: string;
  jobType: string;
  invokeType: string;
  status: JobStatus;
  rootActivityId?: string;
  startTimeUtc?: string | null;
  endTimeUtc?: string | null;
  failureReason?: ErrorResponse | null;
  /** The 2026 Learn page puts the notebook's exit value here. */
  exitValue?: string | null;
  /** The notebook endpoint (`/notebooks/{id}/jobs/execute/instances/{id}`) puts it here, with its compute's details. */
  properties?: { exitValue?: string | null; compute?: string; computeDetails?: NotebookComputeDetails; [key: string]: unknown };
}

/** SparkNotebookComputeDetails, JupyterNotebookComputeDetails, DataWarehouseNotebookComputeDetails: what they share. */
export interface NotebookComputeDetails {
  livyId?: string;
  monitoringInfo?: NotebookMonitoringInfo;
  [key: string]: unknown;
}

/** SparkNotebookMonitoringInfo (Jupyter and DataWarehouse notebooks give only `executionSnapshotUrl`). */
export interface NotebookMonitoringInfo {
  sparkUiUrl?: string;
  sparkJobDetailsUrl?: string;
  driverLogUrl?: string;
  executionSnapshotUrl?: string;
  activityDetails?: Record<string, unknown>;
}

export type JobParameterType = 'VariableReference' | 'Integer' | 'Number' | 'Text' | 'Boolean' | 'DateTime' | 'Guid' | 'Automatic';

export interface JobParameter {
  name: string;
  type: JobParameterType;
  value: unknown;
}

export interface RunOnDemandItemJobRequest {
  executionData?: Record<string, unknown>;
  parameters?: JobParameter[];
}

/** Where a submitted job can be followed: the `Location` of the 202. */
export interface JobSubmission {
  jobInstanceId: string;
  location: string;
  /** Seconds the server asks the client to wait before polling. */
  retryAfterSeconds?: number;
}

export type ScheduleType = 'Cron' | 'Daily' | 'Weekly' | 'Monthly';

export interface ItemSchedule {
  id: string;
  enabled: boolean;
  createdDateTime?: string;
  configuration: { type: ScheduleType; startDateTime: string; endDateTime: string; localTimeZoneId: string; [key: string]: unknown };
  owner?: { id: string; type: string };
}

export interface CreateScheduleRequest {
  enabled: boolean;
  configuration: ItemSchedule['configuration'];
}

export interface ActivityRun {
  pipelineName?: string;
  pipelineRunId: string;
  activityName: string;
  activityType: string;
  activityRunId: string;
  status: string;
  activityRunStart?: string;
  activityRunEnd?: string;
  durationInMs?: number;
  input?: unknown;
  output?: unknown;
  error?: { errorCode?: string; message?: string; failureType?: string; target?: string; details?: string };
}

export interface QueryActivityRunsRequest {
  filters?: unknown[];
  orderBy?: { orderBy: string; order: 'ASC' | 'DESC' }[];
  lastUpdatedAfter: string;
  lastUpdatedBefore: string;
}

export interface CreateWorkspaceRequest {
  displayName: string;
  description?: string;
  capacityId?: string;
}

export interface UpdateWorkspaceRequest {
  displayName?: string;
  description?: string;
}

/** A Spark run of a workspace (`GET /workspaces/{id}/spark/livySessions`), the fields the job monitor reads. */
export interface LivySession {
  /** NotStarted, InProgress, Succeeded, Failed, Cancelled, Unknown (more may come). */
  state?: string;
  jobInstanceId?: string;
  item?: { workspaceId?: string; itemId?: string };
  itemType?: string;
  submittedDateTime?: string;
  startDateTime?: string;
  endDateTime?: string;
}

/** A job instance as polled: the status answer may carry a Retry-After (seconds). */
export type PolledJobInstance = ItemJobInstance & { retryAfterSeconds?: number };

export type UpdateScheduleRequest = Partial<CreateScheduleRequest>;
export * from './gitTypes';
