// Wires the `fabricwb` file system: the item index and definition cache it reads through, the
// saver and its pending changes (restored from the storage folder), the save diagnostics, the
// conflict choice, and what the user sees of pending changes (with the Source Control view's).
import * as vscode from 'vscode';
import { DefinitionCache } from '../../workspace/DefinitionCache';
import { DefinitionSaver } from '../../workspace/DefinitionSaver';
import { validatePart } from '../../workspace/partValidation';
import { PendingChanges } from '../../workspace/PendingChanges';
import { WorkspaceItemIndex } from '../../workspace/WorkspaceItemIndex';
import type { Item } from '../../fabric/types';
import type { Prompter } from '../../base/prompter';
import type { ConnectionManager } from '../connection/ConnectionManager';
import { settings } from '../common/settings';
import { registerScm, type Scm } from '../scm/registerScm';
import { ConflictResolver } from './ConflictResolver';
import { DefinitionFileSystemProvider } from './DefinitionFileSystemProvider';
import { FABRIC_SCHEME, parseFabricUri } from './fabricUri';
import { PendingChangesFile } from './PendingChangesFile';
import { PendingChangesView, SHOW_PENDING_CHANGES } from './PendingChangesView';
import { SaveDiagnostics } from './SaveDiagnostics';
import { SaveTriggers } from './SaveTriggers';

export interface FilesDeps {
  log: vscode.LogOutputChannel;
  connection: ConnectionManager;
  prompter: () => Prompter;
}

export interface Files {
  provider: DefinitionFileSystemProvider;
  items: WorkspaceItemIndex;
  saver: DefinitionSaver;
  pendingView: PendingChangesView;
  scm: Scm;
  /** Test-only: where the pending changes are stored. */
  pendingFile: vscode.Uri;
  /** Settles once the stored pending changes are restored. */
  restored: Promise<void>;
}

export function registerFiles(context: vscode.ExtensionContext, deps: FilesDeps): Files {
  const { log, connection } = deps;
  const getClient = () => connection.requireClient();
  const connectionId = () => connection.id;
  const formatFor = (item: Item) => (item.type === 'Notebook' && settings.notebookFormat() === 'ipynb' ? 'ipynb' : undefined);

  const storage = new PendingChangesFile(context.storageUri ?? context.globalStorageUri);
  const pending = new PendingChanges(storage);
  const items = new WorkspaceItemIndex(getClient);
  const definitions = new DefinitionCache(getClient, formatFor, DefinitionSaver.overlay(pending, connectionId));
  const saver = new DefinitionSaver(definitions, pending, {
    connection: connectionId,
    uploadDelayMs: settings.autoSaveUploadDelayMs,
    saveMode: settings.saveMode,
  });
  const triggers = new SaveTriggers();
  const provider = new DefinitionFileSystemProvider(getClient, items, definitions, saver, (uri) => triggers.take(uri));
  const diagnostics = new SaveDiagnostics(async (uri, content) => {
    const resolved = await provider.resolveItem(uri).catch(() => undefined);
    const { partPath } = parseFabricUri(uri);
    return resolved && partPath ? validatePart(partPath, content, resolved.item.type) : [];
  });
  const conflicts = new ConflictResolver(saver, definitions, provider, log);
  const pendingView = new PendingChangesView(saver, connection, provider, log);
  const checks = saver.onDidCheck(({ item, paths, problems }) => diagnostics.set(provider.partUri(item, paths[0]!), problems));
  // A discarded part shows Fabric's copy: the problems of the user's text are gone with it.
  const changedParts = saver.onDidChangeParts(({ item, paths }) => {
    for (const path of paths) if (!pending.get(connectionId() ?? '', item, path)) diagnostics.set(provider.partUri(item, path), []);
  });

  context.subscriptions.push(
    provider,
    triggers,
    diagnostics,
    conflicts,
    pendingView,
    new vscode.Disposable(() => {
      checks.dispose();
      changedParts.dispose();
      saver.dispose();
    }),
    vscode.workspace.registerFileSystemProvider(FABRIC_SCHEME, provider, { isCaseSensitive: true }),
    // Leaving the window ends a burst of edits: what auto-save kept waiting goes up now.
    vscode.window.onDidChangeWindowState((state) => {
      if (!state.focused) void saver.uploadWaiting();
    }),
  );

  const scm = registerScm(context, { log, saver, pendingView, conflicts, locator: provider, prompter: deps.prompter });

  const restored = saver.restore().then(
    (count) => {
      if (count === 0) return;
      log.info(`Restored ${count} saved change(s) not in Fabric yet.`);
      const show = vscode.l10n.t('Show Them');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('{0} change(s) you saved are not in Fabric yet; they were kept from your last session.', count), show)
        .then((choice) => {
          if (choice === show) void vscode.commands.executeCommand(SHOW_PENDING_CHANGES);
        });
    },
    (error: unknown) => {
      log.error(`Restoring the pending changes failed: ${String(error)}`);
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    },
  );

  return { provider, items, saver, pendingView, scm, pendingFile: storage.file, restored };
}
