// The `.platform` part: an item's type, display name and logical id, in Fabric Git integration's
// platformProperties 2.0.0 shape (decoded example: specs/dataflow/examples/GetDataflowDefinition.json).
import { randomUUID } from 'node:crypto';
import { DefinitionError } from './DefinitionError';
import { parseJsonText } from './jsonText';
import { positionAt } from './textPosition';

export const PLATFORM_FILE = '.platform';
export const PLATFORM_SCHEMA = 'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json';

export interface PlatformProperties {
  type: string;
  displayName: string;
  description?: string;
  logicalId?: string;
}

/** What a `.platform` file says; Fabric itself omits `displayName` in some (specs/paginatedReport examples). */
export interface PlatformFile {
  type: string;
  displayName?: string;
  description?: string;
  logicalId?: string;
}

/** Reads a `.platform` file; not JSON, no `metadata.type`, or a non-string `metadata.displayName` throws. */
export function parsePlatformFile(text: string): PlatformFile {
  const json = parseJsonText(text, PLATFORM_FILE);
  const metadata = isObject(json) ? json.metadata : undefined;
  if (!isObject(metadata)) throw new DefinitionError(PLATFORM_FILE, 'Missing the "metadata" object.', 1, 1);
  if (typeof metadata.type !== 'string' || metadata.type === '') {
    throw new DefinitionError(PLATFORM_FILE, '"metadata.type" must be a non-empty string.', ...lineOfKey(text, 'metadata'));
  }
  if (metadata.displayName !== undefined && (typeof metadata.displayName !== 'string' || metadata.displayName.trim() === '')) {
    throw new DefinitionError(PLATFORM_FILE, '"metadata.displayName" must be a non-empty string.', ...lineOfKey(text, 'displayName'));
  }
  const config = isObject(json) && isObject(json.config) ? json.config : {};
  return {
    type: metadata.type,
    ...(typeof metadata.displayName === 'string' ? { displayName: metadata.displayName } : {}),
    ...(typeof metadata.description === 'string' ? { description: metadata.description } : {}),
    ...(typeof config.logicalId === 'string' ? { logicalId: config.logicalId } : {}),
  };
}

/** A `.platform` file as Fabric writes it (2-space JSON, no final newline); a new logicalId when none is given. */
export function writePlatformFile(properties: PlatformProperties): string {
  return JSON.stringify(
    {
      $schema: PLATFORM_SCHEMA,
      metadata: {
        type: properties.type,
        displayName: properties.displayName,
        ...(properties.description ? { description: properties.description } : {}),
      },
      config: { version: '2.0', logicalId: properties.logicalId ?? randomUUID() },
    },
    null,
    2,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOfKey(text: string, key: string): [number, number] {
  const { line, column } = positionAt(text, Math.max(0, text.indexOf(`"${key}"`)));
  return [line, column];
}
