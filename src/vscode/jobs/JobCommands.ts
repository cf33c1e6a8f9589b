// The run and job commands: thin handlers that find the item, get the run's values (last values,
// a named run of .vscode/fabric-runs.json, or the parameter wizard), submit through the monitor,
// and cancel, rerun or show jobs.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import { describeError } from '../../fabric/errors';
import { readDeclaredParameters } from '../../jobs/declaredParameters';
import type { RunsSubject } from '../../jobs/ItemRuns';
import { describeInvalidRun, RUN_FILE_PATH, type InvalidRun, type RunDescription, type RunFile } from '../../jobs/runFile';
import { RunParametersWizard, type RunValues } from '../../jobs/RunParametersWizard';
import { itemTypeName, jobKindOf, jobKinds, requireJobKind, runnableItemTypes } from '../../fabric/itemKinds';
import type { RunKind } from '../../jobs/runRequest';
import { answerOf, type Prompter } from '../../base/prompter';
import { takeNotebookProperties, type TrackedJob } from '../../jobs/TrackedJob';
import type { ConnectionManager } from '../connection/ConnectionManager';
import type { ItemPicker } from '../items/ItemPicker';
import type { JobDetailsProvider } from './JobDetailsProvider';
import type { JobMonitor, RunTarget } from './JobMonitor';
import type { JobsTreeDataProvider } from './JobsTreeDataProvider';
import type { RunsTreeDataProvider } from './RunsTreeDataProvider';
import type { LastRunValues } from './LastRunValues';
import type { PinnedItems } from './PinnedItems';
import type { RunFileReader } from './RunFileReader';
import { describeJob, statusIcon } from './jobPresentation';
import { resolveRunTarget, type ItemResolver } from './runTargets';

type HowToRun = { kind: 'last' } | { kind: 'wizard' } | { kind: 'file'; run: RunDescription };

export class JobCommands {
  constructor(
    private readonly connection: Pick<ConnectionManager, 'requireClient' | 'id'>,
    private readonly monitor: JobMonitor,
    private readonly tree: JobsTreeDataProvider,
    /** A job the Jobs view or the Runs view lists. */
    private readonly findJob: (id: string) => TrackedJob | undefined,
    private readonly runs: RunsTreeDataProvider,
    private readonly details: JobDetailsProvider,
    private readonly picker: ItemPicker,
    private readonly lastValues: LastRunValues,
    private readonly prompter: Prompter,
    private readonly files: ItemResolver | undefined,
    private readonly runFiles: RunFileReader,
    private readonly pinned: PinnedItems,
  ) {}

  /** A job kind's run command (fabricWorkbench.runNotebook, runSparkJob, …: JobKind.command). */
  async run(kind: RunKind, arg?: unknown): Promise<TrackedJob> {
    const client = this.connection.requireClient();
    const { verb, itemType } = requireJobKind(kind);
    const title = vscode.l10n.t('{0} a {1}', verb, vscode.l10n.t(itemTypeName(itemType)));
    const target = await resolveRunTarget(arg, client, this.picker, this.files, title, [itemType]);
    const values = await this.valuesFor(client, kind, target);
    const job = await this.monitor.submit(client, target, { kind, ...values });
    await this.lastValues.set(target.item.id, kind, values);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Submitted {0} of {1}', job.jobType, target.item.displayName), 5000);
    return job;
  }

  /** fabricWorkbench.runFromFile: a run of .vscode/fabric-runs.json, picked by name. */
  async runFromFile(name?: string): Promise<TrackedJob> {
    const client = this.connection.requireClient();
    const file = await this.runFiles.read();
    if (!file || file.runs.length + file.invalid.length === 0)
      throw new Error(vscode.l10n.t('No {0} in this workspace folder, or it lists no runs.', RUN_FILE_PATH));
    if (file.runs.length === 0)
      throw new Error(vscode.l10n.t('{0} has no run that can run: {1}', RUN_FILE_PATH, file.invalid.map(describeInvalidRun).join(' ')));
    const invalid = name !== undefined && file.invalid.find((r) => r.name === name);
    if (invalid) throw new Error(describeInvalidRun(invalid));
    const run = name ? file.runs.find((r) => r.name === name) : await this.pickRun(file);
    if (!run) throw new Error(vscode.l10n.t('{0} has no run named "{1}".', RUN_FILE_PATH, name ?? ''));
    const target = await findRunTarget(client, run);
    const kind = jobOfRun(target.item.type, run.job);
    await this.picker.rememberUse(target.workspaceId, target.item.id);
    return this.monitor.submit(client, target, { kind, parameters: run.parameters, executionData: run.executionData });
  }

  /** fabricWorkbench.rerunJob: the same item with the same parameters and execution data. */
  async rerun(arg?: unknown): Promise<TrackedJob> {
    const job = await this.jobOf(arg, vscode.l10n.t('Pick the job to run again'));
    const client = this.clientOf(job);
    const target: RunTarget = {
      workspaceId: job.workspaceId,
      workspaceName: job.workspaceName,
      item: { id: job.itemId, type: job.itemType, displayName: job.itemName, workspaceId: job.workspaceId },
    };
    return this.monitor.submit(client, target, { kind: job.kind, parameters: job.parameters, executionData: job.executionData });
  }

