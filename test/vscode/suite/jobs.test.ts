// Running items and watching their jobs inside a real extension host, against an emulator of this
// suite's own: the wizard through the real quick input, the monitor's output and notifications'
// content, the Jobs view, cancel, pipeline activity runs, a failing dataflow publish and a reload;
// notifications (grouped ends, Publish Dataflow) clicked in the page; Sign Out and coming back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { encodeDefinition, writeNotebookPy } from '../../../src/fabric/definition';
import type { Item } from '../../../src/fabric/types';
import { isRunning, type TrackedJob } from '../../../src/jobs/TrackedJob';
import type { ConnectionManager } from '../../../src/vscode/connection/ConnectionManager';
import { JobMonitor, OUTPUT_LINES_KEPT } from '../../../src/vscode/jobs/JobMonitor';
import type { JobsNode } from '../../../src/vscode/jobs/JobsTreeDataProvider';
import type { JobsTestApi } from '../../../src/vscode/jobs/registerJobs';
import { enterText, pickByLabel, waitFor } from './support/wait';
import { ui } from './ui';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const bytes = (s: string) => Buffer.from(s, 'utf8');

function notebookPy(cells: { source: string; isParameters?: boolean }[]): Uint8Array {
  return bytes(
    writeNotebookPy({
      metadata: { kernel_info: { name: 'synapse_pyspark' } },
      cells: cells.map((c) => ({ kind: 'code', source: c.source, isParameters: !!c.isParameters, metadata: { language: 'python' } })),
    }),
  );
}

