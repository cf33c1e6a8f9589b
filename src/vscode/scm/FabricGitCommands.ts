// The Fabric Git commands: Connect… (the wizard, then Initialize Connection, asking which side
// wins when both have items), Disconnect (confirmed), Commit (the input box's message; all, or the
// changes selected in the view), Update from Git (the conflict resolution and consent to overwrite
// asked whenever they matter, never assumed) and Refresh. Long operations show progress with Cancel.
import * as vscode from 'vscode';
import { answerOf, type Prompter } from '../../base/prompter';
import { isFabricError, type FabricClient } from '../../fabric';
import { GIT_COMMENT_MAX_LENGTH, type ConflictResolutionPolicy, type InitializationStrategy, type InitializeGitConnectionResponse } from '../../fabric/types';
import type { FabricGitModel } from '../../workspace/FabricGitModel';
import { withCancellableProgress } from '../common/progress';
import type { NodeArgument } from '../items/ItemCommands';
import { FabricGitConnectWizard } from './FabricGitConnectWizard';
import type { FabricGitManager } from './FabricGitManager';
import { FabricGitResource } from './FabricGitSourceControl';

export interface FabricGitCommandsDeps {
  client: () => FabricClient;
  manager: FabricGitManager;
  prompter: () => Prompter;
  /** The node's workspace, else one the user picks. */
  workspaceOf(node: NodeArgument | undefined, title: string): Promise<{ workspaceId: string; displayName: string }>;
  /** The workspace's items changed in Fabric (an update from Git): views and open files re-read them. */
  itemsChanged(workspaceId: string): void;
}

export class FabricGitCommands {
  constructor(private readonly deps: FabricGitCommandsDeps) {}

  async connect(node?: NodeArgument): Promise<void> {
    const { workspaceId, displayName } = await this.deps.workspaceOf(node, vscode.l10n.t('Connect Workspace to Git'));
    const client = this.deps.client();
    const { gitConnectionState } = await client.getGitConnection(workspaceId);
    if (gitConnectionState === 'ConnectedAndInitialized') {
      await this.deps.manager.track(workspaceId, displayName).refresh();
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already connected to Git: its changes are in the Source Control view.', displayName));
      return;
    }
    if (gitConnectionState === 'NotConnected') {
      const request = await new FabricGitConnectWizard(this.deps.prompter(), displayName).run();
      await withCancellableProgress(vscode.l10n.t('Connecting {0} to Git', displayName), (signal) => client.connectGit(workspaceId, request, { signal }));
    }
    // Shown from here on: connected, even if the initialization below is cancelled.
    const model = this.deps.manager.track(workspaceId, displayName);
    const result = await this.initialize(client, workspaceId, displayName);
    await model.refresh();
    const nextSteps: Record<string, string> = {
      CommitToGit: vscode.l10n.t('{0} is connected to Git. Commit its items to finish the first sync.', displayName),
      UpdateFromGit: vscode.l10n.t("{0} is connected to Git. Update from Git to bring the repository's items in.", displayName),
    };
    const next = nextSteps[result.requiredAction ?? ''];
    void vscode.window.showInformationMessage(next ?? vscode.l10n.t('{0} is connected to Git and in sync.', displayName));
  }

  /** Initialize Connection; when both sides have items, asks which one wins and initializes with it. */
  private async initialize(client: FabricClient, workspaceId: string, displayName: string): Promise<InitializeGitConnectionResponse> {
    const title = vscode.l10n.t('Initializing the Git connection of {0}', displayName);
    const run = (strategy?: InitializationStrategy) =>
      withCancellableProgress(title, (signal) => client.initializeGitConnection(workspaceId, strategy, { signal }));
    try {
      return await run();
    } catch (error) {
      if (!isFabricError(error) || error.errorCode !== 'MissingInitializationPolicy') throw error;
    }
    const strategy = await answerOf(
      this.deps.prompter().pick<InitializationStrategy>({
        title: vscode.l10n.t('Connect {0} to Git', displayName),
        placeholder: vscode.l10n.t('The workspace and the Git folder both have items. Which side wins?'),
        items: [
          { label: vscode.l10n.t("Keep the workspace's items"), detail: vscode.l10n.t('Commit them to Git afterwards'), value: 'PreferWorkspace' },
          { label: vscode.l10n.t("Take Git's items"), detail: vscode.l10n.t('Update the workspace from Git afterwards'), value: 'PreferRemote' },
        ],
      }),
    );
    return run(strategy);
  }

  async disconnect(sourceControl?: vscode.SourceControl): Promise<void> {
    const model = this.modelOf(sourceControl);
    const disconnect = vscode.l10n.t('Disconnect');
    await this.deps
      .prompter()
      .confirm(
        vscode.l10n.t('Disconnect {0} from Git?', model.workspaceName),
        { modal: true, detail: vscode.l10n.t('The items stay in the workspace and the repository keeps its commits; only the link between them goes.') },
        disconnect,
      );
    await withCancellableProgress(vscode.l10n.t('Disconnecting {0} from Git', model.workspaceName), (signal) =>
      this.deps.client().disconnectGit(model.workspaceId, { signal }),
    );
    this.deps.manager.untrack(model.workspaceId);
  }

