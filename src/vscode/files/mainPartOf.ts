// The part an item opens on (its kind's main part, else any but `.platform`), read from its folder
// in the file system: Open Item Definition and Open Changes with Local Clone open the same file.
import * as vscode from 'vscode';
import { mainPart } from '../../fabric/itemKinds';
import type { PendingItem } from '../../workspace/PendingChanges';
import type { ItemLocator } from './DefinitionFileSystemProvider';

/** The item's folder and its main part's name; fails, naming the item, when it has no definition files. */
export async function mainPartOf(files: ItemLocator, item: PendingItem): Promise<{ folder: vscode.Uri; main: string }> {
  const folder = await files.itemUri(item);
  const names = (await vscode.workspace.fs.readDirectory(folder)).filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
  const main = mainPart(item.type, names);
  if (!main) throw new Error(vscode.l10n.t('"{0}" has no definition files.', item.displayName));
  return { folder, main };
}
