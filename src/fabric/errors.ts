// The one error the client throws for anything Fabric (or the network) refused. `message` is
// Fabric's own text; `userMessage` says what the user can do about it and which request id to
// quote to support. Every text it carries is masked when it is built (see redaction.ts), whatever
// the server put in it: a body, an operation's error, a network failure's reason.
import { maskDeep, maskSecrets } from './redaction';
import { parseRetryAfterSeconds } from './retryAfter';
import type { ErrorRelatedResource, ErrorResponse, ErrorResponseDetails } from './types';

export interface FabricErrorInit extends ErrorResponse {
  status: number;
  /** Seconds the server asked to wait (429, some 503s). */
  retryAfterSeconds?: number;
  /** `METHOD /path` of the request that failed. */
  request?: string;
  /** Whether the answer carried a Fabric ErrorResponse (false for a bare 404 of an unknown route). */
  hasErrorResponse?: boolean;
  /** The long-running operation that failed, when it is one. */
  operationId?: string;
}

/** Status 0: no HTTP answer (network failure, client-side timeout). */
export const NO_RESPONSE = 0;

export class FabricError extends Error {
  override readonly name = 'FabricError';
  readonly status: number;
  readonly errorCode: string;
  readonly requestId?: string;
  readonly moreDetails?: ErrorResponseDetails[];
  readonly relatedResource?: ErrorRelatedResource;
  readonly isRetriable: boolean;
  readonly retryAfterSeconds?: number;
  readonly request?: string;
  readonly hasErrorResponse: boolean;
  readonly operationId?: string;
  readonly userMessage: string;

  constructor(init: FabricErrorInit) {
    super(maskSecrets(init.message));
    this.status = init.status;
    this.errorCode = maskSecrets(init.errorCode);
    this.requestId = init.requestId;
    this.moreDetails = maskDeep(init.moreDetails);
    this.relatedResource = maskDeep(init.relatedResource);
    this.isRetriable = init.isRetriable ?? (init.status === 429 || init.status >= 500 || init.status === NO_RESPONSE);
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.request = init.request;
    this.hasErrorResponse = init.hasErrorResponse ?? false;
    this.operationId = init.operationId;
    this.userMessage = userMessageFor(this);
  }
}

export function isFabricError(error: unknown): error is FabricError {
  return error instanceof FabricError;
}

/**
 * The text to show for any failure: FabricError's `userMessage` when there is one, else its message.
 * Shaped by duck typing, so an error from another copy of this module (the tests' bundle) reads the same.
 */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const { userMessage, message } = error as { userMessage?: unknown; message?: unknown };
    if (typeof userMessage === 'string' && userMessage) return userMessage;
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}

/** The HTTP status of a FabricError, when the failure is one. */
export function errorStatus(error: unknown): number | undefined {
  const status = error && typeof error === 'object' ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

interface HeaderReader {
  get(name: string): string | null;
}

/** Builds the error for a non-2xx answer from its status, headers and body text. */
export function errorFromResponse(status: number, headers: HeaderReader, bodyText: string, request: string): FabricError {
  const body = parseErrorResponse(bodyText);
  const headerCode = headers.get('x-ms-public-api-error-code') ?? undefined;
  return new FabricError({
    status,
    errorCode: body?.errorCode || headerCode || defaultErrorCode(status),
    // Masked before it is cut, so that no half token escapes the mask.
    message: body?.message || maskSecrets(bodyText).trim().slice(0, 500) || `Fabric answered ${status} to ${request}.`,
    requestId: body?.requestId || headers.get('requestid') || headers.get('x-ms-request-id') || undefined,
    moreDetails: body?.moreDetails,
    relatedResource: body?.relatedResource,
    isRetriable: body?.isRetriable,
    retryAfterSeconds: parseRetryAfterSeconds(headers.get('retry-after')),
    request,
    hasErrorResponse: body !== undefined,
  });
}

/** Builds the error of a failed or undefined long-running operation from its state's `error`. */
export function errorFromOperation(operationId: string, status: string, error: ErrorResponse | undefined, request: string): FabricError {
  return new FabricError({
    status: 400,
    errorCode: error?.errorCode || (status === 'Failed' ? 'OperationFailed' : 'OperationUndefined'),
    message: error?.message || `The operation ${operationId} ended as ${status}.`,
    requestId: error?.requestId,
    moreDetails: error?.moreDetails,
    relatedResource: error?.relatedResource,
    isRetriable: error?.isRetriable ?? false,
    request,
    hasErrorResponse: error !== undefined,
    operationId,
  });
}

/** Builds the error for a request that got no HTTP answer. */
export function networkError(code: string | undefined, reason: string, request: string): FabricError {
  return new FabricError({
    status: NO_RESPONSE,
    errorCode: 'NetworkError',
    message: `Could not reach Fabric for ${request}: ${reason}`,
    moreDetails: code ? [{ errorCode: code, message: reason }] : undefined,
    isRetriable: true,
    request,
  });
}

function parseErrorResponse(text: string): ErrorResponse | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object') {
      const body = value as Partial<ErrorResponse> & { error?: Partial<ErrorResponse> };
      // Some gateways wrap the ErrorResponse in `{ error: {...} }`.
      const candidate = typeof body.errorCode === 'string' ? body : body.error;
      if (candidate && typeof candidate.errorCode === 'string') return candidate as ErrorResponse;
    }
  } catch {
    // Not JSON: the caller falls back to the text itself.
  }
  return undefined;
}

