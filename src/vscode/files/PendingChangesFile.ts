// The pending changes' storage: one JSON file in the extension's storage folder (the workspace's,
// else the global one), replaced atomically (written to a temporary file, then renamed over it) so
// a crash leaves the old file or the new one, never half of one.
import * as vscode from 'vscode';
import type { PendingStorage } from '../../workspace/PendingChanges';

export class PendingChangesFile implements PendingStorage {
  readonly file: vscode.Uri;
  private writes = 0;

  constructor(private readonly folder: vscode.Uri) {
    this.file = vscode.Uri.joinPath(folder, 'pending-changes.json');
  }

  async load(): Promise<string | undefined> {
    try {
      return Buffer.from(await vscode.workspace.fs.readFile(this.file)).toString('utf8');
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  async save(text: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    const temporary = vscode.Uri.joinPath(this.folder, `pending-changes.${process.pid}.${++this.writes}.tmp`);
    await vscode.workspace.fs.writeFile(temporary, Buffer.from(text, 'utf8'));
    await vscode.workspace.fs.rename(temporary, this.file, { overwrite: true });
  }

  async setAside(): Promise<string> {
    const aside = vscode.Uri.joinPath(this.folder, `pending-changes.unreadable-${Date.now()}.json`);
    await vscode.workspace.fs.rename(this.file, aside);
    return aside.fsPath;
  }
}
