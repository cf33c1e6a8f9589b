import * as vscode from 'vscode';
import { maskedChannel } from './maskedChannel';

/** The extension's one log channel ("Fabric Workbench"), shown with `fabricWorkbench.showLog`; every line is masked. */
export function createLog(): vscode.LogOutputChannel {
  return maskedChannel(vscode.window.createOutputChannel('Fabric Workbench', { log: true }));
}
