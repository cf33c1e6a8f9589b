// The one "Fabric" entry of VS Code's Source Control view. Each feature adds its resource groups
// through `addGroup` (pending changes here; a Git-connected workspace's groups can be added the
// same way) and sets their resources; the entry is created the first time a group has something
// to show, so a window that never uses it keeps its Source Control view as it was. Its count (the
// view's badge) is the sum of what the groups count.
import * as vscode from 'vscode';

export const FABRIC_SCM_ID = 'fabricWorkbench';

export interface FabricScmGroup {
  readonly id: string;
  /** Replaces the group's resources; `count` is what it adds to the badge (e.g. items, not parts). */
  set(states: vscode.SourceControlResourceState[], count: number): void;
  /** The resources shown now. */
  readonly states: readonly vscode.SourceControlResourceState[];
}

interface GroupState {
  label: string;
  states: vscode.SourceControlResourceState[];
  count: number;
  group?: vscode.SourceControlResourceGroup;
}

export class FabricSourceControl implements vscode.Disposable {
  private sourceControl: vscode.SourceControl | undefined;
  private readonly groups = new Map<string, GroupState>();

  /** A group, listed in the order groups were added; hidden while empty. */
  addGroup(id: string, label: string): FabricScmGroup {
    if (this.groups.has(id)) throw new Error(`The Source Control group ${id} exists already.`);
    const state: GroupState = { label, states: [], count: 0 };
    this.groups.set(id, state);
    if (this.sourceControl) this.createGroup(this.sourceControl, id, state);
    return {
      id,
      set: (states, count) => {
        state.states = states;
        state.count = count;
        if (states.length) this.ensureCreated();
        if (state.group) state.group.resourceStates = states;
        if (this.sourceControl) this.sourceControl.count = [...this.groups.values()].reduce((sum, g) => sum + g.count, 0);
      },
      get states() {
        return state.states;
      },
    };
  }

  dispose(): void {
    this.sourceControl?.dispose();
  }

  private ensureCreated(): void {
    if (this.sourceControl) return;
    this.sourceControl = vscode.scm.createSourceControl(FABRIC_SCM_ID, vscode.l10n.t('Fabric'));
    // No commit message to type for pending changes; a feature that needs the box shows it.
    this.sourceControl.inputBox.visible = false;
    for (const [id, state] of this.groups) this.createGroup(this.sourceControl, id, state);
  }

  private createGroup(sourceControl: vscode.SourceControl, id: string, state: GroupState): void {
    state.group = sourceControl.createResourceGroup(id, state.label);
    state.group.hideWhenEmpty = true;
    state.group.resourceStates = state.states;
  }
}
