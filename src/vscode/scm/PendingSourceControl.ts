// The "Pending changes" group of the Fabric Source Control entry: the current connection's saved
// text not in Fabric yet (staged, or kept for one of the other reasons), one resource per changed
// part. The part's item shows as its folder (`<Name>.<Type>`, the description) and in the tooltip
// with the reason; the badge counts items. A click opens Compare: Fabric's copy ↔ yours.
import * as vscode from 'vscode';
import { groupByItem, type ItemChanges } from '../../workspace/pendingGroups';
import type { ItemLocator } from '../files/DefinitionFileSystemProvider';
import type { PendingChangesView } from '../files/PendingChangesView';
import { describeReason } from '../files/PendingChangesView';
import type { FabricScmGroup, FabricSourceControl } from './FabricSourceControl';

export const PENDING_GROUP_ID = 'pending';

export class PendingSourceControl implements vscode.Disposable {
  private readonly group: FabricScmGroup;
  private readonly subscription: vscode.Disposable;

  constructor(
    scm: FabricSourceControl,
    private readonly view: Pick<PendingChangesView, 'changes' | 'onDidChange'>,
    private readonly locator: Pick<ItemLocator, 'partUri'>,
  ) {
    this.group = scm.addGroup(PENDING_GROUP_ID, vscode.l10n.t('Pending changes'));
    this.subscription = view.onDidChange(() => this.update());
    this.update();
  }

  /** The current connection's changes per item, in the order listed (and published). */
  get items(): ItemChanges[] {
    return groupByItem(this.view.changes);
  }

  /** The resources listed now. */
  get states(): readonly vscode.SourceControlResourceState[] {
    return this.group.states;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private update(): void {
    const items = this.items;
    const states = items.flatMap(({ item, parts }) =>
      parts.map((change): vscode.SourceControlResourceState => {
        const uri = this.locator.partUri(item, change.path);
        return {
          resourceUri: uri,
          // package.json's menus match `fabricWorkbench.pending.<reason>`.
          contextValue: `fabricWorkbench.pending.${change.reason.kind}`,
          decorations: { tooltip: `${item.displayName} (${item.type}): ${describeReason(change.reason)}`, faded: change.reason.kind === 'invalid' },
          command: { command: 'fabricWorkbench.compareWithRemote', title: vscode.l10n.t('Compare with the Copy in Fabric'), arguments: [uri] },
        };
      }),
    );
    this.group.set(states, items.length);
  }
}
