// Drag and drop in the Workspaces view (tree-view-sample's TreeDragAndDropController): items and
// folders dragged onto a folder, an item (its folder) or their workspace move there, with the same
// checks as "Move to Folder…"; anything else dropped is ignored. The view's own MIME type carries
// the nodes, so drops from elsewhere never reach the move.
import * as vscode from 'vscode';
import type { TreeNode, WorkspaceNode } from '../../workspace/WorkspaceTreeModel';
import { nearestWorkspace } from '../../workspace/WorkspaceTreeModel';
import { runSafely } from '../common/safeCommand';
import { movables, type FolderCommands } from '../items/FolderCommands';
import type { ExplorerNode } from './WorkspaceTreeDataProvider';

/** VS Code's MIME type for the nodes of the view `fabricWorkbench.workspaces` (`application/vnd.code.tree.<view id, lower case>`). */
export const WORKSPACES_MIME = 'application/vnd.code.tree.fabricworkbench.workspaces';

export class WorkspaceDragAndDrop implements vscode.TreeDragAndDropController<ExplorerNode> {
  readonly dragMimeTypes = [WORKSPACES_MIME];
  readonly dropMimeTypes = [WORKSPACES_MIME];

  constructor(
    private readonly folders: FolderCommands,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  handleDrag(source: readonly ExplorerNode[], dataTransfer: vscode.DataTransfer, _token: vscode.CancellationToken): void {
    const nodes = source.filter((n): n is TreeNode => n.kind === 'item' || n.kind === 'folder');
    if (nodes.length) dataTransfer.set(WORKSPACES_MIME, new vscode.DataTransferItem(nodes));
  }

  async handleDrop(target: ExplorerNode | undefined, dataTransfer: vscode.DataTransfer, _token: vscode.CancellationToken): Promise<void> {
    const nodes = dataTransfer.get(WORKSPACES_MIME)?.value as TreeNode[] | undefined;
    const destination = target && dropTarget(target);
    if (!nodes?.length || !destination) return;
    await runSafely('fabricWorkbench.moveToFolder', this.log, () => this.folders.move(movables(nodes), destination.workspace, destination.folderId));
  }
}

/** Where a drop on the node puts things: a folder itself; an item's folder; a workspace's root. */
function dropTarget(node: ExplorerNode): { workspace: WorkspaceNode; folderId: string | undefined } | undefined {
  switch (node.kind) {
    case 'workspace':
      return { workspace: node, folderId: undefined };
    case 'folder':
      return { workspace: nearestWorkspace(node)!, folderId: node.folder.id };
    case 'item':
      return node.parent.kind === 'itemType' ? undefined : { workspace: nearestWorkspace(node)!, folderId: node.item.folderId ?? undefined };
    default:
      return undefined;
  }
}
