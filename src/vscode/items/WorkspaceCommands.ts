// Workspace commands of the Workspaces view: create, rename, delete. Names are checked as they are
// typed (Fabric's length limit, and the workspaces listed so far: names are unique in a tenant);
// a delete asks for the workspace's name to be typed, as destructive cloud actions do.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import type { Workspace } from '../../fabric/types';
import type { WorkspaceNode, WorkspaceTreeModel } from '../../workspace/WorkspaceTreeModel';
import { answerOf, type InputOptions, type Prompter } from '../../base/prompter';

const MAX_WORKSPACE_NAME = 256;

export class WorkspaceCommands {
  constructor(
    private readonly client: () => FabricClient,
    private readonly model: WorkspaceTreeModel,
    private readonly prompter: () => Prompter,
  ) {}

  async createWorkspace(): Promise<Workspace> {
    const name = await this.askName(undefined, { title: vscode.l10n.t('New Workspace'), prompt: vscode.l10n.t('Workspace name') });
    const workspace = await this.client().createWorkspace({ displayName: name });
    this.model.refresh();
    return workspace;
  }

  async renameWorkspace(node: WorkspaceNode): Promise<void> {
    const name = await this.askName(node.workspace, {
      title: vscode.l10n.t('Rename Workspace {0}', node.workspace.displayName),
      prompt: vscode.l10n.t('New workspace name'),
      value: node.workspace.displayName,
    });
    if (name === node.workspace.displayName) return;
    await this.client().updateWorkspace(node.workspaceId, { displayName: name });
    this.model.refresh();
  }

  /** Deletes the workspace once its name has been typed; anything else, or Escape, deletes nothing. */
  async deleteWorkspace(node: WorkspaceNode): Promise<void> {
    const name = node.workspace.displayName;
    await answerOf(
      this.prompter().input({
        title: vscode.l10n.t('Delete Workspace {0}', name),
        prompt: vscode.l10n.t('This deletes the workspace and every item in it from Fabric. Type "{0}" to confirm.', name),
        placeholder: name,
        validate: (typed) => (typed === name ? undefined : vscode.l10n.t('Type "{0}" exactly to delete the workspace.', name)),
      }),
    );
    await this.client().deleteWorkspace(node.workspaceId);
    this.model.refresh();
  }

  private async askName(renamed: Workspace | undefined, options: Omit<InputOptions, 'validate'>): Promise<string> {
    const others = this.model
      .listedWorkspaces()
      .filter((w) => w.id !== renamed?.id)
      .map((w) => w.displayName.toLowerCase());
    return (
      await answerOf(
        this.prompter().input({
          ...options,
          validate: (typed) => {
            const trimmed = typed.trim();
            if (!trimmed) return vscode.l10n.t('Enter a name.');
            if (trimmed.length > MAX_WORKSPACE_NAME) return vscode.l10n.t('A workspace name has at most {0} characters.', MAX_WORKSPACE_NAME);
            return others.includes(trimmed.toLowerCase()) ? vscode.l10n.t('A workspace named "{0}" already exists.', trimmed) : undefined;
          },
        }),
      )
    ).trim();
  }
}
