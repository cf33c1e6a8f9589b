// The `fabricwb` URIs of src/explorer/fabricUri.ts as `vscode.Uri`s, for the VS Code layer.
import * as vscode from 'vscode';
import { fabricUri as fabricUriOf } from '../../explorer/fabricUri';

export { FABRIC_REMOTE_SCHEME, FABRIC_SCHEME, parseFabricUri, type FabricUriParts } from '../../explorer/fabricUri';

export function fabricUri(...args: Parameters<typeof fabricUriOf>): vscode.Uri {
  return vscode.Uri.from(fabricUriOf(...args));
}
