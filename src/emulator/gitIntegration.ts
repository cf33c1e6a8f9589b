// Fabric Git integration, backed by real repositories in the data folder (`<dataDir>/git/`): one
// bare repository per remote (provider, organization or owner, project, repository), so two
// workspaces connected to the same repository share it, as they would on Azure DevOps or GitHub.
// A workspace's connection (persisted in the store) remembers the commit it was synced to; the
// status compares that commit, the branch's head and the workspace's items (gitLayout.ts).
// Operations on repositories run one at a time: a commit never interleaves with an update.
import { createHash, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type {
  CommitToGitRequest,
  ConflictResolutionPolicy,
  GitConnection,
  GitCredentials,
  GitProviderDetails,
  GitStatusResponse,
  InitializeGitConnectionResponse,
  UpdateFromGitRequest,
} from '../fabric/types';
import { GIT_COMMENT_MAX_LENGTH } from '../fabric/types';
import { ApiError, badRequest } from './apiError';
import { placedIn } from './folders';
import type { EmulatorContext } from './context';
import { acceptDefinition } from './definitions';
import { hasDefinition } from '../fabric/itemKinds';
import { compare, filesOfItem, itemsOfFiles, itemsOfWorkspace, matchByName, type GitItem, type ItemComparison } from './gitLayout';
import { branchRef, folderOfDirectory, gitCredentials, itemIdentifiers, optionalHash, providerDetails, relativePath } from './gitRequests';
import { GitFolderPlan } from './gitFolderPlan';
import { GitRepository, type CommitAuthor } from './gitRepository';
import { isKnownItemType } from './itemTypes';
import type { StoredDefinition } from './store';

/** A workspace's connection as the store keeps it. */
export interface StoredGitConnection {
  provider: GitProviderDetails;
  credentials: GitCredentials;
  /** The repository's folder name under `<dataDir>/git/`. */
  repository: string;
  initialized: boolean;
  /** The commit the workspace is synced to (workspaceHead); none before its first sync. */
  head?: string;
  lastSyncTime?: string;
  /** Initialized with PreferRemote: the first update takes Git's side of conflicts unless told otherwise. */
  preferRemote?: boolean;
}

/** Who the emulator's commits are by: the workspace's commits, and pushes "from elsewhere". */
const FABRIC_AUTHOR: CommitAuthor = { name: 'Fabric emulator', email: 'fabric-emulator@localhost' };
const ELSEWHERE_AUTHOR: CommitAuthor = { name: 'Someone else', email: 'someone-else@localhost' };

const notConnected = (): ApiError => badRequest('WorkspaceNotConnectedToGit', 'The workspace is not connected to Git.');

export class GitIntegration {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: EmulatorContext,
    /** `<dataDir>/git`: the only place repositories are. */
    private readonly root: string,
  ) {}

  connection(workspaceId: string): GitConnection {
    const connection = this.ctx.store.gitConnection<StoredGitConnection>(workspaceId);
    if (!connection) return { gitProviderDetails: null, gitSyncDetails: null, gitConnectionState: 'NotConnected' };
    return {
      gitProviderDetails: connection.provider,
      gitSyncDetails: connection.head ? { head: connection.head, lastSyncTime: connection.lastSyncTime! } : null,
      gitConnectionState: connection.initialized ? 'ConnectedAndInitialized' : 'Connected',
      gitConnectionType: 'Full',
    };
  }

  connect(workspaceId: string, body: unknown): void {
    if (this.ctx.store.gitConnection(workspaceId)) throw badRequest('WorkspaceAlreadyConnectedToGit', 'The workspace is already connected to Git.');
    const request = (body ?? {}) as { gitProviderDetails?: unknown; myGitCredentials?: unknown };
    const provider = providerDetails(request.gitProviderDetails);
    if (provider.gitProviderType === 'GitHub' && request.myGitCredentials === undefined)
      throw badRequest('InvalidInput', 'Connecting to GitHub needs myGitCredentials: a ConfiguredConnection with its connectionId.');
    const credentials = gitCredentials(request.myGitCredentials ?? { source: 'Automatic' }, provider.gitProviderType);
    const connection: StoredGitConnection = { provider, credentials, repository: repositoryName(provider), initialized: false };
    this.ctx.store.putGitConnection(workspaceId, connection);
  }

  disconnect(workspaceId: string): void {
    this.require(workspaceId);
    this.ctx.store.deleteGitConnection(workspaceId);
  }

  credentials(workspaceId: string): GitCredentials {
    return this.require(workspaceId).credentials;
  }

  updateCredentials(workspaceId: string, body: unknown): GitCredentials {
    const connection = this.require(workspaceId);
    const credentials = gitCredentials(body, connection.provider.gitProviderType);
    this.ctx.store.putGitConnection(workspaceId, { ...connection, credentials });
    return credentials;
  }

  initialize(workspaceId: string, body: unknown): Promise<InitializeGitConnectionResponse> {
    return this.serialized(async () => {
      const connection = this.require(workspaceId);
      const strategy = (body as { initializationStrategy?: unknown } | undefined)?.initializationStrategy ?? 'None';
      if (!['None', 'PreferRemote', 'PreferWorkspace'].includes(strategy as string))
        throw badRequest('InvalidInput', `'${String(strategy)}' is not an initialization strategy: use None, PreferRemote or PreferWorkspace.`);
      const { repository, remoteHead } = await this.open(connection);
      if (connection.initialized) {
        const comparisons = await this.compare(workspaceId, connection, repository, remoteHead);
        const requiredAction = remoteHead !== connection.head ? 'UpdateFromGit' : comparisons.some((c) => c.change.workspaceChange) ? 'CommitToGit' : 'None';
        return { requiredAction, workspaceHead: connection.head ?? null, remoteCommitHash: remoteHead ?? null };
      }
      const remoteHasItems = itemsOfFiles(await repository.files(remoteHead, folderOf(connection))).size > 0;
      const workspaceHasItems = itemsOfWorkspace(this.ctx, workspaceId).size > 0;
      if (remoteHasItems && workspaceHasItems && strategy === 'None') {
        throw badRequest('MissingInitializationPolicy', 'Both the workspace and the Git folder have items: initialize with PreferRemote or PreferWorkspace.');
      }
      // Synced to the branch's head, unless Git's items are all still to come into the workspace.
      const takesRemote = remoteHasItems && (!workspaceHasItems || strategy === 'PreferRemote');
      const head = takesRemote ? undefined : remoteHead;
      this.ctx.store.putGitConnection(workspaceId, {
        ...connection,
        initialized: true,
        head,
        lastSyncTime: head ? new Date().toISOString() : undefined,
        preferRemote: takesRemote && workspaceHasItems,
      });
      const requiredAction = takesRemote ? 'UpdateFromGit' : workspaceHasItems ? 'CommitToGit' : 'None';
      return { requiredAction, workspaceHead: head ?? null, remoteCommitHash: remoteHead ?? null };
    });
  }

  status(workspaceId: string): Promise<GitStatusResponse> {
    return this.serialized(async () => {
      const connection = this.requireInitialized(workspaceId);
      const { repository, remoteHead } = await this.open(connection);
      const comparisons = await this.compare(workspaceId, connection, repository, remoteHead);
      return { workspaceHead: connection.head ?? null, remoteCommitHash: remoteHead ?? null, changes: comparisons.map((c) => c.change) };
    });
  }

  commit(workspaceId: string, body: unknown): Promise<void> {
    return this.serialized(async () => {
      const connection = this.requireInitialized(workspaceId);
      const request = (body ?? {}) as Partial<Record<keyof CommitToGitRequest, unknown>>;
      if (request.mode !== 'All' && request.mode !== 'Selective') throw badRequest('InvalidInput', "mode is required: 'All' or 'Selective'.");
      if (request.comment !== undefined && request.comment !== null && (typeof request.comment !== 'string' || request.comment.length > GIT_COMMENT_MAX_LENGTH))
        throw badRequest('InvalidInput', `comment must be a string of at most ${GIT_COMMENT_MAX_LENGTH} characters.`);
      this.checkWorkspaceHead(connection, optionalHash(request.workspaceHead, 'workspaceHead'), false);
      const { repository, remoteHead } = await this.open(connection);
      if (remoteHead !== connection.head)
        throw badRequest('UpdateFromGitRequired', 'The branch has commits the workspace does not have: update from Git first.');
      const uncommitted = (await this.compare(workspaceId, connection, repository, remoteHead)).filter((c) => c.change.workspaceChange);
      const selected = request.mode === 'All' ? uncommitted : selectedItems(uncommitted, itemIdentifiers(request.items));
      if (selected.length === 0) throw badRequest('NoChangesToCommit', 'The workspace has no uncommitted changes.');
      const changes = new Map<string, Uint8Array | null>();
      for (const { base } of selected) if (base) for (const file of filesOfItem(base).keys()) changes.set(file, null);
      for (const { workspace } of selected) if (workspace) for (const [file, bytes] of filesOfItem(workspace)) changes.set(file, bytes);
      const comment =
        typeof request.comment === 'string' && request.comment.trim() ? request.comment : `Committed ${selected.length} item(s) from the workspace`;
      const head = await repository.commit(branchRef(connection.provider.branchName), remoteHead, folderOf(connection), changes, comment, FABRIC_AUTHOR);
      this.synced(workspaceId, connection, head);
    });
  }

  update(workspaceId: string, body: unknown): Promise<void> {
    return this.serialized(async () => {
      const connection = this.requireInitialized(workspaceId);
      const request = (body ?? {}) as Partial<Record<keyof UpdateFromGitRequest, unknown>>;
      const remoteCommitHash = optionalHash(request.remoteCommitHash, 'remoteCommitHash');
      if (!remoteCommitHash) throw badRequest('InvalidInput', 'remoteCommitHash is required: the branch head from Git_GetStatus.');
      this.checkWorkspaceHead(connection, optionalHash(request.workspaceHead, 'workspaceHead'), true);
      const policy = conflictPolicy(request.conflictResolution) ?? (connection.preferRemote ? 'PreferRemote' : undefined);
      const { repository, remoteHead } = await this.open(connection);
      if (remoteCommitHash !== remoteHead)
        throw badRequest('RemoteCommitHashMismatch', `${remoteCommitHash} is not the head of the branch: read the status again.`);
      const comparisons = await this.compare(workspaceId, connection, repository, remoteHead);
      if (!policy && comparisons.some((c) => c.change.conflictType === 'Conflict'))
        throw badRequest('ConflictResolutionMissing', 'Items changed both in the workspace and in Git: send a conflictResolution.');
      const applied = comparisons.filter(
        (c) => c.change.remoteChange && (c.change.conflictType === 'None' || (c.change.conflictType === 'Conflict' && policy === 'PreferRemote')),
      );
      const overridden = applied.filter((c) => c.change.workspaceChange).map((c) => c.change.itemMetadata.displayName);
      const allowOverride = (request.options as { allowOverrideItems?: unknown } | undefined)?.allowOverrideItems === true;
      if (overridden.length && !allowOverride)
        throw badRequest(
          'OverrideItemsNotAllowed',
          `The update would overwrite uncommitted changes of ${overridden.join(', ')}: set options.allowOverrideItems to allow it.`,
        );
      for (const step of this.checkedUpdates(workspaceId, applied)) step();
      this.synced(workspaceId, connection, remoteHead!);
    });
  }

  /**
   * Commits files to the connected branch as someone else would (the emulator's stand-in for a
   * push from another clone): paths relative to the connected folder, each with its new content
   * or `delete: true`.
   */
  push(workspaceId: string, body: unknown): Promise<{ commitHash: string }> {
    return this.serialized(async () => {
      const connection = this.require(workspaceId);
      const request = (body ?? {}) as { comment?: unknown; files?: unknown };
      if (!Array.isArray(request.files) || request.files.length === 0)
        throw badRequest('InvalidInput', 'files is required: [{ "path": "Name.Type/file", "content": "text" | "payload": "base64" | "delete": true }, …].');
      const changes = new Map<string, Uint8Array | null>();
      for (const entry of request.files as Record<string, unknown>[]) {
        const file = relativePath(entry?.path, 'files[].path');
        if (entry.delete === true) changes.set(file, null);
        else if (typeof entry.content === 'string') changes.set(file, Buffer.from(entry.content, 'utf8'));
        else if (typeof entry.payload === 'string') changes.set(file, Buffer.from(entry.payload, 'base64'));
        else throw badRequest('InvalidInput', `files[] '${file}' needs content (text), payload (base64) or delete: true.`);
      }
      const comment = typeof request.comment === 'string' && request.comment.trim() ? request.comment : 'Pushed from elsewhere';
      const { repository, remoteHead } = await this.open(connection);
      const commitHash = await repository.commit(
        branchRef(connection.provider.branchName),
        remoteHead,
        folderOf(connection),
        changes,
        comment,
        ELSEWHERE_AUTHOR,
      );
      return { commitHash };
    });
  }

  /** Where the workspace's repository is and what its branch holds (the emulator's own endpoint). */
  repositoryOf(workspaceId: string): Promise<{ repositoryPath: string; branch: string; directoryName: string; head: string | null }> {
    return this.serialized(async () => {
      const connection = this.require(workspaceId);
      const { repository, remoteHead } = await this.open(connection);
      return {
        repositoryPath: repository.gitdir,
        branch: branchRef(connection.provider.branchName),
        directoryName: folderOf(connection),
        head: remoteHead ?? null,
      };
    });
  }

  private require(workspaceId: string): StoredGitConnection {
    const connection = this.ctx.store.gitConnection<StoredGitConnection>(workspaceId);
    if (!connection) throw notConnected();
    return connection;
  }

  private requireInitialized(workspaceId: string): StoredGitConnection {
    const connection = this.require(workspaceId);
    if (!connection.initialized)
      throw badRequest('WorkspaceGitConnectionNotInitialized', 'The Git connection is not initialized: call Initialize Connection first.');
    return connection;
  }

  /** A workspaceHead that is sent must be the one the workspace is synced to; `nullBeforeSync`: null is fine before the first sync. */
  private checkWorkspaceHead(connection: StoredGitConnection, sent: string | undefined, nullBeforeSync: boolean): void {
    const mismatch = sent === undefined ? nullBeforeSync && connection.head !== undefined : sent !== connection.head;
    if (mismatch) throw badRequest('WorkspaceHeadMismatch', "The workspaceHead sent is not the workspace's head: read the status again.");
  }

  private async open(connection: StoredGitConnection): Promise<{ repository: GitRepository; remoteHead: string | undefined }> {
    const repository = await GitRepository.open(path.join(this.root, connection.repository));
    return { repository, remoteHead: await repository.head(branchRef(connection.provider.branchName)) };
  }

  private async compare(
    workspaceId: string,
    connection: StoredGitConnection,
    repository: GitRepository,
    remoteHead: string | undefined,
  ): Promise<ItemComparison[]> {
    const folder = folderOf(connection);
    const base = itemsOfFiles(await repository.files(connection.head, folder));
    const remote = remoteHead === connection.head ? base : itemsOfFiles(await repository.files(remoteHead, folder));
    return compare(base, remote, matchByName(itemsOfWorkspace(this.ctx, workspaceId), base, remote));
  }

  private synced(workspaceId: string, connection: StoredGitConnection, head: string): void {
    this.ctx.store.putGitConnection(workspaceId, { ...connection, head, lastSyncTime: new Date().toISOString(), preferRemote: false });
  }

  /**
   * Every change of an update, checked before any is made: a bad item or directory in Git changes
   * nothing. The folders Git's directories name come first; each item goes into its folder.
   */
  private checkedUpdates(workspaceId: string, applied: ItemComparison[]): (() => void)[] {
    const leaving = new Set(applied.filter((c) => !c.remote && c.workspace?.item).map((c) => c.workspace!.item!.id));
    const names = new Map<string, string>();
    for (const item of this.ctx.store.items(workspaceId)) if (!leaving.has(item.id)) names.set(nameKey(item.type, item.displayName), item.id);
    const folders = new GitFolderPlan(this.ctx, workspaceId);
    const items = applied.map(({ remote, workspace }) => {
      const existing = workspace?.item;
      if (!remote) return () => (existing ? this.ctx.store.deleteItem(existing.id) : undefined);
      const definition = definitionOf(remote);
      const key = nameKey(remote.type, remote.displayName);
      const namesake = names.get(key);
      if (namesake && namesake !== existing?.id)
        throw badRequest('PotentialDuplicateDisplayNameAndType', `The update would make a second ${remote.type} named '${remote.displayName}'.`);
      const id = existing?.id ?? randomUUID();
      if (existing) names.delete(nameKey(existing.type, existing.displayName));
      names.set(key, id);
      const item = placedIn(
        { ...(existing ?? { id, type: remote.type, workspaceId }), displayName: remote.displayName, description: remote.description ?? '' },
        folders.folderFor(remote),
      );
      return () => this.ctx.store.putItem(item, definition);
    });
    return [() => folders.create(), ...items];
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The repository of a remote: named by a hash of who hosts it, never by a request's text. */
function repositoryName(provider: GitProviderDetails): string {
  const owner =
    provider.gitProviderType === 'AzureDevOps' ? [provider.organizationName, provider.projectName] : [provider.customDomainName ?? '', provider.ownerName];
  const identity = JSON.stringify([provider.gitProviderType, ...owner, provider.repositoryName].map((s) => s.toLowerCase()));
  return `${createHash('sha256').update(identity).digest('hex').slice(0, 24)}.git`;
}

const folderOf = (connection: StoredGitConnection): string => folderOfDirectory(connection.provider.directoryName);
const nameKey = (type: string, displayName: string): string => `${type}\n${displayName.toLowerCase()}`;

function selectedItems(uncommitted: ItemComparison[], identifiers: { objectId?: string; logicalId?: string }[]): ItemComparison[] {
  return identifiers.map(({ objectId, logicalId }) => {
    const found = uncommitted.find((c) => (logicalId && c.logicalId === logicalId) || (objectId && c.workspace?.item?.id === objectId));
    if (!found) throw badRequest('InvalidInput', `The item ${objectId ?? logicalId} has no uncommitted change to commit.`);
    return found;
  });
}

function conflictPolicy(value: unknown): ConflictResolutionPolicy | undefined {
  if (value === undefined || value === null) return undefined;
  const { conflictResolutionType, conflictResolutionPolicy } = value as { conflictResolutionType?: unknown; conflictResolutionPolicy?: unknown };
  if (conflictResolutionType !== 'Workspace' || (conflictResolutionPolicy !== 'PreferRemote' && conflictResolutionPolicy !== 'PreferWorkspace'))
    throw badRequest(
      'InvalidInput',
      "conflictResolution needs conflictResolutionType 'Workspace' and conflictResolutionPolicy 'PreferRemote' or 'PreferWorkspace'.",
    );
  return conflictResolutionPolicy;
}

/** The definition an item from Git gets in the workspace, checked as an updateDefinition's would be. */
function definitionOf(remote: GitItem): StoredDefinition {
  if (!isKnownItemType(remote.type) || !hasDefinition(remote.type))
    throw badRequest('InvalidItemType', `Git holds '${remote.folder}' as a ${remote.type}, which is not an item type the workspace can hold.`);
  if (!remote.displayName.trim() || remote.displayName.length > 256)
    throw badRequest('InvalidInput', `The display name of '${remote.folder}' must be 1 to 256 characters.`);
  const parts = [...filesOfItem(remote)].map(([file, bytes]) => ({
    path: file.slice(remote.folder.length + 1),
    payload: Buffer.from(bytes).toString('base64'),
    payloadType: 'InlineBase64' as const,
  }));
  try {
    return acceptDefinition(remote.type, { parts });
  } catch (error) {
    if (error instanceof ApiError) throw new ApiError(error.status, error.errorCode, `${remote.folder} in Git: ${error.message}`);
    throw error;
  }
}
