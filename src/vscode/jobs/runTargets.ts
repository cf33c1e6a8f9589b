// Which item a run command is about: the tree node it was invoked on, the open definition file
// (editor title) or notebook (notebook toolbar), or else the user's pick.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import type { Item } from '../../fabric/types';
import { FABRIC_SCHEME } from '../../workspace/fabricUri';
import type { ItemPicker } from '../items/ItemPicker';
import type { RunTarget } from './JobMonitor';

export interface ItemResolver {
  resolveItem(uri: vscode.Uri): Promise<{ workspaceId: string; item: Item } | undefined>;
}

export async function resolveRunTarget(
  arg: unknown,
  client: FabricClient,
  picker: ItemPicker,
  files: ItemResolver | undefined,
  title: string,
  types: readonly string[],
): Promise<RunTarget> {
  const target = (await fromArgument(arg, files)) ?? (await picker.item(title, types));
  if (!types.some((t) => t.toLowerCase() === target.item.type.toLowerCase())) {
    throw new Error(vscode.l10n.t('{0} is a {1}; this command runs {2} items.', target.item.displayName, target.item.type, types.join(' or ')));
  }
  if (!target.workspaceName) {
    target.workspaceName = await client.getWorkspace(target.workspaceId).then(
      (w) => w.displayName,
      () => undefined,
    );
  }
  await picker.rememberUse(target.workspaceId, target.item.id);
  return target;
}

async function fromArgument(arg: unknown, files: ItemResolver | undefined): Promise<RunTarget | undefined> {
  const node = arg as { workspaceId?: unknown; item?: Item } | undefined;
  if (node && typeof node.workspaceId === 'string' && node.item?.id) return { workspaceId: node.workspaceId, item: node.item };
  const uri = arg instanceof vscode.Uri ? arg : (arg as { notebookEditor?: { notebookUri?: vscode.Uri } } | undefined)?.notebookEditor?.notebookUri;
  if (!uri) return undefined;
  if (!files || uri.scheme !== FABRIC_SCHEME) {
    throw new Error(vscode.l10n.t('{0} is not a file of a Fabric item; open the item from the Fabric Workspaces view.', uri.toString(true)));
  }
  const resolved = await files.resolveItem(uri);
  if (!resolved) throw new Error(vscode.l10n.t('No Fabric item holds {0} any more; refresh the Workspaces view.', uri.path));
  return resolved;
}
