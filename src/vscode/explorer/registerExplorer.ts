// Wires sign-in, the Workspaces view, the `fabricwb` file system and the item commands.
import * as vscode from 'vscode';
import { WorkspaceTreeModel } from '../../workspace/WorkspaceTreeModel';
import { answerOf, type Prompter } from '../../base/prompter';
import { quickInputPrompter } from '../common/quickInputPrompter';
import { onDidFailCommand, registerSafeCommand, type CommandFailure } from '../common/safeCommand';
import { ConnectionManager } from '../connection/ConnectionManager';
import { registerConnectionCommands } from '../connection/registerConnection';
import { onDidChangeSettings, settings } from '../common/settings';
import type { DefinitionFileSystemProvider } from '../files/DefinitionFileSystemProvider';
import { FABRIC_SCHEME } from '../files/fabricUri';
import { registerFiles, type Files } from '../files/registerFiles';
import { FolderCommands } from '../items/FolderCommands';
import { ItemCommands, type NodeArgument } from '../items/ItemCommands';
import { ItemPicker } from '../items/ItemPicker';
import { WorkspaceCommands } from '../items/WorkspaceCommands';
import { ScheduleCommands } from '../items/ScheduleCommands';
import { listItemSchedules } from '../../jobs/itemSchedules';
import { WorkspaceDragAndDrop } from './WorkspaceDragAndDrop';
import { WorkspaceTreeDataProvider, type ExplorerNode } from './WorkspaceTreeDataProvider';
import type { FolderNode, TreeNode, WorkspaceNode } from '../../workspace/WorkspaceTreeModel';
import type { ScheduleNode, SchedulesNode } from './scheduleNodes';

export interface ExplorerDeps {
  log: vscode.LogOutputChannel;
}

export interface Explorer {
  connection: ConnectionManager;
  files: DefinitionFileSystemProvider;
  /** The file system's parts: the saver and its pending changes. */
  saving: Files;
  tree: WorkspaceTreeDataProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  items: ItemCommands;
  dragAndDrop: WorkspaceDragAndDrop;
  /** What asks the user: VS Code's quick inputs, or a test's replacement. */
  prompter(): Prompter;
  /** Test-only: replaces the prompts of sign-in and the item commands. */
  setPrompter(prompter: Prompter | undefined): void;
  /** Test-only: the failures commands show. */
  onDidFailCommand: vscode.Event<CommandFailure>;
}

