// When a save finds the item changed in Fabric since it was opened, nothing is uploaded: the text
// is kept as a pending change (the save itself succeeds, so VS Code shows no error) and this is the
// one notification: Compare (a diff of the remote copy against the user's text), Overwrite (upload
// the user's text anyway) or Discard (drop it; the file shows the remote copy). The remote copy is
// served read-only under the `fabricwb-remote` scheme.
import * as vscode from 'vscode';
import type { DefinitionCache, DefinitionSnapshot } from '../../workspace/DefinitionCache';
import type { ConflictEvent, DefinitionSaver } from '../../workspace/DefinitionSaver';
import { registerSafeCommand } from '../common/safeCommand';
import type { ItemLocator, ResolvedItem } from './DefinitionFileSystemProvider';
import { FABRIC_REMOTE_SCHEME, FABRIC_SCHEME, itemPathOf, parseFabricUri } from './fabricUri';

export class ConflictResolver implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** The remote copy seen by the last conflicting save, per item folder URI. */
  private readonly remotes = new Map<string, DefinitionSnapshot>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly saver: DefinitionSaver,
    private readonly definitions: DefinitionCache,
    private readonly locator: ItemLocator,
    log: vscode.LogOutputChannel,
  ) {
    const conflicts = saver.onConflict((conflict) => this.onConflict(conflict));
    this.disposables = [
      new vscode.Disposable(() => conflicts.dispose()),
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
      const resolved = await this.locator.resolveItem(uri);
      if (resolved) this.remotes.set(itemKey(uri), await this.definitions.fetchRemote(resolved.item));
    }
    const name = uri.path.split('/').pop() ?? uri.path;
    await vscode.commands.executeCommand('vscode.diff', remote, uri, vscode.l10n.t('{0} (in Fabric) ↔ (yours)', name));
  }

  /**
   * Uploads the user's text, replacing what changed in Fabric: the editor's unsaved text if it has
   * any (saved, forcing), else the item's pending text.
   */
  async overwrite(uri: vscode.Uri): Promise<void> {
    const { item, partPath } = await this.requirePart(uri);
    if (isDirty(uri)) {
      this.saver.forceNextSave(item, partPath);
      if (!(await saveDocument(uri))) throw new Error(vscode.l10n.t('The save did not complete; see the notification for why.'));
    } else {
      await this.saver.uploadNow(item, { force: true });
    }
    this.remotes.delete(itemKey(uri));
  }

  /** Drops the user's text (unsaved and pending) and shows the copy in Fabric. */
  async discard(uri: vscode.Uri): Promise<void> {
    const { item, partPath } = await this.requirePart(uri);
    // Unsaved text first: else an auto-save could keep it pending again while it is discarded.
    if (isDirty(uri)) await revertDocument(uri);
    await this.saver.discard(item, partPath);
    this.remotes.delete(itemKey(uri));
    // The editor reads the file again now: it shows Fabric's copy when this command returns.
    await revertDocument(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async requirePart(uri: vscode.Uri): Promise<ResolvedItem & { partPath: string }> {
    const resolved = await this.locator.resolveItem(uri);
    const { partPath } = parseFabricUri(uri);
    if (!resolved || !partPath) throw new Error(vscode.l10n.t('{0} is not a file of a Fabric item.', uri.toString(true)));
    return { ...resolved, partPath };
  }

  private onConflict({ item, paths, remote }: ConflictEvent): void {
    const uris = paths.map((path) => this.locator.partUri(item, path));
    this.remotes.set(itemKey(uris[0]!), remote);
    const compare = vscode.l10n.t('Compare');
    const overwrite = vscode.l10n.t('Overwrite');
    const discard = vscode.l10n.t('Discard My Changes');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('"{0}" was changed in Fabric since you opened it. Your changes are kept here, not in Fabric yet.', item.displayName),
        compare,
        overwrite,
        discard,
      )
      .then(async (choice) => {
        if (choice === compare) await vscode.commands.executeCommand('fabricWorkbench.compareWithRemote', uris[0]);
        // Overwrite uploads all the item's parts at once; Discard is per part.
        if (choice === overwrite) await vscode.commands.executeCommand('fabricWorkbench.overwriteRemote', uris[0]);
        if (choice === discard) for (const uri of uris) await vscode.commands.executeCommand('fabricWorkbench.discardLocalChanges', uri);
      });
  }
}

function isDirty(uri: vscode.Uri): boolean {
  return [...vscode.workspace.textDocuments, ...vscode.workspace.notebookDocuments].some((d) => d.isDirty && sameFile(d.uri, uri));
}

function itemKey(uri: vscode.Uri): string {
  const parts = parseFabricUri(uri);
  return `${parts.workspaceId}/${itemPathOf(parts)}`;
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

/** Reverts the file's editor, if one is open, to what the file holds now. */
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
