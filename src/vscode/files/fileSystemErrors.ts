// Maps failures to FileSystemErrors VS Code understands: 404 → FileNotFound, 401/403 →
// NoPermissions, no connection → Unavailable; anything else (network, 429 after retries, 5xx) →
// Unavailable with the FabricError's userMessage, so the editor stays dirty and says why.
import * as vscode from 'vscode';
import { describeError, errorStatus } from '../../fabric';

export function toFileSystemError(error: unknown, uri: vscode.Uri): vscode.FileSystemError {
  if (error instanceof vscode.FileSystemError) return error;
  const status = errorStatus(error);
  if (status === 404) return vscode.FileSystemError.FileNotFound(uri);
  if (status === 401 || status === 403) return vscode.FileSystemError.NoPermissions(describeError(error));
  return vscode.FileSystemError.Unavailable(describeError(error));
}
