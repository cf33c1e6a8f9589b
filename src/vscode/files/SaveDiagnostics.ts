// Problems that stopped a save, shown in the Problems panel at their line. A file's problems are
// checked again once its edits pause, so they go away once fixed (and on a successful save).
import * as vscode from 'vscode';
import type { PartProblem } from '../../workspace/partValidation';

/** How long edits must pause before a file is checked again: not at every keystroke. */
const RECHECK_DELAY_MS = 300;

export class SaveDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('fabricWorkbench');
  private readonly subscription: vscode.Disposable;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  /** `recheck` validates a document's current text again. */
  constructor(
    private readonly recheck: (uri: vscode.Uri, content: Uint8Array) => Promise<PartProblem[]>,
    private readonly delayMs = RECHECK_DELAY_MS,
  ) {
    this.subscription = vscode.workspace.onDidChangeTextDocument(({ document }) => {
      if (this.collection.has(document.uri)) this.schedule(document);
    });
  }

  set(uri: vscode.Uri, problems: PartProblem[]): void {
    if (problems.length === 0) {
      this.collection.delete(uri);
      return;
    }
    this.collection.set(
      uri,
      problems.map((p) => {
        const position = new vscode.Position(p.line, p.column);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), p.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'Fabric';
        return diagnostic;
      }),
    );
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.subscription.dispose();
    this.collection.dispose();
  }

  /** Checks the document once its edits pause (each edit restarts the wait). */
  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.revalidate(document);
      }, this.delayMs),
    );
  }

  /**
   * Checks can overlap and end in any order: a check's result applies only if the text it checked
   * is still the document's (else a newer edit's check is on its way and would be overwritten).
   */
  private async revalidate(document: vscode.TextDocument): Promise<void> {
    if (!this.collection.has(document.uri)) return; // saved (or fixed) meanwhile
    const version = document.version;
    let problems: PartProblem[];
    try {
      problems = await this.recheck(document.uri, Buffer.from(document.getText(), 'utf8'));
    } catch {
      return; // The problems shown stay until the next edit or save checks again.
    }
    if (document.version === version && this.collection.has(document.uri)) this.set(document.uri, problems);
  }
}
