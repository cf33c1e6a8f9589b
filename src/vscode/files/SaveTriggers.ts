// Who asked for a file's write: VS Code tells extensions why a document is about to be saved
// (onWillSave…: Manual, AfterDelay, FocusOut, WindowChange) just before it writes, and the file
// system provider asks here when the write arrives. A write with no recorded reason (a command,
// an extension's workspace.fs) is one a person asked for.
import * as vscode from 'vscode';
import type { SaveTrigger } from '../../workspace/DefinitionSaver';

/** A reason older than this belongs to a save whose write never came. */
const REASON_LIFETIME_MS = 60_000;

export class SaveTriggers implements vscode.Disposable {
  private readonly reasons = new Map<string, { reason: vscode.TextDocumentSaveReason; at: number }>();
  private readonly subscriptions = [
    vscode.workspace.onWillSaveTextDocument(({ document, reason }) => this.record(document.uri, reason)),
    vscode.workspace.onWillSaveNotebookDocument(({ notebook, reason }) => this.record(notebook.uri, reason)),
  ];

  /** The trigger of the write of `uri` now arriving (the recorded reason is used once). */
  take(uri: vscode.Uri): SaveTrigger {
    const key = uri.toString();
    const recorded = this.reasons.get(key);
    this.reasons.delete(key);
    if (!recorded || Date.now() - recorded.at > REASON_LIFETIME_MS) return 'manual';
    return recorded.reason === vscode.TextDocumentSaveReason.Manual ? 'manual' : 'auto';
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private record(uri: vscode.Uri, reason: vscode.TextDocumentSaveReason): void {
    this.reasons.set(uri.toString(), { reason, at: Date.now() });
  }
}
