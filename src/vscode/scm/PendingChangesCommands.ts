// The Source Control view's actions on pending changes. Publish (all, or the items of the selected
// parts) goes item by item under one progress notification with Cancel (publishItems); a conflict
// gets the usual Compare / Overwrite / Discard notification (ConflictResolver) and the other items
// still go; what did not go stays pending with its reason, and one notification lists it. Discard
// (the selected parts, their items, or everything) asks first, then drops the text as the
// conflict's Discard does. Refresh reads the pending items' copies in Fabric again.
import * as vscode from 'vscode';
import type { Prompter } from '../../base/prompter';
import type { DefinitionSaver } from '../../workspace/DefinitionSaver';
import type { PendingChange } from '../../workspace/PendingChanges';
import { itemKey, type ItemChanges } from '../../workspace/pendingGroups';
import { publishItems, type PublishReport } from '../../workspace/publishItems';
import { registerSafeCommand } from '../common/safeCommand';
import type { ConflictResolver } from '../files/ConflictResolver';
import type { ItemLocator } from '../files/DefinitionFileSystemProvider';
import { FABRIC_SCHEME } from '../files/fabricUri';
import type { PendingSourceControl } from './PendingSourceControl';

export const PUBLISH_PENDING = 'fabricWorkbench.publishPendingChanges';
export const DISCARD_PENDING_PART = 'fabricWorkbench.discardPendingChange';
export const DISCARD_PENDING_ITEM = 'fabricWorkbench.discardPendingItem';
export const DISCARD_ALL_PENDING = 'fabricWorkbench.discardAllPendingChanges';
export const REFRESH_PENDING = 'fabricWorkbench.refreshPendingChanges';

export class PendingChangesCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly source: Pick<PendingSourceControl, 'items'>,
    private readonly saver: DefinitionSaver,
    private readonly conflicts: Pick<ConflictResolver, 'discard' | 'forgetRemotes'>,
    private readonly locator: ItemLocator,
    private readonly prompter: () => Prompter,
    log: vscode.LogOutputChannel,
  ) {
    this.disposables = [
      registerSafeCommand(PUBLISH_PENDING, log, (...args: unknown[]) => this.publish(this.selectedItems(args))),
      registerSafeCommand(DISCARD_PENDING_PART, log, (...args: unknown[]) => this.discardParts(this.selectedParts(args))),
      registerSafeCommand(DISCARD_PENDING_ITEM, log, (...args: unknown[]) => this.discardItems(this.selectedItems(args))),
      registerSafeCommand(DISCARD_ALL_PENDING, log, () => this.discardItems(this.source.items)),
      registerSafeCommand(REFRESH_PENDING, log, () => this.refresh()),
    ];
  }

  /** Publishes the items one by one; returns what became of each. */
  async publish(items: ItemChanges[]): Promise<PublishReport | undefined> {
    if (!items.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to publish: every change you saved is in Fabric.'));
      return undefined;
    }
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Publishing to Fabric'), cancellable: true },
      (progress, token) =>
        publishItems(
          this.saver,
          items.map((i) => i.item),
          {
            cancelled: () => token.isCancellationRequested,
            onItem: (item, index, total) =>
              progress.report({ message: vscode.l10n.t('{0} ({1} of {2})', item.displayName, index + 1, total), increment: index ? 100 / total : 0 }),
          },
        ),
    );
    this.tell(report);
    return report;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** One notification for what was not published (conflicts have their own, with the choice). */
  private tell({ outcomes, notStarted }: PublishReport): void {
    const published = outcomes.filter((o) => o.outcome.kind === 'uploaded').length;
    const reasons = outcomes.flatMap(({ item, outcome }) => {
      if (outcome.kind === 'failed') return [vscode.l10n.t('"{0}": {1}', item.displayName, outcome.message)];
      if (outcome.kind === 'invalid') return [vscode.l10n.t('"{0}": {1} in {2}; fix it and save again', item.displayName, outcome.problem, outcome.path)];
      return [];
    });
    if (notStarted.length) reasons.push(vscode.l10n.t('{0} item(s) not reached: publishing was cancelled', notStarted.length));
    if (!reasons.length) {
      if (published) vscode.window.setStatusBarMessage(vscode.l10n.t('Published {0} item(s) to Fabric.', published), 5000);
      return;
    }
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Published {0} of {1} item(s). Still pending: {2}.', published, outcomes.length + notStarted.length, reasons.join('; ')),
    );
  }

  private async discardParts(parts: PendingChange[]): Promise<void> {
    if (!parts.length) return;
    const message =
      parts.length === 1
        ? vscode.l10n.t('Discard your changes to {0}?', `${parts[0]!.item.displayName}.${parts[0]!.item.type}/${parts[0]!.path}`)
        : vscode.l10n.t('Discard your changes to {0} files?', parts.length);
    await this.confirmDiscard(message);
    for (const part of parts) await this.conflicts.discard(this.locator.partUri(part.item, part.path));
  }

  private async discardItems(items: ItemChanges[]): Promise<void> {
    if (!items.length) return;
    const parts = items.flatMap((i) => i.parts);
    const message =
      items.length === 1
        ? vscode.l10n.t('Discard your changes to "{0}" ({1} file(s))?', items[0]!.item.displayName, parts.length)
        : vscode.l10n.t('Discard your changes to {0} items ({1} files)?', items.length, parts.length);
    await this.confirmDiscard(message);
    for (const part of parts) await this.conflicts.discard(this.locator.partUri(part.item, part.path));
  }

  private async confirmDiscard(message: string): Promise<void> {
    const discard = vscode.l10n.t('Discard');
    // Cancel (or closing the dialog) rejects with UserCancelled: nothing is discarded.
    await this.prompter().confirm(message, { modal: true, detail: vscode.l10n.t("Your text is lost; Fabric's copy stays as it is.") }, discard);
  }

  /** Reads the pending items' copies in Fabric again: those changed there since show as conflicts. */
  private async refresh(): Promise<void> {
    this.conflicts.forgetRemotes();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.SourceControl }, async () => {
      for (const { parts } of this.source.items) {
        const resolved = await this.locator.resolveItem(this.locator.partUri(parts[0]!.item, parts[0]!.path));
        if (resolved) await this.saver.recheck(resolved.item);
      }
    });
  }

  /** The parts named by the arguments (resource states, or URIs), as listed. */
  private selectedParts(args: unknown[]): PendingChange[] {
    const uris = new Set(
      args
        .flat()
        .flatMap(uriOf)
        .map((u) => u.toString()),
    );
    return this.source.items.flatMap((i) => i.parts).filter((c) => uris.has(this.locator.partUri(c.item, c.path).toString()));
  }

  /** The items of the parts the arguments name; every item when they name none (a title or group action). */
  private selectedItems(args: unknown[]): ItemChanges[] {
    const chosen = new Set(this.selectedParts(args).map((c) => itemKey(c.item)));
    const items = this.source.items;
    return args.flat().some((a) => uriOf(a).length) ? items.filter((i) => chosen.has(itemKey(i.item))) : items;
  }
}

/** A resource state's (or a URI's) `fabricwb` URI; VS Code passes each selected resource state as an argument. */
function uriOf(arg: unknown): vscode.Uri[] {
  const uri = arg instanceof vscode.Uri ? arg : (arg as Partial<vscode.SourceControlResourceState> | undefined)?.resourceUri;
  return uri instanceof vscode.Uri && uri.scheme === FABRIC_SCHEME ? [uri] : [];
}
