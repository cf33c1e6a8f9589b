// An emulator with its sample workspace (the notebook Hello Fabric) plus a pipeline "Load orders"
// to edit, and a client of the test's own: what the agents' tests, unit and vscode tier, call the
// tools against.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../../src/emulator';
import { encodeDefinition, FabricClient, StaticTokenProvider } from '../../../src/fabric';
import type { Item } from '../../../src/fabric/types';

export const SAMPLE_WORKSPACE = 'Sample workspace';
export const PIPELINE_CONTENT = '{"properties":{"activities":[]}}';

export interface SampleFixture {
  emulator: Awaited<ReturnType<typeof startEmulator>>;
  client: FabricClient;
  workspaceId: string;
  pipeline: Item;
  close(): Promise<void>;
}

export async function startSampleFixture(): Promise<SampleFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-agents-'));
  const emulator = await startEmulator({ port: 0, dataDir, sample: true, tokenDir: false });
  const client = new FabricClient({ baseUrl: emulator.baseUrl, tokenProvider: new StaticTokenProvider(emulator.token), userAgent: 'agents-tests' });
  let workspaceId = '';
  for await (const w of client.listWorkspaces()) if (w.displayName === SAMPLE_WORKSPACE) workspaceId = w.id;
  const pipeline = await client.createItem(workspaceId, {
    displayName: 'Load orders',
    type: 'DataPipeline',
    definition: encodeDefinition([{ path: 'pipeline-content.json', content: new TextEncoder().encode(PIPELINE_CONTENT) }]),
  });
  return {
    emulator,
    client,
    workspaceId,
    pipeline,
    async close() {
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
