// The sample workspace a newcomer plays with: a Python notebook with a parameters cell that ends
// with notebookutils.notebook.exit(...), a notebook that fails, a pipeline with a parameter, a Wait
// and a notebook activity, the seed's dataflow, and a lakehouse.
import { encodeDefinition, textFile, writePlatformFile } from '../fabric/definition';
import type { EmulatorContext } from './context';
import type { DataflowPublishedState } from './jobs';
import { createItem } from './routes/items';
import { createWorkspace } from './routes/workspaces';

const NOTEBOOK_METADATA = `# METADATA ********************

# META {
# META   "kernel_info": {
# META     "name": "jupyter",
# META     "jupyter_kernel_name": "python3.11"
# META   },
# META   "dependencies": {}
# META }`;

const CELL_METADATA = `# METADATA ********************

# META {
# META   "language": "python",
# META   "language_group": "jupyter_python"
# META }`;

const HELLO_NOTEBOOK = `# Fabric notebook source

${NOTEBOOK_METADATA}

# MARKDOWN ********************

# # Hello Fabric
# Run it with other parameters: the exit value changes with them.

# PARAMETERS CELL ********************

name = "Fabric"
repeat = 2
seconds = 1

${CELL_METADATA}

# CELL ********************

import time

time.sleep(seconds)  # long enough to watch it run
greeting = " ".join([f"Hello, {name}!"] * repeat)
print(greeting)

${CELL_METADATA}

# CELL ********************

notebookutils.notebook.exit(greeting)

${CELL_METADATA}
`;

const FAILING_NOTEBOOK = `# Fabric notebook source

${NOTEBOOK_METADATA}

# PARAMETERS CELL ********************

threshold = 10

${CELL_METADATA}

# CELL ********************

rows = 3
if rows < threshold:
    raise ValueError(f"Only {rows} rows arrived; expected at least {threshold}.")

${CELL_METADATA}
`;

/** One table, and one parameter query (discovered as the dataflow's parameter MinCustomerID). */
const MASHUP =
  'section Section1;\r\nshared MinCustomerID = 1 meta [IsParameterQuery = true, Type = "Number", IsParameterQueryRequired = true];\r\nshared Query = let\n Source = Table.FromRows(\n {\n {1, "Bob", "123-4567"},\n {2, "Jim", "987-6543"}\n },\n {"CustomerID", "Name", "Phone"})\nin\n Source;\r\n';

const QUERY_METADATA = {
  formatVersion: '202502',
  computeEngineSettings: {},
  name: 'Customers',
  queryGroups: [],
  documentLocale: 'en-US',
  queriesMetadata: { Query: { queryId: '7d4b2e57-6a0e-4b7f-9c83-2f0f1e6d5a11', queryName: 'Query', loadEnabled: false } },
  connections: [],
};

function pipeline(workspaceId: string, notebookId: string): object {
  return {
    properties: {
      description: 'Waits, then runs Hello Fabric with the pipeline parameter who.',
      activities: [
        {
          name: 'Wait a little',
          type: 'Wait',
          dependsOn: [],
          typeProperties: { waitTimeInSeconds: { value: '@pipeline().parameters.waitSeconds', type: 'Expression' } },
        },
        {
          name: 'Say hello',
          type: 'TridentNotebook',
          dependsOn: [{ activity: 'Wait a little', dependencyConditions: ['Succeeded'] }],
          policy: { timeout: '0.12:00:00', retry: 0, retryIntervalInSeconds: 30, secureOutput: false, secureInput: false },
          typeProperties: {
            notebookId,
            workspaceId,
            parameters: { name: { value: { value: '@pipeline().parameters.who', type: 'Expression' }, type: 'string' } },
          },
        },
      ],
      parameters: { waitSeconds: { type: 'int', defaultValue: 1 }, who: { type: 'string', defaultValue: 'pipeline' } },
    },
  };
}

/** SparkJobDefinitionV1.json (../shared/fabric-api.md): a Python main file in the lakehouse's Files. */
function sparkJobDefinition(workspaceId: string, lakehouseId: string) {
  return {
    executableFile: `abfss://${workspaceId}@onelake.dfs.fabric.microsoft.com/${lakehouseId}/Files/aggregate.py`,
    defaultLakehouseArtifactId: lakehouseId,
    mainClass: null,
    additionalLakehouseIds: [],
    retryPolicy: null,
    commandLineArguments: '--day today',
    additionalLibraryUris: [],
    language: 'Python',
    environmentArtifactId: null,
  };
}

function definition(type: string, displayName: string, files: Record<string, string>) {
  const platform = textFile('.platform', writePlatformFile({ type, displayName }));
  return encodeDefinition([...Object.entries(files).map(([path, text]) => textFile(path, text)), platform]);
}

/** Seeds the sample; returns the published versions of its dataflows, so README's first Refresh succeeds. */
export function seedSampleWorkspace(ctx: EmulatorContext): DataflowPublishedState {
  const workspace = createWorkspace(ctx, 'Sample workspace', 'Items to try Fabric Workbench with, served by the local emulator.');
  const ws = workspace.id;
  const add = (type: string, displayName: string, description: string, files?: Record<string, string>) =>
    createItem(ctx, ws, { type, displayName, description, ...(files ? { definition: definition(type, displayName, files) } : {}) });
  const hello = add('Notebook', 'Hello Fabric', 'Greets someone; the exit value is the greeting.', { 'notebook-content.py': HELLO_NOTEBOOK });
  add('Notebook', 'Failing notebook', 'Raises an error, to see how failures look.', { 'notebook-content.py': FAILING_NOTEBOOK });
  add('DataPipeline', 'Daily load', 'A Wait, then the Hello Fabric notebook.', { 'pipeline-content.json': JSON.stringify(pipeline(ws, hello.id), null, 2) });
  const customers = add('Dataflow', 'Customers', 'The dataflow of the Dataflow Gen2 API documentation.', {
    'mashup.pq': MASHUP,
    'queryMetadata.json': JSON.stringify(QUERY_METADATA, null, 2),
  });
  const sales = add('Lakehouse', 'Sales', 'A lakehouse: run table maintenance on it (the emulator keeps its definition, not its data).', {
    'lakehouse.metadata.json': JSON.stringify({ defaultSchema: 'dbo' }),
  });
  add('SparkJobDefinition', 'Nightly aggregation', 'A Spark job definition (a Python main file) with Sales as its default lakehouse.', {
    'SparkJobDefinitionV1.json': JSON.stringify(sparkJobDefinition(ws, sales.id), null, 2),
  });
  return { [customers.id]: { publishedAtUtc: new Date().toISOString(), mashup: MASHUP } };
}
