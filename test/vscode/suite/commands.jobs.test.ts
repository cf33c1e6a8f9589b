// The run and job commands run as VS Code runs them from each menu: from the tree with the item
// node, from an editor's title with the file's URI, from the Jobs view with the job node, from the
// palette with no argument. The wizard is answered in VS Code's real quick input, picking by label.
// Each effect is checked through the emulator's REST API (job instances, activity runs). Test
// titles name the command and menu: `[<command> @ <menu>]` (see test/unit/commandCoverage.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../../src/emulator';
import { FabricClient, StaticTokenProvider } from '../../../src/fabric';
import { encodeDefinition, writeNotebookPy } from '../../../src/fabric/definition';
import type { Item, ItemJobInstance } from '../../../src/fabric/types';
import type { TrackedJob } from '../../../src/jobs/TrackedJob';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import type { ExplorerNode } from '../../../src/vscode/explorer/WorkspaceTreeDataProvider';
import type { JobsNode } from '../../../src/vscode/jobs/JobsTreeDataProvider';
import type { JobsTestApi } from '../../../src/vscode/jobs/registerJobs';
import { allChildren, findItemNode } from './support/tree';
import { enterText, pickByLabel, waitFor } from './support/wait';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const bytes = (s: string) => Buffer.from(s, 'utf8');
const TERMINAL = ['Completed', 'Failed', 'Cancelled', 'Deduped'];

