// One workspace's Fabric Git integration as the Source Control view shows it: its connection, its
// last Git status grouped (gitChanges.ts), and the commit and update requests built from that
// status, so they carry the heads the user saw (a status gone stale is refused by Fabric with
// WorkspaceHeadMismatch instead of committing or overwriting what the user never saw).
import { Emitter, type Event } from '../base/event';
import { describeError, type FabricClient } from '../fabric';
import type { CommitToGitRequest, ConflictResolutionPolicy, GitConnection, GitStatusResponse, UpdateFromGitRequest } from '../fabric/types';
import { groupGitChanges, type GitChangeEntry, type GitChangeGroups } from './gitChanges';

export type FabricGitState =
  | { kind: 'loading' }
  | { kind: 'notConnected' }
  /** Connected, but Initialize Connection has not run (or failed): nothing to compare yet. */
  | { kind: 'notInitialized'; connection: GitConnection }
  | { kind: 'ready'; connection: GitConnection; status: GitStatusResponse; groups: GitChangeGroups }
  | { kind: 'failed'; message: string };

const NO_CHANGES: GitChangeGroups = { uncommitted: [], incoming: [] };

export class FabricGitModel {
  private current: FabricGitState = { kind: 'loading' };
  private running?: Promise<void>;
  private again?: Promise<void>;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    private readonly client: () => FabricClient,
    readonly workspaceId: string,
    readonly workspaceName: string,
  ) {}

  get state(): FabricGitState {
    return this.current;
  }

  get groups(): GitChangeGroups {
    return this.current.kind === 'ready' ? this.current.groups : NO_CHANGES;
  }

  /** Reads the connection and status again; a refresh asked while one runs runs once more after it. */
  refresh(): Promise<void> {
    if (this.running) return (this.again ??= this.running.then(() => ((this.again = undefined), this.refresh())));
    this.running = this.load().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Commits the selected changes (all when none are given) with the head of the status shown. */
  async commit(comment: string, selected: readonly GitChangeEntry[] | undefined, signal?: AbortSignal): Promise<void> {
    await this.client().commitToGit(this.workspaceId, this.commitRequest(comment, selected), { signal });
    await this.refresh();
  }

  /** Updates the workspace to the branch head of the status shown. */
  async update(policy: ConflictResolutionPolicy | undefined, allowOverrideItems: boolean, signal?: AbortSignal): Promise<void> {
    await this.client().updateFromGit(this.workspaceId, this.updateRequest(policy, allowOverrideItems), { signal });
    await this.refresh();
  }

  commitRequest(comment: string, selected: readonly GitChangeEntry[] | undefined): CommitToGitRequest {
    const { status } = this.ready();
    const base = { workspaceHead: status.workspaceHead, ...(comment ? { comment } : {}) };
    return selected?.length ? { mode: 'Selective', ...base, items: selected.map((e) => e.identifier) } : { mode: 'All', ...base };
  }

  updateRequest(policy: ConflictResolutionPolicy | undefined, allowOverrideItems: boolean): UpdateFromGitRequest {
    const { status } = this.ready();
    if (!status.remoteCommitHash) throw new Error('The branch has no commits to update from.');
    return {
      workspaceHead: status.workspaceHead,
      remoteCommitHash: status.remoteCommitHash,
      ...(policy ? { conflictResolution: { conflictResolutionType: 'Workspace', conflictResolutionPolicy: policy } } : {}),
      options: { allowOverrideItems },
    };
  }

  dispose(): void {
    this.changed.dispose();
  }

  private ready(): Extract<FabricGitState, { kind: 'ready' }> {
    if (this.current.kind !== 'ready') throw new Error(`The Git status of ${this.workspaceName} is not known: refresh it first.`);
    return this.current;
  }

  private async load(): Promise<void> {
    try {
      const client = this.client();
      const connection = await client.getGitConnection(this.workspaceId);
      if (connection.gitConnectionState === 'NotConnected') this.set({ kind: 'notConnected' });
      else if (connection.gitConnectionState === 'Connected') this.set({ kind: 'notInitialized', connection });
      else {
        const status = await client.getGitStatus(this.workspaceId);
        this.set({ kind: 'ready', connection, status, groups: groupGitChanges(status) });
      }
    } catch (error) {
      this.set({ kind: 'failed', message: describeError(error) });
    }
  }

  private set(state: FabricGitState): void {
    this.current = state;
    this.changed.fire();
  }
}
