// `fabricwb://<workspaceId>/<DisplayName>.<Type>/<part path>`: Fabric's Git layout under a
// workspace. `fabricwb-remote` URIs have the same shape and show the remote copy after a conflict.
// Built with vscode-uri, VS Code's own URI implementation, so these URIs print and parse as VS
// Code's do and the VS Code layer turns one into a `vscode.Uri` with `vscode.Uri.from(uri)`.
import { URI } from 'vscode-uri';

export const FABRIC_SCHEME = 'fabricwb';
export const FABRIC_REMOTE_SCHEME = 'fabricwb-remote';

export interface FabricUriParts {
  workspaceId: string;
  itemFolder?: string;
  partPath?: string;
}

/** Reads a `fabricwb` URI (a vscode-uri `URI` or a `vscode.Uri`: only `authority` and `path` are read). */
export function parseFabricUri(uri: Pick<URI, 'authority' | 'path'>): FabricUriParts {
  const segments = uri.path.split('/').filter(Boolean);
  const [itemFolder, ...part] = segments;
  return { workspaceId: uri.authority, itemFolder, partPath: part.length ? part.join('/') : undefined };
}

export function fabricUri(workspaceId: string, itemFolder?: string, partPath?: string, scheme = FABRIC_SCHEME): URI {
  const path = ['', itemFolder, partPath].filter((s) => s !== undefined).join('/');
  return URI.from({ scheme, authority: workspaceId, path: path || '/' });
}