  /** fabricWorkbench.cancelJob. */
  async cancel(arg?: unknown): Promise<void> {
    const job = await this.jobOf(arg, vscode.l10n.t('Pick the job to cancel'), true);
    const client = this.clientOf(job);
    if (this.monitor.tracker.get(job.id)) await this.monitor.tracker.cancel(job.id);
    else await client.cancelJobInstance(job.workspaceId, job.itemId, job.id);
  }

  /** The client, when the job belongs to the current connection (its workspace lives there). */
  private clientOf(job: TrackedJob): FabricClient {
    const client = this.connection.requireClient();
    if (job.connection !== undefined && job.connection !== this.connection.id) {
      throw new Error(vscode.l10n.t('{0} ran on another connection ({1}): switch to it first.', job.itemName, job.connection));
    }
    return client;
  }

  /** fabricWorkbench.showRuns: the item's runs, from Fabric, in the Runs view. */
  async showRuns(arg?: unknown): Promise<void> {
    const client = this.connection.requireClient();
    const target = await resolveRunTarget(arg, client, this.picker, this.files, vscode.l10n.t('Show Runs of an Item'), runnableItemTypes());
    await this.runs.show(target);
    await vscode.commands.executeCommand('fabricWorkbench.runs.focus');
  }

  /** fabricWorkbench.pinToJobs: the Jobs view lists the item's recent runs, whoever started them. */
  async pin(arg?: unknown): Promise<void> {
    const subject = await this.pinSubject(arg, vscode.l10n.t('Pin to Jobs View'));
    await this.pinned.pin(subject);
    await this.tree.refresh();
  }

  /** fabricWorkbench.unpinFromJobs: the Jobs view lists the item's runs only when started here. */
  async unpin(arg?: unknown): Promise<void> {
    const subject = await this.pinSubject(arg, vscode.l10n.t('Unpin from Jobs View'));
    if (!this.pinned.isPinned(subject)) throw new Error(vscode.l10n.t('{0} is not pinned to the Jobs view.', subject.item.displayName));
    await this.pinned.unpin(subject);
    await this.tree.refresh();
  }

  private async pinSubject(arg: unknown, title: string): Promise<RunsSubject> {
    const client = this.connection.requireClient();
    const target = await resolveRunTarget(arg, client, this.picker, this.files, title, runnableItemTypes());
    return { ...target, connection: this.connection.id };
  }

  /** fabricWorkbench.showJob: the job's details in a read-only document. */
  async show(arg?: unknown): Promise<vscode.TextDocument> {
    const job = await this.jobOf(arg, vscode.l10n.t('Pick a job to see its details'));
    // A notebook run listed from Fabric (Show Runs) came from a job list, without the notebook endpoint's properties.
    if (job.kind === 'notebook' && job.monitoringInfo === undefined && !this.monitor.tracker.get(job.id)) {
      try {
        takeNotebookProperties(job, await this.clientOf(job).getNotebookJobInstance(job.workspaceId, job.itemId, job.id));
      } catch (error) {
        // The details are known without them: show those, and say why the links are missing.
        vscode.window.setStatusBarMessage(vscode.l10n.t('Could not read the monitoring links of {0}: {1}', job.itemName, describeError(error)), 10_000);
      }
    }
    return this.details.show(job);
  }

  private async valuesFor(client: FabricClient, kind: RunKind, target: RunTarget): Promise<RunValues> {
    const job = requireJobKind(kind);
    if (job.parameters === 'none' && !job.executionData) return { parameters: [] };
    const last = this.lastValues.get(target.item.id, kind);
    const fileRuns = ((await this.runFiles.read().catch(() => undefined))?.runs ?? []).filter((r) => matches(r, target));
    const how: HowToRun = last || fileRuns.length ? await this.pickHow(target, last, fileRuns) : { kind: 'wizard' };
    if (how.kind === 'last' && last) return last;
    if (how.kind === 'file') return { parameters: how.run.parameters, executionData: how.run.executionData };
    const declared = await readDeclaredParameters(client, target.workspaceId, target.item, kind);
    return new RunParametersWizard(this.prompter, {
      title: vscode.l10n.t('{0} {1}', job.verb, target.item.displayName),
      job,
      declared,
      last,
      listReferences: async (itemType) => {
        const found = [];
        for await (const item of client.listItems(target.workspaceId, { type: itemType }))
          found.push({ id: item.id, displayName: item.displayName, workspaceId: target.workspaceId });
        return found;
      },
    }).run();
  }

  private async pickHow(target: RunTarget, last: RunValues | undefined, fileRuns: RunDescription[]): Promise<HowToRun> {
    return answerOf(
      this.prompter.pick<HowToRun>({
        title: vscode.l10n.t('Run {0}', target.item.displayName),
        placeholder: vscode.l10n.t('How to run it'),
        items: [
          ...(last
            ? [{ label: `$(history) ${vscode.l10n.t('Run with last parameters')}`, description: summarize(last), value: { kind: 'last' } as HowToRun }]
            : []),
          { label: `$(list-selection) ${vscode.l10n.t('Set parameters…')}`, value: { kind: 'wizard' } },
          ...fileRuns.map((run) => ({
            label: `$(file) ${run.name}`,
            description: RUN_FILE_PATH,
            detail: summarize(run),
            value: { kind: 'file', run } as HowToRun,
          })),
        ],
      }),
    );
  }

