// What the user sees of the pending changes (saved text not in Fabric yet) of the current
// connection: a badge and a tooltip on each such file saying why, a status-bar count of the items
// that have some, and "Show Pending Changes" (the status bar's click), which reveals them in the
// Source Control view (src/vscode/scm), where they are compared, published and discarded. A
// background upload that fails says so once.
import * as vscode from 'vscode';
import type { DefinitionSaver } from '../../workspace/DefinitionSaver';
import type { PendingChange, PendingReason } from '../../workspace/PendingChanges';
import { itemKey } from '../../workspace/pendingGroups';
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
    case 'staged':
      return vscode.l10n.t('Staged: not in Fabric until you publish it');
  }
}

export class PendingChangesView implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly _onDidChangeFileDecorations = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this._onDidChangeFileDecorations.event;
  private readonly statusBar = vscode.window.createStatusBarItem('fabricWorkbench.pendingChanges', vscode.StatusBarAlignment.Left, 9);
  private readonly disposables: vscode.Disposable[];
  /** The files decorated now, so those no longer pending lose their badge. */
  private decorated: vscode.Uri[] = [];
  private readonly updated = new vscode.EventEmitter<void>();
  /** `changes` may differ: a change was stored, uploaded or discarded, or the connection changed. */
  readonly onDidChange = this.updated.event;

  constructor(
    private readonly saver: DefinitionSaver,
    private readonly connection: ConnectionManager,
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
    const decoration = new vscode.FileDecoration(...BADGES[change.reason.kind], describeReason(change.reason));
    decoration.color = COLORS[change.reason.kind];
    decoration.propagate = true;
    return decoration;
  }

  /** Reveals the pending changes in the Source Control view (or says there are none). */
  async show(): Promise<void> {
    if (this.changes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every change you saved is in Fabric.'));
      return;
    }
    await vscode.commands.executeCommand('workbench.view.scm');
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.statusBar.dispose();
    this._onDidChangeFileDecorations.dispose();
    this.updated.dispose();
  }

  private update(): void {
    const changes = this.changes;
    const uris = changes.map((c) => this.locator.partUri(c.item, c.path));
    this._onDidChangeFileDecorations.fire([...this.decorated, ...uris, ...uris.map(itemFolderOf)]);
    this.decorated = [...uris, ...uris.map(itemFolderOf)];
    this.updated.fire();
    const items = new Set(changes.map((c) => itemKey(c.item))).size;
    if (items === 0) {
      this.statusBar.hide();
      return;
    }
    this.statusBar.text = `$(cloud-upload) ${items}`;
    this.statusBar.tooltip = vscode.l10n.t('{0} Fabric item(s) with saved changes not in Fabric yet. Click to see them.', items);
    this.statusBar.show();
  }
}

/** The badge of a pending file: a letter (`M` as for any modified file when staged) and its colour. */
const BADGES: Record<PendingReason['kind'], string> = { staged: 'M', waiting: '↑', conflict: '≠', invalid: '!', failed: '!' };
const COLORS: Record<PendingReason['kind'], vscode.ThemeColor | undefined> = {
  staged: new vscode.ThemeColor('gitDecoration.modifiedResourceForeground'),
  waiting: undefined,
  conflict: new vscode.ThemeColor('list.warningForeground'),
  invalid: new vscode.ThemeColor('list.errorForeground'),
  failed: new vscode.ThemeColor('list.errorForeground'),
};

function itemFolderOf(uri: vscode.Uri): vscode.Uri {
  const parts = parseFabricUri(uri);
  return fabricUri(parts.workspaceId, itemPathOf(parts));
}
