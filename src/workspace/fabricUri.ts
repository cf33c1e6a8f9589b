// `fabricwb://<workspaceId>/<folder path>/<DisplayName>.<Type>/<part path>`: Fabric's Git layout
// under a workspace, an item's Fabric folders as directories before its item folder (none for an
// item at the workspace's root: `fabricwb://<ws>/Load.DataPipeline/pipeline-content.json`). Fabric
// folder names never hold a "." and item folders always do, so the first segment with a "." is the
// item folder. `fabricwb-remote` URIs have the same shape and show the remote copy after a conflict.
// Built with vscode-uri, VS Code's own URI implementation, so these URIs print and parse as VS
// Code's do and the VS Code layer turns one into a `vscode.Uri` with `vscode.Uri.from(uri)`.
import { URI } from 'vscode-uri';

export const FABRIC_SCHEME = 'fabricwb';
export const FABRIC_REMOTE_SCHEME = 'fabricwb-remote';

export interface FabricUriParts {
  workspaceId: string;
  /** The Fabric folders' names from the workspace's root: where the item is, or the folder the URI names. */
  folders: string[];
  itemFolder?: string;
  partPath?: string;
}

/** Reads a `fabricwb` URI (a vscode-uri `URI` or a `vscode.Uri`: only `authority` and `path` are read). */
export function parseFabricUri(uri: Pick<URI, 'authority' | 'path'>): FabricUriParts {
  const segments = uri.path.split('/').filter(Boolean);
  const item = segments.findIndex((s) => s.includes('.'));
  if (item < 0) return { workspaceId: uri.authority, folders: segments };
  const part = segments.slice(item + 1);
  return { workspaceId: uri.authority, folders: segments.slice(0, item), itemFolder: segments[item], partPath: part.length ? part.join('/') : undefined };
}

/** The URI of a workspace, a folder or item folder in it (`itemPath`: "Sales/Load.Notebook"), or a part. */
export function fabricUri(workspaceId: string, itemPath?: string, partPath?: string, scheme = FABRIC_SCHEME): URI {
  const path = ['', itemPath, partPath].filter((s) => s !== undefined).join('/');
  return URI.from({ scheme, authority: workspaceId, path: path || '/' });
}

/** The item folder's path of a URI ("Sales/Load.Notebook"), or undefined when it names no item. */
export function itemPathOf(parts: FabricUriParts): string | undefined {
  return parts.itemFolder === undefined ? undefined : [...parts.folders, parts.itemFolder].join('/');
}
