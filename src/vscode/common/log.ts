import * as vscode from 'vscode';

/** The extension's one log channel ("Fabric Workbench"), shown with `fabricWorkbench.showLog`. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Fabric Workbench', { log: true });
}
