// The Git-connected workspaces this window shows in the Source Control view: one
// FabricGitSourceControl each, for the workspaces connected from here or found connected when
// the Workspaces view expands them. A workspace disconnected (here or elsewhere) leaves the view.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import { FabricGitModel } from '../../workspace/FabricGitModel';
import { FabricGitSourceControl, type Side } from './FabricGitSourceControl';

export class FabricGitManager implements vscode.Disposable {
  private readonly tracked = new Map<string, { control: FabricGitSourceControl; subscription: { dispose(): void } }>();
  private readonly _onDidChangeModel = new vscode.EventEmitter<string>();
  /** Fires the workspace id whenever its model changed or it stopped being tracked. */
  readonly onDidChangeModel = this._onDidChangeModel.event;

  constructor(private readonly client: () => FabricClient) {}

  model(workspaceId: string): FabricGitModel | undefined {
    return this.tracked.get(workspaceId)?.control.model;
  }

  /** The model behind a source control the view passed to a command. */
  modelOf(sourceControl: vscode.SourceControl | undefined): FabricGitModel | undefined {
    return [...this.tracked.values()].find((t) => t.control.sourceControl === sourceControl)?.control.model;
  }

  /** The changes a workspace's source control lists on one side. */
  resources(workspaceId: string, side: Side): readonly vscode.SourceControlResourceState[] {
    return this.tracked.get(workspaceId)?.control.resources(side) ?? [];
  }

  /** The model when exactly one workspace is shown. */
  only(): FabricGitModel | undefined {
    return this.tracked.size === 1 ? [...this.tracked.values()][0]!.control.model : undefined;
  }

  sourceControl(workspaceId: string): vscode.SourceControl | undefined {
    return this.tracked.get(workspaceId)?.control.sourceControl;
  }

  /** Shows the workspace (reading its status); the one already shown when it is. */
  track(workspaceId: string, workspaceName: string): FabricGitModel {
    const known = this.model(workspaceId);
    if (known) return known;
    const model = new FabricGitModel(this.client, workspaceId, workspaceName);
    const control = new FabricGitSourceControl(model);
    const subscription = model.onDidChange(() => {
      if (model.state.kind === 'notConnected') this.untrack(workspaceId);
      else this._onDidChangeModel.fire(workspaceId);
    });
    this.tracked.set(workspaceId, { control, subscription });
    void model.refresh();
    return model;
  }

  /** Tracks the workspace when it is connected to Git (one request); failures leave it untracked. */
  async check(workspaceId: string, workspaceName: string): Promise<void> {
    if (this.tracked.has(workspaceId)) return;
    const connection = await this.client().getGitConnection(workspaceId);
    if (connection.gitConnectionState !== 'NotConnected') this.track(workspaceId, workspaceName);
  }

  untrack(workspaceId: string): void {
    const tracked = this.tracked.get(workspaceId);
    if (!tracked) return;
    this.tracked.delete(workspaceId);
    tracked.subscription.dispose();
    tracked.control.dispose();
    tracked.control.model.dispose();
    this._onDidChangeModel.fire(workspaceId);
  }

  /** Another account or tenant: none of the workspaces shown may be its. */
  clear(): void {
    for (const workspaceId of [...this.tracked.keys()]) this.untrack(workspaceId);
  }

  refreshAll(): void {
    for (const { control } of this.tracked.values()) void control.model.refresh();
  }

  dispose(): void {
    this.clear();
    this._onDidChangeModel.dispose();
  }
}
