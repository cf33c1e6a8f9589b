// Shows the client's long waits before a retry ("Throttled by Fabric, retrying in 42 s") as one
// cancellable progress notification, counting down; Cancel aborts every waiting request (their
// callers get an AbortError, which commands take as the user's cancel). Waits that overlap share
// the notification, so a throttled export shows one, not one per request.
import * as vscode from 'vscode';
import type { RetryWait } from '../../fabric';

export class RetryWaitNotifier implements vscode.Disposable {
  private readonly waits = new Set<RetryWait>();
  /** Refreshes the open notification (undefined when none is shown). */
  private refresh: (() => void) | undefined;

  /** What the notification says now (undefined when none is shown); the vscode-tier suite reads it. */
  message: string | undefined;

  /** The client's `onRetryWait`. */
  readonly onRetryWait = (wait: RetryWait): void => {
    this.waits.add(wait);
    void wait.done.then(() => {
      this.waits.delete(wait);
      this.refresh?.();
    });
    if (this.refresh) this.refresh();
    else this.show();
  };

  /** What Cancel does: aborts every waiting request. */
  cancelAll(): void {
    for (const wait of this.waits) wait.cancel();
  }

  dispose(): void {
    this.cancelAll();
  }

  private show(): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, cancellable: true },
      (progress, token) =>
        new Promise<void>((resolve) => {
          const cancel = token.onCancellationRequested(() => this.cancelAll());
          const ticker = setInterval(() => this.refresh?.(), 1000);
          this.refresh = () => {
            if (this.waits.size === 0) {
              clearInterval(ticker);
              cancel.dispose();
              this.refresh = this.message = undefined;
              resolve();
              return;
            }
            this.message = retryWaitMessage([...this.waits], Date.now());
            progress.report({ message: this.message });
          };
          this.refresh();
        }),
    );
  }
}

function retryWaitMessage(waits: RetryWait[], now: number): string {
  const seconds = Math.max(1, Math.ceil((Math.max(...waits.map((w) => w.until)) - now) / 1000));
  return waits.some((w) => w.throttled)
    ? vscode.l10n.t('Throttled by Fabric, retrying in {0} s', seconds)
    : vscode.l10n.t('Fabric did not answer, retrying in {0} s', seconds);
}
