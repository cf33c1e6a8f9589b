// The Fabric tools without VS Code, against the emulator's sample workspace: names and ids, the
// save checks and the conflict check of an update, the wizard's parameter checks of a run, a job
// followed to its exit value, the confirmations, and answers that never carry the token.
import * as assert from 'node:assert/strict';
import { FabricTools } from '../../../src/agents/FabricTools';
import { directJobs } from '../../../src/agents/toolContext';
import { decodeDefinition, encodeDefinition, type FabricClient } from '../../../src/fabric';
import type { Item } from '../../../src/fabric/types';
import { PIPELINE_CONTENT, SAMPLE_WORKSPACE as WORKSPACE, startSampleFixture, type SampleFixture } from './sampleFixture';

const text = (s: string) => new TextEncoder().encode(s);

describe('FabricTools', function () {
  this.timeout(60_000);
  let fixture: SampleFixture;
  let emulator: SampleFixture['emulator'];
  let client: FabricClient;
  let tools: FabricTools;
  let workspaceId: string;
  let pipeline: Item;

  const ok = async (name: string, input: object) => {
    const answer = await tools.invoke(name, input);
    assert.equal(answer.isError, false, answer.text);
    assert.ok(!answer.text.includes(emulator.token), 'no token in an answer');
    return answer.text;
  };
  const refused = async (name: string, input: object) => {
    const answer = await tools.invoke(name, input);
    assert.equal(answer.isError, true, answer.text);
    return answer.text;
  };
  const pipelineText = async () =>
    Buffer.from(decodeDefinition(await client.getDefinition(workspaceId, pipeline.id)).find((f) => f.path === 'pipeline-content.json')!.content).toString(
      'utf8',
    );

  before(async () => {
    fixture = await startSampleFixture();
    ({ emulator, client, workspaceId, pipeline } = fixture);
    tools = new FabricTools({ client: () => client, connectionLabel: () => `the local emulator at ${emulator.baseUrl}`, ...directJobs });
  });

  after(() => fixture?.close());

  it('finds workspaces and items by name (ignoring case) or id, and names the candidates when nothing matches', async () => {
    assert.match(await ok('fabric_listWorkspaces', {}), new RegExp(`"${WORKSPACE}" \\(id ${workspaceId}\\)`));
    assert.match(
      await ok('fabric_listItems', { workspace: 'sample WORKSPACE', type: 'DataPipeline' }),
      new RegExp(`"Load orders" · DataPipeline · id ${pipeline.id}`),
    );
    assert.match(await ok('fabric_readDefinition', { workspace: workspaceId, item: pipeline.id }), /- pipeline-content\.json \(\d+ bytes\)/);
    const missing = await refused('fabric_readDefinition', { workspace: WORKSPACE, item: 'Hello' });
    assert.match(missing, /No item in workspace "Sample workspace" is named "Hello"\. Similar names: "Hello Fabric" \(Notebook, id /);
  });

  it('reads a notebook as notebook-content.py', async () => {
    assert.match(
      await ok('fabric_readDefinition', { workspace: WORKSPACE, item: 'Hello Fabric', part: 'notebook-content.py' }),
      /# PARAMETERS CELL \*+\n\nname = "Fabric"\nrepeat = 2/,
    );
  });

  it('refuses an update that a save would refuse, with the line, and saves nothing', async () => {
    const answer = await refused('fabric_updateDefinition', {
      workspace: WORKSPACE,
      item: 'Load orders',
      part: 'pipeline-content.json',
      content: '{\n  "properties": {\n',
    });
    assert.match(answer, /Nothing was saved: pipeline-content\.json has problems: line \d+, column \d+: /);
    assert.equal(await pipelineText(), PIPELINE_CONTENT);
  });

  it('refuses an update when the item changed in Fabric since it was read, then saves once read again', async () => {
    await ok('fabric_readDefinition', { workspace: WORKSPACE, item: 'Load orders', part: 'pipeline-content.json' });
    const theirs = '{"properties":{"activities":[],"description":"theirs"}}';
    await client.updateDefinition(workspaceId, pipeline.id, encodeDefinition([{ path: 'pipeline-content.json', content: text(theirs) }]));
    const mine = '{"properties":{"activities":[],"description":"mine"}}';
    const input = { workspace: WORKSPACE, item: 'Load orders', part: 'pipeline-content.json', content: mine };
    assert.match(await refused('fabric_updateDefinition', input), /changed in Fabric since you read it\. Read pipeline-content\.json again/);
    assert.equal(await pipelineText(), theirs);
    await ok('fabric_readDefinition', { workspace: WORKSPACE, item: 'Load orders', part: 'pipeline-content.json' });
    assert.match(await ok('fabric_updateDefinition', input), /^Saved pipeline-content\.json of "Load orders"/);
    assert.equal(await pipelineText(), mine);
  });

  it('checks run parameters as the wizard does and lists the declared ones', async () => {
    const answer = await refused('fabric_runItem', { workspace: WORKSPACE, item: 'Hello Fabric', parameters: { repeat: 2.5, Name: 'a', name: 'b' } });
    assert.match(answer, /The run was not started: repeat: .*Integer/);
    assert.match(answer, /name/i);
    assert.match(answer, /"Hello Fabric" declares: name \(Text, default "Fabric"\), repeat \(Integer, default 2\), seconds \(Integer, default 1\)\./);
    assert.match(
      await refused('fabric_runItem', { workspace: WORKSPACE, item: 'Load orders', parameters: { day: { when: 'today' } } }),
      /day: give a text, a number or true\/false, not object/,
    );
    assert.match(await refused('fabric_runItem', { workspace: WORKSPACE, item: 'Load orders', type: 'Lakehouse' }), /No item of type Lakehouse/);
  });

  it('runs a notebook with a parameter and follows the job to its exit value', async () => {
    const started = await ok('fabric_runItem', { workspace: WORKSPACE, item: 'Hello Fabric', parameters: { name: 'Ada', repeat: '1', seconds: 0 } });
    const jobId = /job ([0-9a-f-]{36})/.exec(started)![1];
    const job = await ok('fabric_getJob', { workspace: WORKSPACE, item: 'Hello Fabric', jobId, waitSeconds: 60 });
    assert.match(job, /Status: +Completed/);
    assert.match(job, /## Exit value\nHello, Ada!\n/);
    assert.match(await ok('fabric_listJobs', { workspace: WORKSPACE, item: 'Hello Fabric' }), new RegExp(`- ${jobId} · \\w+ · Completed · started `));
    assert.match(await ok('fabric_cancelJob', { workspace: WORKSPACE, item: 'Hello Fabric', jobId }), /already ended \(Completed\); nothing to cancel/);
  });

  it('asks before the tools that change or run something, naming the item, the parameters and the connection', async () => {
    assert.equal(await tools.confirmation('fabric_readDefinition', { workspace: WORKSPACE, item: 'Hello Fabric' }), undefined);
    const run = await tools.confirmation('fabric_runItem', { workspace: WORKSPACE, item: 'hello fabric', parameters: { name: 'Ada' } });
    assert.match(
      run!,
      new RegExp(
        `^Run "Hello Fabric" \\(Notebook, id [0-9a-f-]+\\) in workspace "${WORKSPACE}" with name="Ada", on the local emulator at ${emulator.baseUrl}\\?$`,
      ),
    );
    assert.match(
      (await tools.confirmation('fabric_updateDefinition', { workspace: WORKSPACE, item: 'Load orders', part: 'pipeline-content.json', content: '{}' }))!,
      /^Replace pipeline-content\.json of "Load orders" \(DataPipeline/,
    );
    assert.match(
      (await tools.confirmation('fabric_cancelJob', { workspace: WORKSPACE, item: 'Nope', jobId: 'x' }))!,
      /^Cancel job x of "Nope" in workspace "Sample workspace", on the local emulator/,
    );
  });

  it('answers a failure of the connection as a result, masked', async () => {
    const offline = new FabricTools({
      client: () => {
        throw new Error(`Not connected (token ${emulator.token})`);
      },
      connectionLabel: () => 'nowhere',
      ...directJobs,
    });
    const answer = await offline.invoke('fabric_listWorkspaces', {});
    assert.equal(answer.isError, true);
    assert.match(answer.text, /^Error: Not connected/);
    assert.ok(!answer.text.includes(emulator.token));
  });
});