  /** From the title or the input box: the source control (all changes); from the view's context menu: the changes selected. */
  async commit(subject?: vscode.SourceControl | FabricGitResource, ...others: unknown[]): Promise<void> {
    const selected = [subject, ...others].filter((r): r is FabricGitResource => r instanceof FabricGitResource && r.side === 'uncommitted');
    const model = requireReady(subject instanceof FabricGitResource ? this.trackedModel(subject.workspaceId) : this.modelOf(subject));
    const entries = selected.length ? selected.map((r) => r.entry) : model.groups.uncommitted;
    if (!entries.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no uncommitted changes.', model.workspaceName));
      return;
    }
    const inputBox = this.deps.manager.sourceControl(model.workspaceId)?.inputBox;
    const typed = inputBox?.value.trim() ?? '';
    if (typed.length > GIT_COMMENT_MAX_LENGTH) {
      throw new Error(
        vscode.l10n.t('The commit message has {0} characters; Fabric takes at most {1}. Shorten it and commit again.', typed.length, GIT_COMMENT_MAX_LENGTH),
      );
    }
    const message =
      typed ||
      (
        await answerOf(
          this.deps.prompter().input({
            title: vscode.l10n.t('Commit to Git'),
            prompt: vscode.l10n.t('Commit message (empty: the Git provider’s default)'),
            validate: (v) => (v.trim().length > GIT_COMMENT_MAX_LENGTH ? vscode.l10n.t('At most {0} characters.', GIT_COMMENT_MAX_LENGTH) : undefined),
          }),
        )
      ).trim();
    await withCancellableProgress(vscode.l10n.t('Committing {0} item(s) of {1} to Git', entries.length, model.workspaceName), (signal) =>
      model.commit(message, selected.length ? entries : undefined, signal),
    );
    if (inputBox) inputBox.value = '';
  }

  async update(sourceControl?: vscode.SourceControl): Promise<void> {
    const model = requireReady(this.modelOf(sourceControl));
    const { incoming, uncommitted } = model.groups;
    if (!incoming.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is up to date with Git.', model.workspaceName));
      return;
    }
    const title = vscode.l10n.t('Update {0} from Git', model.workspaceName);
    const conflicts = incoming.filter((e) => e.conflict);
    const policy = conflicts.length
      ? await answerOf(
          this.deps.prompter().pick<ConflictResolutionPolicy>({
            title,
            placeholder: vscode.l10n.t('{0} item(s) changed in the workspace and in Git: which version wins?', conflicts.length),
            items: [
              { label: vscode.l10n.t("Keep the workspace's version"), detail: conflicts.map((e) => e.displayName).join(', '), value: 'PreferWorkspace' },
              { label: vscode.l10n.t("Take Git's version"), detail: conflicts.map((e) => e.displayName).join(', '), value: 'PreferRemote' },
            ],
          }),
        )
      : undefined;
    // Whatever the update would overwrite has uncommitted changes: only with the user's consent.
    const allowOverrideItems = uncommitted.length
      ? await answerOf(
          this.deps.prompter().pick({
            title,
            placeholder: vscode.l10n.t('May the update overwrite workspace items that have uncommitted changes?'),
            items: [
              { label: vscode.l10n.t('No, stop if it would'), detail: uncommitted.map((e) => e.displayName).join(', '), value: false },
              { label: vscode.l10n.t('Yes, overwrite them'), detail: uncommitted.map((e) => e.displayName).join(', '), value: true },
            ],
          }),
        )
      : false;
    try {
      await withCancellableProgress(title, (signal) => model.update(policy, allowOverrideItems, signal));
    } finally {
      // Even a failed update may have changed items before it stopped.
      this.deps.itemsChanged(model.workspaceId);
    }
  }

  refresh(sourceControl?: vscode.SourceControl): Promise<void> {
    return this.modelOf(sourceControl).refresh();
  }

  /** The model of the source control a command got; with none (a keybinding), the only one shown. */
  private modelOf(sourceControl: vscode.SourceControl | undefined): FabricGitModel {
    const model = this.deps.manager.modelOf(sourceControl) ?? (sourceControl ? undefined : this.deps.manager.only());
    if (!model) throw new Error(vscode.l10n.t('Run this from a Fabric Git source control in the Source Control view.'));
    return model;
  }

  private trackedModel(workspaceId: string): FabricGitModel {
    const model = this.deps.manager.model(workspaceId);
    if (!model) throw new Error(vscode.l10n.t('The workspace is no longer shown in the Source Control view: connect it to Git again.'));
    return model;
  }
}

/** A commit or an update needs the status the user sees; without one, why there is none. */
function requireReady(model: FabricGitModel): FabricGitModel {
  const { state } = model;
  if (state.kind === 'ready') return model;
  throw new Error(
    state.kind === 'notInitialized'
      ? vscode.l10n.t('{0} is connected to Git but not initialized: run Connect Workspace to Git… again to finish.', model.workspaceName)
      : state.kind === 'failed'
        ? vscode.l10n.t('The Git status of {0} could not be read: {1}', model.workspaceName, state.message)
        : vscode.l10n.t('The Git status of {0} is not known yet: refresh it, then try again.', model.workspaceName),
  );
}
