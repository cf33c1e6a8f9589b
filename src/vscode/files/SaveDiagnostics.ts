// Problems that stopped a save, shown in the Problems panel at their line. A file's problems are
// checked again as it is edited, so they go away once fixed (and on a successful save).
import * as vscode from 'vscode';
import type { PartProblem } from '../../explorer/partValidation';

export class SaveDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('fabricWorkbench');
  private readonly subscription: vscode.Disposable;

  /** `recheck` validates a document's current text again. */
  constructor(recheck: (uri: vscode.Uri, content: Uint8Array) => Promise<PartProblem[]>) {
    this.subscription = vscode.workspace.onDidChangeTextDocument(async ({ document }) => {
      if (!this.collection.has(document.uri)) return;
      const problems = await recheck(document.uri, Buffer.from(document.getText(), 'utf8'));
      if (this.collection.has(document.uri)) this.set(document.uri, problems);
    });
  }

  set(uri: vscode.Uri, problems: PartProblem[]): void {
    if (problems.length === 0) {
      this.collection.delete(uri);
      return;
    }
    this.collection.set(uri, problems.map((p) => {
      const position = new vscode.Position(p.line, p.column);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), p.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Fabric';
      return diagnostic;
    }));
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
