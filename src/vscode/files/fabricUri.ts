// The `fabricwb` URIs of src/workspace/fabricUri.ts as `vscode.Uri`s, for the VS Code layer. A
// part's URI depends on the item's folder: the file system's `partUri` makes it.
import * as vscode from 'vscode';
import { fabricUri as fabricUriOf } from '../../workspace/fabricUri';

export { FABRIC_REMOTE_SCHEME, FABRIC_SCHEME, itemPathOf, parseFabricUri, type FabricUriParts } from '../../workspace/fabricUri';

export function fabricUri(...args: Parameters<typeof fabricUriOf>): vscode.Uri {
  return vscode.Uri.from(fabricUriOf(...args));
}
