// The smallest definitions Fabric accepts for new items of the kinds this extension authors, so a
// folder created in the explorer is an item users can open and run straight away.
import { randomUUID } from 'node:crypto';
import { textFile, type DefinitionFile } from '../definition/definitionFiles';
import { NOTEBOOK_PY, writeNotebookPy } from '../definition/notebookPy';
import { PIPELINE_CONTENT } from '../definition/pipelineParameters';

export function minimalNotebookFiles(): DefinitionFile[] {
  return [textFile(NOTEBOOK_PY, minimalNotebookPy())];
}

/** One empty PySpark code cell. */
function minimalNotebookPy(): string {
  const language = { language: 'python', language_group: 'synapse_pyspark' };
  return writeNotebookPy({
    metadata: { kernel_info: { name: 'synapse_pyspark' }, dependencies: {} },
    cells: [{ kind: 'code', source: '', isParameters: false, metadata: language }],
  });
}

export function minimalPipelineFiles(): DefinitionFile[] {
  return [textFile(PIPELINE_CONTENT, JSON.stringify({ properties: { activities: [] } }, null, 2))];
}

export function minimalDataflowFiles(displayName: string): DefinitionFile[] {
  return [textFile('queryMetadata.json', minimalQueryMetadata(displayName)), textFile('mashup.pq', MINIMAL_MASHUP)];
}

/** SparkJobDefinitionV1.json with every field unset: the portal's new item (../shared/fabric-api.md). */
export function minimalSparkJobDefinitionFiles(): DefinitionFile[] {
  const fields = {
    executableFile: null,
    defaultLakehouseArtifactId: null,
    mainClass: null,
    additionalLakehouseIds: [],
    retryPolicy: null,
    commandLineArguments: null,
    additionalLibraryUris: [],
    language: null,
    environmentArtifactId: null,
  };
  return [textFile(SPARK_JOB_DEFINITION_V1, JSON.stringify(fields, null, 2))];
}

export const SPARK_JOB_DEFINITION_V1 = 'SparkJobDefinitionV1.json';

const MINIMAL_MASHUP = 'section Section1;\nshared Query = let\n  Source = #table({"Value"}, {{1}})\nin\n  Source;\n';

function minimalQueryMetadata(displayName: string): string {
  return JSON.stringify(
    {
      formatVersion: '202502',
      computeEngineSettings: {},
      name: displayName,
      queryGroups: [],
      documentLocale: 'en-US',
      queriesMetadata: { Query: { queryId: randomUUID(), queryName: 'Query' } },
      connections: [],
    },
    null,
    2,
  );
}
