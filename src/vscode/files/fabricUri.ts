// `fabricwb://<workspaceId>/<DisplayName>.<Type>/<part path>`: Fabric's Git layout under a
// workspace. `fabricwb-remote` URIs have the same shape and show the remote copy after a conflict.
import * as vscode from 'vscode';
import { itemFolderName } from '../../fabric/definition';
import type { Item } from '../../fabric/types';

export const FABRIC_SCHEME = 'fabricwb';
export const FABRIC_REMOTE_SCHEME = 'fabricwb-remote';

export interface FabricUriParts {
  workspaceId: string;
  itemFolder?: string;
  partPath?: string;
}

export function parseFabricUri(uri: vscode.Uri): FabricUriParts {
  const segments = uri.path.split('/').filter(Boolean);
  const [itemFolder, ...part] = segments;
  return { workspaceId: uri.authority, itemFolder, partPath: part.length ? part.join('/') : undefined };
}

export function fabricUri(workspaceId: string, itemFolder?: string, partPath?: string, scheme = FABRIC_SCHEME): vscode.Uri {
  const path = ['', itemFolder, partPath].filter((s) => s !== undefined).join('/');
  return vscode.Uri.from({ scheme, authority: workspaceId, path: path || '/' });
}

/** The URI of an item's part. */
export function partUri(item: Pick<Item, 'workspaceId' | 'displayName' | 'type'>, partPath: string): vscode.Uri {
  return fabricUri(item.workspaceId, itemFolderName(item.displayName, item.type), partPath);
}
