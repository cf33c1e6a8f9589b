// The smallest definition Fabric accepts for a new item of the types this extension authors, so a
// folder created in the explorer is an item users can open and run straight away.
import { randomUUID } from 'node:crypto';
import type { ItemDefinition } from '../types';
import { encodeDefinition, textFile, type DefinitionFile } from './definitionFiles';
import { NOTEBOOK_PY, writeNotebookPy } from './notebookPy';
import { PIPELINE_CONTENT } from './pipelineParameters';
import { PLATFORM_FILE, writePlatformFile } from './platformFile';

/** A definition for a new `type` item, or undefined for types created without one. */
export function minimalDefinition(type: string, displayName: string): ItemDefinition | undefined {
  const files = minimalFiles(type.toLowerCase(), displayName);
  if (!files) return undefined;
  return encodeDefinition([...files, textFile(PLATFORM_FILE, writePlatformFile({ type, displayName }))]);
}

function minimalFiles(type: string, displayName: string): DefinitionFile[] | undefined {
  switch (type) {
    case 'notebook':
      return [textFile(NOTEBOOK_PY, minimalNotebookPy())];
    case 'datapipeline':
      return [textFile(PIPELINE_CONTENT, JSON.stringify({ properties: { activities: [] } }, null, 2))];
    case 'dataflow':
      return [textFile('queryMetadata.json', minimalQueryMetadata(displayName)), textFile('mashup.pq', MINIMAL_MASHUP)];
    default:
      return undefined;
  }
}

/** One empty PySpark code cell. */
export function minimalNotebookPy(): string {
  const language = { language: 'python', language_group: 'synapse_pyspark' };
  return writeNotebookPy({
    metadata: { kernel_info: { name: 'synapse_pyspark' }, dependencies: {} },
    cells: [{ kind: 'code', source: '', isParameters: false, metadata: language }],
  });
}

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
