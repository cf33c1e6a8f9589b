// Dataflows created with the older single `dataflow-content.json` part (an editing-session mashup)
// are stored the way Fabric stores them today: `mashup.pq` + `queryMetadata.json` (+ `.platform`).
import { randomUUID } from 'node:crypto';
import { textFile, type DefinitionFile } from '../../../fabric/definition';
import { readTextPart } from '../outcomes';

export const LEGACY_DATAFLOW_PART = 'dataflow-content.json';

export class DataflowDefinitionError extends Error {}

interface EditingSessionMashup {
  mashupName?: string;
  mashupDocument?: string;
  queryGroups?: unknown[];
  documentLocale?: string;
  queriesMetadata?: Record<string, unknown> | null;
  fastCombine?: boolean;
  allowNativeQueries?: boolean;
  skipAutomaticTypeAndHeaderDetection?: boolean;
}

/** The names of the `shared` queries of a section document, in order. */
function sharedQueryNames(mashup: string): string[] {
  const names: string[] = [];
  for (const match of mashup.matchAll(/(?:^|;)\s*shared\s+(#"(?:[^"]|"")*"|[A-Za-z_][\w.]*)\s*=/g)) {
    const name = match[1];
    names.push(name.startsWith('#"') ? name.slice(2, -1).replace(/""/g, '"') : name);
  }
  return names;
}

function queryMetadata(session: EditingSessionMashup, mashup: string): Record<string, unknown> {
  const queriesMetadata =
    session.queriesMetadata ??
    Object.fromEntries(sharedQueryNames(mashup).map((queryName) => [queryName, { queryId: randomUUID(), queryName, loadEnabled: true }]));
  return {
    formatVersion: '202502',
    computeEngineSettings: {},
    name: session.mashupName ?? '',
    queryGroups: session.queryGroups ?? [],
    documentLocale: session.documentLocale ?? 'en-US',
    queriesMetadata,
    fastCombine: session.fastCombine ?? false,
    allowNativeQueries: session.allowNativeQueries ?? true,
    skipAutomaticTypeAndHeaderDetection: session.skipAutomaticTypeAndHeaderDetection ?? false,
  };
}

/**
 * Replaces a legacy `dataflow-content.json` by `mashup.pq` and `queryMetadata.json`; other parts are
 * kept. When `mashup.pq` is already there, it wins and the legacy part is dropped. Throws
 * DataflowDefinitionError when the legacy part is not an editing-session mashup.
 */
export function normalizeDataflowParts(files: readonly DefinitionFile[]): DefinitionFile[] {
  const legacy = files.find((f) => f.path === LEGACY_DATAFLOW_PART);
  if (!legacy) return [...files];
  const others = files.filter((f) => f !== legacy);
  if (others.some((f) => f.path === 'mashup.pq')) return others;
  let session: EditingSessionMashup | undefined;
  try {
    session = (JSON.parse(readTextPart([legacy], LEGACY_DATAFLOW_PART) ?? '') as { editingSessionMashup?: EditingSessionMashup }).editingSessionMashup;
  } catch (error) {
    throw new DataflowDefinitionError(`${LEGACY_DATAFLOW_PART} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof session?.mashupDocument !== 'string') {
    throw new DataflowDefinitionError(`${LEGACY_DATAFLOW_PART} has no editingSessionMashup.mashupDocument.`);
  }
  const mashup = session.mashupDocument;
  const rest = others.filter((f) => f.path !== 'queryMetadata.json');
  return [textFile('mashup.pq', mashup), textFile('queryMetadata.json', JSON.stringify(queryMetadata(session, mashup), null, 2)), ...rest];
}