function defaultErrorCode(status: number): string {
  const codes: Record<number, string> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 429: 'TooManyRequests' };
  return codes[status] ?? (status >= 500 ? 'ServerError' : `Http${status}`);
}

/** What to do about the Folders API's refusals (platform swagger, Folders_* and Items_Move*). */
const FOLDER_ADVICE = new Map<string, string>(
  Object.entries({
    FolderNotFound: 'The folder was not found: it may have been deleted or moved. Refresh the view.',
    ParentFolderNotFound: 'The parent folder was not found: it may have been deleted or moved. Refresh the view.',
    FolderNotEmpty: 'The folder is not empty: Fabric deletes only empty folders. Move or delete its items and subfolders first.',
    FolderDisplayNameAlreadyInUse: 'A folder with that name already exists in the same place. Choose another name.',
    InvalidFolderDisplayName:
      'That folder name is not allowed: no leading or trailing spaces, none of ~"#.&*:<>?/\\{|}, at most 255 characters, and not a reserved name such as "recycled".',
    FolderDepthOutOfRange: 'Folders nest at most 10 levels deep in Fabric: choose a folder higher up.',
    InfiniteFolderHierarchyLoop: 'A folder cannot be moved into itself or into one of its subfolders.',
    TooManyFolders: 'The workspace has as many folders as Fabric allows: delete some before creating more.',
    CannotMoveChildOnly: "That item belongs to another item (such as a lakehouse's SQL endpoint) and moves only with it: move the parent item instead.",
  }),
);

/**
 * What to do about Git integration's refusals: the platform swagger's Git_* error codes, then the
 * ones the emulator adds where the spec only describes the rule (README: the emulator's Git).
 */
const GIT_ADVICE = new Map<string, string>(
  Object.entries({
    WorkspaceNotConnectedToGit: 'The workspace is not connected to Git: connect it first (Fabric: Connect Workspace to Git…).',
    WorkspaceAlreadyConnectedToGit: 'The workspace is already connected to Git: disconnect it first to connect it elsewhere.',
    WorkspaceHasNoCapacityAssigned: 'Git integration needs the workspace on a Fabric capacity: assign one in the workspace settings.',
    MissingInitializationPolicy: 'Both the workspace and the Git folder have content: choose which side wins to initialize the connection.',
    WorkspaceHeadMismatch: 'The workspace changed since its Git status was read: refresh the status and try again.',
    WorkspacePreviousOperationInProgress: 'A previous Git operation on this workspace is still running: try again when it has finished.',
    MissingDependency: 'The update needs an item that is neither in the workspace nor in Git: add it to the branch first.',
    PotentialDuplicateDisplayNameAndType: 'The update would create two items of the same type and name: rename one of them in Git or in the workspace.',
    DependencyDeletionFailed: 'The update would delete an item other items depend on: change those items first.',
    ConnectionNotFound: 'The Git credentials connection was not found: check its id under Manage connections and gateways.',
    ConnectionMismatch: "The Git credentials connection is not for this workspace's Git provider: choose one made for it.",
    WorkspaceGitConnectionNotInitialized: 'The Git connection is not initialized yet: connect the workspace again to finish it.',
    UpdateFromGitRequired: 'Git has commits the workspace does not have yet: update from Git first, then commit.',
    NoChangesToCommit: 'There is nothing to commit: the workspace matches Git.',
    RemoteCommitHashMismatch: 'The branch moved on since its Git status was read: refresh the status and try again.',
    ConflictResolutionMissing: 'Some items changed both in the workspace and in Git: choose which side wins to update.',
    OverrideItemsNotAllowed: 'The update would overwrite workspace items with uncommitted changes: allow it, or commit those items first.',
  }),
);

