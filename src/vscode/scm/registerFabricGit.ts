// Wires Fabric Git integration to the Source Control view: the manager of connected workspaces,
// the decorations of uncommitted items, the commands, and when to read a status again (a save to
// a tracked workspace, another sign-in, a workspace expanded in the Workspaces view).
import * as vscode from 'vscode';
import { describeError, maskSecrets } from '../../fabric';
import { registerSafeCommand } from '../common/safeCommand';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { Explorer } from '../explorer/registerExplorer';
import { FABRIC_SCHEME } from '../files/fabricUri';
import type { NodeArgument } from '../items/ItemCommands';
import { FabricGitCloneDiff } from './FabricGitCloneDiff';
import { FabricGitCommands } from './FabricGitCommands';
import { FabricGitDecorations } from './FabricGitDecorations';
import { FabricGitManager } from './FabricGitManager';
import type { FabricGitResource } from './FabricGitSourceControl';

export interface FabricGitDeps {
  log: vscode.LogOutputChannel;
  connection: ConnectionManager;
  explorer: Explorer;
}

/** Saves come in bursts (several parts, auto-save): one status read after they settle. */
const REFRESH_AFTER_SAVE_MS = 1000;

/** The suites' handles: the workspaces shown and the marks on their items. */
export interface FabricGit {
  manager: FabricGitManager;
  decorations: FabricGitDecorations;
}

export function registerFabricGit(context: vscode.ExtensionContext, deps: FabricGitDeps): FabricGit {
  const { log, connection, explorer } = deps;
  const manager = new FabricGitManager(() => connection.requireClient());
  const decorations = new FabricGitDecorations((workspaceId) => manager.model(workspaceId), explorer.files);
  const commands = new FabricGitCommands({
    client: () => connection.requireClient(),
    manager,
    prompter: () => explorer.prompter(),
    workspaceOf: (node, title) => explorer.items.workspaceOf(node, title),
    itemsChanged: (workspaceId) => {
      explorer.files.refresh(workspaceId);
      explorer.tree.refresh();
    },
  });
  const cloneDiff = new FabricGitCloneDiff({
    client: () => connection.requireClient(),
    manager,
    files: explorer.files,
    isEmulator: () => connection.info?.kind === 'emulator',
  });
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const refreshSoon = (workspaceId: string) => {
    if (!manager.model(workspaceId)) return;
    clearTimeout(pending.get(workspaceId));
    pending.set(
      workspaceId,
      setTimeout(() => {
        pending.delete(workspaceId);
        void manager.model(workspaceId)?.refresh();
      }, REFRESH_AFTER_SAVE_MS),
    );
  };

  context.subscriptions.push(
    manager,
    decorations,
    vscode.window.registerFileDecorationProvider(decorations),
    manager.onDidChangeModel((workspaceId) => void decorations.changed(workspaceId)),
    connection.onDidChangeConnection(() => manager.clear()),
    explorer.files.onDidChangeFile((changes) => {
      for (const { uri } of changes) if (uri.scheme === FABRIC_SCHEME) refreshSoon(uri.authority);
    }),
    // Expanding a workspace is no request to see its Git state: a failure (a Viewer's role, no
    // capacity) is only logged, never shown.
    explorer.treeView.onDidExpandElement(({ element }) => {
      if (element.kind !== 'workspace') return;
      manager.check(element.workspaceId, element.workspace.displayName).catch((error: unknown) => {
        log.warn(`Could not read the Git connection of workspace ${element.workspaceId}: ${maskSecrets(describeError(error))}`);
      });
    }),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
    registerSafeCommand('fabricWorkbench.git.connect', log, (node?: NodeArgument) => commands.connect(node)),
    registerSafeCommand('fabricWorkbench.git.disconnect', log, (sourceControl?: vscode.SourceControl) => commands.disconnect(sourceControl)),
    registerSafeCommand('fabricWorkbench.git.commit', log, (subject?: vscode.SourceControl | FabricGitResource, ...others: unknown[]) =>
      commands.commit(subject, ...others),
    ),
    registerSafeCommand('fabricWorkbench.git.updateFromGit', log, (sourceControl?: vscode.SourceControl) => commands.update(sourceControl)),
    registerSafeCommand('fabricWorkbench.git.refresh', log, (sourceControl?: vscode.SourceControl) => commands.refresh(sourceControl)),
    registerSafeCommand('fabricWorkbench.git.openChangesWithClone', log, (resource?: unknown) => cloneDiff.open(resource)),
  );
  return { manager, decorations };
}
