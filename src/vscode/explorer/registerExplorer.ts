// Wires sign-in, the Workspaces view, the `fabricwb` file system and the item commands.
import * as vscode from 'vscode';
import { WorkspaceTreeModel } from '../../explorer/WorkspaceTreeModel';
import type { Item } from '../../fabric/types';
import { windowPrompter, type Prompter } from '../common/prompter';
import { onDidFailCommand, registerSafeCommand, type CommandFailure } from '../common/safeCommand';
import { ConnectionManager } from '../connection/ConnectionManager';
import { registerConnectionCommands } from '../connection/registerConnection';
import { settings } from '../connection/settings';
import { ConflictResolver } from '../files/ConflictResolver';
import { DefinitionFileSystemProvider } from '../files/DefinitionFileSystemProvider';
import { FABRIC_SCHEME } from '../files/fabricUri';
import { quickInputStepPrompter } from '../common/quickInputStepPrompter';
import { FolderCommands } from '../items/FolderCommands';
import { ItemCommands, type NodeArgument } from '../items/ItemCommands';
import { ItemPicker } from '../items/ItemPicker';
import { WorkspaceCommands } from '../items/WorkspaceCommands';
import { WorkspaceDragAndDrop } from './WorkspaceDragAndDrop';
import { WorkspaceTreeDataProvider, type ExplorerNode } from './WorkspaceTreeDataProvider';
import type { FolderNode, TreeNode, WorkspaceNode } from '../../explorer/WorkspaceTreeModel';

export interface ExplorerDeps {
  log: vscode.LogOutputChannel;
}

export interface Explorer {
  connection: ConnectionManager;
  files: DefinitionFileSystemProvider;
  tree: WorkspaceTreeDataProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  items: ItemCommands;
  dragAndDrop: WorkspaceDragAndDrop;
  /** Test-only: replaces the prompts of sign-in and the item commands. */
  setPrompter(prompter: Prompter | undefined): void;
  /** Test-only: the failures commands show. */
  onDidFailCommand: vscode.Event<CommandFailure>;
}

