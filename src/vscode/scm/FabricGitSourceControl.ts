// One Git-connected workspace in the Source Control view: a source control with the groups
// "Workspace changes (uncommitted)" and "Incoming from Git", drawn from its FabricGitModel. The
// input box is the commit message; its accept (Ctrl+Enter) commits everything uncommitted.
import * as vscode from 'vscode';
import type { GitChangeEntry } from '../../workspace/gitChanges';
import type { FabricGitModel } from '../../workspace/FabricGitModel';
import { fabricUri } from '../files/fabricUri';

export const FABRIC_GIT_SCM_ID = 'fabricGit';

export type Side = 'uncommitted' | 'incoming';

/** A change as the view lists it; commands get these back from the view's selection. */
export class FabricGitResource implements vscode.SourceControlResourceState {
  readonly resourceUri: vscode.Uri;
  readonly decorations: vscode.SourceControlResourceDecorations;
  readonly contextValue: string;
  readonly command?: vscode.Command;

  constructor(
    readonly workspaceId: string,
    readonly side: Side,
    readonly entry: GitChangeEntry,
  ) {
    this.resourceUri = fabricUri(workspaceId, entry.itemFolder);
    this.contextValue = `${side}${entry.conflict ? '.conflict' : ''}`;
    this.decorations = {
      strikeThrough: entry.change === 'deleted',
      tooltip: describe(side, entry),
      iconPath: new vscode.ThemeIcon(entry.conflict ? 'warning' : { added: 'diff-added', modified: 'diff-modified', deleted: 'diff-removed' }[entry.change]),
    };
    // An item in the workspace opens its definition; one only in Git has nothing to open yet.
    const objectId = entry.identifier.objectId;
    if (objectId && !(side === 'uncommitted' && entry.change === 'deleted')) {
      const item = { id: objectId, displayName: entry.displayName, type: entry.itemType, workspaceId };
      this.command = { command: 'fabricWorkbench.openDefinition', title: vscode.l10n.t('Open Item Definition'), arguments: [{ item }] };
    }
  }
}

function describe(side: Side, entry: GitChangeEntry): string {
  const change = {
    uncommitted: {
      added: vscode.l10n.t('Added in the workspace'),
      modified: vscode.l10n.t('Modified in the workspace'),
      deleted: vscode.l10n.t('Deleted from the workspace'),
    },
    incoming: { added: vscode.l10n.t('Added in Git'), modified: vscode.l10n.t('Modified in Git'), deleted: vscode.l10n.t('Deleted in Git') },
  }[side][entry.change];
  return entry.conflict ? vscode.l10n.t('{0}: conflict, changed in the workspace and in Git', change) : change;
}

export class FabricGitSourceControl implements vscode.Disposable {
  readonly sourceControl: vscode.SourceControl;
  private readonly groups: Record<Side, vscode.SourceControlResourceGroup>;
  private readonly subscription: { dispose(): void };

  constructor(readonly model: FabricGitModel) {
    this.sourceControl = vscode.scm.createSourceControl(FABRIC_GIT_SCM_ID, vscode.l10n.t('Fabric Git: {0}', model.workspaceName), fabricUri(model.workspaceId));
    this.sourceControl.acceptInputCommand = { command: 'fabricWorkbench.git.commit', title: vscode.l10n.t('Commit'), arguments: [this.sourceControl] };
    this.groups = {
      uncommitted: this.sourceControl.createResourceGroup('uncommitted', vscode.l10n.t('Workspace changes (uncommitted)')),
      incoming: this.sourceControl.createResourceGroup('incoming', vscode.l10n.t('Incoming from Git')),
    };
    this.subscription = model.onDidChange(() => this.render());
    this.render();
  }

  /** The changes the view lists on one side, as it passes them to commands. */
  resources(side: Side): readonly vscode.SourceControlResourceState[] {
    return this.groups[side].resourceStates;
  }

  private render(): void {
    const { state, groups } = this.model;
    for (const side of ['uncommitted', 'incoming'] as const) {
      this.groups[side].resourceStates = groups[side].map((entry) => new FabricGitResource(this.model.workspaceId, side, entry));
    }
    this.sourceControl.count = groups.uncommitted.length;
    // What there is to know when there is nothing to list: where it stands, or why it failed.
    this.sourceControl.inputBox.placeholder = {
      loading: vscode.l10n.t('Reading the Git status…'),
      notConnected: vscode.l10n.t('Not connected to Git'),
      notInitialized: vscode.l10n.t('Connected, not initialized: run Connect Workspace to Git… again to finish'),
      failed: state.kind === 'failed' ? vscode.l10n.t('Git status failed: {0}', state.message) : '',
      ready: vscode.l10n.t('Message (Ctrl+Enter to commit to Git)'),
    }[state.kind];
    const branch = state.kind === 'ready' || state.kind === 'notInitialized' ? state.connection.gitProviderDetails?.branchName : undefined;
    this.sourceControl.statusBarCommands = branch
      ? [
          {
            command: 'fabricWorkbench.git.refresh',
            title: `$(git-branch) ${branch}`,
            tooltip: vscode.l10n.t('Refresh the Git status'),
            arguments: [this.sourceControl],
          },
        ]
      : [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.sourceControl.dispose();
  }
}
