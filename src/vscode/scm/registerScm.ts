// Wires the Fabric entry of the Source Control view: its pending-changes group and their actions.
import * as vscode from 'vscode';
import type { Prompter } from '../../base/prompter';
import type { DefinitionSaver } from '../../workspace/DefinitionSaver';
import type { ConflictResolver } from '../files/ConflictResolver';
import type { ItemLocator } from '../files/DefinitionFileSystemProvider';
import type { PendingChangesView } from '../files/PendingChangesView';
import { FabricSourceControl } from './FabricSourceControl';
import { PendingChangesCommands } from './PendingChangesCommands';
import { PendingSourceControl } from './PendingSourceControl';

export interface ScmDeps {
  log: vscode.LogOutputChannel;
  saver: DefinitionSaver;
  pendingView: PendingChangesView;
  conflicts: ConflictResolver;
  /** The file system: where an item's files are (its folder path). */
  locator: ItemLocator;
  prompter: () => Prompter;
}

export interface Scm {
  /** Where other features add their groups. */
  sourceControl: FabricSourceControl;
  pending: PendingSourceControl;
}

export function registerScm(context: vscode.ExtensionContext, deps: ScmDeps): Scm {
  const sourceControl = new FabricSourceControl();
  const pending = new PendingSourceControl(sourceControl, deps.pendingView, deps.locator);
  const commands = new PendingChangesCommands(pending, deps.saver, deps.conflicts, deps.locator, deps.prompter, deps.log);
  context.subscriptions.push(sourceControl, pending, commands);
  return { sourceControl, pending };
}
