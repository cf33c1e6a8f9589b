// Renders the WorkspaceTreeModel (workspaces → folders or item types → items) and, under each
// item, its Schedules (a schedulable item) and its definition files as read through the `fabricwb`
// file system. Failures show as error
// nodes in the tree with a Retry action, never as notifications. A node shows expanded when the
// model remembers the user expanded it, so one a filter hid comes back open.
import * as vscode from 'vscode';
import { describeError } from '../../fabric';
import { itemFolderName } from '../../fabric/definition';
import type { Item } from '../../fabric/types';
import type { ItemNode, TreeNode, WorkspaceTreeModel } from '../../workspace/WorkspaceTreeModel';
import { folderPath } from '../../workspace/folderLayout';
import { itemContextValue } from '../../fabric/itemKinds';
import { fabricUri } from '../files/fabricUri';
import { itemTypeGroupLabel, itemTypeIcon, itemTypeName } from './itemTypes';
import { scheduleChildren, schedulesNodeOf, scheduleTreeItem, type ScheduleLoader, type ScheduleTreeNode } from './scheduleNodes';

/** A definition file or folder under an item. */
export interface DefinitionEntryNode {
  readonly kind: 'definitionEntry';
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly isFolder: boolean;
  readonly workspaceId: string;
  readonly item: ItemNode['item'];
  readonly parent: ItemNode | DefinitionEntryNode;
}

/** Reading an item's definition failed; Retry reloads the item. */
export interface DefinitionErrorNode {
  readonly kind: 'definitionError';
  readonly id: string;
  readonly message: string;
  readonly parent: ItemNode | DefinitionEntryNode;
}

export type ExplorerNode = TreeNode | DefinitionEntryNode | DefinitionErrorNode | ScheduleTreeNode;