export function registerExplorer(context: vscode.ExtensionContext, deps: ExplorerDeps): Explorer {
  const { log } = deps;
  let prompter: Prompter = quickInputPrompter;
  const currentPrompter = () => prompter;
  const userAgent = `fabric-workbench/${context.extension.packageJSON.version ?? '0'}`;

  const connection = new ConnectionManager(context, log, userAgent);
  const saving = registerFiles(context, { log, connection, prompter: currentPrompter });
  const files = saving.provider;
  const model = new WorkspaceTreeModel(() => connection.client, { groupBy: settings.explorerGroupBy() });
  const tree = new WorkspaceTreeDataProvider(
    model,
    (workspaceId, item) => listItemSchedules(connection.requireClient(), workspaceId, item),
    (item) => files.itemUri(item),
  );
  const picker = new ItemPicker(
    () => connection.requireClient(),
    context.globalState,
    () => quickInputPrompter,
  );
  const items = new ItemCommands(connection, files, saving.items, currentPrompter, (workspaceId) => model.refresh(model.findWorkspace(workspaceId)), picker);
  const folders = new FolderCommands(
    () => connection.requireClient(),
    model,
    currentPrompter,
    (workspaceId) => files.placesChanged(workspaceId),
  );
  const workspaces = new WorkspaceCommands(() => connection.requireClient(), model, currentPrompter);
  const schedules = new ScheduleCommands(
    () => connection.requireClient(),
    currentPrompter,
    (node) => tree.refresh(node),
  );
  const dragAndDrop = new WorkspaceDragAndDrop(folders, log);
  const treeView = vscode.window.createTreeView('fabricWorkbench.workspaces', {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: dragAndDrop,
  });

  const showStatus = () => {
    treeView.description = connection.label;
    treeView.message = model.filter ? vscode.l10n.t('Filtered by "{0}"', model.filter) : undefined;
    void vscode.commands.executeCommand('setContext', 'fabricWorkbench.filtered', !!model.filter);
  };

  context.subscriptions.push(
    connection,
    tree,
    treeView,
    tree.track(treeView),
    connection.onDidChangeConnection(() => {
      files.refresh();
      // A workspace opened as a folder was listed empty while signed out: tell VS Code's Explorer.
      for (const folder of vscode.workspace.workspaceFolders ?? []) if (folder.uri.scheme === FABRIC_SCHEME) files.refresh(folder.uri.authority);
      model.refresh();
      showStatus();
    }),
    files.onDidChangeItems((workspaceId) => model.refresh(model.findWorkspace(workspaceId))),
    onDidChangeSettings((changed) => {
      if (changed('notebookFormat')) files.refresh();
      if (changed('explorerGroupBy')) model.setGroupBy(settings.explorerGroupBy());
      if (changed('apiBaseUrl') && connection.info && connection.info.kind !== 'emulator') void connection.restore();
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
      model.setFilter(
        await answerOf(
          prompter.input({
            title: vscode.l10n.t('Filter Workspaces and Items'),
            prompt: vscode.l10n.t('Show workspaces and items whose names contain'),
            value: model.filter,
          }),
        ),
      );
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
    registerSafeCommand('fabricWorkbench.exportToFolder', log, (subject?: NodeArgument | vscode.Uri, second?: vscode.Uri | vscode.Uri[]) =>
      items.exportToFolder(subject, second),
    ),
    // From the tree, the second argument is the view's selection of nodes, not folders to import.
    registerSafeCommand('fabricWorkbench.importFromFolder', log, (node?: NodeArgument, sources?: unknown[]) =>
      items.importFromFolder(node, sources?.length && sources.every((s) => s instanceof vscode.Uri) ? (sources as vscode.Uri[]) : undefined),
    ),
    registerSafeCommand('fabricWorkbench.createFolder', log, (node: WorkspaceNode | FolderNode) => folders.createFolder(node)),
    registerSafeCommand('fabricWorkbench.renameFolder', log, (node: FolderNode) => folders.renameFolder(node)),
    registerSafeCommand('fabricWorkbench.deleteFolder', log, (node: FolderNode) => folders.deleteFolder(node)),
    // A tree's context menu passes the node right-clicked and, with canSelectMany, the selection.
    registerSafeCommand('fabricWorkbench.moveToFolder', log, (node: TreeNode, selection?: TreeNode[]) => folders.moveToFolder(node, selection)),
    registerSafeCommand('fabricWorkbench.createWorkspace', log, () => workspaces.createWorkspace()),
    registerSafeCommand('fabricWorkbench.renameWorkspace', log, (node: WorkspaceNode) => workspaces.renameWorkspace(node)),
    registerSafeCommand('fabricWorkbench.deleteWorkspace', log, (node: WorkspaceNode) => workspaces.deleteWorkspace(node)),
    registerSafeCommand('fabricWorkbench.createSchedule', log, (node?: SchedulesNode) => schedules.create(node)),
    registerSafeCommand('fabricWorkbench.editSchedule', log, (node?: ScheduleNode) => schedules.edit(node)),
    registerSafeCommand('fabricWorkbench.enableSchedule', log, (node?: ScheduleNode) => schedules.setEnabled(node, true)),
    registerSafeCommand('fabricWorkbench.disableSchedule', log, (node?: ScheduleNode) => schedules.setEnabled(node, false)),
    registerSafeCommand('fabricWorkbench.deleteSchedule', log, (node?: ScheduleNode) => schedules.delete(node)),
  );
  // No showStatus() here: before a connection or a filter there is nothing to show (its context key is unset, so false).
  void connection.restore();

  return {
    connection,
    files,
    saving,
    tree,
    treeView,
    items,
    dragAndDrop,
    prompter: currentPrompter,
    setPrompter: (replacement) => {
      prompter = replacement ?? quickInputPrompter;
    },
    onDidFailCommand,
  };
}
