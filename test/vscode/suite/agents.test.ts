// The Fabric language-model tools as an agent calls them: through vscode.lm.invokeTool, against an
// emulator of this suite's own. Called outside a chat, VS Code asks a tool's confirmation in a modal
// dialog: the suite reads it (it must name the item, the workspace, the parameters and the
// connection) and confirms, as a person would. Jobs a tool starts show in the Jobs view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decodeDefinition, type FabricClient } from '../../../src/fabric';
import type { Item } from '../../../src/fabric/types';
import type { JobsTestApi } from '../../../src/vscode/jobs/registerJobs';
import { SAMPLE_WORKSPACE as WORKSPACE, startSampleFixture, type SampleFixture } from '../../unit/agents/sampleFixture';
import { waitFor } from './support/wait';
import { ui } from './ui';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

/** Invokes a tool that asks first: returns the confirmation's text and, once confirmed, the answer. */
async function invokeConfirmed(name: string, input: object): Promise<{ asked: string; answer: string }> {
  const answer = invoke(name, input);
  const asked = (await ui({ readDialog: true, dialogButton: 'Yes' })).dialogText ?? '';
  return { asked, answer: await answer };
}

const jobIdOf = (answer: string) => /job ([0-9a-f-]{36})/.exec(answer)?.[1] ?? assert.fail(`no job id in: ${answer}`);