describe('Jobs: run, wizard, monitor and Jobs view', function () {
  this.timeout(90_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let client: FabricClient;
  let jobs: JobsTestApi;
  let connection: ConnectionManager;
  let workspaceId: string;
  const items: Record<string, Item> = {};

  const target = (item: Item) => ({ workspaceId, workspaceName: 'Jobs suite', item });
  const ended = (job: TrackedJob) =>
    waitFor(() => jobs.monitor.tracker.get(job.id)?.noticedAt !== undefined && jobs.monitor.tracker.get(job.id), `${job.itemName} ends`, 60_000);

  /** The emulator's sample notebook "Hello Fabric", in whichever workspace the sample is. */
  const sampleHello = async (): Promise<Item | undefined> => {
    for await (const w of client.listWorkspaces())
      for await (const i of client.listItems(w.id, { type: 'Notebook' })) if (i.displayName === 'Hello Fabric') return { ...i, workspaceId: w.id };
    return undefined;
  };
  const choose = (label: string) => pickByLabel(jobs.currentStepInput, label);
  const enter = (value: string) => enterText(jobs.currentStepInput, value);

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-jobs-suite-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true });
    client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'jobs-suite' });
    workspaceId = (await client.createWorkspace({ displayName: 'Jobs suite' })).id;
    const create = async (displayName: string, type: string, files: { path: string; content: Uint8Array }[]) => {
      items[displayName] = { ...(await client.createItem(workspaceId, { displayName, type, definition: encodeDefinition(files) })), workspaceId };
    };
    await create('Doubler', 'Notebook', [
      {
        path: 'notebook-content.py',
        content: notebookPy([{ source: 'rows = 10\n', isParameters: true }, { source: 'notebookutils.notebook.exit(str(rows * 2))\n' }]),
      },
    ]);
    await create('Broken', 'Notebook', [{ path: 'notebook-content.py', content: notebookPy([{ source: 'raise ValueError("the input table is empty")\n' }]) }]);
    await create('Sleeper', 'Notebook', [{ path: 'notebook-content.py', content: notebookPy([{ source: 'import time\ntime.sleep(60)\n' }]) }]);
    await create('Waits', 'DataPipeline', [
      {
        path: 'pipeline-content.json',
        content: bytes(
          JSON.stringify({
            properties: {
              activities: [
                { name: 'First wait', type: 'Wait', dependsOn: [], typeProperties: { waitTimeInSeconds: 1 } },
                {
                  name: 'Second wait',
                  type: 'Wait',
                  dependsOn: [{ activity: 'First wait', dependencyConditions: ['Succeeded'] }],
                  typeProperties: { waitTimeInSeconds: 1 },
                },
              ],
            },
          }),
        ),
      },
    ]);
    // Runs until the test creates its gate file, then fails when asked to.
    await create('Trio', 'Notebook', [
      {
        path: 'notebook-content.py',
        content: notebookPy([
          { source: 'gate = ""\nfail = False\n', isParameters: true },
          {
            source:
              'import os, time\nwhile not os.path.exists(gate):\n    time.sleep(0.05)\nif fail:\n    raise ValueError("asked to fail")\nnotebookutils.notebook.exit("passed")\n',
          },
        ]),
      },
    ]);
    await create('Fresh flow', 'Dataflow', [
      { path: 'mashup.pq', content: bytes('section Section1;\nshared Query1 = let Source = 1 in Source;\n') },
      {
        path: 'queryMetadata.json',
        content: bytes(
          JSON.stringify({
            formatVersion: '202502',
            computeEngineSettings: {},
            name: 'Fresh flow',
            queriesMetadata: { Query1: { queryId: '00000000-0000-0000-0000-000000000001', queryName: 'Query1' } },
          }),
        ),
      },
    ]);
    await create('Bad flow', 'Dataflow', [
      { path: 'mashup.pq', content: bytes('section Section1;\nshared Query1 = let Source = in Source;\n') },
      {
        path: 'queryMetadata.json',
        content: bytes(
          JSON.stringify({
            formatVersion: '202502',
            computeEngineSettings: {},
            name: 'Bad flow',
            queriesMetadata: { Query1: { queryId: '00000000-0000-0000-0000-000000000001', queryName: 'Query1' } },
          }),
        ),
      },
    ]);

    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const api = (await extension.activate()) as { jobs: JobsTestApi; connection: ConnectionManager };
    jobs = api.jobs;
    connection = api.connection;
    await vscode.workspace.getConfiguration('fabricWorkbench.jobs').update('notifyOnSuccess', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a notebook through the wizard: a bad Integer is refused, the chosen value reaches the run', async () => {
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runNotebook', { workspaceId, item: items.Doubler });
    await choose('rows');
    await choose('Change the value');
    assert.match(String(await enter('many')), /not an Integer/);
    assert.equal(await enter('3'), undefined);
    await choose('Run');
    const job = await running;
    assert.deepEqual(job.parameters, [{ name: 'rows', type: 'Integer', value: 3 }]);
    const done = await ended(job);
    assert.equal(done.status, 'Completed');
    assert.equal(done.exitValue, '6', 'the notebook ran with rows = 3');
    assert.ok(
      jobs.monitor.outputLines.some((l) => l.includes(job.id) && l.includes('Exit value: "6"')),
      jobs.monitor.outputLines.join('\n'),
    );
    const nodes = await jobs.jobsView.getChildren();
    const node = nodes.find((n): n is Extract<JobsNode, { kind: 'job' }> => n.kind === 'job' && n.job.id === job.id);
    assert.ok(node, 'the job is in the Jobs view');
    assert.equal((jobs.jobsView.getTreeItem(node).iconPath as vscode.ThemeIcon).id, 'pass');
  });

  it('lists the parameters the sample notebook "Hello Fabric" declares', async () => {
    const sample = await sampleHello();
    assert.ok(sample, 'the emulator\'s sample has the notebook "Hello Fabric"');
    const running = vscode.commands.executeCommand('fabricWorkbench.runNotebook', { workspaceId: sample.workspaceId, item: sample });
    const hub = await waitFor(() => {
      const input = jobs.currentStepInput();
      return input && 'items' in input && input.items.some((i) => i.label.includes('Add a parameter')) ? input : undefined;
    }, "the wizard's hub");
    assert.equal(hub.step, 1);
    assert.ok(
      hub.items.some((i) => i.label.includes('$(symbol-parameter)') && /\(default\)/.test(i.description ?? '')),
      hub.items.map((i) => `${i.label} ${i.description}`).join('\n'),
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await running, undefined, 'closing the wizard cancels silently');
  });

  it("shows a failing notebook's reason in the output and the job details", async () => {
    const job = await jobs.monitor.submit(client, target(items.Broken!), { kind: 'notebook', parameters: [] });
    const done = await ended(job);
    assert.equal(done.status, 'Failed');
    assert.ok(done.failureReason?.message.includes('the input table is empty'), JSON.stringify(done.failureReason));
    assert.ok(jobs.monitor.outputLines.some((l) => l.includes(job.id) && l.includes('Failed') && l.includes('the input table is empty')));
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('fabricWorkbench.showJob', job.id);
    assert.match(document.getText(), /## Failure reason[\s\S]*the input table is empty/);
  });

  it("opens a run's driver log link: the emulator's page shows what the run printed, and a tampered link opens nothing", async () => {
    const hello = await sampleHello();
    assert.ok(hello, 'the emulator\'s sample has the notebook "Hello Fabric"');
    const parameters = [
      { name: 'name', type: 'Text' as const, value: 'Monitor' },
      { name: 'seconds', type: 'Integer' as const, value: 0 },
    ];
    const job = await jobs.monitor.submit(client, { workspaceId: hello.workspaceId, item: hello }, { kind: 'notebook', parameters });
    assert.equal((await ended(job)).status, 'Completed');
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('fabricWorkbench.showJob', job.id);
    const link = await waitFor(() => /\[Driver log\]\((http[^)]+)\)/.exec(document.getText())?.[1], 'the details show the driver log link');
    assert.match(document.getText(), /\[Spark UI\]\(http/);
    assert.equal(/Fabric portal/.test(document.getText()), false, 'the local emulator has no portal');
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.ok((await page.text()).includes('Hello, Monitor! Hello, Monitor!'), 'the page shows what the cell printed');
    const tampered = await fetch(link.replace(/sig=./, (m) => (m.endsWith('A') ? 'sig=B' : 'sig=A')));
    assert.equal(tampered.status, 404);
  });

  it('cancels a running job from the Jobs view command', async () => {
    const job = await jobs.monitor.submit(client, target(items.Sleeper!), { kind: 'notebook', parameters: [] });
    await waitFor(() => jobs.monitor.tracker.get(job.id)?.status === 'InProgress', 'the notebook runs');
    assert.match(jobs.statusBar.text, /\$\(sync~spin\) Fabric: \d+ running/);
    await vscode.commands.executeCommand('fabricWorkbench.cancelJob', job.id);
    assert.equal((await ended(job)).status, 'Cancelled');
  });

  it('expands a pipeline run into its activity runs', async () => {
    const job = await jobs.monitor.submit(client, target(items.Waits!), { kind: 'pipeline', parameters: [] });
    assert.equal((await ended(job)).status, 'Completed');
    const children = await jobs.jobsView.getChildren({ kind: 'job', job });
    const names = children.filter((c) => c.kind === 'activity').map((c) => (c as Extract<JobsNode, { kind: 'activity' }>).run.activityName);
    assert.deepEqual(names.sort(), ['First wait', 'Second wait']);
  });

  it('reports a dataflow publish that fails on a syntax error', async () => {
    const job = await jobs.monitor.submit(client, target(items['Bad flow']!), { kind: 'dataflowPublish', parameters: [] });
    const done = await ended(job);
    assert.equal(done.status, 'Failed');
    assert.ok(done.failureReason?.errorCode, 'the reason carries an error code');
    assert.ok(jobs.monitor.outputLines.some((l) => l.includes(job.id) && l.includes(done.failureReason!.errorCode)));
  });

  it('resumes a running job in a monitor recreated from the persisted state (a reload)', async () => {
    const job = await jobs.monitor.submit(client, target(items.Doubler!), { kind: 'notebook', parameters: [{ name: 'rows', type: 'Integer', value: 21 }] });
    const persisted = jobs.monitor.jobs.filter((j) => j.id === job.id).map((j) => ({ ...j, status: 'InProgress' as const }));
    const state = new Map<string, unknown>([['fabricWorkbench.jobs.tracked', persisted]]);
    const memento: vscode.Memento = {
      keys: () => [...state.keys()],
      get: <T>(key: string, fallback?: T) => (state.has(key) ? (state.get(key) as T) : fallback) as T,
      update: async (key: string, value: unknown) => {
        state.set(key, value);
      },
    };
    const log = vscode.window.createOutputChannel('Fabric Jobs suite log', { log: true });
    const reloaded = new JobMonitor(memento, connection, log);
    try {
      assert.equal(reloaded.tracker.running.length, 1, 'the reloaded monitor follows the running job');
      const done = await waitFor(() => reloaded.tracker.get(job.id)?.noticedAt !== undefined && reloaded.tracker.get(job.id), 'the resumed job ends', 60_000);
      assert.equal(done.exitValue, '42');
      assert.equal((state.get('fabricWorkbench.jobs.tracked') as TrackedJob[])[0]!.status, 'Completed');
    } finally {
      reloaded.dispose();
      log.dispose();
    }
  });

  it('keeps a job of another connection waiting, never asks the other service about it, and finishes it back on its own', async () => {
    // A notebook on this suite's emulator (A) that runs until the test releases it.
    const gate = path.join(dataDir, 'release-the-gate');
    const gateItem = await client.createItem(workspaceId, {
      displayName: 'Gate',
      type: 'Notebook',
      definition: encodeDefinition([
        {
          path: 'notebook-content.py',
          content: notebookPy([
            { source: `import os, time\nwhile not os.path.exists(${JSON.stringify(gate)}):\n    time.sleep(0.05)\nnotebookutils.notebook.exit("released")\n` },
          ]),
        },
      ]),
    });
    const job = await jobs.monitor.submit(client, target({ ...gateItem, workspaceId }), { kind: 'notebook', parameters: [] });
    await waitFor(() => jobs.monitor.tracker.get(job.id)?.status === 'InProgress', 'the gate notebook runs on A');

    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-jobs-other-'));
    const other = await startEmulator({ port: 0, dataDir: otherDir, sample: false });
    try {
      const otherClient = new FabricClient({ baseUrl: other.baseUrl, tokenProvider: new StaticTokenProvider(other.token), userAgent: 'jobs-suite' });
      const otherWorkspace = await otherClient.createWorkspace({ displayName: 'Other' });
      const longWait = await otherClient.createItem(otherWorkspace.id, {
        displayName: 'Long wait',
        type: 'DataPipeline',
        definition: encodeDefinition([
          {
            path: 'pipeline-content.json',
            content: bytes(
              JSON.stringify({
                properties: { activities: [{ name: 'Wait', type: 'Wait', dependsOn: [], typeProperties: { waitTimeInSeconds: 600 } }] },
              }),
            ),
          },
        ]),
      });

      await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: other.baseUrl, token: other.token });
      assert.ok(jobs.monitor.tracker.waitsForConnection(jobs.monitor.tracker.get(job.id)!), "A's job waits for A");
      assert.ok(!jobs.jobsView.jobs.some((j) => j.id === job.id), "B's Jobs view does not list A's job");

      // While B is current, the monitor polls B's own job several times: A's job must stay out of it.
      const otherJob = await jobs.monitor.submit(
        otherClient,
        { workspaceId: otherWorkspace.id, workspaceName: 'Other', item: { ...longWait, workspaceId: otherWorkspace.id } },
        { kind: 'pipeline', parameters: [] },
      );
      const pipelinePolls = () =>
        Object.entries(other.stats.byRoute)
          .filter(([route]) => /^GET .*\/items\/\{id\}\/jobs\/instances\/\{id\}$/.test(route))
          .reduce((n, [, count]) => n + count, 0);
      await waitFor(() => pipelinePolls() >= 4, "B's job is polled four times", 60_000);
      assert.deepEqual(
        Object.keys(other.stats.byRoute).filter((route) => route.includes('/notebooks/')),
        [],
        "nothing asks B about A's notebook job",
      );
      const waiting = jobs.monitor.tracker.get(job.id)!;
      assert.equal(waiting.status, 'InProgress');
      assert.ok(!waiting.lost, "A's job is not given up");
      assert.deepEqual(
        jobs.monitor.outputLines.filter((l) => l.includes(job.id) && !l.includes('Submitted') && !l.includes('→')),
        [],
        "nothing announces A's job ended",
      );

      await vscode.commands.executeCommand('fabricWorkbench.cancelJob', otherJob.id);
      assert.equal((await ended(otherJob)).status, 'Cancelled');

      fs.writeFileSync(gate, '');
    } finally {
      await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
      await other.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
    const done = await ended(job);
    assert.equal(done.status, 'Completed');
    assert.equal(done.exitValue, 'released');
  });

  /** Runs of Trio that wait for `gate`, the ones in `failing` failing once it opens, all running. */
  async function trioRuns(gate: string, failing: boolean[]): Promise<TrackedJob[]> {
    const started = await Promise.all(
      failing.map((fail) =>
        jobs.monitor.submit(client, target(items.Trio!), {
          kind: 'notebook',
          parameters: [
            { name: 'gate', type: 'Text', value: gate },
            { name: 'fail', type: 'Boolean', value: fail },
          ],
        }),
      ),
    );
    await waitFor(() => started.every((j) => jobs.monitor.tracker.get(j.id)?.status === 'InProgress'), 'the runs wait at the gate');
    return started;
  }

  const endedInFabric = (job: TrackedJob) =>
    waitFor(
      async () => {
        const instance = await client.getJobInstance(workspaceId, job.itemId, job.id);
        return ['Completed', 'Failed', 'Cancelled'].includes(instance.status) && instance;
      },
      `${job.itemName} ends in Fabric`,
      60_000,
    );

  it("after Sign Out shows none of the connection's jobs; back on it, a job that ended meanwhile never shows as running", async () => {
    const gate = path.join(dataDir, 'gate-sign-out');
    const [job] = await trioRuns(gate, [false]);
    const node = { kind: 'job' as const, job: job! };
    await waitFor(() => /running/.test(jobs.statusBar.text), 'the status bar counts it');
    await vscode.commands.executeCommand('fabricWorkbench.signOut');
    try {
      assert.deepEqual(await jobs.jobsView.getChildren(), [], 'the Jobs view lists nothing while signed out');
      assert.equal(jobs.statusBar.text, '', 'the status bar shows no job');
      fs.writeFileSync(gate, '');
      assert.equal((await endedInFabric(job!)).status, 'Completed');
      const tracked = jobs.monitor.tracker.get(job!.id)!;
      assert.equal(tracked.status, 'InProgress', 'not followed while signed out');
      assert.ok(!tracked.lost, 'and not given up');
    } finally {
      await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
    }
    // Back on the connection, the saved "InProgress" is stale: it must not show as running before it is read again.
    const item = jobs.jobsView.getTreeItem(node);
    assert.notEqual(item.contextValue, 'fabricWorkbench.job.running', String(item.description));
    const others = jobs.monitor.jobs.filter((j) => j.id !== job!.id && isRunning(j) && !jobs.monitor.isUnchecked(j)).length;
    assert.doesNotMatch(jobs.statusBar.text, new RegExp(`\\b${others + 1} running`), 'the status bar does not count it');
    await waitFor(() => jobs.monitor.tracker.get(job!.id)?.status === 'Completed', 'the end is noticed');
    assert.equal(jobs.jobsView.getTreeItem(node).contextValue, 'fabricWorkbench.job.ended');
    assert.equal((jobs.jobsView.getTreeItem(node).iconPath as vscode.ThemeIcon).id, 'pass');
  });

  it('announces jobs that end together in one notification, whose Show Jobs opens the Jobs view', async () => {
    await vscode.workspace.getConfiguration('fabricWorkbench.jobs').update('notifyOnSuccess', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    try {
      const gate = path.join(dataDir, 'gate-together');
      const trio = await trioRuns(gate, [false, true, false]);
      const before = jobs.notifier.shown.length;
      // Away from the connection while they end, so that they are noticed in one poll when it is back.
      await vscode.commands.executeCommand('fabricWorkbench.signOut');
      try {
        fs.writeFileSync(gate, '');
        for (const job of trio) await endedInFabric(job);
      } finally {
        await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
      }
      await waitFor(() => trio.every((j) => jobs.monitor.tracker.get(j.id)?.noticedAt !== undefined), 'the three ends are noticed');
      const summary = await waitFor(() => jobs.notifier.shown.slice(before).find((n) => n.message.startsWith('3 jobs finished')), 'the summary is shown');
      assert.equal(summary.message, '3 jobs finished: 2 succeeded, 1 failed');
      assert.equal(summary.severity, 'error', 'as loud as its failure');
      assert.deepEqual(summary.actions, ['Show Jobs']);
      assert.deepEqual(
        jobs.notifier.shown.slice(before).filter((n) => n.message.startsWith('Trio')),
        [],
        'no notification per job',
      );
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor(() => !jobs.jobsTreeView.visible, 'the Jobs view is hidden');
      await ui({ notificationButton: { message: '3 jobs finished', button: 'Show Jobs' } });
      await waitFor(() => jobs.jobsTreeView.visible, 'Show Jobs opens the Jobs view');
    } finally {
      await vscode.workspace.getConfiguration('fabricWorkbench.jobs').update('notifyOnSuccess', false, vscode.ConfigurationTarget.Global);
    }
  });

  it('offers Publish Dataflow when a refresh fails because the dataflow is not published, then the refresh again', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const flow = items['Fresh flow']!;
    const refresh = await jobs.monitor.submit(client, target(flow), { kind: 'dataflowRefresh', parameters: [] });
    assert.equal((await ended(refresh)).failureReason?.errorCode, 'DataflowNotPublished', 'the emulator refuses to refresh an unpublished dataflow');
    const failed = await waitFor(() => jobs.notifier.shown.find((n) => n.message.startsWith('Fresh flow Failed')), 'the failure is shown');
    assert.equal(failed.severity, 'error');
    assert.deepEqual(failed.actions, ['Show Output', 'Publish Dataflow'], 'Publish, not Run Again');
    const instances = async () => {
      const all = [];
      for await (const instance of client.listJobInstances(workspaceId, flow.id)) all.push(instance);
      return all;
    };
    await ui({ notificationButton: { message: 'Fresh flow Failed', button: 'Publish Dataflow' } });
    await waitFor(
      async () => (await instances()).some((i) => i.id !== refresh.id && i.jobType !== refresh.jobType && i.status === 'Completed'),
      'the dataflow is published',
      60_000,
    );
    const offer = await waitFor(() => jobs.notifier.shown.find((n) => n.message.startsWith('Fresh flow is published')), 'the refresh is offered again');
    assert.deepEqual(offer.actions, ['Refresh Dataflow', 'Show Output']);
    await ui({ notificationButton: { message: 'Fresh flow is published', button: 'Refresh Dataflow' } });
    await waitFor(
      async () => (await instances()).some((i) => i.id !== refresh.id && i.jobType === refresh.jobType && i.status === 'Completed'),
      'the refresh runs again and succeeds',
      60_000,
    );
  });

  it('keeps only the latest job lines of a long session in memory', async () => {
    const state = new Map<string, unknown>();
    const memento: vscode.Memento = {
      keys: () => [...state.keys()],
      get: <T>(key: string, fallback?: T) => (state.has(key) ? (state.get(key) as T) : fallback) as T,
      update: async (key: string, value: unknown) => {
        state.set(key, value);
      },
    };
    const signedOut = new vscode.EventEmitter<void>();
    const log = vscode.window.createOutputChannel('Fabric Jobs suite log', { log: true });
    const monitor = new JobMonitor(memento, { client: undefined, id: undefined, onDidChangeConnection: signedOut.event }, log);
    try {
      const submissions = OUTPUT_LINES_KEPT + 500;
      for (let n = 0; n < submissions; n++) {
        monitor.tracker.track({
          id: `job-${n}`,
          connection: 'elsewhere',
          workspaceId,
          itemId: 'item',
          itemName: 'Doubler',
          itemType: 'Notebook',
          kind: 'notebook',
          jobType: 'RunNotebook',
          parameters: [],
          status: 'NotStarted',
          submittedAt: Date.now(),
        });
      }
      assert.ok(monitor.outputLines.length <= OUTPUT_LINES_KEPT, `${monitor.outputLines.length} lines kept`);
      assert.match(monitor.outputLines.at(-1)!, new RegExp(`job-${submissions - 1} `), 'the latest line is kept');
      assert.ok(!monitor.outputLines.some((l) => l.includes('job-0 ')), 'the oldest lines are dropped');
    } finally {
      monitor.dispose();
      signedOut.dispose();
      log.dispose();
    }
  });
});
