// The MCP server as an MCP client meets it: `node dist/mcp.js --emulator URL` over stdio, driven by
// the SDK's own Client against an emulator started here: the tools listed with their schemas, a
// notebook run with a parameter, its job followed to the exit value; the token, given through the
// environment, never shows in an answer or on stderr.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { TOKEN_VARIABLE } from '../../../src/agents/mcpOptions';
import { TOOL_SPECS } from '../../../src/agents/toolSpecs';
import { SAMPLE_WORKSPACE, startSampleFixture, type SampleFixture } from './sampleFixture';

const root = path.resolve(__dirname, '../../..');

describe('the MCP server (dist/mcp.js over stdio)', function () {
  this.timeout(120_000);
  let fixture: SampleFixture;
  let emulator: SampleFixture['emulator'];
  let client: Client;
  let stderr = '';

  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('');
    assert.ok(!text.includes(emulator.token), 'no token in an answer');
    return { text, isError: !!result.isError };
  };

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
    fixture = await startSampleFixture();
    emulator = fixture.emulator;
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(root, 'dist/mcp.js'), '--emulator', emulator.url],
      env: { PATH: process.env.PATH ?? '', [TOKEN_VARIABLE]: emulator.token },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    client = new Client({ name: 'fabric-workbench-tests', version: '0.0.0' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
    await fixture?.close();
  });

  it('lists the Fabric tools with their input schemas, marking those that change something', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      TOOL_SPECS.map((s) => s.name),
    );
    const run = tools.find((t) => t.name === 'fabric_runItem')!;
    assert.deepEqual(run.inputSchema.required, ['workspace', 'item']);
    assert.equal(run.annotations?.readOnlyHint, false);
    assert.equal(tools.find((t) => t.name === 'fabric_listItems')!.annotations?.readOnlyHint, true);
  });

  it('runs Hello Fabric with a parameter and reads its exit value', async () => {
    const started = await call('fabric_runItem', { workspace: SAMPLE_WORKSPACE, item: 'Hello Fabric', parameters: { name: 'MCP', seconds: 0 } });
    assert.equal(started.isError, false, started.text);
    const jobId = /job ([0-9a-f-]{36})/.exec(started.text)![1];
    const job = await call('fabric_getJob', { workspace: SAMPLE_WORKSPACE, item: 'Hello Fabric', jobId, waitSeconds: 60 });
    assert.match(job.text, /Status: +Completed/);
    assert.match(job.text, /## Exit value\nHello, MCP! Hello, MCP!/);
  });

  it('answers a wrong call as a tool error saying what to fix', async () => {
    const wrong = await call('fabric_runItem', { workspace: SAMPLE_WORKSPACE, item: 'Hello Fabric', parameters: { seconds: 'soon' } });
    assert.equal(wrong.isError, true);
    assert.match(wrong.text, /seconds: .*Integer.*"Hello Fabric" declares: name \(Text, default "Fabric"\)/s);
  });

  it('writes to stderr without the token', () => {
    assert.match(stderr, /connected to the local emulator at http:\/\/127\.0\.0\.1:\d+\/v1/);
    assert.ok(!stderr.includes(emulator.token));
  });
});
