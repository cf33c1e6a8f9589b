// Keeps a quick pick on the item the user chose while pages of items land.
//
// VS Code's quick pick moves its active item to the first one whenever `items` change (the
// workbench's QuickPick.update calls trySelectFirst; `keepScrollPosition` keeps only the scroll
// offset, and the API has no way to say "keep the active item"), so each page must name the active
// item again. But what this extension host knows of the active item lags behind the workbench: a
// key press may be on its way here while a page goes there, and the page then puts the workbench
// back on the item the user left (Enter picked "Alpha" after the user moved to "Gamma").
//
// So each change of ours is recorded with the reports it makes the workbench send back (the first
// item, which `items` moves to, then the item we name); any other report is the user's move. A move
// that arrives while a change of ours is unconfirmed may have been undone by it: it is made again,
// and until the workbench has confirmed every change of ours, Enter takes the user's move rather
// than the workbench's selection. While a filter is typed a page names no item: the workbench shows
// the first match, as it does whenever the filter changes, and reports it as a move.
import * as vscode from 'vscode';

export interface ValueItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** The reports a change of ours will cause: maybe `first` (after new items), then `active`. */
interface Change<T> {
  first: T | undefined;
  active: T;
}

export class ActiveItemKeeper<T> implements vscode.Disposable {
  private readonly unconfirmed: Change<T>[] = [];
  private readonly subscription: vscode.Disposable;

  /** `choice` is the value of the item the user is on, as far as this host knows. */
  constructor(
    private readonly pick: vscode.QuickPick<ValueItem<T>>,
    private choice: T | undefined,
  ) {
    this.subscription = pick.onDidChangeActive(([item]) => this.reported(item?.value));
  }

  /** Shows `items` in place of the pick's, keeping the user on the item they chose. */
  setItems(items: readonly ValueItem<T>[]): void {
    this.pick.items = items;
    if (this.pick.value) return;
    const active = items.find((i) => i.value === this.choice) ?? items[0];
    if (!active) return;
    this.choice = active.value;
    this.pick.activeItems = [active];
    this.unconfirmed.push({ first: items[0]?.value, active: active.value });
  }

  /** The item Enter picked: the user's move while a change of ours may still be undoing it, else the workbench's selection. */
  accepted(): ValueItem<T> | undefined {
    const moved = this.unconfirmed.length ? this.pick.items.find((i) => i.value === this.choice) : undefined;
    return moved ?? this.pick.selectedItems[0];
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private reported(value: T | undefined): void {
    const confirmed = this.unconfirmed.findIndex((c) => c.active === value);
    if (confirmed >= 0) {
      // The last report of that change; the changes before it were reported before it.
      this.unconfirmed.splice(0, confirmed + 1);
      return;
    }
    if (this.unconfirmed[0] && this.unconfirmed[0].first === value) return;
    this.choice = value;
    if (!this.unconfirmed.length || value === undefined) return;
    // Made before the workbench took our change, which put it back: make it again.
    const item = this.pick.items.find((i) => i.value === value);
    if (!item) return;
    this.pick.activeItems = [item];
    this.unconfirmed.push({ first: undefined, active: value });
  }
}
