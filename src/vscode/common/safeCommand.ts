// The one wrapper around command handlers: a user's cancel is silent; any other failure is logged
// and shown once as a notification with "Show Logs", masked.
import * as vscode from 'vscode';
import { isUserCancelled } from '../../base/prompter';
import { describeError } from '../../fabric/errors';
import { maskSecrets } from '../../fabric/redaction';

/** A failure shown to the user: the command and the message. */
export interface CommandFailure {
  command: string;
  message: string;
}

const failed = new vscode.EventEmitter<CommandFailure>();
/** Fires for each failure a command shows (test-only: proves a cancel is not reported). */
export const onDidFailCommand = failed.event;

export function registerSafeCommand(id: string, log: vscode.LogOutputChannel, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: never[]) => runSafely(id, log, () => handler(...args)));
}

/** Runs what a command (or a gesture such as a drop, under `id`) does, reporting its failure as above. */
export async function runSafely<T>(id: string, log: vscode.LogOutputChannel, work: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    // An AbortError is a Cancel the user pressed (a progress notification, a throttling wait).
    if (isUserCancelled(error) || error instanceof vscode.CancellationError || (error as Error)?.name === 'AbortError') return undefined;
    const message = maskSecrets(describeError(error));
    log.error(`${id} failed: ${(error as Error).stack ?? message}`);
    failed.fire({ command: id, message });
    const showLogs = vscode.l10n.t('Show Logs');
    void vscode.window.showErrorMessage(message, showLogs).then((choice) => {
      if (choice === showLogs) log.show();
    });
    return undefined;
  }
}