function userMessageFor(e: FabricError): string {
  const reference = e.requestId ? ` Request ID: ${e.requestId}` : '';
  return `${adviceFor(e)}${reference}`;
}

function adviceFor(e: FabricError): string {
  const said = e.message.endsWith('.') ? e.message : `${e.message}.`;
  const code = e.errorCode;
  if (e.status === NO_RESPONSE && code === 'OperationTimedOut') return `${said} It may still finish: refresh in a moment.`;
  if (code === 'NetworkError' && e.moreDetails?.[0]?.errorCode === 'ETIMEDOUT')
    return `Microsoft Fabric did not answer in time. Try again in a moment. (${said})`;
  if (code === 'NetworkError') return `Could not reach Microsoft Fabric. Check your network connection (and proxy) and try again. (${said})`;
  if (code === 'TokenExpired' || code === 'InvalidToken' || code === 'TokenIsMissing' || e.status === 401) {
    return `Your sign-in to Microsoft Fabric is no longer valid (${code}). Sign in again.`;
  }
  if (code === 'InsufficientScopes') {
    return `Your sign-in lacks the permission (scope) this action needs, such as Item.ReadWrite.All or Item.Execute.All. Sign in again and grant it, or ask your admin. (${said})`;
  }
  if (code === 'InsufficientWorkspaceRole' || code === 'InsufficientPrivileges' || code === 'PrincipalTypeNotSupported' || e.status === 403) {
    if (code === 'FeatureNotAvailable') return `This feature is not available for this workspace's capacity or tenant. (${said})`;
    if (code === 'ItemHasProtectedLabel') return `The item has a protected sensitivity label, so its definition cannot be read or changed. (${said})`;
    return `You do not have permission for this (${code}). Viewer can read, Contributor or higher can create, edit and run items, Member or Admin can share: ask a workspace Admin for the role you need. (${said})`;
  }
  const folderAdvice = FOLDER_ADVICE.get(code);
  if (folderAdvice) return `${folderAdvice} (${said})`;
  const gitAdvice = GIT_ADVICE.get(code);
  if (gitAdvice) return `${gitAdvice} (${said})`;
  if (code === 'ItemNotFound') return `The item was not found: it may have been deleted or moved. Refresh the view. (${said})`;
  if (code === 'WorkspaceNotFound')
    return `The workspace was not found: it may have been deleted, or you may no longer have access. Refresh the view. (${said})`;
  if (code === 'JobInstanceNotFound') return `The job run was not found: it may have been removed from the history. (${said})`;
  if (e.status === 404) return `Not found: it may have been deleted, or you may no longer have access. Refresh the view. (${said})`;
  if (code === 'ItemDisplayNameAlreadyInUse' || code === 'WorkspaceNameAlreadyExists') {
    return `That name is already taken (a recently deleted item can keep its name reserved for a while). Choose another name. (${said})`;
  }
  if (e.status === 429) {
    const wait = e.retryAfterSeconds !== undefined ? `retry after ${Math.ceil(e.retryAfterSeconds)} s` : 'retry in a minute';
    return `Microsoft Fabric is throttling your requests (${code}): ${wait}. (${said})`;
  }
  if (e.status >= 500) return `Microsoft Fabric had a problem (${e.status} ${code}). Try again in a moment. (${said})`;
  return `${said} (${code})`;
}
