// A notification with progress and Cancel around work that takes an AbortSignal: Cancel aborts
// the signal, and the work's failure after a Cancel reads as the user's cancel (silent).
import * as vscode from 'vscode';

export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (message: string, increment: number) => void) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await work(controller.signal, (message, increment) => progress.report({ message, increment }));
    } catch (error) {
      if (controller.signal.aborted) throw new vscode.CancellationError();
      throw error;
    } finally {
      subscription.dispose();
    }
  });
}
