// An item's definition as the emulator keeps and serves it: checks on what clients send, the
// `.platform` part kept in step with the item, and the notebook formats converted on request.
import {
  DefinitionError,
  decodeDefinition,
  fileText,
  parseIpynb,
  parseNotebookPy,
  textFile,
  writeIpynb,
  writeNotebookPy,
  writePlatformFile,
  type DefinitionFile,
} from '../fabric/definition';
import { minimalDefinition } from '../fabric/itemKinds';
import type { DefinitionPart, Item, ItemDefinition } from '../fabric/types';
import { badRequest } from './apiError';
import { isRelativePath } from './relativePath';
import { normalizeDataflowParts, DataflowDefinitionError } from './jobs';
import type { StoredDefinition } from './store';

const isNotebookContent = (path: string): boolean => /^notebook-content\.(py|sql|scala|r)$/.test(path) || path.endsWith('.ipynb');

/** Checks a definition a client sent; returns what to store. Throws ApiError (400) on bad parts. */
export function acceptDefinition(type: string, definition: unknown): StoredDefinition {
  if (typeof definition !== 'object' || definition === null || !Array.isArray((definition as ItemDefinition).parts)) {
    throw badRequest('InvalidDefinitionParts', 'definition.parts is required: a list of {path, payload, payloadType}.');
  }
  const { parts, format } = definition as ItemDefinition;
  if (format !== undefined && format !== null && typeof format !== 'string') throw badRequest('InvalidDefinitionFormat', 'definition.format must be a string.');
  const paths = new Set<string>();
  for (const part of parts) {
    if (typeof part?.path !== 'string' || !part.path || typeof part.payload !== 'string') {
      throw badRequest('InvalidDefinitionParts', 'Every definition part needs a path and a payload.');
    }
    // A part is a file in the item's folder (Git, exports): a path that leaves it, or a second part at the same path, is refused.
    if (!isRelativePath(part.path)) {
      throw badRequest(
        'InvalidDefinitionParts',
        `Part path ${JSON.stringify(part.path)} must be relative to the item's folder, with / between names and no '.', '..', '.git', backslash or control character.`,
      );
    }
    if (paths.has(part.path)) throw badRequest('InvalidDefinitionParts', `Part path ${JSON.stringify(part.path)} is given more than once.`);
    paths.add(part.path);
    if (part.payloadType !== 'InlineBase64')
      throw badRequest('UnsupportedPayloadType', `Part '${part.path}' has payloadType '${String(part.payloadType)}'; only InlineBase64 is supported.`);
  }
  let files: DefinitionFile[];
  try {
    files = decodeDefinition({ parts });
  } catch (error) {
    throw badRequest('CorruptedPayload', error instanceof DefinitionError ? error.message : 'A definition part is not valid base64.');
  }
  for (const file of files) {
    if (file.path === '.platform' || file.path.endsWith('.json')) {
      try {
        JSON.parse(fileText(file));
      } catch (error) {
        throw badRequest('InvalidDefinitionParts', `Part '${file.path}' is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  const platform = files.find((f) => f.path === '.platform');
  if (platform) {
    const declared = checkPlatformFile(JSON.parse(fileText(platform))).metadata?.type;
    if (declared && declared !== type) throw badRequest('InvalidPlatformFile', `The .platform part declares type '${declared}' but the item is a ${type}.`);
  }
  if (type === 'Notebook' && !files.some((f) => isNotebookContent(f.path))) {
    throw badRequest('InvalidDefinitionParts', 'A notebook definition needs its content part: notebook-content.py or notebook-content.ipynb.');
  }
  if (type === 'Notebook') {
    for (const file of files.filter((f) => isNotebookContent(f.path))) {
      try {
        if (file.path.endsWith('.ipynb')) parseIpynb(fileText(file), file.path);
        else parseNotebookPy(fileText(file), file.path);
      } catch (error) {
        throw badRequest('InvalidDefinitionParts', (error as Error).message);
      }
    }
  }
  if (type === 'Dataflow') {
    try {
      files = normalizeDataflowParts(files);
    } catch (error) {
      if (error instanceof DataflowDefinitionError) throw badRequest('InvalidDefinitionParts', error.message);
      throw error;
    }
    return { format: format ?? undefined, parts: toParts(files) };
  }
  return { format: format ?? undefined, parts };
}

interface PlatformFile {
  metadata?: { type?: string; displayName?: string; description?: string };
  config?: { logicalId?: string };
}

/** The `.platform` part's JSON, checked: an object whose metadata and config fields have their types. */
function checkPlatformFile(json: unknown): PlatformFile {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const invalid = (why: string) => badRequest('InvalidPlatformFile', `The .platform part ${why}.`);
  if (!isObject(json)) throw invalid('must be a JSON object');
  const { metadata, config } = json;
  if (metadata !== undefined && !isObject(metadata)) throw invalid('has a metadata that is not an object');
  if (config !== undefined && !isObject(config)) throw invalid('has a config that is not an object');
  const strings = { type: metadata?.type, displayName: metadata?.displayName, description: metadata?.description, logicalId: config?.logicalId };
  for (const [name, value] of Object.entries(strings)) {
    if (value !== undefined && typeof value !== 'string') throw invalid(`has a ${name} that is not a string`);
  }
  return json as PlatformFile;
}

function toParts(files: DefinitionFile[]): DefinitionPart[] {
  return files.map((f) => ({ path: f.path, payload: Buffer.from(f.content).toString('base64'), payloadType: 'InlineBase64' }));
}

/** The `.platform` part's metadata (for updateMetadata=true). */
export function platformMetadata(definition: StoredDefinition): { displayName?: string; description?: string } | undefined {
  const platform = definition.parts.find((p) => p.path === '.platform');
  if (!platform) return undefined;
  const json = JSON.parse(Buffer.from(platform.payload, 'base64').toString('utf8')) as { metadata?: { displayName?: string; description?: string } };
  return json.metadata;
}

function logicalIdOf(definition: StoredDefinition | undefined): string | undefined {
  const platform = definition?.parts.find((p) => p.path === '.platform');
  if (!platform) return undefined;
  try {
    return (JSON.parse(Buffer.from(platform.payload, 'base64').toString('utf8')) as { config?: { logicalId?: string } }).config?.logicalId;
  } catch {
    return undefined;
  }
}

// The last definition served from each stored one (for one item name, description and format): a
// client reading an unchanged item again and again (each read an operation whose result is kept
// for RETENTION_MS) holds one copy of it, not one a read. A stored definition is never changed in
// place (an update stores a new one), so the answer served from it stays right while it is kept.
const lastServed = new WeakMap<StoredDefinition, { key: string; definition: ItemDefinition }>();

/** What getDefinition answers: the stored parts in the asked format, with a current `.platform`. Shared: never change it. */
export function serveDefinition(item: Item, stored: StoredDefinition | undefined, format: string | undefined): ItemDefinition {
  if (!stored) return buildServedDefinition(item, stored, format);
  const key = JSON.stringify([item.type, item.displayName, item.description, format ?? null]);
  const last = lastServed.get(stored);
  if (last?.key === key) return last.definition;
  const definition = buildServedDefinition(item, stored, format);
  lastServed.set(stored, { key, definition });
  return definition;
}

function buildServedDefinition(item: Item, stored: StoredDefinition | undefined, format: string | undefined): ItemDefinition {
  const base = stored ?? { parts: minimalDefinition(item.type, item.displayName)?.parts.filter((p) => p.path !== '.platform') ?? [] };
  let files = decodeDefinition({ parts: base.parts }).filter((f) => f.path !== '.platform');
  let servedFormat = base.format;
  if (item.type === 'Notebook') {
    const wantIpynb = format?.toLowerCase() === 'ipynb';
    const content = files.find((f) => isNotebookContent(f.path));
    if (content && wantIpynb !== content.path.endsWith('.ipynb')) {
      const notebook = content.path.endsWith('.ipynb') ? parseIpynb(fileText(content)) : parseNotebookPy(fileText(content));
      const converted = wantIpynb ? textFile('notebook-content.ipynb', writeIpynb(notebook)) : textFile('notebook-content.py', writeNotebookPy(notebook));
      files = files.map((f) => (f === content ? converted : f));
    }
    servedFormat = wantIpynb ? 'ipynb' : format ? 'fabricGitSource' : undefined;
  }
  // The logicalId is stable per item: the stored one, else derived from the item id.
  const logicalId = logicalIdOf(stored) ?? item.id;
  const platform = textFile('.platform', writePlatformFile({ type: item.type, displayName: item.displayName, description: item.description, logicalId }));
  const parts = toParts([...files, platform]);
  return servedFormat ? { format: servedFormat, parts } : { parts };
}
