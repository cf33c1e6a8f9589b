// Schedules and run history inside a real extension host, against an emulator whose schedule clock
// runs twenty times faster (--time-scale 0.05: a one-minute schedule fires every 3 s): a schedule
// made with the wizard on Hello Fabric fires, its Scheduled runs show in Show Runs and open in the
// job details; disabled, it fires no more once its next due time has passed by the emulator's
// clock; enabled, edited and deleted from the Schedules node, each change checked in Fabric. Pinned
// to the Jobs view, Hello Fabric's runs started through REST (elsewhere) show there until unpinned.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import type { ItemJobInstance } from '../../../src/fabric/types';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import type { ScheduleNode } from '../../../src/vscode/explorer/scheduleNodes';
import type { ExplorerNode } from '../../../src/vscode/explorer/WorkspaceTreeDataProvider';
import type { JobsTestApi } from '../../../src/vscode/jobs/registerJobs';
import { connectScripted, scriptedPrompterHooks } from './support/explorerSuite';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { allChildren, findItemNode } from './support/tree';
import { pickByLabel, waitFor } from './support/wait';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('Schedules and Show Runs', function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let jobs: JobsTestApi;
  let workspaceId: string;
  let helloId: string;
  const prompter = new ScriptedPrompter();
  const failures: string[] = [];

  const label = (node: ExplorerNode) => String(explorer.tree.getTreeItem(node).label);

  async function helloNode(): Promise<ExplorerNode> {
    const workspace = (await allChildren(explorer.tree)).find((n) => n.kind === 'workspace' && n.workspace.displayName === 'Sample workspace');
    assert.ok(workspace, 'the tree shows the sample workspace');
    const node = await findItemNode(explorer.tree, workspace, 'Hello Fabric', 'Notebook');
    assert.ok(node, 'the tree shows Hello Fabric');
    return node;
  }

  async function schedulesNode(): Promise<ExplorerNode> {
    const node = (await explorer.tree.getChildren(await helloNode())).find((n) => n.kind === 'schedules');
    assert.ok(node, 'Hello Fabric has a Schedules node');
    return node;
  }

  async function scheduleNodes(): Promise<ExplorerNode[]> {
    return explorer.tree.getChildren(await schedulesNode());
  }

  async function onlySchedule(): Promise<ScheduleNode> {
    const [node, ...others] = await scheduleNodes();
    assert.equal(node?.kind, 'schedule', 'the Schedules node lists the schedule');
    assert.equal(others.length, 0);
    return node as ScheduleNode;
  }

  async function scheduledRuns(): Promise<ItemJobInstance[]> {
    const runs: ItemJobInstance[] = [];
    for await (const run of client.listJobInstances(workspaceId, helloId)) if (run.invokeType === 'Scheduled') runs.push(run);
    return runs;
  }

  /** A condition asked at most once a second: each ask is a Fabric call, within the job scheduler's quota. */
  function everySecond<T>(condition: () => Promise<T | undefined>): () => Promise<T | undefined> {
    let last = 0;
    return async () => {
      if (Date.now() - last < 1000) return undefined;
      last = Date.now();
      return condition();
    };
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-schedules-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true, pageSize: 2, timeScale: 0.05 });
    client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'schedules-suite' });
    for await (const w of client.listWorkspaces()) if (w.displayName === 'Sample workspace') workspaceId = w.id;
    for await (const i of client.listItems(workspaceId)) if (i.displayName === 'Hello Fabric') helloId = i.id;
    ({ explorer, jobs } = await connectScripted(prompter, failures, emulator));
  });

  scriptedPrompterHooks(prompter, failures);

  after(async () => {
    explorer?.setPrompter(undefined);
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('[fabricWorkbench.createSchedule @ view/item/context] makes a one-minute schedule on Hello Fabric with the wizard, checked as typed', async () => {
    assert.deepEqual((await scheduleNodes()).map(label), ['No schedules']);
    const now = Date.now();
    prompter.answer(
      { pick: 'Every few minutes (Cron)' },
      { input: '1', typed: ['0', 'often', '1'] },
      { pick: 'UTC' },
      { input: iso(now), typed: ['tomorrow'] },
      { input: iso(now + 24 * 60 * MINUTE), typed: [iso(now - MINUTE)] },
    );
    await vscode.commands.executeCommand('fabricWorkbench.createSchedule', await schedulesNode());
    assert.deepEqual(failures, []);
    const checks = prompter.asked.filter((a) => a.kind === 'input').map((a) => a.checks);
    assert.match(String(checks[0]![0]), /from 1 to 5270400/);
    assert.match(String(checks[0]![1]), /from 1 to 5270400/);
    assert.equal(checks[0]![2], undefined);
    assert.match(String(checks[1]![0]), /not a UTC date-time/);
    assert.match(String(checks[2]![0]), /later than the start/);

    const [remote] = await client.listSchedules(workspaceId, helloId, 'RunNotebook');
    assert.equal(remote?.enabled, true);
    assert.equal(remote?.configuration.interval, 1);
    const node = await onlySchedule();
    const item = explorer.tree.getTreeItem(node);
    assert.equal(item.label, 'Every minute');
    assert.match(String(item.description), /^next run /);
    assert.equal(item.contextValue, 'fabricWorkbench.schedule.enabled');
  });

  it('[fabricWorkbench.showRuns @ view/item/context] [fabricWorkbench.refreshRuns @ view/title] [fabricWorkbench.showJob] shows the Scheduled runs, which open in the job details', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.showRuns', await helloNode());
    assert.equal(jobs.runsView.subject?.item.id, helloId);
    const run = await waitFor(
      everySecond(async () => {
        await vscode.commands.executeCommand('fabricWorkbench.refreshRuns');
        return jobs.runsView.runs.find((r) => r.invokeType === 'Scheduled');
      }),
      'Show Runs lists a Scheduled run',
      60_000,
    );
    const row = (await jobs.runsView.getChildren()).find((n) => n.kind === 'job' && n.job.id === run.id)!;
    assert.match(String(jobs.runsView.getTreeItem(row).description), /^Scheduled · RunNotebook · /);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('fabricWorkbench.showJob', run.id);
    assert.match(document.getText(), /Invoked: +Scheduled/);
    assert.match(document.getText(), /Hello Fabric/);
    // Read from the notebook endpoint: the job list has no monitoring links.
    assert.match(document.getText(), /\[Driver log\]\(http/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('[fabricWorkbench.showRuns @ commandPalette] [fabricWorkbench.loadMoreRuns] picks the item, then reads the next page', async () => {
    await waitFor(
      everySecond(async () => (await scheduledRuns()).length >= 4 || undefined),
      'four scheduled runs',
      60_000,
    );
    const showing = vscode.commands.executeCommand('fabricWorkbench.showRuns');
    await pickByLabel(jobs.currentStepInput, 'Sample workspace');
    await pickByLabel(jobs.currentStepInput, 'Hello Fabric');
    await showing;
    assert.equal(jobs.runsView.runs.length, 2, 'one page of two');
    assert.ok(
      (await jobs.runsView.getChildren()).some((n) => n.kind === 'moreRuns'),
      'Load more… is offered',
    );
    await vscode.commands.executeCommand('fabricWorkbench.loadMoreRuns');
    // Runs that started meanwhile push older ones onto the next page: at least one new one shows.
    assert.ok(jobs.runsView.runs.length > 2, 'the second page added');
  });

  it('[fabricWorkbench.disableSchedule @ view/item/context] disables the schedule: no run after its next due time has passed', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.disableSchedule', await onlySchedule());
    const [remote] = await client.listSchedules(workspaceId, helloId, 'RunNotebook');
    assert.equal(remote?.enabled, false);
    const node = await onlySchedule();
    assert.equal(explorer.tree.getTreeItem(node).contextValue, 'fabricWorkbench.schedule.disabled');
    assert.equal(explorer.tree.getTreeItem(node).description, 'disabled');

    const count = (await scheduledRuns()).length;
    const disabledAt = emulator.scheduleClock.now();
    await waitFor(() => emulator.scheduleClock.now() > disabledAt + 2 * MINUTE, "two minutes pass on the emulator's clock");
    assert.equal((await scheduledRuns()).length, count, 'no Scheduled run since');
  });

  it('[fabricWorkbench.enableSchedule @ view/item/context] enables it again', async () => {
    await vscode.commands.executeCommand('fabricWorkbench.enableSchedule', await onlySchedule());
    const [remote] = await client.listSchedules(workspaceId, helloId, 'RunNotebook');
    assert.equal(remote?.enabled, true);
    assert.equal(explorer.tree.getTreeItem(await onlySchedule()).contextValue, 'fabricWorkbench.schedule.enabled');
  });

  it('[fabricWorkbench.editSchedule @ view/item/context] makes it a daily schedule in another zone', async () => {
    const { schedule } = await onlySchedule();
    prompter.answer(
      { pick: 'Daily' },
      { input: '06:00' },
      { pick: 'W. Europe Standard Time' },
      { input: schedule.configuration.startDateTime },
      { input: schedule.configuration.endDateTime },
    );
    await vscode.commands.executeCommand('fabricWorkbench.editSchedule', await onlySchedule());
    assert.deepEqual(failures, []);
    const [remote] = await client.listSchedules(workspaceId, helloId, 'RunNotebook');
    assert.equal(remote?.id, schedule.id);
    assert.equal(remote?.configuration.type, 'Daily');
    assert.deepEqual(remote?.configuration.times, ['06:00']);
    assert.equal(label(await onlySchedule()), 'Every day at 06:00, W. Europe Standard Time');
  });

  it('[fabricWorkbench.deleteSchedule @ view/item/context] deletes it after asking; Cancel keeps it', async () => {
    prompter.answer({ confirm: undefined });
    await vscode.commands.executeCommand('fabricWorkbench.deleteSchedule', await onlySchedule());
    assert.equal((await client.listSchedules(workspaceId, helloId, 'RunNotebook')).length, 1, 'kept');
    prompter.answer({ confirm: 'Delete' });
    await vscode.commands.executeCommand('fabricWorkbench.deleteSchedule', await onlySchedule());
    assert.match(String(prompter.asked.at(-1)?.message), /Every day at 06:00, W\. Europe Standard Time.*Hello Fabric/);
    assert.equal((await client.listSchedules(workspaceId, helloId, 'RunNotebook')).length, 0);
    assert.deepEqual((await scheduleNodes()).map(label), ['No schedules']);
  });

  /** The Jobs view's jobs after a refresh (which reads the items' history again). */
  async function jobsViewIds(): Promise<string[]> {
    await vscode.commands.executeCommand('fabricWorkbench.refreshJobs');
    return jobs.jobsView.jobs.map((j) => j.id);
  }

  /** Pin / Unpin as the Workspaces view's context menu offers them on Hello Fabric now: package.json's `when`, on the node's contextValue. */
  async function pinCommandsOffered(): Promise<string[]> {
    const contextValue = explorer.tree.getTreeItem(await helloNode()).contextValue!;
    const menu = vscode.extensions.getExtension('fabric-workbench.fabric-workbench')!.packageJSON.contributes.menus['view/item/context'] as {
      command: string;
      when: string;
    }[];
    return menu
      .filter((e) => e.command === 'fabricWorkbench.pinToJobs' || e.command === 'fabricWorkbench.unpinFromJobs')
      .filter((e) => new RegExp(/viewItem =~ \/(.*)\/$/.exec(e.when)![1]!).test(contextValue))
      .map((e) => e.command.replace('fabricWorkbench.', ''));
  }

  /** Runs `command` and waits until the Workspaces view redraws, as VS Code would to ask for the nodes' menus again. */
  async function redrawnAfter(command: () => Thenable<unknown>): Promise<void> {
    let redrawn = false;
    const listening = explorer.tree.onDidChangeTreeData(() => (redrawn = true));
    try {
      await command();
      await waitFor(() => redrawn, 'the Workspaces view redraws');
    } finally {
      listening.dispose();
    }
  }

  it('[fabricWorkbench.pinToJobs @ view/item/context] lists in the Jobs view a run of pinned Hello Fabric started elsewhere, unless fabricWorkbench.jobs.showPinnedItemRuns is off', async () => {
    const { jobInstanceId } = await client.runItemJob(workspaceId, helloId, 'RunNotebook');
    assert.ok(!(await jobsViewIds()).includes(jobInstanceId), 'not listed before the pin');
    assert.deepEqual(await pinCommandsOffered(), ['pinToJobs']);
    const node = await helloNode();
    await redrawnAfter(() => vscode.commands.executeCommand('fabricWorkbench.pinToJobs', node));
    assert.deepEqual(failures, []);
    assert.deepEqual(await pinCommandsOffered(), ['unpinFromJobs'], 'once pinned, the menu offers Unpin and not Pin');
    const listed = jobs.jobsView.find(jobInstanceId);
    assert.equal(listed?.itemName, 'Hello Fabric');
    assert.equal(listed?.workspaceName, 'Sample workspace');

    const config = vscode.workspace.getConfiguration('fabricWorkbench');
    await config.update('jobs.showPinnedItemRuns', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => !jobs.jobsView.find(jobInstanceId), 'the setting turned off hides the pinned run');
    } finally {
      await config.update('jobs.showPinnedItemRuns', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => jobs.jobsView.find(jobInstanceId), 'the setting back on lists it again');
  });

  it('[fabricWorkbench.unpinFromJobs @ view/item/context] drops the run started elsewhere; unpinning again says it is not pinned', async () => {
    const [listed] = jobs.jobsView.jobs.filter((j) => j.itemId === helloId);
    assert.ok(listed, 'a run of Hello Fabric is listed while pinned');
    const node = await helloNode();
    await redrawnAfter(() => vscode.commands.executeCommand('fabricWorkbench.unpinFromJobs', node));
    assert.deepEqual(failures, []);
    assert.deepEqual(await pinCommandsOffered(), ['pinToJobs'], 'once unpinned, the menu offers Pin and not Unpin');
    assert.ok(!(await jobsViewIds()).includes(listed.id), 'gone after the unpin');
    await vscode.commands.executeCommand('fabricWorkbench.unpinFromJobs', await helloNode());
    assert.deepEqual(failures, ['fabricWorkbench.unpinFromJobs: Hello Fabric is not pinned to the Jobs view.']);
  });

  it('[fabricWorkbench.pinToJobs @ commandPalette] [fabricWorkbench.unpinFromJobs @ commandPalette] pin and unpin the item picked', async () => {
    const { jobInstanceId } = await client.runItemJob(workspaceId, helloId, 'RunNotebook');
    const pinning = vscode.commands.executeCommand('fabricWorkbench.pinToJobs');
    await pickByLabel(jobs.currentStepInput, 'Sample workspace');
    await pickByLabel(jobs.currentStepInput, 'Hello Fabric');
    await pinning;
    assert.ok(jobs.jobsView.find(jobInstanceId), 'pinned: its run started elsewhere is listed');
    const unpinning = vscode.commands.executeCommand('fabricWorkbench.unpinFromJobs');
    await pickByLabel(jobs.currentStepInput, 'Sample workspace');
    await pickByLabel(jobs.currentStepInput, 'Hello Fabric');
    await unpinning;
    assert.deepEqual(failures, []);
    assert.ok(!(await jobsViewIds()).includes(jobInstanceId), 'unpinned: no longer listed');
  });
});
