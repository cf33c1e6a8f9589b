// Fabric Git integration's shapes (platform swagger, definitions/gitIntegration.json and the Git
// provider details of common/definitions.json). Enums are open: "additional … may be added over time".

export type GitProviderType = 'AzureDevOps' | 'GitHub' | (string & {});

interface GitProviderDetailsBase {
  repositoryName: string;
  branchName: string;
  /** Relative path to the directory in the repository ('' or '/' for its root). */
  directoryName: string;
}

export interface AzureDevOpsDetails extends GitProviderDetailsBase {
  gitProviderType: 'AzureDevOps';
  organizationName: string;
  projectName: string;
}

export interface GitHubDetails extends GitProviderDetailsBase {
  gitProviderType: 'GitHub';
  ownerName: string;
  /** A GitHub Enterprise with data residency domain (ghe.com), when not github.com. */
  customDomainName?: string;
}

export type GitProviderDetails = AzureDevOpsDetails | GitHubDetails;

export type GitCredentialsSource = 'Automatic' | 'ConfiguredConnection' | 'None' | (string & {});

/** How the user's credentials reach the Git provider: the request of Connect and Update My Git Credentials, and their answer. */
export type GitCredentials = { source: 'Automatic' } | { source: 'None' } | { source: 'ConfiguredConnection'; connectionId: string };

export type GitConnectionState = 'NotConnected' | 'Connected' | 'ConnectedAndInitialized' | (string & {});

export interface GitConnection {
  gitProviderDetails?: GitProviderDetails | null;
  gitSyncDetails?: { head: string; lastSyncTime: string } | null;
  gitConnectionState: GitConnectionState;
  gitConnectionType?: 'Full' | 'Selective' | (string & {});
}

export interface GitConnectRequest {
  gitProviderDetails: GitProviderDetails;
  /** Required for GitHub; Azure DevOps defaults to Automatic. */
  myGitCredentials?: GitCredentials;
}

export type InitializationStrategy = 'None' | 'PreferRemote' | 'PreferWorkspace';

export interface InitializeGitConnectionResponse {
  requiredAction?: 'None' | 'UpdateFromGit' | 'CommitToGit' | (string & {});
  workspaceHead?: string | null;
  remoteCommitHash?: string | null;
}

export type GitChangeType = 'Added' | 'Modified' | 'Deleted' | (string & {});
export type GitConflictType = 'None' | 'Conflict' | 'SameChanges' | (string & {});

/** At least one of the two: an item deleted from the workspace has no object id, one not yet in it none either. */
export interface GitItemIdentifier {
  objectId?: string;
  logicalId?: string;
}

export interface GitItemChange {
  itemMetadata: { itemIdentifier: GitItemIdentifier; itemType: string; displayName: string };
  remoteChange?: GitChangeType | null;
  workspaceChange?: GitChangeType | null;
  conflictType: GitConflictType;
}

export interface GitStatusResponse {
  /** The commit the workspace is synced to; null before its first sync. */
  workspaceHead: string | null;
  /** The branch's head; null while the branch does not exist. */
  remoteCommitHash: string | null;
  changes: GitItemChange[];
}

export interface CommitToGitRequest {
  mode: 'All' | 'Selective';
  workspaceHead?: string | null;
  /** At most 300 characters. */
  comment?: string;
  /** Selective mode: the items to commit. */
  items?: GitItemIdentifier[];
}

export type ConflictResolutionPolicy = 'PreferRemote' | 'PreferWorkspace';

export interface UpdateFromGitRequest {
  workspaceHead?: string | null;
  remoteCommitHash: string;
  conflictResolution?: { conflictResolutionType: 'Workspace'; conflictResolutionPolicy: ConflictResolutionPolicy };
  options?: { allowOverrideItems?: boolean };
}

/** CommitToGitRequest.comment's limit. */
export const GIT_COMMENT_MAX_LENGTH = 300;
