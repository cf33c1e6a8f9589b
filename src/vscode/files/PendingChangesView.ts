// What the user sees of the pending changes (saved text not in Fabric yet) of the current
// connection: a badge and a tooltip on each such file saying why, a status-bar count of the items
// that have some, and "Show Pending Changes" (the status bar's click): a list of them with Open,
// Compare, Upload Now and Discard. A background upload that fails says so once.
import * as vscode from 'vscode';
import type { DefinitionSaver } from '../../workspace/DefinitionSaver';
import type { PendingChange, PendingReason } from '../../workspace/PendingChanges';
import { answerOf, type Prompter } from '../../base/prompter';
import { registerSafeCommand } from '../common/safeCommand';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { ItemLocator } from './DefinitionFileSystemProvider';
import { fabricUri, FABRIC_SCHEME, itemPathOf, parseFabricUri } from './fabricUri';

export const SHOW_PENDING_CHANGES = 'fabricWorkbench.showPendingChanges';

/** Why a file is not in Fabric yet, in a few words. */
export function describeReason(reason: PendingReason): string {
  switch (reason.kind) {
    case 'invalid':
      return vscode.l10n.t('Not in Fabric yet: {0}', reason.problem);
    case 'failed':
      return vscode.l10n.t('Not in Fabric yet: {0}', reason.message);
    case 'conflict':
      return vscode.l10n.t('Changed in Fabric too: compare or overwrite');
    case 'waiting':
      return vscode.l10n.t('Uploading shortly');
  }
}

export class PendingChangesView implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly _onDidChangeFileDecorations = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this._onDidChangeFileDecorations.event;
  private readonly statusBar = vscode.window.createStatusBarItem('fabricWorkbench.pendingChanges', vscode.StatusBarAlignment.Left, 9);
  private readonly disposables: vscode.Disposable[];
  /** The files decorated now, so those no longer pending lose their badge. */
  private decorated: vscode.Uri[] = [];

  constructor(
    private readonly saver: DefinitionSaver,
    private readonly connection: ConnectionManager,
    private readonly prompter: () => Prompter,
    private readonly locator: ItemLocator,
    log: vscode.LogOutputChannel,
  ) {
    this.statusBar.name = vscode.l10n.t('Fabric Changes Not Uploaded');
    this.statusBar.command = SHOW_PENDING_CHANGES;
    const changes = saver.pending.onDidChange(() => this.update());
    const failures = saver.onDidFailUpload(({ item, message }) => {
      log.warn(`Upload of "${item.displayName}" failed; its changes stay pending: ${message}`);
      const show = vscode.l10n.t('Show Pending Changes');
      void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" is not in Fabric yet: {1}', item.displayName, message), show).then((choice) => {
        if (choice === show) void vscode.commands.executeCommand(SHOW_PENDING_CHANGES);
      });
    });
    this.disposables = [
      vscode.window.registerFileDecorationProvider(this),
      connection.onDidChangeConnection(() => this.update()),
      new vscode.Disposable(() => {
        changes.dispose();
        failures.dispose();
      }),
      registerSafeCommand(SHOW_PENDING_CHANGES, log, () => this.show()),
      registerSafeCommand('fabricWorkbench.uploadPendingChanges', log, (uri: vscode.Uri) => this.upload(uri)),
    ];
    this.update();
  }

  /** The current connection's pending changes, oldest first. */
  get changes(): PendingChange[] {
    const current = this.connection.id;
    return current === undefined ? [] : this.saver.pending.list(current);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== FABRIC_SCHEME) return undefined;
    const change = this.changes.find((c) => this.locator.partUri(c.item, c.path).toString() === uri.toString());
    if (!change) return undefined;
    const { kind } = change.reason;
    const decoration = new vscode.FileDecoration(
      kind === 'waiting' ? '↑' : kind === 'conflict' ? '≠' : '!',
      describeReason(change.reason),
      kind === 'waiting' ? undefined : new vscode.ThemeColor(kind === 'conflict' ? 'list.warningForeground' : 'list.errorForeground'),
    );
    decoration.propagate = true;
    return decoration;
  }

  /** The pending changes in a list; the chosen one is opened, compared, uploaded or discarded. */
  async show(): Promise<void> {
    const changes = this.changes;
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every change you saved is in Fabric.'));
      return;
    }
    const chosen = await answerOf(
      this.prompter().pick({
        title: vscode.l10n.t('Changes Not in Fabric Yet'),
        placeholder: vscode.l10n.t('Choose a file'),
        items: changes.map((change) => ({
          label: `$(file) ${change.item.displayName}.${change.item.type}/${change.path}`,
          description: describeReason(change.reason),
          value: change,
        })),
      }),
    );
    // Its workspace may not be listed yet in this session: ask where the item is now.
    const uri = vscode.Uri.joinPath(await this.locator.itemUri(chosen.item), chosen.path);
    const actions = [
      { label: vscode.l10n.t('Open'), command: 'vscode.open' },
      { label: vscode.l10n.t('Compare with the Copy in Fabric'), command: 'fabricWorkbench.compareWithRemote' },
      ...(chosen.reason.kind === 'invalid' ? [] : [{ label: vscode.l10n.t('Upload Now'), command: 'fabricWorkbench.uploadPendingChanges' }]),
      { label: vscode.l10n.t('Discard My Changes'), command: 'fabricWorkbench.discardLocalChanges' },
    ];
    const command = await answerOf(
      this.prompter().pick({
        title: uri.path.slice(1),
        placeholder: describeReason(chosen.reason),
        items: actions.map(({ label, command }) => ({ label, value: command })),
      }),
    );
    await vscode.commands.executeCommand(command, uri);
  }

  /** Uploads the pending parts of the file's item now (a conflict still asks). */
  async upload(uri: vscode.Uri): Promise<void> {
    const resolved = await this.locator.resolveItem(uri);
    if (!resolved) throw new Error(vscode.l10n.t('{0} is not a file of a Fabric item.', uri.toString(true)));
    await this.saver.uploadNow(resolved.item);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.statusBar.dispose();
    this._onDidChangeFileDecorations.dispose();
  }

  private update(): void {
    const changes = this.changes;
    const uris = changes.map((c) => this.locator.partUri(c.item, c.path));
    this._onDidChangeFileDecorations.fire([...this.decorated, ...uris, ...uris.map(itemFolderOf)]);
    this.decorated = [...uris, ...uris.map(itemFolderOf)];
    const items = new Set(changes.map((c) => `${c.item.workspaceId}/${c.item.id}`)).size;
    if (items === 0) {
      this.statusBar.hide();
      return;
    }
    this.statusBar.text = `$(cloud-upload) ${items}`;
    this.statusBar.tooltip = vscode.l10n.t('{0} Fabric item(s) with saved changes not in Fabric yet. Click to see them.', items);
    this.statusBar.show();
  }
}

function itemFolderOf(uri: vscode.Uri): vscode.Uri {
  const parts = parseFabricUri(uri);
  return fabricUri(parts.workspaceId, itemPathOf(parts));
}
