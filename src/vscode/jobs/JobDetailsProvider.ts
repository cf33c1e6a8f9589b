// Shows a job's details as a read-only virtual document (`fabricwb-job:/<job id>/<item> (<job type>).md`,
// so the tab names the item, not a guid), redrawn while the job changes. Its monitoring links are
// Markdown links: Ctrl+click opens them in the browser, as does the Markdown preview.
import * as vscode from 'vscode';
import { formatJobDetails } from '../../jobs/jobDetails';
import type { TrackedJob } from '../../jobs/TrackedJob';
import type { JobMonitor } from './JobMonitor';

export const JOB_DETAILS_SCHEME = 'fabricwb-job';

export class JobDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this._onDidChange.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    monitor: JobMonitor,
    private readonly find: (id: string) => TrackedJob | undefined,
    /** The Fabric portal's address, or undefined where there is none (the local emulator). */
    private readonly portalUrl: () => string | undefined,
  ) {
    this.subscription = monitor.onDidChangeJobs((change) => change && this._onDidChange.fire(uriOf(change.job)));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.split('/')[1] ?? '';
    const job = this.find(id);
    return job ? formatJobDetails(job, Date.now(), this.portalUrl()) : vscode.l10n.t('Job {0} is no longer listed.', id);
  }

  async show(job: TrackedJob): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uriOf(job));
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  dispose(): void {
    this.subscription.dispose();
    this._onDidChange.dispose();
  }
}

function uriOf(job: TrackedJob): vscode.Uri {
  return vscode.Uri.from({ scheme: JOB_DETAILS_SCHEME, path: `/${job.id}/${job.itemName.replace(/\//g, '_')} (${job.jobType}).md` });
}
