// The `fabricwb` URIs of src/workspace/fabricUri.ts as `vscode.Uri`s, for the VS Code layer.
import * as vscode from 'vscode';
import { fabricUri as fabricUriOf } from '../../workspace/fabricUri';
import { itemFolderName } from '../../fabric/definition';
import type { Item } from '../../fabric/types';

export { FABRIC_REMOTE_SCHEME, FABRIC_SCHEME, parseFabricUri, type FabricUriParts } from '../../workspace/fabricUri';

export function fabricUri(...args: Parameters<typeof fabricUriOf>): vscode.Uri {
  return vscode.Uri.from(fabricUriOf(...args));
}

/** The URI of an item's part. */
export function partUri(item: Pick<Item, 'workspaceId' | 'displayName' | 'type'>, partPath: string): vscode.Uri {
  return fabricUri(item.workspaceId, itemFolderName(item.displayName, item.type), partPath);
}