describe('Agents: the Fabric language-model tools', function () {
  this.timeout(120_000);
  let fixture: SampleFixture;
  let emulator: SampleFixture['emulator'];
  let client: FabricClient;
  let jobs: JobsTestApi;
  let workspaceId: string;
  let pipeline: Item;

  before(async () => {
    fixture = await startSampleFixture();
    ({ emulator, client, workspaceId, pipeline } = fixture);
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { jobs: JobsTestApi };
    jobs = api.jobs;
    await vscode.workspace.getConfiguration('fabricWorkbench.jobs').update('notifyOnSuccess', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('fabricWorkbench.useEmulator', { url: emulator.baseUrl, token: emulator.token });
  });

  after(() => fixture?.close());

  it("lists the workspaces and a workspace's items, named by name", async () => {
    const workspaces = await invoke('fabric_listWorkspaces', {});
    assert.match(workspaces, new RegExp(`"${WORKSPACE}" \\(id ${workspaceId}\\)`));
    const items = await invoke('fabric_listItems', { workspace: WORKSPACE });
    assert.match(items, /"Hello Fabric" · Notebook · id /);
    assert.match(items, /"Load orders" · DataPipeline · id /);
    assert.ok(!workspaces.includes(emulator.token) && !items.includes(emulator.token));
  });

  it('reads a notebook as notebook-content.py, and lists its parts', async () => {
    const parts = await invoke('fabric_readDefinition', { workspace: workspaceId, item: 'Hello Fabric' });
    assert.match(parts, /- notebook-content\.py \(\d+ bytes\)/);
    const text = await invoke('fabric_readDefinition', { workspace: WORKSPACE, item: 'Hello Fabric', part: 'notebook-content.py' });
    assert.match(text, /# PARAMETERS CELL \*+\n\nname = "Fabric"/);
  });

  it('updates a part after a confirmation naming the item; Fabric holds the new text', async () => {
    const before = await invoke('fabric_readDefinition', { workspace: WORKSPACE, item: 'Load orders', part: 'pipeline-content.json' });
    assert.match(before, /"activities":\[\]/);
    const content = JSON.stringify({ properties: { activities: [], parameters: { day: { type: 'String', defaultValue: 'today' } } } }, null, 2);
    const { asked, answer } = await invokeConfirmed('fabric_updateDefinition', {
      workspace: WORKSPACE,
      item: 'Load orders',
      part: 'pipeline-content.json',
      content,
    });
    assert.match(asked, /Update a Fabric item definition\?/);
    assert.match(asked, /pipeline-content\.json of "Load orders" \(DataPipeline, id [0-9a-f-]+\) in workspace "Sample workspace"/);
    assert.match(asked, /the local emulator at http:\/\/127\.0\.0\.1:\d+\/v1/);
    assert.match(answer, /^Saved pipeline-content\.json of "Load orders"/);
    const saved = decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).find((f) => f.path === 'pipeline-content.json');
    assert.deepEqual(JSON.parse(Buffer.from(saved!.content).toString('utf8')), JSON.parse(content));
  });

  it('refuses a run with a bad parameter, listing the declared ones; nothing runs', async () => {
    const { answer } = await invokeConfirmed('fabric_runItem', { workspace: WORKSPACE, item: 'Hello Fabric', parameters: { repeat: 'many' } });
    assert.match(answer, /^Error: The run was not started: repeat: .*Integer/);
    assert.match(answer, /"Hello Fabric" declares: name \(Text, default "Fabric"\), repeat \(Integer, default 2\), seconds \(Integer, default 1\)/);
    let listed = '';
    for await (const instance of client.listJobInstances(workspaceId, (await itemNamed('Hello Fabric')).id)) listed += instance.id;
    assert.equal(listed, '', 'no job was started');
  });

  it('runs Hello Fabric with a parameter after a confirmation naming them, shows it in the Jobs view, and follows it to its exit value', async () => {
    const { asked, answer } = await invokeConfirmed('fabric_runItem', { workspace: WORKSPACE, item: 'Hello Fabric', parameters: { name: 'Ada', seconds: 0 } });
    assert.match(asked, /Run "Hello Fabric" \(Notebook, id [0-9a-f-]+\) in workspace "Sample workspace" with name="Ada", seconds=0, on the local emulator/);
    assert.match(answer, /^Started RunNotebook job/);
    const jobId = jobIdOf(answer);
    const tracked = await waitFor(() => jobs.jobsView.jobs.find((j) => j.id === jobId), 'the job is in the Jobs view');
    assert.deepEqual(tracked.parameters, [
      { name: 'name', type: 'Text', value: 'Ada' },
      { name: 'seconds', type: 'Integer', value: 0 },
    ]);
    const job = await invoke('fabric_getJob', { workspace: WORKSPACE, item: 'Hello Fabric', jobId, waitSeconds: 60 });
    assert.match(job, /Status: +Completed/);
    await waitFor(() => /Hello Fabric Completed/.test(jobs.statusBar.text), "the status bar shows the job's end");
    assert.match(job, /## Exit value\nHello, Ada! Hello, Ada!/);
    assert.match(await invoke('fabric_listJobs', { workspace: WORKSPACE, item: 'Hello Fabric' }), new RegExp(`- ${jobId} · \\w+ · Completed · started `));
  });

  it('cancels a running job after a confirmation naming the job and the item', async () => {
    const { answer } = await invokeConfirmed('fabric_runItem', { workspace: WORKSPACE, item: 'Hello Fabric', parameters: { seconds: 60 } });
    const jobId = jobIdOf(answer);
    const cancel = await invokeConfirmed('fabric_cancelJob', { workspace: WORKSPACE, item: 'Hello Fabric', jobId });
    assert.match(
      cancel.asked,
      new RegExp(`Cancel job ${jobId} of "Hello Fabric" \\(Notebook, id [0-9a-f-]+\\) in workspace "Sample workspace", on the local emulator`),
    );
    assert.match(cancel.answer, /^Cancel requested for job/);
    const job = await invoke('fabric_getJob', { workspace: WORKSPACE, item: 'Hello Fabric', jobId, waitSeconds: 60 });
    assert.match(job, /Status: +Cancelled/);
    await waitFor(() => jobs.jobsView.jobs.find((j) => j.id === jobId && j.status === 'Cancelled'), 'the Jobs view shows it cancelled');
  });

  async function itemNamed(name: string): Promise<Item> {
    for await (const item of client.listItems(workspaceId)) if (item.displayName === name) return item;
    return assert.fail(`no item ${name}`);
  }
});