export function registerExplorer(context: vscode.ExtensionContext, deps: ExplorerDeps): Explorer {
  const { log } = deps;
  let prompter: Prompter = windowPrompter;
  const currentPrompter = () => prompter;
  const userAgent = `fabric-workbench/${context.extension.packageJSON.version ?? '0'}`;

  const connection = new ConnectionManager(context, log, userAgent);
  const formatFor = (item: Item) => (item.type === 'Notebook' && settings.notebookFormat() === 'ipynb' ? 'ipynb' : undefined);
  const files = new DefinitionFileSystemProvider(() => connection.requireClient(), formatFor);
  const conflicts = new ConflictResolver(files, log);
  const model = new WorkspaceTreeModel(() => connection.client, { groupBy: settings.explorerGroupBy() });
  const tree = new WorkspaceTreeDataProvider(model);
  const picker = new ItemPicker(() => connection.requireClient(), context.globalState, () => quickInputStepPrompter);
  const items = new ItemCommands(connection, files, currentPrompter, (workspaceId) => model.refresh(model.findWorkspace(workspaceId)), picker);
  const folders = new FolderCommands(() => connection.requireClient(), model, currentPrompter);
  const workspaces = new WorkspaceCommands(() => connection.requireClient(), model, currentPrompter);
  const dragAndDrop = new WorkspaceDragAndDrop(folders, log);
  const treeView = vscode.window.createTreeView('fabricWorkbench.workspaces', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true, dragAndDropController: dragAndDrop });

  const showStatus = () => {
    treeView.description = connection.label;
    treeView.message = model.filter ? vscode.l10n.t('Filtered by "{0}"', model.filter) : undefined;
    void vscode.commands.executeCommand('setContext', 'fabricWorkbench.filtered', !!model.filter);
  };

  context.subscriptions.push(
    connection, files, conflicts, tree, treeView, tree.track(treeView),
    vscode.workspace.registerFileSystemProvider(FABRIC_SCHEME, files, { isCaseSensitive: true }),
    connection.onDidChangeConnection(() => {
      files.refresh();
      // A workspace opened as a folder was listed empty while signed out: tell VS Code's Explorer.
      for (const folder of vscode.workspace.workspaceFolders ?? []) if (folder.uri.scheme === FABRIC_SCHEME) files.refresh(folder.uri.authority);
      model.refresh();
      showStatus();
    }),
    files.onDidChangeItems((workspaceId) => model.refresh(model.findWorkspace(workspaceId))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('fabricWorkbench.notebookFormat')) files.refresh();
      if (e.affectsConfiguration('fabricWorkbench.explorer.groupBy')) model.setGroupBy(settings.explorerGroupBy());
      if (e.affectsConfiguration('fabricWorkbench.apiBaseUrl') && connection.info && connection.info.kind !== 'emulator') void connection.restore();
    }),
    ...registerConnectionCommands(connection, currentPrompter, log),
    registerSafeCommand('fabricWorkbench.refresh', log, () => {
      files.refresh();
      model.refresh();
    }),
    registerSafeCommand('fabricWorkbench.refreshNode', log, (node?: ExplorerNode) => {
      const workspaceId = node && 'workspaceId' in node ? node.workspaceId : undefined;
      const itemId = node && 'item' in node ? node.item.id : undefined;
      files.refresh(workspaceId, itemId);
      tree.refresh(node);
    }),
    registerSafeCommand('fabricWorkbench.filterWorkspaces', log, async () => {
      const text = await prompter.input({ title: vscode.l10n.t('Filter Workspaces and Items'), prompt: vscode.l10n.t('Show workspaces and items whose names contain'), value: model.filter });
      if (text === undefined) return;
      model.setFilter(text);
      showStatus();
    }),
    registerSafeCommand('fabricWorkbench.clearFilter', log, () => {
      model.setFilter('');
      showStatus();
    }),
    registerSafeCommand('fabricWorkbench.loadMore', log, (node: ExplorerNode) => (node.kind === 'loadMore' ? model.loadMore(node) : undefined)),
    registerSafeCommand('fabricWorkbench.retry', log, (node: ExplorerNode) => {
      if (node.kind === 'error') return node.retriesPage ? model.loadMore(node) : tree.refresh(node.parent);
      if (node.kind === 'definitionError') {
        files.refresh(node.parent.item.workspaceId, node.parent.item.id);
        tree.refresh(node.parent);
      }
      return undefined;
    }),
    registerSafeCommand('fabricWorkbench.createItem', log, async (node?: NodeArgument) => {
      const created = await files.resolveItem(await items.createItem(node));
      if (created) await items.openDefinition({ item: created.item });
    }),
    registerSafeCommand('fabricWorkbench.renameItem', log, (node?: NodeArgument) => items.renameItem(node)),
    registerSafeCommand('fabricWorkbench.deleteItem', log, (node?: NodeArgument) => items.deleteItem(node)),
    registerSafeCommand('fabricWorkbench.openDefinition', log, (node?: NodeArgument) => items.openDefinition(node)),
    registerSafeCommand('fabricWorkbench.openInPortal', log, (node?: NodeArgument) => items.openInPortal(node)),
    registerSafeCommand('fabricWorkbench.copyId', log, (node?: NodeArgument) => items.copyId(node)),
    registerSafeCommand('fabricWorkbench.openWorkspaceFolder', log, (node?: NodeArgument) => items.openWorkspaceFolder(node)),
    // VS Code's Explorer passes (folder URI, selected URIs); the Workspaces view its node.
    registerSafeCommand('fabricWorkbench.exportToFolder', log, (subject?: NodeArgument | vscode.Uri, second?: vscode.Uri | vscode.Uri[]) => items.exportToFolder(subject, second)),
    // From the tree, the second argument is the view's selection of nodes, not folders to import.
    registerSafeCommand('fabricWorkbench.importFromFolder', log, (node?: NodeArgument, sources?: unknown[]) => items.importFromFolder(node, sources?.length && sources.every((s) => s instanceof vscode.Uri) ? (sources as vscode.Uri[]) : undefined)),
    registerSafeCommand('fabricWorkbench.createFolder', log, (node: WorkspaceNode | FolderNode) => folders.createFolder(node)),
    registerSafeCommand('fabricWorkbench.renameFolder', log, (node: FolderNode) => folders.renameFolder(node)),
    registerSafeCommand('fabricWorkbench.deleteFolder', log, (node: FolderNode) => folders.deleteFolder(node)),
    // A tree's context menu passes the node right-clicked and, with canSelectMany, the selection.
    registerSafeCommand('fabricWorkbench.moveToFolder', log, (node: TreeNode, selection?: TreeNode[]) => folders.moveToFolder(node, selection)),
    registerSafeCommand('fabricWorkbench.createWorkspace', log, () => workspaces.createWorkspace()),
    registerSafeCommand('fabricWorkbench.renameWorkspace', log, (node: WorkspaceNode) => workspaces.renameWorkspace(node)),
    registerSafeCommand('fabricWorkbench.deleteWorkspace', log, (node: WorkspaceNode) => workspaces.deleteWorkspace(node)),
  );
  showStatus();
  void connection.restore();

  return {
    connection, files, tree, treeView, items, dragAndDrop,
    setPrompter: (replacement) => {
      prompter = replacement ?? windowPrompter;
    },
    onDidFailCommand,
  };
}