describe('Commands: runs and jobs', function () {
  this.timeout(120_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let jobs: JobsTestApi;
  let workspaceId: string;
  let runFile: string;
  /** The job the named run started (who = "me"). */
  let namedRunJob: TrackedJob;
  const items: Record<string, Item> = {};
  const failures: string[] = [];

  const stepInput = () => jobs.currentStepInput();
  const uriOf = (item: Item, part: string) =>
    vscode.Uri.from({ scheme: 'fabricwb', authority: item.workspaceId, path: `/${item.displayName}.${item.type}/${part}` });

  /** The job instance as Fabric reports it once it ended. */
  async function endedInFabric(item: Item, jobId: string): Promise<ItemJobInstance> {
    return waitFor(
      async () => {
        const instance = await client.getJobInstance(item.workspaceId, item.id, jobId);
        return TERMINAL.includes(instance.status) ? (instance as ItemJobInstance) : undefined;
      },
      `job ${jobId} of ${item.displayName} ends`,
      60_000,
    );
  }

  async function treeNode(workspaceName: string, displayName: string, type: string): Promise<ExplorerNode> {
    const tree = explorer.tree;
    const ws = (await allChildren(tree)).find((n) => n.kind === 'workspace' && n.workspace.displayName === workspaceName)!;
    const node = await findItemNode(tree, ws, displayName, type);
    assert.ok(node, `the tree shows ${displayName}`);
    return node;
  }

  async function jobNode(id: string): Promise<JobsNode> {
    return waitFor(async () => (await jobs.jobsView.getChildren()).find((n) => n.kind === 'job' && n.job.id === id), `the Jobs view lists ${id}`);
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-commands-jobs-'));
    emulator = await startEmulator({ port: 0, dataDir, sample: true });
    client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'commands-jobs-suite' });
    workspaceId = (await client.createWorkspace({ displayName: 'Runs suite' })).id;
    const create = async (displayName: string, type: string, files: Record<string, string>) => {
      const definition = encodeDefinition(Object.entries(files).map(([p, content]) => ({ path: p, content: bytes(content) })));
      items[displayName] = { ...(await client.createItem(workspaceId, { displayName, type, definition })), workspaceId };
    };
    await create('Echo', 'Notebook', {
      'notebook-content.py': writeNotebookPy({
        metadata: { kernel_info: { name: 'synapse_pyspark' } },
        cells: [
          { kind: 'code', source: 'who = "nobody"\n', isParameters: true, metadata: { language: 'python' } },
          { kind: 'code', source: 'notebookutils.notebook.exit(who)\n', isParameters: false, metadata: { language: 'python' } },
        ],
      }),
    });
    await create('Sleeper', 'Notebook', {
      'notebook-content.py': writeNotebookPy({
        metadata: { kernel_info: { name: 'synapse_pyspark' } },
        cells: [{ kind: 'code', source: 'import time\ntime.sleep(60)\n', isParameters: false, metadata: { language: 'python' } }],
      }),
    });
    await create('Greets', 'DataPipeline', {
      'pipeline-content.json': JSON.stringify(
        {
          properties: {
            parameters: { who: { type: 'string', defaultValue: 'pipeline' }, times: { type: 'int', defaultValue: 1 } },
            variables: { greeting: { type: 'String' } },
            activities: [
              {
                name: 'Remember',
                type: 'SetVariable',
                dependsOn: [],
                typeProperties: { variableName: 'greeting', value: { value: '@pipeline().parameters.who', type: 'Expression' } },
              },
            ],
          },
        },
        null,
        2,
      ),
    });
    const metadata = (name: string) =>
      JSON.stringify({
        formatVersion: '202502',
        computeEngineSettings: {},
        name,
        queriesMetadata: { Query1: { queryId: '00000000-0000-0000-0000-000000000001', queryName: 'Query1' } },
      });
    await create('Good flow', 'Dataflow', {
      'mashup.pq': 'section Section1;\nshared Query1 = let Source = 1 in Source;\n',
      'queryMetadata.json': metadata('Good flow'),
    });
    await create('Broken flow', 'Dataflow', {
      'mashup.pq': 'section Section1;\nshared Query1 = let Source = in Source;\n',
      'queryMetadata.json': metadata('Broken flow'),
    });

    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { explorer: Explorer; jobs: JobsTestApi };
    explorer = api.explorer;
    jobs = api.jobs;
    explorer.onDidFailCommand((failure) => failures.push(`${failure.command}: ${failure.message}`));
    await vscode.workspace.getConfiguration('fabricWorkbench.jobs').update('notifyOnSuccess', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    assert.ok(folder, 'the test window has a local folder');
    runFile = path.join(folder.uri.fsPath, '.vscode', 'fabric-runs.json');
  });

  beforeEach(() => {
    failures.length = 0;
  });

  after(async () => {
    if (runFile) fs.rmSync(runFile, { force: true });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('[fabricWorkbench.runNotebook @ view/item/context] runs a notebook from the tree with a value set in the wizard', async () => {
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runNotebook', await treeNode('Runs suite', 'Echo', 'Notebook'));
    await pickByLabel(stepInput, 'who');
    await pickByLabel(stepInput, 'Change the value');
    assert.equal(await enterText(stepInput, 'the tree'), undefined);
    await pickByLabel(stepInput, 'Run');
    const job = await running;
    assert.equal((await endedInFabric(items.Echo!, job.id)).status, 'Completed');
    assert.equal((await client.getNotebookJobInstance(workspaceId, items.Echo!.id, job.id)).properties?.exitValue, 'the tree');
  });

  it('[fabricWorkbench.runNotebook @ editor/title] [fabricWorkbench.runNotebook @ notebook/toolbar] [fabricWorkbench.runNotebook @ commandPalette] runs the open notebook with the last values', async () => {
    const uri = uriOf(items.Echo!, 'notebook-content.py');
    const fromTitle = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runNotebook', uri, { groupId: 0 });
    await pickByLabel(stepInput, 'Run with last parameters');
    const job = await fromTitle;
    assert.equal(
      (await client.getNotebookJobInstance(workspaceId, items.Echo!.id, (await endedInFabric(items.Echo!, job.id)).id)).properties?.exitValue,
      'the tree',
    );
    const fromToolbar = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runNotebook', { notebookEditor: { notebookUri: uri }, ui: true });
    await pickByLabel(stepInput, 'Run with last parameters');
    assert.equal((await endedInFabric(items.Echo!, (await fromToolbar).id)).status, 'Completed');
    const fromPalette = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runNotebook');
    await pickByLabel(stepInput, 'Runs suite');
    await pickByLabel(stepInput, 'Echo');
    await pickByLabel(stepInput, 'Run with last parameters');
    assert.equal((await endedInFabric(items.Echo!, (await fromPalette).id)).status, 'Completed');
  });

  it('[fabricWorkbench.cancelJob @ view/item/context] [fabricWorkbench.cancelJob @ commandPalette] cancels a running job from the Jobs view and from the palette', async () => {
    for (const how of ['view', 'palette']) {
      const started = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runNotebook', { workspaceId, item: items.Sleeper });
      await pickByLabel(stepInput, how === 'view' ? 'Run' : 'Run with last parameters');
      const job = await started;
      await waitFor(async () => (await client.getJobInstance(workspaceId, items.Sleeper!.id, job.id)).status === 'InProgress', 'the notebook runs');
      if (how === 'view') {
        const node = await jobNode(job.id);
        assert.equal(jobs.jobsView.getTreeItem(node).contextValue, 'fabricWorkbench.job.running');
        await vscode.commands.executeCommand('fabricWorkbench.cancelJob', node);
      } else {
        const cancelling = vscode.commands.executeCommand('fabricWorkbench.cancelJob');
        await pickByLabel(stepInput, 'Sleeper');
        await cancelling;
      }
      assert.equal((await endedInFabric(items.Sleeper!, job.id)).status, 'Cancelled', how);
    }
    assert.deepEqual(failures, []);
  });

  it("[fabricWorkbench.showLog @ commandPalette] shows the extension's log", async () => {
    await vscode.commands.executeCommand('fabricWorkbench.showLog');
    await waitFor(
      () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'output' && /Fabric/.test(e.document.uri.toString())),
      'the log shows',
    );
  });

  it('[fabricWorkbench.runPipeline @ view/item/context] runs a pipeline with a parameter set in the wizard; the run uses it', async () => {
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runPipeline', await treeNode('Runs suite', 'Greets', 'DataPipeline'));
    const hub = await waitFor(() => {
      const input = stepInput();
      return input && 'items' in input && input.items.some((i) => i.label.endsWith(' times')) ? input : undefined;
    }, 'the wizard lists the declared parameters');
    assert.equal(hub.items.find((i) => i.label.endsWith(' times'))?.description, 'Integer = 1 (default)', 'an Integer is shown unquoted');
    assert.equal(hub.items.find((i) => i.label.endsWith(' who'))?.description, 'Text = "pipeline" (default)', 'a Text is shown quoted');
    await pickByLabel(stepInput, 'who');
    await pickByLabel(stepInput, 'Change the value');
    assert.equal(await enterText(stepInput, 'commands'), undefined);
    await pickByLabel(stepInput, 'Run');
    const job = await running;
    assert.ok(job, 'submitted');
    assert.equal((await endedInFabric(items.Greets!, job.id)).status, 'Completed');
    const now = new Date();
    const runs = await client.queryActivityRuns(workspaceId, job.id, {
      lastUpdatedAfter: new Date(now.getTime() - 3_600_000).toISOString(),
      lastUpdatedBefore: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    assert.deepEqual(
      runs.map((r) => r.output),
      [{ name: 'greeting', value: 'commands' }],
      'the pipeline ran with who = "commands"',
    );
  });

  it('[fabricWorkbench.runPipeline @ editor/title] [fabricWorkbench.runPipeline @ commandPalette] runs the open pipeline with the last values', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(items.Greets!, 'pipeline-content.json')));
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runPipeline', uriOf(items.Greets!, 'pipeline-content.json'), { groupId: 0 });
    await pickByLabel(stepInput, 'Run with last parameters');
    const job = await running;
    assert.equal((await endedInFabric(items.Greets!, job.id)).status, 'Completed');
    assert.equal(job.parameters.find((p) => p.name === 'who')?.value, 'commands');
    const fromPalette = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runPipeline');
    await pickByLabel(stepInput, 'Runs suite');
    await pickByLabel(stepInput, 'Greets');
    await pickByLabel(stepInput, 'Run with last parameters');
    const again = await fromPalette;
    assert.equal(again.itemId, items.Greets!.id);
    assert.equal((await endedInFabric(items.Greets!, again.id)).status, 'Completed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("[fabricWorkbench.refreshDataflow @ view/item/context] refreshes the emulator's sample dataflow on a fresh emulator", async () => {
    const node = await treeNode('Sample workspace', 'Customers', 'Dataflow');
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.refreshDataflow', node);
    await pickByLabel(stepInput, 'Run');
    const job = await running;
    assert.ok(job, `submitted (${failures.join('; ')})`);
    const ended = await endedInFabric((node as { item: Item }).item, job.id);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.failureReason));
  });

  it('[fabricWorkbench.publishDataflow @ view/item/context] [fabricWorkbench.refreshDataflow @ editor/title] publishes valid M, then refreshes it from its open file', async () => {
    const job = await vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.publishDataflow', await treeNode('Runs suite', 'Good flow', 'Dataflow'));
    assert.equal((await endedInFabric(items['Good flow']!, job.id)).status, 'Completed');
    const uri = uriOf(items['Good flow']!, 'mashup.pq');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const refreshing = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.refreshDataflow', uri, { groupId: 0 });
    await pickByLabel(stepInput, 'Run');
    const refreshed = await refreshing;
    assert.ok(refreshed, `submitted (${failures.join('; ')})`);
    assert.equal((await endedInFabric(items['Good flow']!, refreshed.id)).status, 'Completed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('[fabricWorkbench.publishDataflow @ commandPalette] [fabricWorkbench.refreshDataflow @ commandPalette] a broken mashup fails to publish with the line; refresh names the missing publish', async () => {
    const publishing = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.publishDataflow');
    await pickByLabel(stepInput, 'Runs suite');
    await pickByLabel(stepInput, 'Broken flow');
    const job = await publishing;
    assert.equal(job.itemId, items['Broken flow']!.id);
    const ended = await endedInFabric(items['Broken flow']!, job.id);
    assert.equal(ended.status, 'Failed');
    assert.match(String(ended.failureReason?.message), /line 2/);
    const refreshing = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.refreshDataflow');
    await pickByLabel(stepInput, 'Runs suite');
    await pickByLabel(stepInput, 'Broken flow');
    await pickByLabel(stepInput, 'Run');
    const refresh = await refreshing;
    assert.equal((await endedInFabric(items['Broken flow']!, refresh.id)).failureReason?.errorCode, 'DataflowNotPublished');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** The job ends Completed in Fabric and the Jobs view shows it so. */
  async function completedInJobsView(item: Item, job: TrackedJob): Promise<void> {
    assert.equal((await endedInFabric(item, job.id)).status, 'Completed');
    await jobNode(job.id);
    await waitFor(() => jobs.jobsView.find(job.id)?.status === 'Completed', `the Jobs view shows ${job.itemName} Completed`);
  }

  /** Runs `command` from the palette on a sample item, picked by name, with its last values. */
  async function runAgainFromPalette(command: string, itemName: string): Promise<TrackedJob> {
    const again = vscode.commands.executeCommand<TrackedJob>(command);
    await pickByLabel(stepInput, 'Sample workspace');
    await pickByLabel(stepInput, itemName);
    await pickByLabel(stepInput, 'Run with last parameters');
    return again;
  }

  async function sampleItem(displayName: string, type: string): Promise<Item> {
    const sample = (await explorer.tree.getChildren()).find((n) => n.kind === 'workspace' && n.workspace.displayName === 'Sample workspace');
    assert.ok(sample?.kind === 'workspace');
    for await (const item of client.listItems(sample.workspace.id, { type })) if (item.displayName === displayName) return item;
    throw new Error(`the sample has no ${type} ${displayName}`);
  }

  it('[fabricWorkbench.runSparkJob @ view/item/context] [fabricWorkbench.runSparkJob @ commandPalette] runs the sample Spark job definition with arguments set in the wizard, then again from the palette', async () => {
    const item = await sampleItem('Nightly aggregation', 'SparkJobDefinition');
    const running = vscode.commands.executeCommand<TrackedJob>(
      'fabricWorkbench.runSparkJob',
      await treeNode('Sample workspace', 'Nightly aggregation', 'SparkJobDefinition'),
    );
    await pickByLabel(stepInput, 'Command-line arguments');
    assert.equal(await enterText(stepInput, '--day yesterday'), undefined);
    await pickByLabel(stepInput, 'Main definition file (abfss:// path)');
    assert.match(String(await enterText(stepInput, '/tmp/main.py')), /abfss:\/\//, 'a main file that is not an abfss:// path is refused as typed');
    await enterText(stepInput, '');
    await pickByLabel(stepInput, 'Run');
    const job = await running;
    assert.ok(job, `submitted (${failures.join('; ')})`);
    assert.deepEqual([job.jobType, job.executionData], ['sparkjob', { commandLineArguments: '--day yesterday' }]);
    await completedInJobsView(item, job);

    const second = await runAgainFromPalette('fabricWorkbench.runSparkJob', 'Nightly aggregation');
    assert.deepEqual(second.executionData, { commandLineArguments: '--day yesterday' });
    await completedInJobsView(item, second);
  });

  it('[fabricWorkbench.runTableMaintenance @ view/item/context] [fabricWorkbench.runTableMaintenance @ commandPalette] runs table maintenance on the sample lakehouse; names and retention are checked as typed', async () => {
    const item = await sampleItem('Sales', 'Lakehouse');
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runTableMaintenance', await treeNode('Sample workspace', 'Sales', 'Lakehouse'));
    // Without a table the run cannot start: the hub's first entry says what to fix.
    await pickByLabel(stepInput, 'Fix the parameters to run');
    assert.match(String(await enterText(stepInput, 'daily sales')), /letters, digits and underscores/);
    assert.equal(await enterText(stepInput, 'daily_sales'), undefined);
    await pickByLabel(stepInput, 'Vacuum retention (d:hh:mm:ss)');
    assert.match(String(await enterText(stepInput, '7:24:00:00')), /hours 0–23/);
    assert.equal(await enterText(stepInput, '7:00:00:00'), undefined);
    await pickByLabel(stepInput, 'V-Order');
    await pickByLabel(stepInput, 'true');
    await pickByLabel(stepInput, 'Run');
    const job = await running;
    assert.ok(job, `submitted (${failures.join('; ')})`);
    assert.equal(job.jobType, 'TableMaintenance');
    assert.deepEqual(job.executionData, { tableName: 'daily_sales', vacuumSettings: { retentionPeriod: '7:00:00:00' }, optimizeSettings: { vOrder: true } });
    await completedInJobsView(item, job);

    await completedInJobsView(item, await runAgainFromPalette('fabricWorkbench.runTableMaintenance', 'Sales'));
  });

  it('[fabricWorkbench.refreshMaterializedLakeViews @ view/item/context] [fabricWorkbench.refreshMaterializedLakeViews @ commandPalette] refreshes the materialized lake views of the sample lakehouse', async () => {
    const item = await sampleItem('Sales', 'Lakehouse');
    const running = vscode.commands.executeCommand<TrackedJob>(
      'fabricWorkbench.refreshMaterializedLakeViews',
      await treeNode('Sample workspace', 'Sales', 'Lakehouse'),
    );
    await pickByLabel(stepInput, 'Run');
    const job = await running;
    assert.equal(job.jobType, 'RefreshMaterializedLakeViews');
    await completedInJobsView(item, job);

    await completedInJobsView(item, await runAgainFromPalette('fabricWorkbench.refreshMaterializedLakeViews', 'Sales'));
  });

  it('[fabricWorkbench.runFromFile @ commandPalette] runs a valid named run next to an invalid one, which is explained and marked in Problems; an unreadable file is refused with its line', async () => {
    fs.mkdirSync(path.dirname(runFile), { recursive: true });
    fs.writeFileSync(
      runFile,
      [
        '{',
        "  // Comments and trailing commas, as in VS Code's own JSON files.",
        '  "runs": [',
        '    { "name": "Echo for the team", "workspace": "Runs suite", "item": "Echo", "type": "Notebook", "parameters": { "who": "the team" } },',
        '    { "name": "No item", "workspace": "Runs suite" },',
        '    { "name": "Echo for me", "workspace": "Runs suite", "item": "Echo", "type": "Notebook", "parameters": { "who": "me" } },',
        '  ],',
        '}',
      ].join('\n'),
    );
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.runFromFile');
    const picker = await waitFor(() => {
      const input = stepInput();
      return input && 'items' in input && input.items.length === 3 ? input : undefined;
    }, 'the picker lists the three runs');
    const invalid = picker.items.find((i) => i.label.includes('No item'));
    assert.ok(invalid, 'the invalid run is listed');
    assert.match(`${invalid.label} ${invalid.description}`, /\$\(error\).*line 5/, 'marked as unable to run, with its line');
    assert.match(String(invalid.detail), /'item'/, 'and why');
    await pickByLabel(stepInput, 'Echo for me');
    const job = await running;
    namedRunJob = job;
    const ended = await endedInFabric(items.Echo!, job.id);
    assert.equal(ended.status, 'Completed');
    assert.equal(ended.exitValue ?? (await client.getNotebookJobInstance(workspaceId, items.Echo!.id, job.id)).properties?.exitValue, 'me');
    const problems = vscode.languages.getDiagnostics(vscode.Uri.file(runFile));
    assert.deepEqual(
      problems.map((d) => d.range.start.line + 1),
      [5],
      "one problem, on the invalid run's line",
    );
    assert.match(problems[0]!.message, /No item/);

    fs.writeFileSync(runFile, '{\n  "runs": [\n    { "name": "No comma" "item": "Echo" }\n  ]\n}\n');
    const before = await countJobs(items.Echo!);
    assert.equal(await vscode.commands.executeCommand('fabricWorkbench.runFromFile'), undefined);
    assert.equal(failures.length, 1, 'one error shown');
    assert.match(failures[0]!, /fabric-runs\.json/);
    assert.match(failures[0]!, /line 3/);
    assert.equal(await countJobs(items.Echo!), before, 'nothing ran');
    await waitFor(() => vscode.languages.getDiagnostics(vscode.Uri.file(runFile)).some((d) => d.range.start.line === 2), 'Problems shows the line');
  });

  it('[fabricWorkbench.rerunJob @ view/item/context] [fabricWorkbench.showJob @ view/item/context] [fabricWorkbench.showJob] runs a job again with the same values and shows its details', async () => {
    const job = namedRunJob;
    const node = await jobNode(job.id);
    const rerun = await vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.rerunJob', node);
    assert.notEqual(rerun.id, job.id);
    const ended = await endedInFabric(items.Echo!, rerun.id);
    assert.equal(ended.status, 'Completed');
    assert.equal((await client.getNotebookJobInstance(workspaceId, items.Echo!.id, rerun.id)).properties?.exitValue, 'me', 'the same parameters');

    const document = await vscode.commands.executeCommand<vscode.TextDocument>('fabricWorkbench.showJob', await jobNode(rerun.id));
    assert.match(document.getText(), new RegExp(rerun.id));
    assert.match(document.getText(), /Echo/);
    assert.doesNotMatch(path.basename(document.uri.path), /^[0-9a-f-]{36}\.md$/, 'the tab names the item, not the job id');
    const byId = await vscode.commands.executeCommand<vscode.TextDocument>('fabricWorkbench.showJob', rerun.id);
    assert.equal(byId.uri.toString(), document.uri.toString(), 'a click on the job shows the same details');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('[fabricWorkbench.rerunJob @ commandPalette] [fabricWorkbench.showJob @ commandPalette] pick the job by label', async () => {
    const running = vscode.commands.executeCommand<TrackedJob>('fabricWorkbench.rerunJob');
    await pickByLabel(stepInput, 'Good flow');
    const job = await running;
    assert.equal(job.itemId, items['Good flow']!.id);
    assert.equal((await endedInFabric(items['Good flow']!, job.id)).status, 'Completed');
    const showing = vscode.commands.executeCommand<vscode.TextDocument>('fabricWorkbench.showJob');
    await pickByLabel(stepInput, 'Greets');
    assert.match((await showing).getText(), /Greets/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('[fabricWorkbench.refreshJobs @ view/title] [fabricWorkbench.refreshJobs @ commandPalette] lists a job started elsewhere', async () => {
    const elsewhere = await client.runItemJob(workspaceId, items.Echo!.id, 'RunNotebook');
    await vscode.commands.executeCommand('fabricWorkbench.refreshJobs');
    assert.ok(
      jobs.jobsView.jobs.some((j) => j.id === elsewhere.jobInstanceId),
      'the job started through the API is listed',
    );
  });

  it("[fabricWorkbench.showJobsOutput @ view/title] [fabricWorkbench.showJobsOutput @ commandPalette] shows the jobs output with the runs' lines", async () => {
    await vscode.commands.executeCommand('fabricWorkbench.showJobsOutput');
    const output = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'output' && /Greets/.test(e.document.getText())),
      'the output panel shows',
    );
    assert.match(output.document.getText(), /Completed/);
  });

  async function countJobs(item: Item): Promise<number> {
    let n = 0;
    for await (const instance of client.listJobInstances(item.workspaceId, item.id)) if (instance) n++;
    return n;
  }
});
