// Folder commands of the Workspaces view: create, rename and delete a folder, and move items and
// folders into another folder ("Move to Folder…" on a selection, or a drop: see
// WorkspaceDragAndDrop). Names are checked as they are typed, against Fabric's rules and the
// folder's siblings; what Fabric still refuses comes back with its advice (src/fabric/errors.ts).
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import { folderNameProblem } from '../../fabric/folderNames';
import type { Folder } from '../../fabric/types';
import { executeMove, isRefusal, planMove, type Movable } from '../../workspace/folderMoves';
import { folderAndDescendants, folderPath } from '../../workspace/folderLayout';
import type { FolderNode, TreeNode, WorkspaceNode, WorkspaceTreeModel } from '../../workspace/WorkspaceTreeModel';
import { nearestWorkspace } from '../../workspace/WorkspaceTreeModel';
import { answerOf, type InputOptions, type Prompter } from '../../base/prompter';
import { folderNameProblemText } from '../common/folderNameText';
import { settings } from '../common/settings';

export class FolderCommands {
  constructor(
    private readonly client: () => FabricClient,
    private readonly model: WorkspaceTreeModel,
    private readonly prompter: () => Prompter,
    /** Told the workspace whose folders changed, for the `fabricwb` file system. */
    private readonly onDidChangeFolders: (workspaceId: string) => void,
  ) {}

  /** Creates a folder in the workspace or folder node. */
  async createFolder(parent: WorkspaceNode | FolderNode): Promise<Folder> {
    const parentFolderId = parent.kind === 'folder' ? parent.folder.id : undefined;
    const name = await this.askName(parent, parentFolderId, undefined, { title: vscode.l10n.t('New Folder'), prompt: vscode.l10n.t('Folder name') });
    const folder = await this.client().createFolder(parent.workspaceId, { displayName: name, parentFolderId });
    this.changed(parent);
    return folder;
  }

  async renameFolder(node: FolderNode): Promise<void> {
    const name = await this.askName(node, node.folder.parentFolderId ?? undefined, node.folder, {
      title: vscode.l10n.t('Rename Folder {0}', node.folder.displayName),
      prompt: vscode.l10n.t('New folder name'),
      value: node.folder.displayName,
    });
    if (name === node.folder.displayName) return;
    await this.client().renameFolder(node.workspaceId, node.folder.id, name);
    this.changed(node);
  }

  /** Deletes an empty folder after asking (unless fabricWorkbench.confirmDelete is off); Fabric refuses a folder that holds anything. */
  async deleteFolder(node: FolderNode): Promise<void> {
    if (settings.confirmDelete()) {
      // Its Cancel rejects with UserCancelled: nothing is deleted, nothing reported.
      await this.prompter().confirm(
        vscode.l10n.t('Delete the folder "{0}" from Fabric?', node.folder.displayName),
        { modal: true, detail: vscode.l10n.t('Fabric deletes only empty folders.') },
        vscode.l10n.t('Delete'),
      );
    }
    try {
      await this.client().deleteFolder(node.workspaceId, node.folder.id);
    } finally {
      this.changed(node);
    }
  }

  /** Moves the selection (or the node) into a folder the user picks. */
  async moveToFolder(node: TreeNode, selection?: readonly TreeNode[]): Promise<void> {
    const sources = movables(selection?.length ? selection : [node]);
    if (sources.length === 0) throw new Error(vscode.l10n.t('Choose items or folders to move.'));
    const workspace = nearestWorkspace(node)!;
    const folders = await this.model.loadFolders(workspace);
    // Where no moved folder would end up inside itself.
    const excluded = new Set(sources.filter((s) => s.kind === 'folder').flatMap((s) => [...folderAndDescendants(folders, s.id)]));
    const root = {
      label: `$(root-folder) ${workspace.workspace.displayName}`,
      description: vscode.l10n.t("the workspace's root"),
      folderId: undefined as string | undefined,
    };
    const targets = folders
      .filter((f) => !excluded.has(f.id))
      .map((f) => ({ label: `$(folder) ${f.displayName}`, description: folderPath(folders, f.id), folderId: f.id as string | undefined }))
      .sort((a, b) => a.description.localeCompare(b.description));
    const folderId = await answerOf(
      this.prompter().pick({
        title:
          sources.length === 1
            ? vscode.l10n.t('Move "{0}" to Folder', sources[0]!.name)
            : vscode.l10n.t('Move {0} Items and Folders to Folder', sources.length),
        placeholder: vscode.l10n.t('Folder to move into'),
        items: [root, ...targets].map(({ label, description, folderId }) => ({ label, description, value: folderId })),
      }),
    );
    await this.move(sources, workspace, folderId);
  }

  /** Moves the nodes into `targetFolderId` (undefined: the root) of `workspace`, refusing a move out of it or into itself. */
  async move(sources: readonly Movable[], workspace: WorkspaceNode, targetFolderId: string | undefined): Promise<void> {
    const plan = planMove(sources, workspace.workspaceId, targetFolderId, await this.model.loadFolders(workspace));
    if (isRefusal(plan)) {
      throw new Error(
        plan.reason === 'cycle'
          ? vscode.l10n.t('"{0}" cannot move into itself or one of its subfolders. Choose a folder outside it.', plan.name)
          : vscode.l10n.t(
              '"{0}" is in another workspace: items and folders move only within their workspace. Export and import to copy across workspaces.',
              plan.name,
            ),
      );
    }
    try {
      await executeMove(this.client(), plan);
    } finally {
      this.changed(workspace);
    }
  }

  /** Reloads the node's workspace in the tree and tells the file system. */
  private changed(node: WorkspaceNode | FolderNode): void {
    this.model.refresh(node);
    this.onDidChangeFolders(node.workspaceId);
  }

  /** Asks for a folder name, checked as it is typed against Fabric's rules and the other folders of the same parent. */
  private async askName(
    node: WorkspaceNode | FolderNode,
    parentFolderId: string | undefined,
    renamed: Folder | undefined,
    options: Omit<InputOptions, 'validate'>,
  ): Promise<string> {
    const siblings = (await this.model.loadFolders(nearestWorkspace(node)!)).filter(
      (f) => (f.parentFolderId ?? undefined) === parentFolderId && f.id !== renamed?.id,
    );
    const value = await answerOf(
      this.prompter().input({
        ...options,
        validate: (typed) => {
          const problem = folderNameProblem(typed);
          if (problem) return folderNameProblemText(problem);
          return siblings.some((f) => f.displayName.toLowerCase() === typed.toLowerCase())
            ? vscode.l10n.t('A folder named "{0}" is already there.', typed)
            : undefined;
        },
      }),
    );
    return value;
  }
}

/** The item and folder nodes among `nodes`, as what a move takes. */
export function movables(nodes: readonly TreeNode[]): Movable[] {
  return nodes.flatMap((n): Movable[] => {
    if (n.kind === 'item') return [{ kind: 'item', workspaceId: n.workspaceId, id: n.item.id, folderId: n.item.folderId, name: n.item.displayName }];
    if (n.kind === 'folder')
      return [{ kind: 'folder', workspaceId: n.workspaceId, id: n.folder.id, folderId: n.folder.parentFolderId ?? undefined, name: n.folder.displayName }];
    return [];
  });
}
