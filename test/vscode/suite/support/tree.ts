// The Workspaces tree as a user sees it after clicking every "Load more".
import * as vscode from 'vscode';
import type { ExplorerNode, WorkspaceTreeDataProvider } from '../../../../src/vscode/explorer/WorkspaceTreeDataProvider';

/** A node's children (the roots when none) with every page loaded through the Load More command. */
export async function allChildren(tree: WorkspaceTreeDataProvider, node?: ExplorerNode): Promise<ExplorerNode[]> {
  let children = await tree.getChildren(node);
  while (children.at(-1)?.kind === 'loadMore') {
    await vscode.commands.executeCommand('fabricWorkbench.loadMore', children.at(-1));
    children = await tree.getChildren(node);
  }
  return children;
}
