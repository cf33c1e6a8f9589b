// When a save finds the item changed in Fabric since it was opened, nothing is uploaded: the text
// is kept as a pending change (the save itself succeeds, so VS Code shows no error) and this is the
// one notification: Compare (a diff of the remote copy against the user's text), Overwrite (upload
// the user's text anyway) or Discard (drop it; the file shows the remote copy). The remote copy is
// served read-only under the `fabricwb-remote` scheme; Compare is also what a click on a pending
// change in the Source Control view opens. A copy kept is dropped once the item's pending parts
// go up or are discarded, and on Refresh, so the next Compare reads Fabric again.
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
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  /** An open remote copy's text changed (it was read again). */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly saver: DefinitionSaver,
    private readonly definitions: DefinitionCache,
    private readonly locator: ItemLocator,
    log: vscode.LogOutputChannel,
  ) {
    const conflicts = saver.onConflict((conflict) => this.onConflict(conflict));
    const changed = saver.onDidChangeParts(({ item, paths }) => paths[0] !== undefined && this.forgetRemote(this.locator.partUri(item, paths[0])));
    this.disposables = [
      this._onDidChange,
      new vscode.Disposable(() => {
        conflicts.dispose();
        changed.dispose();
      }),
      vscode.workspace.registerTextDocumentContentProvider(FABRIC_REMOTE_SCHEME, this),
      registerSafeCommand('fabricWorkbench.compareWithRemote', log, (uri: vscode.Uri) => this.compare(uri)),
      registerSafeCommand('fabricWorkbench.overwriteRemote', log, (uri: vscode.Uri) => this.overwrite(uri)),
      registerSafeCommand('fabricWorkbench.discardLocalChanges', log, (uri: vscode.Uri) => this.discard(uri)),
    ];
  }

  /** The part in the remote copy kept (read from Fabric when none is); empty when Fabric has no such part. */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { partPath } = parseFabricUri(uri);
    const content = partPath ? (await this.remote(uri))?.files.get(partPath) : undefined;
    return content ? Buffer.from(content).toString('utf8') : '';
  }

  /** A diff editor: the remote copy on the left, the editor's text on the right. */
  async compare(uri: vscode.Uri): Promise<void> {
    const remote = uri.with({ scheme: FABRIC_REMOTE_SCHEME });
    await this.remote(uri);
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
    this.forgetRemote(uri);
  }

  /** Drops the user's text (unsaved and pending) and shows the copy in Fabric. */
  async discard(uri: vscode.Uri): Promise<void> {
    const { item, partPath } = await this.requirePart(uri);
    // Unsaved text first: else an auto-save could keep it pending again while it is discarded.
    if (isDirty(uri)) await revertDocument(uri);
    await this.saver.discard(item, partPath);
    this.forgetRemote(uri);
    // The editor reads the file again now: it shows Fabric's copy when this command returns.
    await revertDocument(uri);
  }

  /** Forgets every remote copy kept: the next Compare reads Fabric again. */
  forgetRemotes(): void {
    const items = new Set(this.remotes.keys());
    this.remotes.clear();
    this.fireOpenRemotes((uri) => items.has(itemKey(uri)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The remote copy of the item `uri` belongs to: the one kept, else read from Fabric now. */
  private async remote(uri: vscode.Uri): Promise<DefinitionSnapshot | undefined> {
    const kept = this.remotes.get(itemKey(uri));
    if (kept) return kept;
    const resolved = await this.locator.resolveItem(uri.with({ scheme: FABRIC_SCHEME }));
    if (!resolved) return undefined;
    const remote = await this.definitions.fetchRemote(resolved.item);
    this.remotes.set(itemKey(uri), remote);
    return remote;
  }

  private setRemote(uri: vscode.Uri, remote: DefinitionSnapshot): void {
    this.remotes.set(itemKey(uri), remote);
    this.fireOpenRemotes((open) => itemKey(open) === itemKey(uri));
  }

  /** Forgets the remote copy of the item `uri` belongs to. */
  private forgetRemote(uri: vscode.Uri): void {
    if (this.remotes.delete(itemKey(uri))) this.fireOpenRemotes((open) => itemKey(open) === itemKey(uri));
  }

  /** Open diff editors show a remote copy's text again. */
  private fireOpenRemotes(matches: (uri: vscode.Uri) => boolean): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === FABRIC_REMOTE_SCHEME && matches(document.uri)) this._onDidChange.fire(document.uri);
    }
  }

  private async requirePart(uri: vscode.Uri): Promise<ResolvedItem & { partPath: string }> {
    const resolved = await this.locator.resolveItem(uri);
    const { partPath } = parseFabricUri(uri);
    if (!resolved || !partPath) throw new Error(vscode.l10n.t('{0} is not a file of a Fabric item.', uri.toString(true)));
    return { ...resolved, partPath };
  }

  private onConflict({ item, paths, remote }: ConflictEvent): void {
    const uris = paths.map((path) => this.locator.partUri(item, path));
    this.setRemote(uris[0]!, remote);
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
