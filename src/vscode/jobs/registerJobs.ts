// Wires the jobs part: the monitor (the jobs' log lines), the end notifications, the status bar, the
// Jobs view, the Runs view (Show Runs), the job details documents and the run / job commands.
import * as vscode from 'vscode';
import { jobKinds } from '../../fabric/itemKinds';
import { currentStepInput, quickInputPrompter } from '../common/quickInputPrompter';
import { registerSafeCommand } from '../common/safeCommand';
import { onDidChangeSettings, settings } from '../common/settings';
import type { Item } from '../../fabric/types';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { WorkspaceTreeDataProvider } from '../explorer/WorkspaceTreeDataProvider';
import { ItemPicker } from '../items/ItemPicker';
import { JobCommands } from './JobCommands';
import { JobEndNotifier } from './JobEndNotifier';
import { JOB_DETAILS_SCHEME, JobDetailsProvider } from './JobDetailsProvider';
import { JobMonitor } from './JobMonitor';
import { JobStatusBar } from './JobStatusBar';
import { JobsTreeDataProvider, type JobsNode } from './JobsTreeDataProvider';
import { LastRunValues } from './LastRunValues';
import { PinnedItems } from './PinnedItems';
import { RunFileReader } from './RunFileReader';
import { RunsTreeDataProvider, type RunsNode } from './RunsTreeDataProvider';
import type { ItemResolver } from './runTargets';

export interface JobsDeps {
  log: vscode.LogOutputChannel;
  connection: ConnectionManager;
  /** The fabricwb file system (resolveItem), for runs started from an open definition file. */
  files?: ItemResolver;
  /** The Workspaces view, whose items' menus offer Pin or Unpin as they are pinned or not. */
  workspacesTree: Pick<WorkspaceTreeDataProvider, 'showPinned'>;
}

/** What the vscode-tier tests reach through the extension's API (test-only). */
export interface JobsTestApi {
  monitor: JobMonitor;
  jobsView: JobsTreeDataProvider;
  /** The Jobs view on screen (whether it is visible). */
  jobsTreeView: vscode.TreeView<JobsNode>;
  /** The Runs view (Show Runs). */
  runsView: RunsTreeDataProvider;
  runsTreeView: vscode.TreeView<RunsNode>;
  notifier: JobEndNotifier;
  statusBar: JobStatusBar;
  commands: JobCommands;
  /** The wizard's quick input on screen, to type into and accept it. */
  currentStepInput: typeof currentStepInput;
}

export function registerJobs(context: vscode.ExtensionContext, deps: JobsDeps): JobsTestApi {
  const { log, connection } = deps;
  const monitor = new JobMonitor(context.workspaceState, connection, log);
  const pinned = new PinnedItems(context.globalState);
  const pinnedHere = (item: Item) => pinned.of(connection.id).some((p) => p.item.id === item.id);
  const jobsView = new JobsTreeDataProvider(monitor, connection, log, (id) => (settings.showPinnedItemRuns() ? pinned.of(id) : []));
  const runsView = new RunsTreeDataProvider(connection, (id) => monitor.tracker.get(id) !== undefined, log);
  const findJob = (id: string) => jobsView.find(id) ?? runsView.find(id);
  const details = new JobDetailsProvider(monitor, findJob, () => (connection.info?.kind === 'emulator' ? undefined : settings.portalUrl()));
  const statusBar = new JobStatusBar(monitor);
  const notifier = new JobEndNotifier(monitor);
  const jobsTreeView = vscode.window.createTreeView('fabricWorkbench.jobs', { treeDataProvider: jobsView });
  const runsTreeView = vscode.window.createTreeView('fabricWorkbench.runs', { treeDataProvider: runsView });
  const runFiles = new RunFileReader();
  const commands = new JobCommands(
    connection,
    monitor,
    jobsView,
    findJob,
    runsView,
    details,
    new ItemPicker(
      () => connection.requireClient(),
      context.globalState,
      () => quickInputPrompter,
    ),
    new LastRunValues(context.globalState),
    quickInputPrompter,
    deps.files,
    runFiles,
    pinned,
  );
  const command = (id: string, handler: (...args: never[]) => unknown) => registerSafeCommand(id, log, handler);
  context.subscriptions.push(
    monitor,
    pinned,
    deps.workspacesTree.showPinned(pinnedHere, pinned.onDidChange),
    jobsView,
    details,
    statusBar,
    notifier,
    jobsTreeView,
    runsView,
    runsTreeView,
    runFiles,
    vscode.workspace.registerTextDocumentContentProvider(JOB_DETAILS_SCHEME, details),
    // One run command per job kind of the registry (package.json lists them; a unit test holds the two together).
    ...jobKinds().map((job) => command(job.command, (arg?: unknown) => commands.run(job.id, arg))),
    command('fabricWorkbench.runFromFile', (name?: string) => commands.runFromFile(typeof name === 'string' ? name : undefined)),
    command('fabricWorkbench.rerunJob', (arg?: unknown) => commands.rerun(arg)),
    command('fabricWorkbench.cancelJob', (arg?: unknown) => commands.cancel(arg)),
    command('fabricWorkbench.showJob', (arg?: unknown) => commands.show(arg)),
    command('fabricWorkbench.refreshJobs', () => jobsView.refresh()),
    command('fabricWorkbench.showJobsOutput', () => monitor.showOutput()),
    command('fabricWorkbench.showRuns', (arg?: unknown) => commands.showRuns(arg)),
    command('fabricWorkbench.loadMoreRuns', () => runsView.loadMore()),
    command('fabricWorkbench.refreshRuns', () => runsView.refresh()),
    command('fabricWorkbench.pinToJobs', (arg?: unknown) => commands.pin(arg)),
    command('fabricWorkbench.unpinFromJobs', (arg?: unknown) => commands.unpin(arg)),
    onDidChangeSettings((changed) => {
      if (changed('showPinnedItemRuns')) void jobsView.refresh();
    }),
  );
  return { monitor, jobsView, jobsTreeView, runsView, runsTreeView, notifier, statusBar, commands, currentStepInput };
}
