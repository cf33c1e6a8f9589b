// Maps failures to FileSystemErrors VS Code understands: 404 → FileNotFound, 401/403 →
// NoPermissions, no connection → Unavailable; anything else (network, 429 after retries, 5xx) →
// Unavailable with the FabricError's userMessage, so the editor stays dirty and says why. A save
// that did not reach Fabric is a NotSavedError, which reads as a reason, not as an error code.
import * as vscode from 'vscode';
import { describeError, errorStatus } from '../../fabric';

export function toFileSystemError(error: unknown, uri: vscode.Uri): Error {
  if (error instanceof vscode.FileSystemError || error instanceof NotSavedError) return error;
  const status = errorStatus(error);
  if (status === 404) return vscode.FileSystemError.FileNotFound(uri);
  if (status === 401 || status === 403) return vscode.FileSystemError.NoPermissions(describeError(error));
  return vscode.FileSystemError.Unavailable(describeError(error));
}

/**
 * A write that did not reach Fabric, worded for the person who saved. VS Code shows a failed save
 * as "Failed to save '<file>': Unable to write file '<uri>' (<error name>: <message>)", so the name
 * is the heading of the reason ("Not saved to Fabric"), not a FileSystemError code.
 */
export class NotSavedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = vscode.l10n.t('Not saved to Fabric');
  }
}
