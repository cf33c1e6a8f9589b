// How Fabric item types read in the UI: the item-kind registry's names and codicons, localized.
import * as vscode from 'vscode';
import { itemTypeGroupName, itemTypeIconId, itemTypeName as registryName } from '../../fabric/itemKinds';

export function itemTypeIcon(type: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(itemTypeIconId(type));
}

/** The name of one item of the type: "Data pipeline". */
export function itemTypeName(type: string): string {
  return vscode.l10n.t(registryName(type));
}

/** The label of the tree's group of the type: "Data pipelines". */
export function itemTypeGroupLabel(type: string): string {
  return vscode.l10n.t(itemTypeGroupName(type));
}
