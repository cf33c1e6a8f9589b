// When a save finds the item changed in Fabric since it was opened, nothing is uploaded and the
// user chooses: Compare (a diff of the remote copy against the editor), Overwrite (save again,
// forcing) or Discard (revert the editor to the remote copy). The remote copy is served read-only
// under the `fabricwb-remote` scheme.
import * as vscode from 'vscode';
import type { DefinitionConflictError, DefinitionSnapshot } from '../../explorer/DefinitionCache';
import { registerSafeCommand } from '../common/safeCommand';
import type { DefinitionFileSystemProvider } from './DefinitionFileSystemProvider';
import { FABRIC_REMOTE_SCHEME, FABRIC_SCHEME, parseFabricUri } from './fabricUri';

export class ConflictResolver implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** The remote copy seen by the last conflicting save, per item folder URI. */
  private readonly remotes = new Map<string, DefinitionSnapshot>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly files: DefinitionFileSystemProvider, log: vscode.LogOutputChannel) {
    files.onConflict = (uri, conflict) => this.onConflict(uri, conflict);
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(FABRIC_REMOTE_SCHEME, this),
      registerSafeCommand('fabricWorkbench.compareWithRemote', log, (uri: vscode.Uri) => this.compare(uri)),
      registerSafeCommand('fabricWorkbench.overwriteRemote', log, (uri: vscode.Uri) => this.overwrite(uri)),
      registerSafeCommand('fabricWorkbench.discardLocalChanges', log, (uri: vscode.Uri) => this.discard(uri)),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const { partPath } = parseFabricUri(uri);
    const content = partPath ? this.remotes.get(itemKey(uri))?.files.get(partPath) : undefined;
    return content ? Buffer.from(content).toString('utf8') : '';
  }

  /** A diff editor: the remote copy on the left, the editor's text on the right. */
  async compare(uri: vscode.Uri): Promise<void> {
    const remote = uri.with({ scheme: FABRIC_REMOTE_SCHEME });
    if (!this.remotes.has(itemKey(uri))) {
      const resolved = await this.files.resolveItem(uri);
      if (resolved) this.remotes.set(itemKey(uri), await this.files.definitions.fetchRemote(resolved.item));
    }
    const name = uri.path.split('/').pop() ?? uri.path;
    await vscode.commands.executeCommand('vscode.diff', remote, uri, vscode.l10n.t('{0} (in Fabric) ↔ (yours)', name));
  }

  /** Saves the editor's text again, replacing what changed in Fabric. */
  async overwrite(uri: vscode.Uri): Promise<void> {
    this.files.forceNextSave(uri);
    const saved = await saveDocument(uri);
    if (!saved) throw new Error(vscode.l10n.t('The save did not complete; see the notification for why.'));
    this.remotes.delete(itemKey(uri));
  }

  /** Drops the editor's changes and shows the copy in Fabric. */
  async discard(uri: vscode.Uri): Promise<void> {
    await this.files.discardLocal(uri);
    this.remotes.delete(itemKey(uri));
    await revertDocument(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private onConflict(uri: vscode.Uri, conflict: DefinitionConflictError): void {
    this.remotes.set(itemKey(uri), conflict.remote);
    const compare = vscode.l10n.t('Compare');
    const overwrite = vscode.l10n.t('Overwrite');
    const discard = vscode.l10n.t('Discard My Changes');
    void vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" was changed in Fabric since you opened it. Your changes are not saved yet.', conflict.item.displayName),
      compare, overwrite, discard,
    ).then(async (choice) => {
      const command = choice === compare ? 'compareWithRemote' : choice === overwrite ? 'overwriteRemote' : choice === discard ? 'discardLocalChanges' : undefined;
      if (command) await vscode.commands.executeCommand(`fabricWorkbench.${command}`, uri);
    });
  }
}

function itemKey(uri: vscode.Uri): string {
  const { workspaceId, itemFolder } = parseFabricUri(uri);
  return `${workspaceId}/${itemFolder}`;
}

function sameFile(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.with({ scheme: FABRIC_SCHEME }).toString() === b.with({ scheme: FABRIC_SCHEME }).toString();
}

async function saveDocument(uri: vscode.Uri): Promise<boolean> {
  const notebook = vscode.workspace.notebookDocuments.find((d) => sameFile(d.uri, uri));
  if (notebook) return notebook.save();
  const document = vscode.workspace.textDocuments.find((d) => sameFile(d.uri, uri)) ?? (await vscode.workspace.openTextDocument(uri));
  return document.save();
}

async function revertDocument(uri: vscode.Uri): Promise<void> {
  const notebook = vscode.workspace.notebookDocuments.find((d) => sameFile(d.uri, uri));
  if (notebook) await vscode.window.showNotebookDocument(notebook);
  else {
    const document = vscode.workspace.textDocuments.find((d) => sameFile(d.uri, uri));
    if (!document) return;
    await vscode.window.showTextDocument(document);
    // The revert command acts on the active editor. When the Compare diff is the file's only
    // editor, `showTextDocument` reveals the diff, and reverting the diff leaves the file dirty:
    // then open the file in a text editor of its own.
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (active instanceof vscode.TabInputTextDiff && sameFile(active.modified, uri)) {
      await vscode.commands.executeCommand('vscode.openWith', document.uri, 'default', { preview: false });
    }
  }
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
