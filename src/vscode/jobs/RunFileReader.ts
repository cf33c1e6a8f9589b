// `.vscode/fabric-runs.json` as the run commands read it, and its problems in the Problems view
// while it is open and whenever a run reads it: each run that cannot run is marked where it is,
// with its reasons; a file that cannot be read at its first problem.
import * as vscode from 'vscode';
import { describeInvalidRun, parseRunFile, RUN_FILE_PATH, RunFileError, type RunFile } from '../../jobs/runFile';

export class RunFileReader implements vscode.Disposable {
  /** The Problems entries, per file. */
  readonly diagnostics = vscode.languages.createDiagnosticCollection('fabric-runs');
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
    ];
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  /** The runs of the first workspace folder that has the file (undefined when none has it). */
  async read(): Promise<RunFile | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, RUN_FILE_PATH);
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        continue;
      }
      return this.parse(uri, new TextDecoder().decode(bytes));
    }
    return undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.diagnostics.dispose();
  }

  private check(document: vscode.TextDocument): void {
    if (document.uri.path.endsWith(`/${RUN_FILE_PATH}`)) this.parse(document.uri, document.getText()).catch(() => undefined);
  }

  /** Parses the text and shows its problems on the file. */
  private async parse(uri: vscode.Uri, text: string): Promise<RunFile> {
    try {
      const file = await parseRunFile(text);
      this.diagnostics.set(
        uri,
        file.invalid.map((run) => problem(new vscode.Range(positionAt(text, run.offset), positionAt(text, run.offset + run.length)), describeInvalidRun(run))),
      );
      return file;
    } catch (error) {
      if (error instanceof RunFileError) {
        const line = (error.line ?? 1) - 1;
        this.diagnostics.set(uri, [problem(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), error.message)]);
      }
      throw error;
    }
  }
}

function problem(range: vscode.Range, message: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Fabric Workbench';
  return diagnostic;
}

/** The position of an offset in `text` (the file may not be open: no TextDocument to ask). */
function positionAt(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}