export class WorkspaceTreeDataProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly subscription: { dispose(): void };
  /** Definition folders the user expanded (the model keeps its own nodes'). */
  private readonly expandedFiles = new Set<string>();

  /** `itemUri` is the `fabricwb` folder of an item: the file system's, so an editor opened here is the one opened there. */
  constructor(
    readonly model: WorkspaceTreeModel,
    private readonly loadSchedules: ScheduleLoader,
    private readonly itemUri: (item: Item) => Promise<vscode.Uri>,
  ) {
    this.subscription = model.onDidChange((node) => this._onDidChangeTreeData.fire(node));
  }

  /** Whether an item is pinned to the Jobs view (its menu offers Unpin instead of Pin): the Jobs view tells, see `showPinned`. */
  private isPinned: (item: Item) => boolean = () => false;

  /** Marks the items `isPinned` names in their contextValue, again whenever `changed` fires. */
  showPinned(isPinned: (item: Item) => boolean, changed: vscode.Event<void>): vscode.Disposable {
    this.isPinned = isPinned;
    this._onDidChangeTreeData.fire(undefined);
    return changed(() => this._onDidChangeTreeData.fire(undefined));
  }

  /** Reloads one node's children (the whole tree when none). */
  refresh(node?: ExplorerNode): void {
    if (!node || isModelNode(node)) {
      this.model.refresh(node);
      return;
    }
    this._onDidChangeTreeData.fire(node.kind === 'definitionEntry' || node.kind === 'schedules' ? node : node.parent);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node?.kind === 'item') {
      const schedules = schedulesNodeOf(node);
      return [...(schedules ? [schedules] : []), ...(await this.definitionChildren(node))];
    }
    if (node?.kind === 'definitionEntry') return this.definitionChildren(node);
    if (node?.kind === 'schedules') return scheduleChildren(this.loadSchedules, node);
    if (node && !isModelNode(node)) return [];
    return this.model.getChildren(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return isModelNode(node) ? this.model.getParent(node) : node.parent;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'schedules':
      case 'schedule':
      case 'scheduleMessage':
        return scheduleTreeItem(node, Date.now());
      case 'workspace': {
        const item = new vscode.TreeItem(node.workspace.displayName, this.collapsed(node));
        item.iconPath = new vscode.ThemeIcon(node.workspace.type === 'Personal' ? 'account' : 'folder-library');
        item.contextValue = 'fabricWorkbench.workspace';
        item.tooltip = markdown([
          [vscode.l10n.t('Workspace'), node.workspace.displayName],
          [vscode.l10n.t('Id'), node.workspaceId],
          [vscode.l10n.t('Description'), node.workspace.description],
        ]);
        return withId(item, node.id);
      }
      case 'itemType': {
        const item = new vscode.TreeItem(itemTypeGroupLabel(node.itemType), this.collapsed(node));
        item.iconPath = itemTypeIcon(node.itemType);
        item.contextValue = 'fabricWorkbench.itemType';
        return withId(item, node.id);
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.displayName, this.collapsed(node));
        item.iconPath = vscode.ThemeIcon.Folder;
        item.contextValue = 'fabricWorkbench.folder';
        item.tooltip = markdown([
          [vscode.l10n.t('Folder'), folderPath(this.model.listedFolders(node.workspaceId), node.folder.id)],
          [vscode.l10n.t('Id'), node.folder.id],
        ]);
        return withId(item, node.id);
      }
      case 'item': {
        const item = new vscode.TreeItem(node.item.displayName, this.collapsed(node));
        item.iconPath = itemTypeIcon(node.item.type);
        item.contextValue = itemContextValue(node.item.type, this.isPinned(node.item));
        // Its folder's URI, so file decorations (uncommitted Git changes) mark it.
        const folder = node.item.folderId ? folderPath(this.model.listedFolders(node.workspaceId), node.item.folderId) : '';
        item.resourceUri = fabricUri(node.workspaceId, [folder, itemFolderName(node.item.displayName, node.item.type)].filter(Boolean).join('/'));
        item.tooltip = markdown([
          [vscode.l10n.t('Item'), node.item.displayName],
          [vscode.l10n.t('Type'), itemTypeName(node.item.type)],
          [vscode.l10n.t('Id'), node.item.id],
          [vscode.l10n.t('Workspace id'), node.workspaceId],
          [vscode.l10n.t('Description'), node.item.description],
        ]);
        return withId(item, node.id);
      }
      case 'loadMore': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'));
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'fabricWorkbench.loadMore';
        item.command = { command: 'fabricWorkbench.loadMore', title: vscode.l10n.t('Load More'), arguments: [node] };
        return withId(item, node.id);
      }
      case 'error':
      case 'definitionError': {
        const item = new vscode.TreeItem(node.message);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.contextValue = 'fabricWorkbench.error';
        item.tooltip = new vscode.MarkdownString(`${escape(node.message)}\n\n${vscode.l10n.t('Click to retry.')}`);
        item.command = { command: 'fabricWorkbench.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
        return withId(item, node.id);
      }
      case 'empty': {
        const messages = {
          noWorkspaces: vscode.l10n.t('No workspaces'),
          noItems: vscode.l10n.t('No items'),
          noMatches: vscode.l10n.t('Nothing matches the filter'),
          emptyFolder: vscode.l10n.t('Empty folder'),
        };
        const item = new vscode.TreeItem(messages[node.message]);
        item.contextValue = 'fabricWorkbench.empty';
        return withId(item, node.id);
      }
      case 'definitionEntry': {
        const item = new vscode.TreeItem(node.uri, node.isFolder ? this.collapsed(node) : vscode.TreeItemCollapsibleState.None);
        item.iconPath = node.isFolder ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
        item.contextValue = node.isFolder ? 'fabricWorkbench.definitionFolder' : 'fabricWorkbench.definitionFile';
        if (!node.isFolder) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [node.uri] };
        return withId(item, node.id);
      }
    }
  }

  /** Remembers what the user expands and collapses in the view. */
  track(view: vscode.TreeView<ExplorerNode>): vscode.Disposable {
    return vscode.Disposable.from(
      view.onDidExpandElement((e) => this.setExpanded(e.element, true)),
      view.onDidCollapseElement((e) => this.setExpanded(e.element, false)),
    );
  }

  setExpanded(node: ExplorerNode, expanded: boolean): void {
    if (isModelNode(node)) this.model.setExpanded(node, expanded);
    else if (expanded) this.expandedFiles.add(node.id);
    else this.expandedFiles.delete(node.id);
  }

  private collapsed(node: ExplorerNode): vscode.TreeItemCollapsibleState {
    const expanded = isModelNode(node) ? this.model.isExpanded(node) : this.expandedFiles.has(node.id);
    return expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  dispose(): void {
    this.subscription.dispose();
    this.model.dispose();
    this._onDidChangeTreeData.dispose();
  }

  private async definitionChildren(parent: ItemNode | DefinitionEntryNode): Promise<ExplorerNode[]> {
    try {
      const folder = parent.kind === 'item' ? await this.itemUri({ ...parent.item, workspaceId: parent.workspaceId }) : parent.uri;
      const entries = await vscode.workspace.fs.readDirectory(folder);
      entries.sort(([a, aType], [b, bType]) => (bType & vscode.FileType.Directory) - (aType & vscode.FileType.Directory) || a.localeCompare(b));
      return entries.map(([name, type]) => {
        const uri = vscode.Uri.joinPath(folder, name);
        return {
          kind: 'definitionEntry',
          id: `file:${uri.toString()}`,
          uri,
          isFolder: (type & vscode.FileType.Directory) !== 0,
          workspaceId: parent.workspaceId,
          item: parent.item,
          parent,
        };
      });
    } catch (error) {
      return [{ kind: 'definitionError', id: `${parent.id}/error`, message: describeError(error), parent }];
    }
  }
}

function isModelNode(node: ExplorerNode): node is TreeNode {
  return !['definitionEntry', 'definitionError', 'schedules', 'schedule', 'scheduleMessage'].includes(node.kind);
}

function withId(item: vscode.TreeItem, id: string): vscode.TreeItem {
  item.id = id;
  return item;
}

function markdown(rows: [string, string | undefined][]): vscode.MarkdownString {
  const text = rows
    .filter(([, value]) => value)
    .map(([label, value]) => `**${escape(label)}:** ${escape(value!)}`)
    .join('  \n');
  return new vscode.MarkdownString(text);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
