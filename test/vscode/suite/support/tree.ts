// The Workspaces tree as a user sees it after clicking every "Load more", and finding a node in it.
import * as assert from 'node:assert/strict';
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

/** The item node named `displayName` of type `type` under a workspace node, in whichever folder or type group it sits. */
export async function findItemNode(
  tree: WorkspaceTreeDataProvider,
  workspace: ExplorerNode,
  displayName: string,
  type: string,
): Promise<ExplorerNode | undefined> {
  for (const node of await allChildren(tree, workspace)) {
    if (node.kind === 'item' && node.item.displayName === displayName && node.item.type === type) return node;
    if (node.kind === 'folder' || node.kind === 'itemType') {
      const found = await findItemNode(tree, node, displayName, type);
      if (found) return found;
    }
  }
  return undefined;
}

/** The node at a path of labels ("Sales", "Bronze", "Clean") below the workspace's node. */
export async function nodeAt(tree: WorkspaceTreeDataProvider, workspaceId: string, ...labels: string[]): Promise<ExplorerNode> {
  const labelOf = (node: ExplorerNode) => String(tree.getTreeItem(node).label);
  let node = (await allChildren(tree)).find((n) => n.kind === 'workspace' && n.workspaceId === workspaceId);
  assert.ok(node, `the tree shows workspace ${workspaceId}`);
  for (const label of labels) {
    const next: ExplorerNode | undefined = (await allChildren(tree, node)).find((n) => labelOf(n) === label);
    assert.ok(next, `the tree shows ${labels.join('/')} (no ${label} under ${labelOf(node)})`);
    node = next;
  }
  return node;
}