  /** The valid runs to pick; the invalid ones listed after them, explained, and refused when picked. */
  private async pickRun(file: RunFile): Promise<RunDescription> {
    const run = await answerOf(
      this.prompter.pick<RunDescription | InvalidRun>({
        title: vscode.l10n.t('Run from {0}', RUN_FILE_PATH),
        placeholder: vscode.l10n.t('Pick a run by name'),
        items: [
          ...file.runs.map((r) => ({ label: r.name, description: `${r.item} · ${r.workspace ?? r.workspaceId}`, detail: summarize(r), value: r })),
          ...file.invalid.map((r) => ({
            label: `$(error) ${r.name ?? vscode.l10n.t('Run at line {0}', r.line)}`,
            description: vscode.l10n.t('cannot run: fix line {0}', r.line),
            detail: r.problems.join('; '),
            value: r,
          })),
        ],
      }),
    );
    if ('problems' in run) throw new Error(describeInvalidRun(run));
    return run;
  }

  /** The job an argument names (a job id or a Jobs view node), or the user's pick. */
  private async jobOf(arg: unknown, placeholder: string, runningOnly = false): Promise<TrackedJob> {
    const id = typeof arg === 'string' ? arg : (arg as { job?: TrackedJob } | undefined)?.job?.id;
    if (id) {
      const job = this.findJob(id) ?? this.monitor.tracker.get(id);
      if (!job) throw new Error(vscode.l10n.t('Job {0} is no longer listed; refresh the Jobs view.', id));
      return job;
    }
    const jobs = this.tree.jobs.filter((j) => !runningOnly || j.status === 'InProgress' || j.status === 'NotStarted');
    if (jobs.length === 0)
      throw new Error(
        runningOnly ? vscode.l10n.t('No Fabric job is running.') : vscode.l10n.t('No Fabric jobs yet: run a notebook, pipeline or dataflow first.'),
      );
    return answerOf(
      this.prompter.pick({
        title: vscode.l10n.t('Fabric Jobs'),
        placeholder,
        items: jobs.map((j) => ({ label: `$(${statusIcon(j)}) ${j.itemName}`, description: describeJob(j), value: j })),
      }),
    );
  }
}

function summarize(values: { parameters: { name: string; value: unknown }[]; executionData?: Record<string, unknown> }): string {
  const params = values.parameters.map((p) => `${p.name}=${JSON.stringify(p.value)}`).join(', ') || vscode.l10n.t('no parameters');
  const compute = (values.executionData as { compute?: string } | undefined)?.compute;
  return compute ? `${params} · ${compute}` : params;
}

function matches(run: RunDescription, target: RunTarget): boolean {
  const sameWorkspace = run.workspaceId ? run.workspaceId === target.workspaceId : run.workspace === target.workspaceName;
  return sameWorkspace && run.item === target.item.displayName && (!run.type || run.type.toLowerCase() === target.item.type.toLowerCase());
}

/** The run's job: the one it names (`job`), else the item's first. */
function jobOfRun(itemType: string, jobType: string | undefined): RunKind {
  const job = jobType ? jobKindOf(itemType, jobType) : jobKinds(itemType)[0];
  if (job) return job.id;
  if (jobType)
    throw new Error(
      vscode.l10n.t(
        '{0} items have no {1} job; theirs: {2}.',
        itemType,
        jobType,
        jobKinds(itemType)
          .map((j) => j.jobType)
          .join(', '),
      ),
    );
  throw new Error(vscode.l10n.t('{0} items do not run; a run names an item of one of these types: {1}.', itemType, runnableItemTypes().join(', ')));
}

/** Finds the workspace (by id or name) and the item (by name, and type when given) a run names. */
async function findRunTarget(client: FabricClient, run: RunDescription): Promise<RunTarget> {
  let workspaceId = run.workspaceId;
  let workspaceName: string | undefined;
  if (!workspaceId) {
    for await (const w of client.listWorkspaces())
      if (w.displayName === run.workspace) {
        workspaceId = w.id;
        workspaceName = w.displayName;
        break;
      }
    if (!workspaceId)
      throw new Error(vscode.l10n.t('Run "{0}": no workspace is named "{1}"; fix "workspace" in {2}.', run.name, run.workspace ?? '', RUN_FILE_PATH));
  }
  for await (const item of client.listItems(workspaceId, run.type ? { type: run.type } : {})) {
    if (item.displayName === run.item && jobKinds(item.type).length > 0) {
      return { workspaceId, workspaceName, item };
    }
  }
  throw new Error(vscode.l10n.t('Run "{0}": the workspace has no runnable item named "{1}"; fix "item" in {2}.', run.name, run.item, RUN_FILE_PATH));
}
